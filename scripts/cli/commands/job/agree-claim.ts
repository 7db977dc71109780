import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "agree-claim"],
  summary: "supplier: agree to a warranty claim: the amount asked goes back to the buyer, the rest of the held share to you",
  args: "<jobId>",
  options: {},
  examples: ["tender job agree-claim 12 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Agreeing to the claim", (_ctx, t, _job, jobId) => t.agreeClaim({ jobId }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
