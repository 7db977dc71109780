import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "settle-claim"],
  summary: "anyone: end a warranty claim whose deadline passed (unanswered: the buyer wins; no ruling: the supplier keeps it)",
  args: "<jobId>",
  options: {},
  examples: ["tender job settle-claim 12 --account buyer"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Settling the claim", (_ctx, t, _job, jobId) => t.settleClaim({ jobId }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
