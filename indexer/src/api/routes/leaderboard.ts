// GET /api/leaderboard: suppliers by reputation score (or rating, jobs completed, volume in a token, or price: the
// average winning price as a share of the RFQ's maximum, cheapest first), overall or in one category, optionally only
// those holding current attestations of given metrics.
import { Hono, type Context as HonoContext } from "hono";
import { db } from "ponder:api";
import { attestation, market, supplier, supplierCategory, supplierVolume } from "ponder:schema";
import { and, eq, gt, gte } from "ponder";
import { metricId, metricName } from "@tender/sdk/registry";
import { bad, category, integer, notFound, query, route, token as tokenParam } from "../http.ts";
import { type Counters, claimsOf, indexedTime, priceOf, recordOf, scoreOf } from "../reads.ts";

export async function leaderboard(c: HonoContext) {
  const q = query(c, ["category", "limit", "minJobs", "sort", "token", "metric"]);
  const limit = integer("limit", q.limit, 20, 1, 100);
  const minJobs = integer("minJobs", q.minJobs, 1, 0, 1_000_000);
  const sort = (q.sort ?? "score") as Sort;
  if (!SORTS.includes(sort)) throw bad(`"sort" must be one of ${SORTS.map((s) => `"${s}"`).join(", ")}, not "${q.sort}".`);
  const volumeToken = q.token === undefined ? undefined : tokenParam(q.token);
  if (sort === "volume" && volumeToken === undefined) throw bad(`"sort=volume" needs "token" (a token address or "ETH"): volumes in different tokens do not add up.`);
  const metrics = q.metric === undefined ? [] : metricsOf(q.metric);
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
  // Current attestations (not revoked, not lapsed at the indexed time) and completed volumes of the candidates.
  const [attested, volumes] = await Promise.all([
    db
      .select({ supplier: attestation.supplier, metric: attestation.metric, metricName: attestation.metricName, value: attestation.value, attestor: attestation.attestor, validUntil: attestation.validUntil })
      .from(attestation)
      .where(and(eq(attestation.revoked, false), gt(attestation.validUntil, now))),
    db.select().from(supplierVolume),
  ]);
  const metricsBy = new Map<string, { metric: `0x${string}`; metricName: string; value: bigint; attestor: `0x${string}`; validUntil: number }[]>();
  for (const { supplier: who, ...a } of attested) metricsBy.set(who, [...(metricsBy.get(who) ?? []), a]);
  const volumesBy = new Map<string, { token: `0x${string}`; volume: bigint; jobs: number }[]>();
  for (const v of volumes) volumesBy.set(v.supplier, [...(volumesBy.get(v.supplier) ?? []), { token: v.token, volume: v.volume, jobs: v.jobs }]);
  const volumeOf = (who: string) => volumesBy.get(who)?.find((v) => v.token === volumeToken)?.volume ?? 0n;
  const ranked = rows
    .filter((row) => metrics.every((m) => metricsBy.get(row.address)?.some((a) => a.metric === m)))
    .map((row) => ({ ...row, reputation: scoreOf(row.counts, now), price: priceOf(row.counts) }))
    .sort((a, b) => {
      const byScore = b.reputation.score - a.reputation.score;
      const first =
        sort === "rating"
          ? b.reputation.rating - a.reputation.rating
          : sort === "completed"
            ? b.counts.completed - a.counts.completed
            : sort === "volume"
              ? Number(volumeOf(b.address) > volumeOf(a.address)) - Number(volumeOf(b.address) < volumeOf(a.address))
              : sort === "price"
                ? // Cheapest first; those without an RFQ award yet after every one with a price.
                  (a.price.averagePriceBps ?? Infinity) - (b.price.averagePriceBps ?? Infinity) || 0
                : byScore;
      return first || byScore || b.counts.completed - a.counts.completed || (a.address < b.address ? -1 : 1);
    })
    .slice(0, limit);
  return {
    asOf: now,
    category: scope,
    sort,
    metrics: metrics.map((m) => ({ id: m, name: metricName(m) })),
    suppliers: ranked.map((r, i) => ({
      rank: i + 1,
      address: r.address,
      registered: r.registered,
      profileUri: r.profileUri ?? null,
      score: r.reputation.score,
      rating: r.reputation.rating,
      parts: r.reputation.parts,
      record: recordOf(r.counts),
      claims: claimsOf(r.counts),
      onTimeDeliveries: r.counts.onTimeDeliveries,
      missedDeadlines: r.counts.missedDeadlines,
      // RFQ awards won and the average winning price as a share of the maximum (bps; null without an award).
      price: r.price,
      // Completed volume per token (all categories) and the metrics currently attested, by whom and until when.
      volume: volumesBy.get(r.address) ?? [],
      attested: metricsBy.get(r.address) ?? [],
    })),
  };
}

const SORTS = ["score", "rating", "completed", "volume", "price"] as const;
type Sort = (typeof SORTS)[number];

/** `metric`: comma-separated metric names ("benchmark.swe-bench") or 32-byte ids, at most 8. */
function metricsOf(value: string): `0x${string}`[] {
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length > 8 || parts.some((p) => p === "" || p.length > 256)) {
    throw bad(`"metric" must be up to 8 comma-separated metric names (e.g. "benchmark.swe-bench") or 32-byte ids, not "${value}".`);
  }
  return parts.map((p) => (/^0x[0-9a-fA-F]{64}$/.test(p) ? (p.toLowerCase() as `0x${string}`) : metricId(p)));
}

export default new Hono()
  .get("/api/leaderboard", route(leaderboard));
