import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { MILESTONE_OPTION, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "waive"],
  summary: "buyer: give up your warranty: what is held goes to the supplier now (an open claim ends, both fees back)",
  args: "<jobId>",
  options: { ...MILESTONE_OPTION },
  examples: ["tender job waive 12 --account buyer"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Waiving the warranty", async (ctx, t, job, jobId) => t.waive({ jobId, payment: await paymentArg(ctx, parsed, jobId, job) }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
