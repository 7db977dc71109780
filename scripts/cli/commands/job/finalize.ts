import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";

export default defineCommand({
  path: ["job", "finalize"],
  summary: "anyone: release a delivered job's payment once the buyer's review window has passed",
  args: "<jobId>",
  options: {},
  examples: ["tender job finalize 12 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Finalizing", (ctx, t, _job, jobId) => t.finalize({ jobId })),
});
