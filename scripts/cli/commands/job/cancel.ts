import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";

export default defineCommand({
  path: ["job", "cancel"],
  summary: "buyer (or anyone after the grace period): cancel an RFQ that was not awarded and refund its maximum price",
  args: "<jobId>",
  options: {},
  examples: ["tender job cancel 7 --account buyer"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Cancelling", (ctx, t, _job, jobId) => t.cancel({ jobId })),
});
