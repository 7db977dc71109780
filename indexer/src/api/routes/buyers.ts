// GET /api/buyers/:address: a buyer's record, the rates derived from it, its reputation and its jobs.
import { Hono, type Context as HonoContext } from "hono";
import { db } from "ponder:api";
import { buyer, job } from "ponder:schema";
import { desc, eq } from "ponder";
import { buyerReputation } from "../../reputation.ts";
import { address, integer, notFound, query, route } from "../http.ts";
import { SUMMARY_COLUMNS } from "../reads.ts";

/** a / b rounded to 4 decimals, or null when b is 0. */
const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

export async function buyerProfile(c: HonoContext) {
  const q = query(c, ["limit"]);
  const who = address("address", c.req.param("address")!);
  const limit = integer("limit", q.limit, 50, 1, 200);
  const [row] = await db.select().from(buyer).where(eq(buyer.address, who)).limit(1);
  if (!row) throw notFound(`No buyer ${who} is known: it never posted a job.`);
  const jobs = await db.select(SUMMARY_COLUMNS).from(job).where(eq(job.buyer, who)).orderBy(desc(job.postedAt), desc(job.id)).limit(limit);
  return {
    address: who,
    // The escrow's buyerRecord.
    record: {
      posted: row.posted,
      paid: row.paid,
      cancelled: row.cancelled,
      disputesOpened: row.disputesOpened,
      disputesLost: row.disputesLost,
      claimsOpened: row.claimsOpened,
      claimsLost: row.claimsLost,
    },
    derived: {
      settled: row.settled,
      refunded: row.refunded,
      disputesWon: row.disputesWon,
      cancelledWithBids: row.cancelledWithBids,
      ratingsGiven: row.ratingsGiven,
      averageRatingGiven: rate(row.ratingSumGiven, row.ratingsGiven),
      // Delivered jobs (every settlement follows a delivery) whose supplier was paid anything.
      payRate: rate(row.paid, row.settled),
      // Disputes it opened per delivered job, and the share of them it lost (as the escrow computes a
      // supplier's loss share, in bps, rounded down).
      disputeRate: rate(row.disputesOpened, row.settled),
      lossShareBps: row.disputesOpened === 0 ? 0 : Math.floor((row.disputesLost * 10_000) / row.disputesOpened),
      cancelRate: rate(row.cancelled, row.posted),
      // Warranty claims that clawed money back for it (agreed to, unanswered, or ruled above 5,000 bps), and the
      // share of its claims it lost (ruled below 5,000 bps), in bps rounded down.
      claimsWon: row.claimsWon,
      claimLossShareBps: row.claimsOpened === 0 ? 0 : Math.floor((row.claimsLost * 10_000) / row.claimsOpened),
      firstSeenAt: row.firstSeenAt,
      lastActiveAt: row.lastActiveAt,
    },
    reputation: buyerReputation(row),
    history: { jobs },
  };
}

export default new Hono()
  .get("/api/buyers/:address", route(buyerProfile));
