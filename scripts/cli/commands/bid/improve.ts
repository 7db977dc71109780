import * as sdk from "@tender/sdk";
import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { parseAmount } from "../../format.ts";
import { inOptionTerms } from "../../inputs.ts";
import { bidReport } from "./report.ts";

export default defineCommand({
  path: ["bid", "improve"],
  summary: "supplier: lower your bid on an open RFQ",
  args: "<jobId>",
  options: { price: { type: "string", value: "AMOUNT", description: "your new, lower price", required: true } },
  examples: ["tender bid improve 7 --price 79.5 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Improving the bid", async (ctx, t, job, jobId) => {
      const price = parseAmount("--price", str(parsed, "price")!, await ctx.tokenAt(job.token));
      inOptionTerms({ price: "--price" }, () => sdk.checkAmount("price", price));
      return t.improveBid({ jobId, price });
    }, bidReport),
});
