import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "release"],
  summary: "anyone: pay a job's held share to the supplier once its warranty has ended (no claim open)",
  args: "<jobId>",
  options: {},
  examples: ["tender job release 12 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Releasing the held share", (_ctx, t, _job, jobId) => t.release({ jobId }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
