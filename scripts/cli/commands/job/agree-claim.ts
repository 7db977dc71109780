import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { MILESTONE_OPTION, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "agree-claim"],
  summary: "supplier: agree to a warranty claim: the amount asked goes back to the buyer, the rest of the held share to you",
  args: "<jobId>",
  options: { ...MILESTONE_OPTION },
  examples: ["tender job agree-claim 12 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Agreeing to the claim", async (ctx, t, job, jobId) => t.agreeClaim({ jobId, payment: await paymentArg(ctx, parsed, jobId, job) }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
