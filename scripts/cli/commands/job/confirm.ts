import { CliError, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";

export default defineCommand({
  path: ["job", "confirm"],
  summary: "buyer: accept a delivery with a 1–5 rating; the supplier is paid",
  args: "<jobId>",
  options: { rating: { type: "string", value: "1-5", description: "your rating of the work", required: true } },
  examples: ["tender job confirm 12 --rating 5 --account buyer"],
  run: (parsed, globals) => {
    const raw = str(parsed, "rating")!;
    if (!/^[1-5]$/.test(raw)) throw new CliError(`--rating: ${JSON.stringify(raw)} is not a whole number from 1 to 5`);
    return jobTransaction(parsed, globals, "Confirming", (ctx, t, _job, jobId) =>
      t.confirm({ jobId, rating: Number(raw) }),
    );
  },
});
