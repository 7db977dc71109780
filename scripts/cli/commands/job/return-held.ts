import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { heldAmount, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "return-held"],
  summary: "supplier: give part of a job's held share back to the buyer of your own accord (no claim open)",
  args: "<jobId>",
  options: { amount: { type: "string", value: "AMOUNT", description: "what you return, in token units, at most what is held (or all)", required: true } },
  examples: ["tender job return-held 12 --amount 5 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(
      parsed,
      globals,
      "Returning part of the held share",
      async (ctx, t, job, jobId) => t.returnHeld({ jobId, amount: await heldAmount(ctx, jobId, job, str(parsed, "amount")!) }),
      (ctx, jobId, after, _t, receipt) => warrantyReport(ctx, jobId, after, receipt),
    ),
});
