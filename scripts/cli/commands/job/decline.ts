import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";

export default defineCommand({
  path: ["job", "decline"],
  summary: "supplier: turn down a job you were hired for; the buyer gets the price back",
  args: "<jobId>",
  options: {},
  examples: ["tender job decline 12 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Declining", (ctx, t, _job, jobId) => t.decline({ jobId })),
});
