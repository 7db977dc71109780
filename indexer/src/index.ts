// Indexing functions: every event of TenderEscrow and SupplierRegistry, moving the tables of ponder.schema.ts the
// way the contracts move their own state. Where a counter mirrors an on-chain one, the rule is the contract's:
// - a bid counts as `won` at its award; a direct hire counts as `won` once delivered; a direct hire's decline or
//   missed deadline writes nothing to any record (TenderEscrow._refund);
// - a settlement counts as `completed` (and `paid` for the buyer, and volume) when the supplier's side of the price
//   is nonzero — always for a confirmation or finalization, and for a dispute unless ruled 10,000 bps to the buyer;
// - a ruling above 5,000 bps or an unanswered dispute is a loss for the supplier, below 5,000 for the buyer; a
//   silent arbitrator is nobody's loss and counts a time-out for the arbitrator (TenderArbitration._resolve).
// A supplier's counters move by the same rule overall (`supplier`) and in the job's category (`supplier_category`),
// both in countSupplier; its ratings' recency-weighted sums move with them (reputation.ts addRating).
import { type Context, type Event, ponder } from "ponder:registry";
import {
  attestation,
  arbitrator,
  bid,
  buyer,
  clearingPrice,
  credit,
  dispute,
  evidence,
  job,
  jobEvent,
  market,
  marketVolume,
  protocol,
  protocolFee,
  rating,
  supplier,
  supplierCategory,
  supplierVolume,
  termsVersion,
} from "ponder:schema";
import { addRating } from "./api/reputation.ts";
import { categoryId as categoryIdOf, specHash } from "@tender/sdk/escrow";
import { metricName } from "@tender/sdk/registry";
import { specProblem } from "@tender/sdk/spec";

type Db = Context["db"];
type Hex = `0x${string}`;
type AnyEvent = Event<"TenderEscrow:JobSettled">;

const BPS = 10_000n;
const MODES = ["LowestPrice", "BuyerChoice"] as const;

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

const lower = (address: string): Hex => address.toLowerCase() as Hex;
const time = (event: { block: { timestamp: bigint } }): number => Number(event.block.timestamp);
/** Chain order of a log, as one number: block × 100,000 + log index. */
const seq = (event: { block: { number: bigint }; log: { logIndex: number } }): number =>
  Number(event.block.number) * 100_000 + event.log.logIndex;

/** Text from a log as PostgreSQL can store it: anything goes on-chain, NUL characters do not go in a TEXT column. */
function clean(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}

/** A value with its bigints as decimal strings (for JSON columns), strings cleaned. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string") return clean(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)]));
  }
  return value;
}

/** What a posted spec says, read defensively: a spec that is not JSON, not an object, or off-schema is still a
 * job; it just has no title or category name, and its problem is kept. */
function readSpec(text: string, onchainCategory: Hex) {
  let doc: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) doc = parsed as Record<string, unknown>;
  } catch {
    // not JSON: specProblem says so below
  }
  const title = typeof doc?.title === "string" && doc.title.trim() !== "" ? clean(doc.title.trim()).slice(0, 200) : null;
  const claimed = typeof doc?.category === "string" ? doc.category : undefined;
  let name: string | undefined;
  try {
    if (claimed !== undefined && categoryIdOf(claimed) === onchainCategory) name = claimed;
  } catch {
    // cannot happen for a string, but a bad spec must never stop indexing
  }
  let problem: string | null = null;
  try {
    if (claimed !== undefined && name === undefined) {
      problem = `spec.category: ${JSON.stringify(claimed)} is not the job's category (its keccak256 is not ${onchainCategory})`;
    } else {
      const found = specProblem(text, name);
      if (found) problem = `${found.field}: ${found.message}`;
    }
  } catch (error) {
    problem = `spec: could not be checked (${(error as Error).message})`;
  }
  return { title, name: name === undefined ? undefined : clean(name), valid: problem === null, problem: problem && clean(problem) };
}

async function recordEvent(db: Db, event: AnyEvent | Event, jobId: bigint, kind: string, data: Record<string, unknown>) {
  const e = event as AnyEvent;
  await db.insert(jobEvent).values({
    id: e.id,
    jobId,
    kind,
    actor: lower(e.transaction.from),
    timestamp: time(e),
    blockNumber: e.block.number,
    logIndex: e.log.logIndex,
    txHash: e.transaction.hash,
    data: plain(data) as Record<string, unknown>,
  });
}

