// The job page's bid table with what a buyer compares bidders by: each bidder's card name (unverified), its score
// and the floors it met, read on the server (the indexer, the agent cards) and handed to the sortable table.
import { metricName } from "@tender/sdk/registry";
import type { Bid, FloorsJson } from "../lib/api-types.ts";
import { type TokenInfo, formatAmount, formatBps, formatRatingX100 } from "../lib/format.ts";
import { bidderInfo } from "../lib/suppliers.ts";
import { BidsTable } from "./BidsTable.tsx";

/** The floors a bidder had to meet, in words (the bond is paid, not met: it is the Bond column). */
export function floorsInWords(floors: FloorsJson | null | undefined, token: TokenInfo): string[] {
  if (!floors) return [];
  const out: string[] = [];
  if (floors.minCompleted > 0) out.push(`≥ ${floors.minCompleted} completed`);
  if (BigInt(floors.minVolume) > 0n) out.push(`volume ≥ ${formatAmount(floors.minVolume, token)}`);
  if (floors.maxLossShareBps < 10_000) out.push(`disputes lost ≤ ${formatBps(floors.maxLossShareBps)}`);
  if (floors.minAvgRating > 0) out.push(`rating ≥ ${formatRatingX100(floors.minAvgRating)}`);
  if (floors.minRatings > 0) out.push(`≥ ${floors.minRatings} ratings`);
  for (const m of floors.metrics) out.push(`${metricName(m.metric as `0x${string}`)} ${m.comparison === 0 ? "≥" : "≤"} ${m.threshold}`);
  return out;
}

export async function SupplierBids({ bids, token, floors, categoryId }: { bids: readonly Bid[]; token: TokenInfo; floors: FloorsJson | null | undefined; categoryId: string | null }) {
  const bidders = bids.length ? await bidderInfo(bids.map((b) => b.supplier), categoryId) : {};
  return <BidsTable bids={bids} token={token} bidders={bidders} floorsMet={floorsInWords(floors, token)} />;
}
