// The indexer's HTTP API (Ponder serves it beside /health, /ready, /status and /metrics):
//   /graphql        GraphQL over every table (POST; the GET page needs a CDN)
//   /sql/*          SQL over HTTP for @ponder/client
//   /api/...        REST for the web app and scripts, below
// REST answers JSON; amounts, ids and block numbers are decimal strings; addresses lowercase; times Unix seconds.
// A bad parameter is a 400 with { error: "<sentence naming the parameter>" }; an unknown thing a 404 likewise.
import { createHash } from "node:crypto";
import { Hono, type Context as HonoContext } from "hono";
import { db, publicClients } from "ponder:api";
import schema, {
  attestation,
  arbitrator,
  bid,
  buyer,
  clearingPrice,
  dispute,
  evidence,
  job,
  jobEvent,
  market,
  marketVolume,
  supplier,
  supplierCategory,
  supplierVolume,
  termsVersion,
} from "ponder:schema";
import { and, asc, client, desc, eq, graphql, gte, inArray, lte, or, sql } from "ponder";

type SQL = ReturnType<typeof sql>;
import { categoryId as categoryIdOf } from "@tender/sdk/escrow";
import { type RatingState, type Reputation, buyerReputation, ratingSumsAt, reputation } from "./reputation.ts";

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

// ---------------------------------------------------------------------------------------------------------------
// Errors and JSON

class HttpError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}
const bad = (message: string) => new HttpError(400, message);
const notFound = (message: string) => new HttpError(404, message);

/** JSON with bigints as decimal strings (a Date by its toJSON: ISO 8601). A replacer, not a copy of the value:
 * building a converted copy of every row cost more than the query itself (CPU profile of `ponder serve` under load). */
const bigintsAsStrings = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);
const toJson = (value: unknown) => JSON.stringify(value, bigintsAsStrings);

type Handler = (c: HonoContext) => Promise<unknown>;

