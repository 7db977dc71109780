import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { MILESTONE_OPTION, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "release"],
  summary: "anyone: pay a job's held share to the supplier once its warranty has ended (no claim open)",
  args: "<jobId>",
  options: { ...MILESTONE_OPTION },
  examples: ["tender job release 12 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Releasing the held share", async (ctx, t, job, jobId) => t.release({ jobId, payment: await paymentArg(ctx, parsed, jobId, job) }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
