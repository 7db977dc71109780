import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";

export default defineCommand({
  path: ["job", "refund"],
  summary: "anyone: return the price to the buyer when the supplier missed the delivery deadline",
  args: "<jobId>",
  options: {},
  examples: ["tender job refund 12 --account buyer"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Refunding", (ctx, t, _job, jobId) => t.refund({ jobId })),
});