function route(handler: Handler) {
  return async (c: HonoContext) => {
    try {
      return c.body(toJson(await handler(c)), 200, { "content-type": "application/json; charset=UTF-8" });
    } catch (error) {
      if (error instanceof HttpError) return c.json({ error: error.message }, error.status);
      console.error(error);
      return c.json({ error: "The indexer failed to answer; see its log." }, 500);
    }
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Parameters

/** The query string, refusing parameters the endpoint does not know and parameters given twice. */
function query(c: HonoContext, known: readonly string[]): Record<string, string | undefined> {
  const all = c.req.queries();
  const out: Record<string, string | undefined> = {};
  for (const [name, values] of Object.entries(all)) {
    if (!known.includes(name)) {
      throw bad(`Unknown query parameter "${name}"; this endpoint takes ${known.map((k) => `"${k}"`).join(", ")}.`);
    }
    if (values.length > 1) throw bad(`Query parameter "${name}" is given ${values.length} times; give it once.`);
    out[name] = values[0];
  }
  return out;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

function address(name: string, value: string): `0x${string}` {
  if (!ADDRESS.test(value)) throw bad(`"${name}" must be an address (0x and 40 hex digits), not "${value}".`);
  return value.toLowerCase() as `0x${string}`;
}

function token(value: string): `0x${string}` {
  if (value.toLowerCase() === "eth") return ZERO_ADDRESS;
  if (!ADDRESS.test(value)) throw bad(`"token" must be a token address (0x and 40 hex digits) or "ETH", not "${value}".`);
  return value.toLowerCase() as `0x${string}`;
}

function amount(name: string, value: string): bigint {
  if (!/^\d{1,78}$/.test(value)) {
    throw bad(`"${name}" must be a whole number of the token's base units (e.g. 1500000 for 1.5 of a 6-decimal token), not "${value}".`);
  }
  return BigInt(value);
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw bad(`"${name}" must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return Number(value);
}

/** A category by name ("code") or by on-chain id (0x + 64 hex digits): its id. */
function category(name: string, value: string): `0x${string}` {
  if (BYTES32.test(value)) return value.toLowerCase() as `0x${string}`;
  if (value === "" || value.length > 256) throw bad(`"${name}" must be a category name (e.g. "code") or its 32-byte id, not "${value}".`);
  return categoryIdOf(value);
}

const STATUSES = ["Open", "Awarded", "Delivered", "Disputed", "Settled", "Refunded", "Cancelled"] as const;
type Status = (typeof STATUSES)[number];

function statuses(value: string | undefined): Status[] | undefined {
  if (value === undefined) return ["Open"];
  if (value.toLowerCase() === "all") return undefined;
  return value.split(",").map((part) => {
    const found = STATUSES.find((s) => s.toLowerCase() === part.trim().toLowerCase());
    if (!found) {
      throw bad(`"status" must be one or more of ${STATUSES.map((s) => s.toLowerCase()).join(", ")} (comma-separated), or "all"; "${part}" is none of them.`);
    }
    return found;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// GET /api/jobs

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

/** Every column of `job` but the spec, for a supplier's or a buyer's history. */
type JobColumns = (typeof job)["_"]["columns"];
const SUMMARY_COLUMNS = Object.fromEntries(
  Object.entries(job).filter(([key, value]) => key !== "spec" && typeof value === "object" && value !== null && "columnType" in value),
) as Omit<JobColumns, "spec">;

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
  deadline: job.deadline,
  bidDeadline: job.bidDeadline,
  postedAt: job.postedAt,
  updatedAt: job.updatedAt,
  bidCount: job.bidCount,
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
    sql`${floor("minRatings")}::bigint <= ${sql.raw(String(ratingCount))}`,
    sql`(${floor("minAvgRating")}::int = 0 or ${sql.raw(String(averageX100))} >= ${floor("minAvgRating")}::int)`,
    metricsMet,
  )!;
}

app.get(
  "/api/jobs",
  route(async (c) => {
    const q = query(c, ["status", "category", "token", "minPrice", "maxPrice", "buyer", "supplier", "kind", "qualifiedFor", "sort", "limit", "cursor"]);
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

    const fingerprint = createHash("sha256")
      .update(JSON.stringify([wanted, q.category, q.token, minPrice?.toString(), maxPrice?.toString(), q.buyer?.toLowerCase(), q.supplier?.toLowerCase(), q.kind, q.qualifiedFor?.toLowerCase()]))
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
    return { items: page, nextCursor };
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// GET /api/jobs/:id

function jobId(value: string): bigint {
  if (!/^\d{1,30}$/.test(value) || BigInt(value) === 0n) throw bad(`The job id must be a whole number from 1, not "${value}".`);
  return BigInt(value);
}

app.get(
  "/api/jobs/:id",
  route(async (c) => {
    query(c, []);
    const id = jobId(c.req.param("id")!);
    const [row] = await db.select().from(job).where(eq(job.id, id)).limit(1);
    if (!row) throw notFound(`No job ${id} has been posted (or the indexer has not reached it yet).`);
    const [bids, timeline, disputes, pieces, [terms]] = await Promise.all([
      db.select().from(bid).where(eq(bid.jobId, id)).orderBy(desc(bid.best), asc(bid.price), asc(bid.placedSeq)),
      db.select().from(jobEvent).where(eq(jobEvent.jobId, id)).orderBy(asc(jobEvent.blockNumber), asc(jobEvent.logIndex)),
      db.select().from(dispute).where(eq(dispute.jobId, id)).limit(1),
      db.select().from(evidence).where(eq(evidence.jobId, id)).orderBy(asc(evidence.blockNumber), asc(evidence.logIndex)),
      db.select().from(termsVersion).where(eq(termsVersion.termsId, row.termsId)).limit(1),
    ]);
    const found = disputes[0];
    return {
      job: row,
      // The arbitrator's terms the job was posted under (its fee is what a dispute costs each side).
      terms: terms ?? null,
      bids,
      timeline: timeline.map(({ jobId: _jobId, ...event }) => event),
      dispute: found ? { ...found, evidence: pieces } : null,
    };
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// GET /api/suppliers/:address

/** The schema Ponder writes to (`--schema`): where its checkpoint table is. */
const SCHEMA = (job as unknown as Record<symbol, string | undefined>)[Symbol.for("drizzle:Schema")] ?? "public";

/** The time of the latest block the indexer has indexed (what /status reports): "now" for attestations' validity,
 * floors and rating ages, so that every answer speaks of the same chain state as the rows it reads. The RPC's
 * latest block (or the wall clock) only before the first block is indexed. */
async function indexedTime(): Promise<number> {
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

type Counters = Pick<
  typeof supplier.$inferSelect,
  "won" | "completed" | "declined" | "refunded" | "disputesFaced" | "disputesLost" | "ratingSum" | "ratingCount" | "onTimeDeliveries" | "missedDeadlines"
> &
  RatingState;

/** A supplier's reputation (overall, or in one category) from its kept counters, its ratings aged to `now`. */
function scoreOf(row: Counters, now: number): Reputation {
  return reputation({
    won: row.won,
    completed: row.completed,
    disputesLost: row.disputesLost,
    onTimeDeliveries: row.onTimeDeliveries,
    missedDeadlines: row.missedDeadlines,
    ...ratingSumsAt(row, now),
  });
}

/** The supplierRecord fields of a row (the same counters per category). */
function recordOf(row: Counters) {
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

app.get(
  "/api/suppliers/:address",
  route(async (c) => {
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
        onTimeDeliveries: counts.onTimeDeliveries,
        missedDeadlines: counts.missedDeadlines,
        reputation: scoreOf(counts, now),
      }))
      .sort((a, b) => b.reputation.score - a.reputation.score || b.record.won - a.record.won || (a.category < b.category ? -1 : 1));
    return {
      asOf: now,
      address: who,
      profile: { registered: row.registered, profileUri: row.profileUri ?? null, registeredAt: row.registeredAt ?? null, updatedAt: row.profileUpdatedAt ?? null },
      // The escrow's supplierRecord, as its floors read it.
      record,
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
      // The same score over each category's jobs only, best first.
      categories: perCategory,
      // completedVolume per token, and what it was paid net of protocol fees.
      volume: volumes.map(({ supplier: _s, ...v }) => v),
      attestations: attestations.map(({ supplier: _s, ...a }) => ({ ...a, current: !a.revoked && a.validUntil > now })),
      history: {
        jobs,
        bids: bids.map(({ bid: b, ...j }) => ({ ...b, job: { title: j.title, status: j.status, token: j.token, category: j.category, won: j.winner === who } })),
      },
    };
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// GET /api/leaderboard

app.get(
  "/api/leaderboard",
  route(async (c) => {
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
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// GET /api/buyers/:address

/** a / b rounded to 4 decimals, or null when b is 0. */
const rate = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

app.get(
  "/api/buyers/:address",
  route(async (c) => {
    const q = query(c, ["limit"]);
    const who = address("address", c.req.param("address")!);
    const limit = integer("limit", q.limit, 50, 1, 200);
    const [row] = await db.select().from(buyer).where(eq(buyer.address, who)).limit(1);
    if (!row) throw notFound(`No buyer ${who} is known: it never posted a job.`);
    const jobs = await db.select(SUMMARY_COLUMNS).from(job).where(eq(job.buyer, who)).orderBy(desc(job.postedAt), desc(job.id)).limit(limit);
    return {
      address: who,
      // The escrow's buyerRecord.
      record: { posted: row.posted, paid: row.paid, cancelled: row.cancelled, disputesOpened: row.disputesOpened, disputesLost: row.disputesLost },
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
        firstSeenAt: row.firstSeenAt,
        lastActiveAt: row.lastActiveAt,
      },
      reputation: buyerReputation(row),
      history: { jobs },
    };
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// GET /api/markets and /api/markets/:category/prices

app.get(
  "/api/markets",
  route(async (c) => {
    query(c, []);
    const [markets, volumes, stats] = await Promise.all([
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
    ]);
    return {
      markets: markets.map((m) => ({
        categoryId: m.categoryId,
        name: m.name,
        named: m.named,
        openJobs: m.openJobs,
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
  }),
);

app.get(
  "/api/markets/:category/prices",
  route(async (c) => {
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
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// GET /api/arbitrators/:address/disputes

const DISPUTE_FILTERS: Record<string, SQL> = {
  open: sql`${dispute.status} = 'open'`,
  answered: sql`${dispute.status} = 'answered'`,
  ruled: sql`${dispute.status} = 'ruled'`,
  defaulted: sql`${dispute.status} = 'defaulted'`,
  active: or(eq(dispute.status, "open"), eq(dispute.status, "answered"))!,
  ended: or(eq(dispute.status, "ruled"), eq(dispute.status, "defaulted"))!,
};

// ---------------------------------------------------------------------------------------------------------------
// GET /api/arbitrators: the registry, for a buyer picking one (active first, then by rulings given)

app.get(
  "/api/arbitrators",
  route(async (c) => {
    const q = query(c, ["active", "limit"]);
    if (q.active !== undefined && q.active !== "true" && q.active !== "false") throw bad(`"active" must be "true" or "false", not "${q.active}".`);
    const limit = integer("limit", q.limit, 100, 1, 500);
    const rows = await db
      .select()
      .from(arbitrator)
      .where(q.active === undefined ? undefined : eq(arbitrator.active, q.active === "true"))
      .orderBy(desc(arbitrator.active), desc(arbitrator.disputeCount), asc(arbitrator.address))
      .limit(limit);
    return { items: rows };
  }),
);

app.get(
  "/api/arbitrators/:address/disputes",
  route(async (c) => {
    const q = query(c, ["status", "limit"]);
    const who = address("address", c.req.param("address")!);
    const limit = integer("limit", q.limit, 100, 1, 500);
    if (q.status !== undefined && !(q.status in DISPUTE_FILTERS)) {
      throw bad(`"status" must be one of ${Object.keys(DISPUTE_FILTERS).join(", ")}, not "${q.status}".`);
    }
    const [found] = await db.select().from(arbitrator).where(eq(arbitrator.address, who)).limit(1);
    if (!found) throw notFound(`No arbitrator ${who} has published terms.`);
    const filters: SQL[] = [eq(dispute.arbitrator, who)];
    if (q.status !== undefined) filters.push(DISPUTE_FILTERS[q.status]!);
    const [terms, rows] = await Promise.all([
      db.select().from(termsVersion).where(eq(termsVersion.arbitrator, who)).orderBy(asc(termsVersion.version)),
      db
        .select({ dispute, title: job.title, category: job.category, jobStatus: job.status, termsId: job.termsId })
        .from(dispute)
        .leftJoin(job, eq(job.id, dispute.jobId))
        .where(and(...filters))
        .orderBy(desc(dispute.openedAt), desc(dispute.jobId))
        .limit(limit),
    ]);
    const ids = rows.map((r) => r.dispute.jobId);
    const pieces = ids.length
      ? await db.select().from(evidence).where(inArray(evidence.jobId, ids)).orderBy(asc(evidence.blockNumber), asc(evidence.logIndex))
      : [];
    return {
      arbitrator: { ...found, terms },
      disputes: rows.map((r) => ({
        ...r.dispute,
        job: { title: r.title, category: r.category, status: r.jobStatus, termsId: r.termsId },
        evidence: pieces.filter((p) => p.jobId === r.dispute.jobId),
      })),
    };
  }),
);

app.all("/api/*", (c) => c.json({ error: `No endpoint ${c.req.method} ${c.req.path}; see indexer/README.md.` }, 404));

export default app;