async function getJob(db: Db, id: bigint) {
  const row = await db.find(job, { id });
  if (!row) throw new Error(`job ${id} has an event but was never posted: the indexer started after its posting`);
  return row;
}

// ---------------------------------------------------------------------------------------------------------------
// Records: each created on first sight, then changed with a function of the current row.

type SupplierRow = typeof supplier.$inferSelect;
type BuyerRow = typeof buyer.$inferSelect;
type ArbitratorRow = typeof arbitrator.$inferSelect;
type MarketRow = typeof market.$inferSelect;

async function touchSupplier(db: Db, address: Hex, at: number, change: (row: SupplierRow) => Partial<SupplierRow> = () => ({})) {
  const key = { address: lower(address) };
  if (!(await db.find(supplier, key))) {
    await db.insert(supplier).values({
      ...key,
      ...NO_COUNTS,
      registered: false,
      bidsPlaced: 0,
      directHires: 0,
      firstSeenAt: at,
      lastActiveAt: at,
    });
  }
  await db.update(supplier, key).set((row) => ({ ...change(row), lastActiveAt: at }));
}

/** The record counters a supplier has overall (`supplier`) and per category (`supplier_category`). */
type Counters = Pick<
  SupplierRow,
  | "won"
  | "completed"
  | "declined"
  | "refunded"
  | "disputesFaced"
  | "disputesLost"
  | "ratingSum"
  | "ratingCount"
  | "onTimeDeliveries"
  | "missedDeadlines"
  | "deliveryWindowUsedBps"
  | "ratingWeight"
  | "ratingWeightedSum"
  | "lastRatedAt"
>;
const NO_COUNTS: Counters = {
  won: 0,
  completed: 0,
  declined: 0,
  refunded: 0,
  disputesFaced: 0,
  disputesLost: 0,
  ratingSum: 0,
  ratingCount: 0,
  onTimeDeliveries: 0,
  missedDeadlines: 0,
  deliveryWindowUsedBps: 0,
  ratingWeight: 0,
  ratingWeightedSum: 0,
  lastRatedAt: null,
};

/** Moves a supplier's record by the same rule overall and in the job's category. */
async function countSupplier(db: Db, address: Hex, categoryId: Hex, at: number, change: (row: Counters) => Partial<Counters>) {
  await touchSupplier(db, address, at, change);
  await db
    .insert(supplierCategory)
    .values({ supplier: lower(address), categoryId, ...NO_COUNTS, ...change(NO_COUNTS), firstSeenAt: at, lastActiveAt: at })
    .onConflictDoUpdate((row) => ({ ...change(row), lastActiveAt: at }));
}

async function touchBuyer(db: Db, address: Hex, at: number, change: (row: BuyerRow) => Partial<BuyerRow>) {
  const key = { address: lower(address) };
  if (!(await db.find(buyer, key))) {
    await db.insert(buyer).values({
      ...key,
      posted: 0,
      paid: 0,
      cancelled: 0,
      disputesOpened: 0,
      disputesLost: 0,
      settled: 0,
      refunded: 0,
      disputesWon: 0,
      cancelledWithBids: 0,
      ratingsGiven: 0,
      ratingSumGiven: 0,
      firstSeenAt: at,
      lastActiveAt: at,
    });
  }
  await db.update(buyer, key).set((row) => ({ ...change(row), lastActiveAt: at }));
}

async function changeArbitrator(db: Db, address: Hex, change: (row: ArbitratorRow) => Partial<ArbitratorRow>) {
  const key = { address: lower(address) };
  // Every arbitrator a job names published terms first (the escrow refuses inactive ones), so the row exists.
  if (!(await db.find(arbitrator, key))) throw new Error(`arbitrator ${address} acts but never published terms`);
  await db.update(arbitrator, key).set(change);
}

async function changeMarket(db: Db, id: Hex, change: (row: MarketRow) => Partial<MarketRow>) {
  await db.update(market, { categoryId: id }).set(change);
}

async function addVolume(db: Db, categoryId: Hex, token: Hex, amount: bigint) {
  await db
    .insert(marketVolume)
    .values({ categoryId, token, volume: amount, settledJobs: 1 })
    .onConflictDoUpdate((row) => ({ volume: row.volume + amount, settledJobs: row.settledJobs + 1 }));
}

