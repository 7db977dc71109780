// GET /api/leaderboard: suppliers by reputation score, overall or in one category.
import { Hono, type Context as HonoContext } from "hono";
import { db } from "ponder:api";
import { market, supplier, supplierCategory } from "ponder:schema";
import { and, eq, gte } from "ponder";
import { category, integer, notFound, query, route } from "../http.ts";
import { type Counters, indexedTime, recordOf, scoreOf } from "../reads.ts";

export async function leaderboard(c: HonoContext) {
  const q = query(c, ["category", "limit", "minJobs"]);
  const limit = integer("limit", q.limit, 20, 1, 100);
  const minJobs = integer("minJobs", q.minJobs, 1, 0, 1_000_000);
  let scope: { id: `0x${string}`; name: string } | null = null;
  if (q.category !== undefined) {
    const id = category("category", q.category);
    const [found] = await db.select().from(market).where(eq(market.categoryId, id)).limit(1);
    if (!found) throw notFound(`No job has been posted in category "${q.category}".`);
    scope = { id, name: found.name };
  }
  const profile = { registered: supplier.registered, profileUri: supplier.profileUri };
  // One row per supplier (overall) or per supplier in the category; the score is computed here, since rating
  // ages move with the chain's time (a scan of suppliers, never of jobs or ratings).
  const [rows, now] = await Promise.all([
    scope
      ? db
          .select({ counts: supplierCategory, ...profile })
          .from(supplierCategory)
          .innerJoin(supplier, eq(supplier.address, supplierCategory.supplier))
          .where(and(eq(supplierCategory.categoryId, scope.id), gte(supplierCategory.won, minJobs)))
          .then((found) => found.map((r) => ({ address: r.counts.supplier, counts: r.counts as Counters, registered: r.registered, profileUri: r.profileUri })))
      : db
          .select()
          .from(supplier)
          .where(gte(supplier.won, minJobs))
          .then((found) => found.map((r) => ({ address: r.address, counts: r as Counters, registered: r.registered, profileUri: r.profileUri }))),
    indexedTime(),
  ]);
  const ranked = rows
    .map((row) => ({ ...row, reputation: scoreOf(row.counts, now) }))
    .sort((a, b) => b.reputation.score - a.reputation.score || b.counts.completed - a.counts.completed || (a.address < b.address ? -1 : 1))
    .slice(0, limit);
  return {
    asOf: now,
    category: scope,
    suppliers: ranked.map((r, i) => ({
      rank: i + 1,
      address: r.address,
      registered: r.registered,
      profileUri: r.profileUri ?? null,
      score: r.reputation.score,
      rating: r.reputation.rating,
      parts: r.reputation.parts,
      record: recordOf(r.counts),
      onTimeDeliveries: r.counts.onTimeDeliveries,
      missedDeadlines: r.counts.missedDeadlines,
    })),
  };
}

export default new Hono()
  .get("/api/leaderboard", route(leaderboard));
