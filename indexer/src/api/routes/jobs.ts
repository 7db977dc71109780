// GET /api/jobs: jobs by status, category, token, price, party, kind, the floors a supplier meets and whether bidding
// is still open, sorted, in
// keyset pages; GET /api/jobs/:id: one job with its terms, bids, timeline, dispute, held payments and milestones.
import { Hono, type Context as HonoContext } from "hono";
import { db } from "ponder:api";
import { createHash } from "node:crypto";
import { attestation, bid, claimEvidence, dispute, evidence, heldPayment, job, jobEvent, milestone, supplier, supplierVolume, termsVersion } from "ponder:schema";
import { and, asc, desc, eq, gt, gte, inArray, lte, sql } from "ponder";
import { address, amount, bad, category, integer, notFound, query, route, statuses, token } from "../http.ts";
import { type SQL, indexedTime } from "../reads.ts";

const SORTS = {
  newest: { key: sql`${job.postedAt}`, cast: "bigint", dir: "desc" },
  oldest: { key: sql`${job.postedAt}`, cast: "bigint", dir: "asc" },
  price_asc: { key: sql`${job.price}`, cast: "numeric", dir: "asc" },
  price_desc: { key: sql`${job.price}`, cast: "numeric", dir: "desc" },
  // Soonest deadline first; jobs with none (ended) last.
  deadline: { key: sql`coalesce(${job.deadline}, 9223372036854775807)`, cast: "bigint", dir: "asc" },
} as const;
type Sort = keyof typeof SORTS;
const NO_DEADLINE = "9223372036854775807";