async function addClearing(
  db: Db,
  event: AnyEvent | Event,
  row: { categoryId: Hex; jobId: bigint; kind: "award" | "settlement"; token: Hex; price: bigint; firstForJob: boolean },
) {
  const e = event as AnyEvent;
  const at = time(e);
  await db.insert(clearingPrice).values({ id: e.id, ...row, timestamp: at, blockNumber: e.block.number, logIndex: e.log.logIndex });
  await changeMarket(db, row.categoryId, () => ({ lastClearingPrice: row.price, lastClearingToken: row.token, lastClearingAt: at }));
  await db
    .insert(marketVolume)
    .values({ categoryId: row.categoryId, token: row.token, volume: 0n, settledJobs: 0, lastClearingPrice: row.price, lastClearingAt: at })
    .onConflictDoUpdate({ lastClearingPrice: row.price, lastClearingAt: at });
}

async function protocolRow(db: Db, context: Context, at: number) {
  const existing = await db.find(protocol, { id: 1 });
  if (existing) return existing;
  return db.insert(protocol).values({
    id: 1,
    escrow: lower(context.contracts.TenderEscrow.address),
    postingPaused: false,
    jobCount: 0,
    updatedAt: at,
  });
}

async function setProtocol(db: Db, context: Context, at: number, values: Partial<typeof protocol.$inferSelect>) {
  await protocolRow(db, context, at);
  await db.update(protocol, { id: 1 }).set({ ...values, updatedAt: at });
}

// ---------------------------------------------------------------------------------------------------------------
// Posting

interface Posting {
  jobId: bigint;
  kind: "direct" | "rfq";
  buyer: Hex;
  supplier: Hex | null;
  arbitrator: Hex;
  termsId: number;
  token: Hex;
  price: bigint;
  maxPrice: bigint | null;
  categoryId: Hex;
  spec: string;
  defaultBuyerShareBps: number;
  protocolFeeBps: number;
  deliveryWindow: number;
  reviewWindow: number;
  rfq?: {
    mode: number;
    floors: { bondBps: number };
    awardWindow: number;
    bidDeadline: number;
    awardDeadline: number;
  };
  deliverBy?: number;
}

async function post(db: Db, context: Context, event: AnyEvent | Event, p: Posting, kind: string, data: Record<string, unknown>) {
  const e = event as AnyEvent;
  const at = time(e);
  const categoryId = lower(p.categoryId);
  const spec = readSpec(p.spec, categoryId);

  const known = await db.find(market, { categoryId });
  const name = spec.name ?? (known?.named ? known.name : undefined);
  if (!known) {
    await db.insert(market).values({
      categoryId,
      name: name ?? categoryId,
      named: name !== undefined,
      openJobs: 0,
      jobCount: 0,
      rfqCount: 0,
      settledJobs: 0,
      firstJobAt: at,
    });
  }
  await changeMarket(db, categoryId, (row) => ({
    ...(!row.named && name !== undefined ? { name, named: true } : {}),
    jobCount: row.jobCount + 1,
    rfqCount: row.rfqCount + (p.rfq ? 1 : 0),
    openJobs: row.openJobs + (p.rfq ? 1 : 0),
  }));

  await db.insert(job).values({
    id: p.jobId,
    kind: p.kind,
    status: p.rfq ? "Open" : "Awarded",
    buyer: lower(p.buyer),
    supplier: p.supplier && lower(p.supplier),
    arbitrator: lower(p.arbitrator),
    termsId: p.termsId,
    token: lower(p.token),
    price: p.price,
    maxPrice: p.maxPrice,
    categoryId,
    category: name ?? categoryId,
    spec: clean(p.spec),
    specHash: specHash(p.spec),
    title: spec.title,
    specValid: spec.valid,
    specProblem: spec.problem,
    mode: p.rfq ? MODES[p.rfq.mode] ?? null : null,
    floors: p.rfq ? (plain(p.rfq.floors) as Record<string, unknown>) : null,
    bondBps: p.rfq ? p.rfq.floors.bondBps : null,
    defaultBuyerShareBps: p.defaultBuyerShareBps,
    protocolFeeBps: p.protocolFeeBps,
    deliveryWindow: p.deliveryWindow,
    reviewWindow: p.reviewWindow,
    awardWindow: p.rfq ? p.rfq.awardWindow : null,
    deadline: p.rfq ? p.rfq.bidDeadline : p.deliverBy,
    bidDeadline: p.rfq?.bidDeadline,
    awardDeadline: p.rfq?.awardDeadline,
    deliverBy: p.deliverBy,
    postedAt: at,
    postedBlock: e.block.number,
    postedTx: e.transaction.hash,
    // A direct hire starts awarded: its supplier is named at posting.
    awardedAt: p.rfq ? null : at,
    updatedAt: at,
    bidCount: 0,
  });

  await touchBuyer(db, p.buyer, at, (row) => ({ posted: row.posted + 1 }));
  if (p.supplier) await touchSupplier(db, p.supplier, at, (row) => ({ directHires: row.directHires + 1 }));
  await changeArbitrator(db, p.arbitrator, (row) => ({ jobsNamed: row.jobsNamed + 1 }));
  await setProtocol(db, context, at, {});
  await db.update(protocol, { id: 1 }).set((row) => ({ jobCount: row.jobCount + 1 }));
  await recordEvent(db, e, p.jobId, kind, data);
}

