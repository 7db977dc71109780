import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkUri } from "../../inputs.ts";
import { disputeStepReport } from "../../payouts.ts";

export default defineCommand({
  path: ["job", "dispute"],
  summary: "buyer: dispute a delivery within the review window, paying the arbitrator's fee",
  args: "<jobId>",
  options: { statement: { type: "string", value: "URI", description: "your statement: what is wrong with the delivery", required: true } },
  details: "The fee is the job's price × the arbitrator's fee in the terms the job named; an ERC-20 fee is approved first.",
  examples: ["tender job dispute 12 --statement ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/statement.json --account buyer"],
  run: (parsed, globals) => {
    const statementURI = checkUri("--statement", str(parsed, "statement")!);
    let fee = 0n;
    return jobTransaction(parsed, globals, "Disputing", async (ctx, t, job, jobId) => {
      fee = await ctx.read.disputeFee({ jobId });
      return t.dispute({ jobId, statementURI, token: job.token, fee });
    }, async (ctx, jobId, after, _t, receipt) => ({ data: { fee }, lines: await disputeStepReport(ctx, jobId, after, receipt, fee) }));
  },
});
