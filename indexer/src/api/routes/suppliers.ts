// GET /api/suppliers/:address: a supplier's profile, record, reputation (overall and per category), volume,
// attestations and history.
import { Hono, type Context as HonoContext } from "hono";
import { db } from "ponder:api";
import { attestation, bid, job, market, supplier, supplierCategory, supplierVolume } from "ponder:schema";
import { asc, desc, eq } from "ponder";
import { address, integer, notFound, query, route } from "../http.ts";
import { SUMMARY_COLUMNS, claimsOf, indexedTime, priceOf, recordOf, scoreOf } from "../reads.ts";

export async function supplierProfile(c: HonoContext) {
  const q = query(c, ["limit"]);
  const who = address("address", c.req.param("address")!);
  const limit = integer("limit", q.limit, 50, 1, 200);
  const [row] = await db.select().from(supplier).where(eq(supplier.address, who)).limit(1);
  if (!row) throw notFound(`No supplier ${who} is known: it never bid, was hired, registered or was attested.`);
  const [volumes, attestations, jobs, bids, categories, now] = await Promise.all([
    db.select().from(supplierVolume).where(eq(supplierVolume.supplier, who)).orderBy(asc(supplierVolume.token)),
    db.select().from(attestation).where(eq(attestation.supplier, who)).orderBy(desc(attestation.attestedAt)),
    db.select(SUMMARY_COLUMNS).from(job).where(eq(job.supplier, who)).orderBy(desc(job.postedAt), desc(job.id)).limit(limit),
    db
      .select({ bid, title: job.title, status: job.status, token: job.token, category: job.category, winner: job.supplier })
      .from(bid)
      .leftJoin(job, eq(job.id, bid.jobId))
      .where(eq(bid.supplier, who))
      .orderBy(desc(bid.firstPlacedAt), desc(bid.jobId))
      .limit(limit),
    db
      .select({ counts: supplierCategory, name: market.name })
      .from(supplierCategory)
      .leftJoin(market, eq(market.categoryId, supplierCategory.categoryId))
      .where(eq(supplierCategory.supplier, who)),
    indexedTime(),
  ]);
  const record = recordOf(row);
  const perCategory = categories
    .map(({ counts, name }) => ({
      categoryId: counts.categoryId,
      category: name ?? counts.categoryId,
      record: recordOf(counts),
      claims: claimsOf(counts),
      onTimeDeliveries: counts.onTimeDeliveries,
      missedDeadlines: counts.missedDeadlines,
      price: priceOf(counts),
      reputation: scoreOf(counts, now),
    }))
    .sort((a, b) => b.reputation.score - a.reputation.score || b.record.won - a.record.won || (a.category < b.category ? -1 : 1));
  return {
    asOf: now,
    address: who,
    profile: { registered: row.registered, profileUri: row.profileUri ?? null, registeredAt: row.registeredAt ?? null, updatedAt: row.profileUpdatedAt ?? null },
    // The escrow's supplierRecord, as its floors read it, and its claimRecord (warranty claims) with the clawback
    // share the maxClawbackShareBps floor reads.
    record,
    claims: claimsOf(row),
    derived: {
      // As the escrow computes them for floors: average rating × 100, loss share in bps.
      averageRatingX100: row.ratingCount === 0 ? null : Math.floor((row.ratingSum * 100) / row.ratingCount),
      lossShareBps: row.disputesFaced === 0 ? 0 : Math.floor((row.disputesLost * 10_000) / row.disputesFaced),
      onTimeDeliveries: row.onTimeDeliveries,
      missedDeadlines: row.missedDeadlines,
      onTimeRateBps:
        row.onTimeDeliveries + row.missedDeadlines === 0
          ? null
          : Math.floor((row.onTimeDeliveries * 10_000) / (row.onTimeDeliveries + row.missedDeadlines)),
      averageDeliveryWindowUsedBps: row.onTimeDeliveries === 0 ? null : Math.floor(row.deliveryWindowUsedBps / row.onTimeDeliveries),
      bidsPlaced: row.bidsPlaced,
      directHires: row.directHires,
      firstSeenAt: row.firstSeenAt,
      lastActiveAt: row.lastActiveAt,
    },
    reputation: scoreOf(row, now),
    // Its price history: RFQ awards won, the average winning price as a share of the maximum (bps).
    price: priceOf(row),
    // The same score and price over each category's jobs only, best first.
    categories: perCategory,
    // completedVolume per token, and what it was paid net of protocol fees.
    volume: volumes.map(({ supplier: _s, ...v }) => v),
    attestations: attestations.map(({ supplier: _s, ...a }) => ({ ...a, current: !a.revoked && a.validUntil > now })),
    history: {
      jobs,
      bids: bids.map(({ bid: b, ...j }) => ({ ...b, job: { title: j.title, status: j.status, token: j.token, category: j.category, won: j.winner === who } })),
    },
  };
}

export default new Hono()
  .get("/api/suppliers/:address", route(supplierProfile));
