// Open RFQs whose bidding closed (by the chain's time) and that wait for an award or the buyer's pick, counted
// per category. The indexer counts them as "open" (its markets' openJobs); when a market carries its own
// `awaitingAward` count that one is used, else the web counts them from the open list, closing soonest first.
import "server-only";
import type { Market } from "./api-types.ts";
import { biddingClosed } from "./format.ts";
import { getJobs } from "./indexer.ts";

const PAGES = 5;

/** Per category name: how many Open RFQs are past their bid deadline at `now` (at most 500 looked at). */
export async function awaitingByCategory(now: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor: string | undefined;
  for (let i = 0; i < PAGES; i++) {
    const page = await getJobs({ status: "open", sort: "deadline", limit: "100", cursor });
    for (const job of page.items) {
      if (!biddingClosed(job, now)) return counts;
      counts.set(job.category, (counts.get(job.category) ?? 0) + 1);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return counts;
}

/** A market's count of RFQs awaiting an award: the indexer's when it gives one, else the web's. */
export function awaitingOf(market: Market, derived: Map<string, number> | null): number {
  const own = (market as Market & { awaitingAward?: unknown }).awaitingAward;
  if (typeof own === "number") return own;
  return derived?.get(market.name) ?? 0;
}