ponder.on("TenderEscrow:DirectHirePosted", async ({ event, context }) => {
  const { jobId, buyer, supplier, hire, deliverBy, termsId, protocolFeeBps } = event.args;
  await post(
    context.db,
    context,
    event,
    {
      jobId,
      kind: "direct",
      buyer,
      supplier,
      arbitrator: hire.arbitrator,
      termsId,
      token: hire.token,
      price: hire.price,
      maxPrice: null,
      categoryId: hire.category,
      spec: hire.spec,
      defaultBuyerShareBps: hire.defaultBuyerShareBps,
      protocolFeeBps,
      deliveryWindow: hire.deliveryWindow,
      reviewWindow: hire.reviewWindow,
      deliverBy,
    },
    "DirectHirePosted",
    { supplier, token: hire.token, price: hire.price, arbitrator: hire.arbitrator, deliverBy, termsId, protocolFeeBps },
  );
});

ponder.on("TenderEscrow:RFQPosted", async ({ event, context }) => {
  const { jobId, buyer, rfq, awardDeadline, termsId, protocolFeeBps } = event.args;
  await post(
    context.db,
    context,
    event,
    {
      jobId,
      kind: "rfq",
      buyer,
      supplier: null,
      arbitrator: rfq.arbitrator,
      termsId,
      token: rfq.token,
      price: rfq.maxPrice,
      maxPrice: rfq.maxPrice,
      categoryId: rfq.category,
      spec: rfq.spec,
      defaultBuyerShareBps: rfq.defaultBuyerShareBps,
      protocolFeeBps,
      deliveryWindow: rfq.deliveryWindow,
      reviewWindow: rfq.reviewWindow,
      rfq: { mode: rfq.mode, floors: rfq.floors, awardWindow: rfq.awardWindow, bidDeadline: rfq.bidDeadline, awardDeadline },
    },
    "RFQPosted",
    {
      token: rfq.token,
      maxPrice: rfq.maxPrice,
      mode: MODES[rfq.mode],
      bidDeadline: rfq.bidDeadline,
      awardDeadline,
      arbitrator: rfq.arbitrator,
      bondBps: rfq.floors.bondBps,
      termsId,
      protocolFeeBps,
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Bids

/** The job's new leader: the previous one loses its flag. */
async function lead(db: Db, jobId: bigint, leader: Hex, price: bigint, at: number) {
  const current = await getJob(db, jobId);
  if (current.bestBidder && current.bestBidder !== leader) {
    await db.update(bid, { jobId, supplier: current.bestBidder }).set({ best: false });
  }
  await db.update(job, { id: jobId }).set({ bestBidder: leader, bestBidPrice: price, updatedAt: at });
}

ponder.on("TenderEscrow:BidPlaced", async ({ event, context }) => {
  const { db } = context;
  const { jobId, price, bond, best } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.insert(bid).values({
    jobId,
    supplier: who,
    price,
    firstPrice: price,
    bond,
    placedAt: at,
    firstPlacedAt: at,
    placedSeq: seq(event),
    improvements: 0,
    best,
    won: false,
    bondReclaimed: false,
  });
  await db.update(job, { id: jobId }).set((row) => ({ bidCount: row.bidCount + 1, updatedAt: at }));
  if (best) await lead(db, jobId, who, price, at);
  await touchSupplier(db, who, at, (row) => ({ bidsPlaced: row.bidsPlaced + 1 }));
  await recordEvent(db, event, jobId, "BidPlaced", { supplier: who, price, bond, best });
});

ponder.on("TenderEscrow:BidImproved", async ({ event, context }) => {
  const { db } = context;
  const { jobId, price, best } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.update(bid, { jobId, supplier: who }).set((row) => ({
    price,
    placedAt: at,
    placedSeq: seq(event),
    improvements: row.improvements + 1,
    best,
  }));
  if (best) await lead(db, jobId, who, price, at);
  await touchSupplier(db, who, at);
  await recordEvent(db, event, jobId, "BidImproved", { supplier: who, price, best });
});

ponder.on("TenderEscrow:JobAwarded", async ({ event, context }) => {
  const { db } = context;
  const { jobId, price, refunded, deliverBy } = event.args;
  const winner = lower(event.args.supplier);
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({
    status: "Awarded",
    supplier: winner,
    price,
    awardRefund: refunded,
    deliverBy,
    deadline: deliverBy,
    awardedAt: at,
    updatedAt: at,
  });
  await db.update(bid, { jobId, supplier: winner }).set({ won: true });
  await countSupplier(db, winner, before.categoryId, at, (row) => ({ won: row.won + 1 }));
  await changeMarket(db, before.categoryId, (row) => ({ openJobs: row.openJobs - 1 }));
  await addClearing(db, event, { categoryId: before.categoryId, jobId, kind: "award", token: before.token, price, firstForJob: true });
  await recordEvent(db, event, jobId, "JobAwarded", { supplier: winner, price, refunded, deliverBy });
});

ponder.on("TenderEscrow:JobCancelled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, by, refunded } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({ status: "Cancelled", cancelledAt: at, cancelledBy: lower(by), deadline: null, updatedAt: at });
  await touchBuyer(db, before.buyer, at, (row) => ({
    cancelled: row.cancelled + 1,
    cancelledWithBids: row.cancelledWithBids + (before.bidCount > 0 ? 1 : 0),
  }));
  await changeMarket(db, before.categoryId, (row) => ({ openJobs: row.openJobs - 1 }));
  await recordEvent(db, event, jobId, "JobCancelled", { by: lower(by), refunded });
});

ponder.on("TenderEscrow:BondReclaimed", async ({ event, context }) => {
  const { db } = context;
  const { jobId, bond } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.update(bid, { jobId, supplier: who }).set({ bondReclaimed: true, reclaimedAt: at });
  await touchSupplier(db, who, at);
  await recordEvent(db, event, jobId, "BondReclaimed", { supplier: who, bond });
});

// ---------------------------------------------------------------------------------------------------------------
// Running jobs

ponder.on("TenderEscrow:JobDelivered", async ({ event, context }) => {
  const { db } = context;
  const { jobId, deliverableHash, uri, reviewEndsAt } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({
    status: "Delivered",
    deliveredAt: at,
    deliverableHash,
    deliverableUri: clean(uri),
    reviewEndsAt,
    deadline: reviewEndsAt,
    updatedAt: at,
  });
  const usedBps = before.awardedAt === null || before.deliveryWindow === 0
    ? 0
    : Number((BigInt(at - before.awardedAt) * BPS) / BigInt(before.deliveryWindow));
  await countSupplier(db, before.supplier!, before.categoryId, at, (row) => ({
    // A direct hire counts as won once delivered: the supplier has taken it on.
    won: row.won + (before.kind === "direct" ? 1 : 0),
    onTimeDeliveries: row.onTimeDeliveries + 1,
    deliveryWindowUsedBps: row.deliveryWindowUsedBps + usedBps,
  }));
  await recordEvent(db, event, jobId, "JobDelivered", { deliverableHash, uri, reviewEndsAt });
});

ponder.on("TenderEscrow:JobRefunded", async ({ event, context }) => {
  const { db } = context;
  const { jobId, declined, toBuyer, bondToBuyer } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({
    status: "Refunded",
    refundedAt: at,
    declined,
    refundToBuyer: toBuyer,
    bondToBuyer,
    deadline: null,
    updatedAt: at,
  });
  // A direct hire's decline or missed deadline writes nothing: the supplier never agreed to it.
  if (before.kind === "rfq") {
    await countSupplier(db, before.supplier!, before.categoryId, at, (row) =>
      declined ? { declined: row.declined + 1 } : { refunded: row.refunded + 1, missedDeadlines: row.missedDeadlines + 1 },
    );
  }
  await touchBuyer(db, before.buyer, at, (row) => ({ refunded: row.refunded + 1 }));
  await recordEvent(db, event, jobId, "JobRefunded", { declined, toBuyer, bondToBuyer });
});

ponder.on("TenderEscrow:JobSettled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, rating: stars, toSupplier, protocolFee: fee } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  const supplierAddress = before.supplier!;
  const token = before.token;
  // The supplier's side of the price before the protocol fee: the price for a confirmation or finalization, the
  // price less the buyer's share after a dispute. The escrow counts it as completed volume when nonzero.
  const share = toSupplier + fee;
  await db.update(job, { id: jobId }).set({
    status: "Settled",
    settledAt: at,
    rating: stars,
    toSupplier,
    protocolFee: fee,
    deadline: null,
    updatedAt: at,
  });
  await countSupplier(db, supplierAddress, before.categoryId, at, (row) => ({
    completed: row.completed + (share !== 0n ? 1 : 0),
    ratingSum: row.ratingSum + stars,
    ratingCount: row.ratingCount + (stars !== 0 ? 1 : 0),
    ...(stars !== 0 ? addRating(row, stars, at) : {}),
  }));
  await touchBuyer(db, before.buyer, at, (row) => ({
    paid: row.paid + (share !== 0n ? 1 : 0),
    settled: row.settled + 1,
    ratingsGiven: row.ratingsGiven + (stars !== 0 ? 1 : 0),
    ratingSumGiven: row.ratingSumGiven + stars,
  }));
  if (share !== 0n) {
    await db
      .insert(supplierVolume)
      .values({ supplier: supplierAddress, token, volume: share, earned: toSupplier, jobs: 1 })
      .onConflictDoUpdate((row) => ({ volume: row.volume + share, earned: row.earned + toSupplier, jobs: row.jobs + 1 }));
    await addVolume(db, before.categoryId, token, share);
    await changeMarket(db, before.categoryId, (row) => ({ settledJobs: row.settledJobs + 1 }));
    // A settlement clears at the job's agreed price; a direct hire clears here for the first time.
    await addClearing(db, event, {
      categoryId: before.categoryId,
      jobId,
      kind: "settlement",
      token,
      price: before.price,
      firstForJob: before.kind === "direct",
    });
  }
  if (stars !== 0) {
    await db.insert(rating).values({
      jobId,
      supplier: supplierAddress,
      buyer: before.buyer,
      rating: stars,
      categoryId: before.categoryId,
      token,
      price: before.price,
      timestamp: at,
    });
  }
  if (fee !== 0n) {
    await db
      .insert(protocolFee)
      .values({ token, accrued: fee, collected: 0n, outstanding: fee })
      .onConflictDoUpdate((row) => ({ accrued: row.accrued + fee, outstanding: row.outstanding + fee }));
  }
  await recordEvent(db, event, jobId, "JobSettled", { rating: stars, toSupplier, protocolFee: fee });
});

// ---------------------------------------------------------------------------------------------------------------
// Disputes

ponder.on("TenderEscrow:DisputeOpened", async ({ event, context }) => {
  const { db } = context;
  const { jobId, statementURI, fee, respondBy } = event.args;
  const judge = lower(event.args.arbitrator);
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({ status: "Disputed", disputedAt: at, deadline: respondBy, updatedAt: at });
  await db.insert(dispute).values({
    jobId,
    arbitrator: judge,
    buyer: before.buyer,
    supplier: before.supplier!,
    token: before.token,
    price: before.price,
    status: "open",
    fee,
    statementUri: clean(statementURI),
    openedAt: at,
    respondBy,
    evidenceCount: 0,
  });
  await countSupplier(db, before.supplier!, before.categoryId, at, (row) => ({ disputesFaced: row.disputesFaced + 1 }));
  await touchBuyer(db, before.buyer, at, (row) => ({ disputesOpened: row.disputesOpened + 1 }));
  await changeArbitrator(db, judge, (row) => ({ disputeCount: row.disputeCount + 1 }));
  await recordEvent(db, event, jobId, "DisputeOpened", { arbitrator: judge, statementURI, fee, respondBy });
});

ponder.on("TenderEscrow:DisputeAnswered", async ({ event, context }) => {
  const { db } = context;
  const { jobId, responseURI, ruleBy } = event.args;
  const at = time(event);
  await db.update(dispute, { jobId }).set({ status: "answered", responseUri: clean(responseURI), answeredAt: at, ruleBy });
  await db.update(job, { id: jobId }).set({ deadline: ruleBy, updatedAt: at });
  await recordEvent(db, event, jobId, "DisputeAnswered", { responseURI, ruleBy });
});

ponder.on("TenderEscrow:Evidence", async ({ event, context }) => {
  const { db } = context;
  const { jobId, evidenceURI } = event.args;
  const party = lower(event.args.party);
  const current = await getJob(db, jobId);
  await db.insert(evidence).values({
    id: event.id,
    jobId,
    party,
    role: party === current.buyer ? "buyer" : "supplier",
    uri: clean(evidenceURI),
    submittedAt: time(event),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
  });
  await db.update(dispute, { jobId }).set((row) => ({ evidenceCount: row.evidenceCount + 1 }));
  await recordEvent(db, event, jobId, "Evidence", { party, evidenceURI });
});

ponder.on("TenderEscrow:Ruling", async ({ event, context }) => {
  const { db } = context;
  const { jobId, buyerShareBps, reasonHash } = event.args;
  const judge = lower(event.args.arbitrator);
  const at = time(event);
  const current = await getJob(db, jobId);
  const share = BigInt(buyerShareBps);
  const loser = share > BPS / 2n ? "supplier" : share < BPS / 2n ? "buyer" : null;
  await db.update(dispute, { jobId }).set({ status: "ruled", outcome: "ruled", buyerShareBps, reasonHash, loser, endedAt: at });
  await changeArbitrator(db, judge, (row) =>
    loser === "supplier"
      ? { rulingsForBuyer: row.rulingsForBuyer + 1 }
      : loser === "buyer"
        ? { rulingsForSupplier: row.rulingsForSupplier + 1 }
        : { rulingsEven: row.rulingsEven + 1 },
  );
  if (loser === "supplier") {
    await countSupplier(db, current.supplier!, current.categoryId, at, (row) => ({ disputesLost: row.disputesLost + 1 }));
    await touchBuyer(db, current.buyer, at, (row) => ({ disputesWon: row.disputesWon + 1 }));
  }
  if (loser === "buyer") await touchBuyer(db, current.buyer, at, (row) => ({ disputesLost: row.disputesLost + 1 }));
  await recordEvent(db, event, jobId, "Ruling", { arbitrator: judge, buyerShareBps, reasonHash });
});

ponder.on("TenderEscrow:DisputeDefaulted", async ({ event, context }) => {
  const { db } = context;
  const { jobId, unanswered, buyerShareBps } = event.args;
  const at = time(event);
  const current = await getJob(db, jobId);
  await db.update(dispute, { jobId }).set({
    status: "defaulted",
    outcome: unanswered ? "unanswered" : "silent",
    buyerShareBps,
    loser: unanswered ? "supplier" : null,
    endedAt: at,
  });
  if (unanswered) {
    await countSupplier(db, current.supplier!, current.categoryId, at, (row) => ({ disputesLost: row.disputesLost + 1 }));
    await touchBuyer(db, current.buyer, at, (row) => ({ disputesWon: row.disputesWon + 1 }));
  } else {
    const open = await db.find(dispute, { jobId });
    await changeArbitrator(db, open?.arbitrator ?? current.arbitrator, (row) => ({ timedOut: row.timedOut + 1 }));
  }
  await recordEvent(db, event, jobId, "DisputeDefaulted", { unanswered, buyerShareBps });
});

ponder.on("TenderEscrow:DisputeSettled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, toBuyer, toSupplier, toArbitrator } = event.args;
  await db.update(dispute, { jobId }).set({ toBuyer, toSupplier, toArbitrator, endedAt: time(event) });
  await recordEvent(db, event, jobId, "DisputeSettled", { toBuyer, toSupplier, toArbitrator });
});

// ---------------------------------------------------------------------------------------------------------------
// Arbitrators

ponder.on("TenderEscrow:ArbitratorTermsPublished", async ({ event, context }) => {
  const { db } = context;
  const { termsId, feeBps, ruleWindow, termsURI } = event.args;
  const address = lower(event.args.arbitrator);
  const at = time(event);
  const termsUri = clean(termsURI);
  const existing = await db.find(arbitrator, { address });
  if (!existing) {
    await db.insert(arbitrator).values({
      address,
      active: true,
      termsId,
      feeBps,
      ruleWindow,
      termsUri,
      termsVersions: 0,
      registeredAt: at,
      rulingsForBuyer: 0,
      rulingsForSupplier: 0,
      rulingsEven: 0,
      timedOut: 0,
      disputeCount: 0,
      jobsNamed: 0,
    });
  }
  const version = (existing?.termsVersions ?? 0) + 1;
  await db.update(arbitrator, { address }).set({ active: true, termsId, feeBps, ruleWindow, termsUri, termsVersions: version });
  await db.insert(termsVersion).values({ termsId, arbitrator: address, version, feeBps, ruleWindow, termsUri, publishedAt: at });
});

ponder.on("TenderEscrow:ArbitratorRetired", async ({ event, context }) => {
  await changeArbitrator(context.db, event.args.arbitrator, () => ({ active: false, retiredAt: time(event) }));
});

// ---------------------------------------------------------------------------------------------------------------
// Money that is not a job's: credits, withdrawals, protocol fees; the owner's settings

ponder.on("TenderEscrow:PaymentCredited", async ({ event, context }) => {
  const { amount } = event.args;
  const at = time(event);
  await context.db
    .insert(credit)
    .values({ account: lower(event.args.account), token: lower(event.args.token), credited: amount, withdrawn: 0n, balance: amount, updatedAt: at })
    .onConflictDoUpdate((row) => ({ credited: row.credited + amount, balance: row.balance + amount, updatedAt: at }));
});

ponder.on("TenderEscrow:Withdrawn", async ({ event, context }) => {
  const { amount } = event.args;
  const at = time(event);
  // withdraw sends the whole credit, which a PaymentCredited put there.
  await context.db
    .insert(credit)
    .values({ account: lower(event.args.account), token: lower(event.args.token), credited: 0n, withdrawn: amount, balance: 0n, updatedAt: at })
    .onConflictDoUpdate((row) => ({ withdrawn: row.withdrawn + amount, balance: row.balance - amount, updatedAt: at }));
});

ponder.on("TenderEscrow:ProtocolFeesCollected", async ({ event, context }) => {
  const { amount } = event.args;
  await context.db
    .insert(protocolFee)
    .values({ token: lower(event.args.token), accrued: 0n, collected: amount, outstanding: 0n })
    .onConflictDoUpdate((row) => ({ collected: row.collected + amount, outstanding: row.outstanding - amount }));
});

ponder.on("TenderEscrow:ProtocolFeeSet", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { feeBps: event.args.feeBps });
});

