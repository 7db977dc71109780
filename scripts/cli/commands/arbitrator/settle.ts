import { defineCommand } from "../../command.ts";
import { jobTransaction, settledReport } from "../../actions.ts";

export default defineCommand({
  path: ["arbitrator", "settle"],
  summary: "anyone: settle a dispute whose answer or ruling window passed (unanswered: buyer wins; silent arbitrator: default split)",
  args: "<jobId>",
  options: {},
  examples: ["tender arbitrator settle 12 --account buyer"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Settling the dispute", (ctx, t, _job, jobId) => t.settleDispute({ jobId }), (ctx, jobId, after, _t, receipt) => settledReport(ctx, jobId, after, receipt)),
});
