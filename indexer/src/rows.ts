// What every handler shares: reading a log (its address, time, order, text), a job's timeline, and the rows that
// several contracts' events move — each record created on first sight, then changed with a function of the current
// row. Handlers are in handlers/; the rules they follow are in src/index.ts.
import type { Context, Event } from "ponder:registry";
import {
  arbitrator,
  buyer,
  clearingPrice,
  heldPayment,
  job,
  milestone,
  jobEvent,
  market,
  marketVolume,
  protocol,
  supplier,
  supplierCategory,
} from "ponder:schema";
import type { Json } from "./json.ts";

export type Db = Context["db"];
export type Hex = `0x${string}`;
export type AnyEvent = Event<"TenderEscrow:JobSettled">;

export { BPS } from "@tender/sdk/units";

// ---------------------------------------------------------------------------------------------------------------
// Logs

export const lower = (address: string): Hex => address.toLowerCase() as Hex;
export const time = (event: { block: { timestamp: bigint } }): number => Number(event.block.timestamp);
/** Chain order of a log, as one number: block × 100,000 + log index. */
export const seq = (event: { block: { number: bigint }; log: { logIndex: number } }): number =>
  Number(event.block.number) * 100_000 + event.log.logIndex;

/** Text from a log as PostgreSQL can store it: anything goes on-chain, NUL characters do not go in a TEXT column. */
export function clean(text: string): string {
  return text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
}

/** A value with its bigints as decimal strings (for JSON columns), strings cleaned. */
export function plain<T>(value: T): Json<T> {
  if (typeof value === "bigint") return value.toString() as Json<T>;
  if (typeof value === "string") return clean(value) as Json<T>;
  if (Array.isArray(value)) return value.map(plain) as Json<T>;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, plain(v)])) as Json<T>;
  }
  return value as Json<T>;
}

export async function recordEvent(db: Db, event: AnyEvent | Event, jobId: bigint, kind: string, data: Record<string, unknown>) {
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
    data: plain(data),
  });
}

export async function getJob(db: Db, id: bigint) {
  const row = await db.find(job, { id });
  if (!row) throw new Error(`job ${id} has an event but was never posted: the indexer started after its posting`);
  return row;
}

export async function getHeld(db: Db, jobId: bigint, payment: bigint) {
  const row = await db.find(heldPayment, { jobId, payment: Number(payment) });
  if (!row) throw new Error(`payment ${payment} of job ${jobId} has a warranty event but was never held`);
  return row;
}

type MilestoneRow = typeof milestone.$inferSelect;

/** Changes milestone `index` of a job in milestones (a row MilestonesScheduled made). */
export async function changeMilestone(db: Db, jobId: bigint, index: number, change: Partial<MilestoneRow> | ((row: MilestoneRow) => Partial<MilestoneRow>)) {
  const key = { jobId, index };
  if (!(await db.find(milestone, key))) throw new Error(`milestone ${index} of job ${jobId} has an event but was never scheduled`);
  await db.update(milestone, key).set(change);
}

/** The milestone in progress of a job (its index), or null for a job paid at once. */
export const milestoneOf = (row: { milestoneCount: number; currentMilestone: number | null }): number | null =>
  row.milestoneCount === 0 ? null : row.currentMilestone ?? 0;

// ---------------------------------------------------------------------------------------------------------------
// Records: each created on first sight, then changed with a function of the current row.

type SupplierRow = typeof supplier.$inferSelect;
type BuyerRow = typeof buyer.$inferSelect;
type ArbitratorRow = typeof arbitrator.$inferSelect;
type MarketRow = typeof market.$inferSelect;

export async function touchSupplier(db: Db, address: Hex, at: number, change: (row: SupplierRow) => Partial<SupplierRow> = () => ({})) {
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
export type Counters = Pick<
  SupplierRow,
  | "won"
  | "completed"
  | "declined"
  | "refunded"
  | "disputesFaced"
  | "disputesLost"
  | "ratingSum"
  | "ratingCount"
  | "claimsFaced"
  | "clawedBack"
  | "onTimeDeliveries"
  | "missedDeadlines"
  | "deliveryWindowUsedBps"
  | "rfqAwards"
  | "awardPriceBps"
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
  claimsFaced: 0,
  clawedBack: 0,
  onTimeDeliveries: 0,
  missedDeadlines: 0,
  deliveryWindowUsedBps: 0,
  rfqAwards: 0,
  awardPriceBps: 0,
  ratingWeight: 0,
  ratingWeightedSum: 0,
  lastRatedAt: null,
};

/** Moves a supplier's record by the same rule overall and in the job's category. */
export async function countSupplier(db: Db, address: Hex, categoryId: Hex, at: number, change: (row: Counters) => Partial<Counters>) {
  await touchSupplier(db, address, at, change);
  await db
    .insert(supplierCategory)
    .values({ supplier: lower(address), categoryId, ...NO_COUNTS, ...change(NO_COUNTS), firstSeenAt: at, lastActiveAt: at })
    .onConflictDoUpdate((row) => ({ ...change(row), lastActiveAt: at }));
}

export async function touchBuyer(db: Db, address: Hex, at: number, change: (row: BuyerRow) => Partial<BuyerRow>) {
  const key = { address: lower(address) };
  if (!(await db.find(buyer, key))) {
    await db.insert(buyer).values({
      ...key,
      posted: 0,
      paid: 0,
      cancelled: 0,
      disputesOpened: 0,
      disputesLost: 0,
      claimsOpened: 0,
      claimsLost: 0,
      settled: 0,
      refunded: 0,
      disputesWon: 0,
      claimsWon: 0,
      cancelledWithBids: 0,
      ratingsGiven: 0,
      ratingSumGiven: 0,
      firstSeenAt: at,
      lastActiveAt: at,
    });
  }
  await db.update(buyer, key).set((row) => ({ ...change(row), lastActiveAt: at }));
}

export async function changeArbitrator(db: Db, address: Hex, change: (row: ArbitratorRow) => Partial<ArbitratorRow>) {
  const key = { address: lower(address) };
  // Every arbitrator a job names published terms first (the escrow refuses inactive ones), so the row exists.
  if (!(await db.find(arbitrator, key))) throw new Error(`arbitrator ${address} acts but never published terms`);
  await db.update(arbitrator, key).set(change);
}

export async function changeMarket(db: Db, id: Hex, change: (row: MarketRow) => Partial<MarketRow>) {
  await db.update(market, { categoryId: id }).set(change);
}

/** A category's volume in a token grows by `amount`; `job` says whether it is a settled job's (a held share's
 * payout adds to the volume of a job already counted). */
export async function addVolume(db: Db, categoryId: Hex, token: Hex, amount: bigint, job = true) {
  const jobs = job ? 1 : 0;
  await db
    .insert(marketVolume)
    .values({ categoryId, token, volume: amount, settledJobs: jobs })
    .onConflictDoUpdate((row) => ({ volume: row.volume + amount, settledJobs: row.settledJobs + jobs }));
}

export async function addClearing(
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

export async function setProtocol(db: Db, context: Context, at: number, values: Partial<typeof protocol.$inferSelect>) {
  await protocolRow(db, context, at);
  await db.update(protocol, { id: 1 }).set({ ...values, updatedAt: at });
}
