import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkUri } from "../../inputs.ts";
import { disputeStepReport } from "../../payouts.ts";

export default defineCommand({
  path: ["job", "respond"],
  summary: "supplier: answer a dispute, paying the same arbitrator's fee (unanswered, the buyer wins by default)",
  args: "<jobId>",
  options: { response: { type: "string", value: "URI", description: "your answer to the buyer's statement", required: true } },
  examples: ["tender job respond 12 --response ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/answer.json --account supplier"],
  run: (parsed, globals) => {
    const responseURI = checkUri("--response", str(parsed, "response")!);
    let fee = 0n;
    return jobTransaction(parsed, globals, "Answering the dispute", async (ctx, t, job, jobId) => {
      fee = await ctx.read.disputeFee({ jobId });
      return t.respond({ jobId, responseURI, token: job.token, fee });
    }, async (ctx, jobId, after, _t, receipt) => ({ data: { fee }, lines: await disputeStepReport(ctx, jobId, after, receipt, fee) }));
  },
});
