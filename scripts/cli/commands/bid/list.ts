import { defineCommand, jobIdArg } from "../../command.ts";
import { connect, existingJob } from "../../context.ts";
import { formatAmount, formatTime, table } from "../../format.ts";

export default defineCommand({
  path: ["bid", "list"],
  summary: "anyone: the bids on an RFQ, lowest first, the leader starred (a sealed bid's price shows once revealed)",
  args: "<jobId>",
  options: {},
  examples: ["tender bid list 7", "tender bid list 7 --json"],
  async run(parsed, globals) {
    const jobId = jobIdArg(parsed);
    const ctx = await connect(globals);
    const job = await existingJob(ctx, jobId);
    const [bids, [leader], now] = await Promise.all([ctx.read.bids({ jobId }), ctx.read.bestBid({ jobId }), ctx.now()]);
    const token = await ctx.tokenAt(job.token);
    return {
      data: bids.map((bid) => ({ ...bid, best: bid.supplier === leader })),
      lines: bids.length
        ? table(
            ["", "supplier", "price", "bond", "placed", "offers"],
            bids.map((bid) => [
              bid.supplier === leader ? "★" : "",
              bid.supplier,
              bid.unrevealed ? "sealed" : bid.sealed && bid.price === 0n ? "out of range" : formatAmount(bid.price, token),
              formatAmount(bid.bond, token),
              bid.sealed ? `commit #${bid.placedAt}` : formatTime(bid.placedAt, now),
              bid.history.map((p) => formatAmount(p, token).split(" ")[0]).join(" → "),
            ]),
          )
        : [`No bids on job ${jobId}.`],
    };
  },
});