interface Cursor {
  /** The sort it continues, and a fingerprint of the filters it was made under. */
  s: Sort;
  f: string;
  /** The last row's sort key and id. */
  k: string;
  i: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(value: string, sort: Sort, fingerprint: string): Cursor {
  let cursor: Partial<Cursor> | undefined;
  try {
    cursor = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<Cursor>;
  } catch {
    cursor = undefined;
  }
  if (!cursor || typeof cursor.k !== "string" || !/^\d+$/.test(cursor.k) || typeof cursor.i !== "string" || !/^\d+$/.test(cursor.i)) {
    throw bad(`"cursor" is not a cursor this API gave out; pass the "nextCursor" of the previous page unchanged.`);
  }
  if (cursor.s !== sort) throw bad(`"cursor" continues sort=${cursor.s}, not sort=${sort}; keep the sort while paging.`);
  if (cursor.f !== fingerprint) throw bad(`"cursor" was made for other filters; keep the filters while paging, or start again without a cursor.`);
  return cursor as Cursor;
}


/** What a list of jobs shows (GET /api/jobs): what it is, who, how much, its floors, its deadlines and its bids. The
 * rest (windows, fees, transactions, delivery, settlement) is on GET /api/jobs/:id. Each column read costs the
 * database, the row mapping and the JSON alike: the whole row made a page of 50 weigh 70 KB. */
const LIST_COLUMNS = {
  id: job.id,
  kind: job.kind,
  status: job.status,
  buyer: job.buyer,
  supplier: job.supplier,
  arbitrator: job.arbitrator,
  token: job.token,
  price: job.price,
  maxPrice: job.maxPrice,
  categoryId: job.categoryId,
  category: job.category,
  title: job.title,
  specValid: job.specValid,
  specProblem: job.specProblem,
  mode: job.mode,
  floors: job.floors,
  bondBps: job.bondBps,
  holdbackBps: job.holdbackBps,
  warrantyWindow: job.warrantyWindow,
  milestoneCount: job.milestoneCount,
  currentMilestone: job.currentMilestone,
  deadline: job.deadline,
  bidDeadline: job.bidDeadline,
  awardDeadline: job.awardDeadline,
  postedAt: job.postedAt,
  updatedAt: job.updatedAt,
  bidCount: job.bidCount,
  commitCount: job.commitCount,
  revealCount: job.revealCount,
  bestBidPrice: job.bestBidPrice,
};

/** RFQs whose floors `who` meets now, checked as the escrow checks them at bid time (TenderMarket's
 * _checkRecordFloors and _checkMetricFloors; the SDK's unmetFloors): its record and its completed volume in the
 * job's token as indexed, its attestations as indexed, valid while `validUntil` is after the latest indexed block's
 * time. A supplier the indexer has never seen has an empty record. Direct hires have no floors and are left out. */
async function qualifiedFor(who: `0x${string}`): Promise<SQL> {
  const [[row], now] = await Promise.all([db.select().from(supplier).where(eq(supplier.address, who)).limit(1), indexedTime()]);
  const completed = row?.completed ?? 0;
  const ratingCount = row?.ratingCount ?? 0;
  const faced = row?.disputesFaced ?? 0;
  // The escrow's integer arithmetic: loss share in bps and average rating × 100, both rounded down.
  const lossShareBps = faced === 0 ? 0 : Math.floor(((row?.disputesLost ?? 0) * 10_000) / faced);
  const claimsFaced = row?.claimsFaced ?? 0;
  const clawbackShareBps = claimsFaced === 0 ? 0 : Math.floor(((row?.clawedBack ?? 0) * 10_000) / claimsFaced);
  const averageX100 = ratingCount === 0 ? 0 : Math.floor(((row?.ratingSum ?? 0) * 100) / ratingCount);
  const floor = (name: string) => sql`(${job.floors} ->> ${sql.raw(`'${name}'`)})`;
  const volume = sql`coalesce((select ${supplierVolume.volume} from ${supplierVolume} where ${supplierVolume.supplier} = ${who} and ${supplierVolume.token} = ${job.token}), 0)`;
  // Every metric floor is met by an unrevoked, unexpired attestation from its attestor, compared as it says
  // (comparison 0 = at least, 1 = at most). A revoked attestation reads as none on-chain (the registry deletes it).
  const metricsMet = sql`not exists (
    select 1 from json_array_elements(${job.floors} -> 'metrics') as m(f)
    where not exists (
      select 1 from ${attestation}
      where ${attestation.attestor} = lower(m.f ->> 'attestor') and ${attestation.supplier} = ${who}
        and ${attestation.metric} = lower(m.f ->> 'metric') and not ${attestation.revoked}
        and ${attestation.validUntil} > ${sql.raw(String(now))}
        and case when (m.f ->> 'comparison')::int = 0 then ${attestation.value} >= (m.f ->> 'threshold')::numeric
                 else ${attestation.value} <= (m.f ->> 'threshold')::numeric end))`;
  return and(
    eq(job.kind, "rfq"),
    sql`${floor("minCompleted")}::bigint <= ${sql.raw(String(completed))}`,
    sql`(${floor("minVolume")}::numeric = 0 or ${floor("minVolume")}::numeric <= ${volume})`,
    sql`(${floor("maxLossShareBps")}::int >= 10000 or ${sql.raw(String(lossShareBps))} <= ${floor("maxLossShareBps")}::int)`,
    // The same for warranty claims (the floor is absent, i.e. none, on floors kept before it existed).
    sql`(coalesce(${floor("maxClawbackShareBps")}::int, 10000) >= 10000 or ${sql.raw(String(clawbackShareBps))} <= ${floor("maxClawbackShareBps")}::int)`,
    sql`${floor("minRatings")}::bigint <= ${sql.raw(String(ratingCount))}`,
    sql`(${floor("minAvgRating")}::int = 0 or ${sql.raw(String(averageX100))} >= ${floor("minAvgRating")}::int)`,
    metricsMet,
  )!;
}

export async function jobsPage(c: HonoContext) {
  const q = query(c, ["status", "category", "token", "minPrice", "maxPrice", "buyer", "supplier", "kind", "qualifiedFor", "biddingOpen", "sort", "limit", "cursor"]);
  const wanted = statuses(q.status);
  const sortName = (q.sort ?? "newest") as Sort;
  if (!(sortName in SORTS)) throw bad(`"sort" must be one of ${Object.keys(SORTS).join(", ")}, not "${q.sort}".`);
  const limit = integer("limit", q.limit, 20, 1, 100);
  const minPrice = q.minPrice === undefined ? undefined : amount("minPrice", q.minPrice);
  const maxPrice = q.maxPrice === undefined ? undefined : amount("maxPrice", q.maxPrice);
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    throw bad(`"minPrice" (${minPrice}) is above "maxPrice" (${maxPrice}); no job can match.`);
  }
  if (q.kind !== undefined && q.kind !== "direct" && q.kind !== "rfq") throw bad(`"kind" must be "direct" or "rfq", not "${q.kind}".`);
  if (q.biddingOpen !== undefined && q.biddingOpen !== "true" && q.biddingOpen !== "false") {
    throw bad(`"biddingOpen" must be "true" (open RFQs still taking bids) or "false" (open RFQs whose bidding closed, awaiting award), not "${q.biddingOpen}".`);
  }

  const filters: SQL[] = [];
  if (wanted) filters.push(inArray(job.status, wanted));
  if (q.category !== undefined) filters.push(eq(job.categoryId, category("category", q.category)));
  if (q.token !== undefined) filters.push(eq(job.token, token(q.token)));
  if (minPrice !== undefined) filters.push(gte(job.price, minPrice));
  if (maxPrice !== undefined) filters.push(lte(job.price, maxPrice));
  if (q.buyer !== undefined) filters.push(eq(job.buyer, address("buyer", q.buyer)));
  if (q.supplier !== undefined) filters.push(eq(job.supplier, address("supplier", q.supplier)));
  if (q.kind !== undefined) filters.push(eq(job.kind, q.kind));
  if (q.qualifiedFor !== undefined) filters.push(await qualifiedFor(address("qualifiedFor", q.qualifiedFor)));
  // Bidding is open while the latest indexed block's time is before the bid deadline (TenderMarket's
  // `block.timestamp >= deadline` refuses a bid); either way only Open RFQs match.
  const now = q.biddingOpen === undefined ? undefined : await indexedTime();
  if (now !== undefined) {
    filters.push(eq(job.status, "Open"), eq(job.kind, "rfq"));
    filters.push(q.biddingOpen === "true" ? gt(job.bidDeadline, now) : lte(job.bidDeadline, now));
  }

