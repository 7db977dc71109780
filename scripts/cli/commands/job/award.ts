import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkAddressArg } from "../../inputs.ts";
import { formatAmount, formatTime } from "../../format.ts";

export default defineCommand({
  path: ["job", "award"],
  summary: "award an RFQ: to the lowest bid once bidding closed (anyone), or to the bidder you pick (buyer's choice)",
  args: "<jobId>",
  options: { supplier: { type: "string", value: "ADDRESS", description: "buyer's choice: the bidder you pick" } },
  examples: ["tender job award 7 --account buyer", "tender job award 8 --supplier 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc --account buyer"],
  run: (parsed, globals) => {
    const picked = str(parsed, "supplier");
    const supplier = picked === undefined ? undefined : checkAddressArg("--supplier", picked);
    return jobTransaction(parsed, globals, supplier ? "Picking the supplier" : "Awarding to the lowest bid", (ctx, t, _job, jobId) =>
      supplier
        ? t.pick({ jobId, supplier })
        : t.award({ jobId }),
      async (ctx, jobId, job) => `Job ${jobId} is awarded to ${job.supplier} at ${formatAmount(job.price, await ctx.tokenAt(job.token))}; delivery due ${formatTime(job.deadline, await ctx.now())}.`,
    );
  },
});
