import * as sdk from "@tender/sdk";
import { CliError, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { formatAmount, formatTime, parseAmount } from "../../format.ts";
import { inOptionTerms } from "../../inputs.ts";
import { cliOpenings, openingsDir } from "../../openings.ts";

export default defineCommand({
  path: ["bid", "commit"],
  summary: "supplier: commit a sealed bid (a hidden price) on a sealed-bid RFQ, posting its bond",
  args: "<jobId>",
  options: { price: { type: "string", value: "AMOUNT", description: "your price, in the job's token (kept hidden until you reveal it)", required: true } },
  details:
    "The price is hidden in a commitment (its hash with a random salt, bound to this chain, escrow, job and you). The opening —\nprice and salt — is saved in ~/.tender/openings (TENDER_OPENINGS_DIR moves it) before the commit is sent: reveal it with\n`tender bid reveal` after bidding closes and before the reveal window ends, or the bond goes to the buyer. Others see\nthat you bid, when, and your bond; not your price.",
  examples: ["tender bid commit 7 --price 85 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Committing the sealed bid", async (ctx, t, job, jobId) => {
      const rfq = await ctx.read.posting({ jobId });
      const floors = rfq?.rfq?.floors;
      if (!rfq || !floors) throw new CliError(`job ${jobId} is a direct hire: it takes no bids`);
      if (rfq.rfq!.mode !== sdk.AwardMode.SealedLowestPrice) throw new CliError(`job ${jobId} takes open bids: use \`tender bid place\``);
      const token = await ctx.tokenAt(job.token);
      const price = parseAmount("--price", str(parsed, "price")!, token);
      if (price > rfq.price) throw new CliError(`--price: ${formatAmount(price, token)} is above job ${jobId}'s maximum of ${formatAmount(rfq.price, token)}`);
      inOptionTerms({ price: "--price" }, () => sdk.checkAmount("price", price));
      const { opening, commitment } = sdk.sealBid({ chainId: ctx.reader.chain.id, escrow: t.deployment.escrow, jobId, supplier: t.account, price });
      const store = cliOpenings();
      const kept = store.get(opening);
      if (kept) throw new CliError(`you already hold an opening for job ${jobId} (${openingsDir()}): a job takes one sealed bid per supplier`);
      store.save(opening); // before the commit: a commit whose opening was lost forfeits its bond
      try {
        return await t.commit({ jobId, commitment, floors, token: job.token, bond: sdk.bondFor(rfq.price, floors) });
      } catch (error) {
        store.remove(opening); // nothing was committed
        throw error;
      }
    }, async (ctx, jobId, job, t) => {
      const [bid, commits, now] = await Promise.all([ctx.read.bid({ jobId, supplier: t.account }), ctx.read.commitCount({ jobId }), ctx.now()]);
      const token = await ctx.tokenAt(job.token);
      const rfq = await ctx.read.rfq({ jobId });
      return {
        data: { commit: bid.placedAt, commits, openings: openingsDir() },
        lines: [
          `Your sealed bid on job ${jobId} is commit #${bid.placedAt} of ${commits} (bond ${formatAmount(bid.bond, token)} posted); its opening is in ${openingsDir()}.`,
          `Reveal it with \`tender bid reveal ${jobId}\` between ${formatTime(job.deadline, now)} and ${formatTime(rfq.awardDeadline, now)}.`,
        ],
      };
    }),
});
