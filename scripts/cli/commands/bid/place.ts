import * as sdk from "@tender/sdk";
import { CliError, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { formatAmount, parseAmount } from "../../format.ts";
import { inOptionTerms } from "../../inputs.ts";
import { bidReport } from "./report.ts";

export default defineCommand({
  path: ["bid", "place"],
  summary: "supplier: bid on an open RFQ, posting the bond its floors ask for",
  args: "<jobId>",
  options: { price: { type: "string", value: "AMOUNT", description: "your price, in the job's token", required: true } },
  details: "The floors are read from the job's RFQPosted event; an ERC-20 bond is approved first. A bid the floors refuse is\nrefused before anything is sent, with the floor that refused it.",
  examples: ["tender bid place 7 --price 85 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Bidding", async (ctx, t, job, jobId) => {
      const rfq = await ctx.read.posting({ jobId });
      const floors = rfq?.rfq?.floors;
      if (!rfq || !floors) throw new CliError(`job ${jobId} is a direct hire: it takes no bids`);
      const token = await ctx.tokenAt(job.token);
      const price = parseAmount("--price", str(parsed, "price")!, token);
      if (price > rfq.price) throw new CliError(`--price: ${formatAmount(price, token)} is above job ${jobId}'s maximum of ${formatAmount(rfq.price, token)}`);
      inOptionTerms({ price: "--price" }, () => sdk.checkAmount("price", price));
      const bond = sdk.bondFor(rfq.price, floors);
      return t.bid({ jobId, price, floors, token: job.token, bond });
    }, bidReport),
});
