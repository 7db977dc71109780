import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { MILESTONE_OPTION, heldAmount, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "return-held"],
  summary: "supplier: give part of a job's held share back to the buyer of your own accord (no claim open)",
  args: "<jobId>",
  options: { amount: { type: "string", value: "AMOUNT", description: "what you return, in token units, at most what is held (or all)", required: true }, ...MILESTONE_OPTION },
  examples: ["tender job return-held 12 --amount 5 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(
      parsed,
      globals,
      "Returning part of the held share",
      async (ctx, t, job, jobId) => {
        const payment = await paymentArg(ctx, parsed, jobId, job);
        return t.returnHeld({ jobId, payment, amount: await heldAmount(ctx, jobId, job, str(parsed, "amount")!, payment) });
      },
      (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt),
    ),
});