  const fingerprint = createHash("sha256")
    .update(JSON.stringify([wanted, q.category, q.token, minPrice?.toString(), maxPrice?.toString(), q.buyer?.toLowerCase(), q.supplier?.toLowerCase(), q.kind, q.qualifiedFor?.toLowerCase(), q.biddingOpen]))
    .digest("base64url")
    .slice(0, 12);
  const sort = SORTS[sortName];
  if (q.cursor !== undefined) {
    const cursor = decodeCursor(q.cursor, sortName, fingerprint);
    const key = sql.raw(`'${cursor.k}'::${sort.cast}`);
    const id = sql.raw(`'${cursor.i}'::numeric`);
    filters.push(sort.dir === "asc" ? sql`(${sort.key}, ${job.id}) > (${key}, ${id})` : sql`(${sort.key}, ${job.id}) < (${key}, ${id})`);
  }

  const rows = await db
    .select(LIST_COLUMNS)
    .from(job)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(...(sort.dir === "asc" ? [asc(sort.key), asc(job.id)] : [desc(sort.key), desc(job.id)]))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const keyOf = (row: (typeof rows)[number]): string =>
    sortName === "price_asc" || sortName === "price_desc"
      ? row.price.toString()
      : sortName === "deadline"
        ? row.deadline === null ? NO_DEADLINE : String(row.deadline)
        : String(row.postedAt);
  const nextCursor = rows.length > limit && last ? encodeCursor({ s: sortName, f: fingerprint, k: keyOf(last), i: last.id.toString() }) : null;
  return { items: page, nextCursor, ...(now === undefined ? {} : { asOf: now }) };
}

// ---------------------------------------------------------------------------------------------------------------
// GET /api/jobs/:id

function jobId(value: string): bigint {
  if (!/^\d{1,30}$/.test(value) || BigInt(value) === 0n) throw bad(`The job id must be a whole number from 1, not "${value}".`);
  return BigInt(value);
}

export async function jobDetail(c: HonoContext) {
  query(c, []);
  const id = jobId(c.req.param("id")!);
  const [row] = await db.select().from(job).where(eq(job.id, id)).limit(1);
  if (!row) throw notFound(`No job ${id} has been posted (or the indexer has not reached it yet).`);
  const [bids, timeline, disputes, pieces, [terms], held, claimPieces, parts] = await Promise.all([
    db.select().from(bid).where(eq(bid.jobId, id)).orderBy(desc(bid.best), asc(sql`${bid.sealed} and not ${bid.revealed}`), asc(bid.price), asc(bid.placedSeq)),
    db.select().from(jobEvent).where(eq(jobEvent.jobId, id)).orderBy(asc(jobEvent.blockNumber), asc(jobEvent.logIndex)),
    db.select().from(dispute).where(eq(dispute.jobId, id)).limit(1),
    db.select().from(evidence).where(eq(evidence.jobId, id)).orderBy(asc(evidence.blockNumber), asc(evidence.logIndex)),
    db.select().from(termsVersion).where(eq(termsVersion.termsId, row.termsId)).limit(1),
    db.select().from(heldPayment).where(eq(heldPayment.jobId, id)).orderBy(asc(heldPayment.payment)),
    db.select().from(claimEvidence).where(eq(claimEvidence.jobId, id)).orderBy(asc(claimEvidence.blockNumber), asc(claimEvidence.logIndex)),
    db.select().from(milestone).where(eq(milestone.jobId, id)).orderBy(asc(milestone.index)),
  ]);
  const found = disputes[0];
  return {
    job: row,
    // The arbitrator's terms the job was posted under (its fee is what a dispute costs each side).
    terms: terms ?? null,
    bids,
    timeline: timeline.map(({ jobId: _jobId, ...event }) => event),
    // In milestones, the latest milestone's dispute, with that dispute's evidence (each milestone has its own below).
    dispute: found ? { ...found, evidence: pieces.filter((p) => p.milestone === found.milestone) } : null,
    // The holdback the job was posted with (null for none), and each payment's held share with its claim, its
    // deadlines and how it ended (payment 0 for a job paid at once).
    warranty: row.holdbackBps === 0 ? null : { holdbackBps: row.holdbackBps, warrantyWindow: row.warrantyWindow, holdBond: row.holdBond },
    held: held.map(({ jobId: _jobId, ...h }) => ({
      ...h,
      evidence: claimPieces.filter((p) => p.payment === h.payment).map(({ jobId: _j, payment: _p, ...p }) => p),
    })),
    // Its milestones by index (empty for a job paid at once): each a `milestone` row (share, window, state, gross,
    // deadlines, delivery, dispute, payouts, held share) with its dispute's evidence.
    milestones: parts.map(({ jobId: _jobId, ...m }) => ({
      ...m,
      evidence: pieces.filter((p) => p.milestone === m.index).map(({ jobId: _j, milestone: _m, ...p }) => p),
    })),
  };
}

export default new Hono()
  .get("/api/jobs", route(jobsPage))
  .get("/api/jobs/:id", route(jobDetail));
