import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkUri } from "../../inputs.ts";
import { MILESTONE_OPTION, heldAmount, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "claim"],
  summary: "buyer: claim against a paid job's held share before its warranty ends, paying the arbitrator's claim fee",
  args: "<jobId>",
  options: {
    amount: { type: "string", value: "AMOUNT", description: "what you claim back, in token units, at most what is held (or all)", required: true },
    statement: { type: "string", value: "URI", description: "your statement: what went wrong after the job was paid", required: true },
    ...MILESTONE_OPTION,
  },
  details:
    "The fee is the arbitrator's fee (the terms the job named) of what is held, rounded up; an ERC-20 fee is approved first. The supplier may agree (you get what you asked and your fee back) or answer within the response window (unanswered, you get what you asked); an answered claim goes to the arbitrator.",
  examples: ["tender job claim 12 --amount 20 --statement ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/claim.json --account buyer"],
  run: (parsed, globals) => {
    const statementURI = checkUri("--statement", str(parsed, "statement")!);
    return jobTransaction(
      parsed,
      globals,
      "Claiming",
      async (ctx, t, job, jobId) => {
        const payment = await paymentArg(ctx, parsed, jobId, job);
        return t.claim({ jobId, payment, asked: await heldAmount(ctx, jobId, job, str(parsed, "amount")!, payment), statementURI });
      },
      (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt),
    );
  },
});
