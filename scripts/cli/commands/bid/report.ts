// What a bidder is told after bidding or improving: its price, its bond, and whether it leads.
import { isAddressEqual } from "viem";
import * as sdk from "@tender/sdk";
import type { Context } from "../../context.ts";
import { formatAmount, formatTime } from "../../format.ts";

export async function bidReport(ctx: Context, jobId: bigint, job: Awaited<ReturnType<typeof sdk.readJob>>, t: sdk.TenderClient): Promise<string> {
  const [bid, [leader, best], now] = await Promise.all([
    ctx.read.bid({ jobId, supplier: t.account }),
    ctx.read.bestBid({ jobId }),
    ctx.now(),
  ]);
  const token = await ctx.tokenAt(job.token);
  const standing = isAddressEqual(leader, t.account) ? "it leads" : `the best bid is ${formatAmount(best, token)}`;
  return `Your bid on job ${jobId} is ${formatAmount(bid.price, token)}${bid.bond ? ` (bond ${formatAmount(bid.bond, token)} posted)` : ""}; ${standing}. Bidding closes ${formatTime(job.deadline, now)}.`;
}