ponder.on("TenderEscrow:TreasurySet", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { treasury: lower(event.args.treasury) });
});

ponder.on("TenderEscrow:PostingPausedSet", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { postingPaused: event.args.paused });
});

ponder.on("TenderEscrow:OwnershipTransferStarted", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { pendingOwner: lower(event.args.newOwner) });
});

ponder.on("TenderEscrow:OwnershipTransferred", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { owner: lower(event.args.newOwner), pendingOwner: null });
});

// ---------------------------------------------------------------------------------------------------------------
// Supplier registry

ponder.on("SupplierRegistry:SupplierRegistered", async ({ event, context }) => {
  const at = time(event);
  await touchSupplier(context.db, lower(event.args.supplier), at, () => ({
    registered: true,
    profileUri: clean(event.args.profileURI),
    registeredAt: at,
  }));
});

ponder.on("SupplierRegistry:SupplierProfileUpdated", async ({ event, context }) => {
  const at = time(event);
  await touchSupplier(context.db, lower(event.args.supplier), at, () => ({
    profileUri: clean(event.args.profileURI),
    profileUpdatedAt: at,
  }));
});

ponder.on("SupplierRegistry:Attested", async ({ event, context }) => {
  const { db } = context;
  const { metric, value, validUntil } = event.args;
  const key = { attestor: lower(event.args.attestor), supplier: lower(event.args.supplier), metric: lower(metric) };
  const at = time(event);
  await db
    .insert(attestation)
    .values({ ...key, metricName: clean(metricName(metric)), value, validUntil, attestedAt: at, revoked: false, updates: 1 })
    .onConflictDoUpdate((row) => ({ value, validUntil, attestedAt: at, revoked: false, revokedAt: null, updates: row.updates + 1 }));
  await touchSupplier(db, key.supplier, at);
});

ponder.on("SupplierRegistry:AttestationRevoked", async ({ event, context }) => {
  const key = {
    attestor: lower(event.args.attestor),
    supplier: lower(event.args.supplier),
    metric: lower(event.args.metric),
  };
  await context.db.update(attestation, key).set({ revoked: true, revokedAt: time(event) });
});
