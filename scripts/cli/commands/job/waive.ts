import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "waive"],
  summary: "buyer: give up your warranty: what is held goes to the supplier now (an open claim ends, both fees back)",
  args: "<jobId>",
  options: {},
  examples: ["tender job waive 12 --account buyer"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Waiving the warranty", (_ctx, t, _job, jobId) => t.waive({ jobId }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
