import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { MILESTONE_OPTION, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "settle-claim"],
  summary: "anyone: end a warranty claim whose deadline passed (unanswered: the buyer wins; no ruling: the supplier keeps it)",
  args: "<jobId>",
  options: { ...MILESTONE_OPTION },
  examples: ["tender job settle-claim 12 --account buyer"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Settling the claim", async (ctx, t, job, jobId) => t.settleClaim({ jobId, payment: await paymentArg(ctx, parsed, jobId, job) }), (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt)),
});
