// GET /api/markets: every category with its volume and clearing prices per token; GET /api/markets/:category/prices:
// a category's clearing-price series.
import { Hono, type Context as HonoContext } from "hono";
import { db } from "ponder:api";
import { clearingPrice, job, market, marketVolume } from "ponder:schema";
import { and, asc, desc, eq, sql } from "ponder";
import { bad, category, integer, notFound, query, route, token } from "../http.ts";
import { type SQL, indexedTime } from "../reads.ts";

export async function marketsAnswer(c: HonoContext) {
  query(c, []);
  const now = await indexedTime();
  const [markets, volumes, stats, open] = await Promise.all([
    db.select().from(market).orderBy(desc(market.jobCount), asc(market.name)),
    db.select().from(marketVolume),
    // Median of each job's first clearing price, per category and token, exactly: the mean of the lower and upper
    // middle values (integer division), so 18-decimal amounts keep every digit.
    db
      .select({
        categoryId: clearingPrice.categoryId,
        token: clearingPrice.token,
        clearings: sql<number>`count(*)::int`,
        lower: sql<string>`(percentile_disc(0.5) within group (order by ${clearingPrice.price}))::text`,
        upper: sql<string>`(percentile_disc(0.5) within group (order by ${clearingPrice.price} desc))::text`,
      })
      .from(clearingPrice)
      .where(eq(clearingPrice.firstForJob, true))
      .groupBy(clearingPrice.categoryId, clearingPrice.token),
    // Open RFQs still taking bids and those whose bidding closed (awaiting award), as of the latest indexed block.
    db
      .select({
        categoryId: job.categoryId,
        biddingOpen: sql<number>`(count(*) filter (where ${job.bidDeadline} > ${sql.raw(String(now))}))::int`,
        biddingClosed: sql<number>`(count(*) filter (where ${job.bidDeadline} <= ${sql.raw(String(now))}))::int`,
      })
      .from(job)
      .where(and(eq(job.status, "Open"), eq(job.kind, "rfq")))
      .groupBy(job.categoryId),
  ]);
  return {
    asOf: now,
    markets: markets.map((m) => ({
      categoryId: m.categoryId,
      name: m.name,
      named: m.named,
      openJobs: m.openJobs,
      biddingOpenJobs: open.find((o) => o.categoryId === m.categoryId)?.biddingOpen ?? 0,
      biddingClosedJobs: open.find((o) => o.categoryId === m.categoryId)?.biddingClosed ?? 0,
      jobCount: m.jobCount,
      rfqCount: m.rfqCount,
      settledJobs: m.settledJobs,
      lastClearing: m.lastClearingPrice === null ? null : { price: m.lastClearingPrice, token: m.lastClearingToken, at: m.lastClearingAt },
      tokens: volumes
        .filter((v) => v.categoryId === m.categoryId)
        .map((v) => {
          const s = stats.find((x) => x.categoryId === v.categoryId && x.token === v.token);
          return {
            token: v.token,
            volume: v.volume,
            settledJobs: v.settledJobs,
            lastClearingPrice: v.lastClearingPrice,
            lastClearingAt: v.lastClearingAt,
            medianClearingPrice: s ? ((BigInt(s.lower) + BigInt(s.upper)) / 2n).toString() : null,
            clearings: s?.clearings ?? 0,
          };
        }),
    })),
  };
}

export async function priceSeries(c: HonoContext) {
  const q = query(c, ["token", "kind", "limit"]);
  const id = category("category", c.req.param("category")!);
  const limit = integer("limit", q.limit, 500, 1, 5000);
  if (q.kind !== undefined && q.kind !== "award" && q.kind !== "settlement") throw bad(`"kind" must be "award" or "settlement", not "${q.kind}".`);
  const [found] = await db.select().from(market).where(eq(market.categoryId, id)).limit(1);
  if (!found) throw notFound(`No job has been posted in category "${c.req.param("category")}".`);
  const filters: SQL[] = [eq(clearingPrice.categoryId, id)];
  if (q.token !== undefined) filters.push(eq(clearingPrice.token, token(q.token)));
  if (q.kind !== undefined) filters.push(eq(clearingPrice.kind, q.kind));
  // The latest `limit` points, oldest first.
  const rows = await db
    .select()
    .from(clearingPrice)
    .where(and(...filters))
    .orderBy(desc(clearingPrice.blockNumber), desc(clearingPrice.logIndex))
    .limit(limit);
  return {
    categoryId: id,
    name: found.name,
    series: rows.reverse().map(({ id: _id, categoryId: _c, ...point }) => point),
  };
}

export default new Hono()
  .get("/api/markets", route(marketsAnswer))
  .get("/api/markets/:category/prices", route(priceSeries));
