import * as sdk from "@tender/sdk";
import { CliError, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { formatAmount, parseAmount } from "../../format.ts";
import { cliOpenings, openingsDir } from "../../openings.ts";

export default defineCommand({
  path: ["bid", "reveal"],
  summary: "supplier (or anyone with the opening): reveal a sealed bid in the reveal window",
  args: "<jobId>",
  options: {
    supplier: { type: "string", value: "ADDRESS", description: "whose bid to reveal (default: your account's)" },
    price: { type: "string", value: "AMOUNT", description: "the committed price (default: from the saved opening)" },
    salt: { type: "string", value: "HEX", description: "the committed salt (default: from the saved opening)" },
  },
  details: "The opening (price and salt) is read from ~/.tender/openings (TENDER_OPENINGS_DIR), where `tender bid commit` saved it,\nunless --price and --salt are given. Anyone may send a reveal: the commitment names the supplier.",
  examples: ["tender bid reveal 7 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Revealing the sealed bid", async (ctx, t, job, jobId) => {
      const given = str(parsed, "supplier");
      if (given !== undefined) sdk.checkAddress("--supplier", given);
      const supplier = (given ?? t.account) as `0x${string}`;
      const token = await ctx.tokenAt(job.token);
      const kept = cliOpenings().get({ chainId: ctx.reader.chain.id, escrow: t.deployment.escrow, jobId, supplier });
      const priceText = str(parsed, "price");
      const salt = (str(parsed, "salt") ?? kept?.salt) as `0x${string}` | undefined;
      const price = priceText !== undefined ? parseAmount("--price", priceText, token) : kept?.price;
      if (price === undefined || salt === undefined) {
        throw new CliError(`no saved opening of ${supplier}'s sealed bid on job ${jobId} in ${openingsDir()}: give --price and --salt`);
      }
      return t.reveal({ jobId, supplier, price, salt });
    }, async (ctx, jobId, job, t) => {
      const supplier = (str(parsed, "supplier") ?? t.account) as `0x${string}`;
      const [bid, [leader, best]] = await Promise.all([ctx.read.bid({ jobId, supplier }), ctx.read.bestBid({ jobId })]);
      cliOpenings().remove({ chainId: ctx.reader.chain.id, escrow: t.deployment.escrow, jobId, supplier });
      const token = await ctx.tokenAt(job.token);
      const standing = bid.price === 0n ? "its price is out of range, so it cannot win (its bond is reclaimable)" : leader.toLowerCase() === supplier.toLowerCase() ? "it leads" : `the best revealed bid is ${formatAmount(best, token)}`;
      return { data: { supplier, price: bid.price }, lines: [`Revealed ${supplier}'s sealed bid on job ${jobId} at ${formatAmount(bid.price, token)}; ${standing}.`] };
    }),
});
