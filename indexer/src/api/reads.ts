// What several endpoints read alike: a job without its spec, the chain time the index speaks of, and a supplier's
// record and reputation from its kept counters (overall or in one category).
import { db, publicClients } from "ponder:api";
import { job, supplier } from "ponder:schema";
import { sql } from "ponder";
import { type Reputation, ratingSumsAt, reputation } from "../reputation.ts";
import type { Counters } from "../rows.ts";

export type SQL = ReturnType<typeof sql>;

/** Every column of `job` but the spec, for a supplier's or a buyer's history. */
type JobColumns = (typeof job)["_"]["columns"];
export const SUMMARY_COLUMNS = Object.fromEntries(
  Object.entries(job).filter(([key, value]) => key !== "spec" && typeof value === "object" && value !== null && "columnType" in value),
) as Omit<JobColumns, "spec">;

/** The schema Ponder writes to (`--schema`): where its checkpoint table is. */
const SCHEMA = (job as unknown as Record<symbol, string | undefined>)[Symbol.for("drizzle:Schema")] ?? "public";

/** The time of the latest block the indexer has indexed (what /status reports): "now" for attestations' validity,
 * floors and rating ages, so that every answer speaks of the same chain state as the rows it reads. The RPC's
 * latest block (or the wall clock) only before the first block is indexed. */
export async function indexedTime(): Promise<number> {
  try {
    const result = (await db.execute(sql`select latest_checkpoint from ${sql.identifier(SCHEMA)}."_ponder_checkpoint"`)) as unknown as {
      rows: { latest_checkpoint: string }[];
    };
    // A checkpoint starts with the block's timestamp in 10 digits.
    const times = result.rows.map((r) => Number(r.latest_checkpoint.slice(0, 10))).filter((t) => t > 0);
    if (times.length) return Math.max(...times);
  } catch (error) {
    console.error(error);
  }
  try {
    return Number((await publicClients.tender.getBlock()).timestamp);
  } catch {
    return Math.floor(Date.now() / 1000);
  }
}

/** A supplier's kept counters, overall or in one category: the rows' own type (rows.ts), read back whole. */
export type { Counters };

/** A supplier's reputation (overall, or in one category) from its kept counters, its ratings aged to `now`. */
export function scoreOf(row: Counters, now: number): Reputation {
  return reputation({
    won: row.won,
    completed: row.completed,
    disputesLost: row.disputesLost,
    clawedBack: row.clawedBack,
    onTimeDeliveries: row.onTimeDeliveries,
    missedDeadlines: row.missedDeadlines,
    ...ratingSumsAt(row, now),
  });
}

/** The supplierRecord fields of a row (the same counters per category). */
export function recordOf(row: Counters) {
  return {
    won: row.won,
    completed: row.completed,
    declined: row.declined,
    refunded: row.refunded,
    disputesFaced: row.disputesFaced,
    disputesLost: row.disputesLost,
    ratingSum: row.ratingSum,
    ratingCount: row.ratingCount,
  };
}

/** The claimRecord fields of a row (the same counters per category): warranty claims faced and clawed back, with
 * the clawback share as the escrow computes it for the maxClawbackShareBps floor (bps, rounded down; 0 before any
 * claim). */
export function claimsOf(row: Pick<Counters, "claimsFaced" | "clawedBack">) {
  return {
    claimsFaced: row.claimsFaced,
    clawedBack: row.clawedBack,
    clawbackShareBps: row.claimsFaced === 0 ? 0 : Math.floor((row.clawedBack * 10_000) / row.claimsFaced),
  };
}

/** A supplier's price history (overall, or in one category): the RFQ awards it won and its average winning price as
 * a share of the RFQ's maximum, in bps (8,200: buyers paid it 82% of what they were ready to pay; null before its
 * first RFQ award). */
export function priceOf(row: Pick<Counters, "rfqAwards" | "awardPriceBps">) {
  return { rfqAwards: row.rfqAwards, averagePriceBps: row.rfqAwards === 0 ? null : Math.floor(row.awardPriceBps / row.rfqAwards) };
}
