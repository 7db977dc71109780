// Reads that come from events rather than storage: a job as posted (its spec, category and arbitrator live only
// in the posting event), the bids on a job, the jobs a wallet is part of, the disputes an arbitrator was named in.
// They scan logs from the deployment's start block; the indexer serves the same questions at scale.
import type { Address, Hash } from "viem";
import { tenderEscrowAbi } from "./generated.ts";
import type { Reader, Warranty } from "./escrow.ts";
import type { Floors } from "./market.ts";

export interface Posting {
  jobId: bigint;
  kind: "direct" | "rfq";
  buyer: Address;
  /** The hired supplier (direct hires); the zero address for an RFQ until it is awarded. */
  supplier: Address;
  token: Address;
  /** The price of a direct hire; the maximum price of an RFQ. */
  price: bigint;
  arbitrator: Address;
  defaultBuyerShareBps: number;
  categoryId: Hash;
  spec: string;
  termsId: number;
  protocolFeeBps: number;
  deliveryWindow: number;
  reviewWindow: number;
  /** The holdback and warranty it was posted with (all zero for none). */
  warranty: Warranty;
  blockNumber: bigint;
  /** RFQs only. */
  rfq?: { mode: number; bidDeadline: number; awardDeadline: number; awardWindow: number; floors: Floors };
}

interface Range {
  escrow: Address;
  fromBlock?: bigint;
}

type PostedLog =
  | Awaited<ReturnType<typeof directHireLogs>>[number]
  | Awaited<ReturnType<typeof rfqLogs>>[number];

function directHireLogs(reader: Reader, p: Range & { jobId?: bigint; buyer?: Address; supplier?: Address }) {
  return reader.getContractEvents({
    address: p.escrow,
    abi: tenderEscrowAbi,
    eventName: "DirectHirePosted",
    args: { jobId: p.jobId, buyer: p.buyer, supplier: p.supplier },
    fromBlock: p.fromBlock ?? 0n,
  });
}

function rfqLogs(reader: Reader, p: Range & { jobId?: bigint; buyer?: Address }) {
  return reader.getContractEvents({
    address: p.escrow,
    abi: tenderEscrowAbi,
    eventName: "RFQPosted",
    args: { jobId: p.jobId, buyer: p.buyer },
    fromBlock: p.fromBlock ?? 0n,
  });
}

const warrantyOf = (w: Warranty): Warranty => ({ holdbackBps: w.holdbackBps, warrantyWindow: w.warrantyWindow, holdBond: w.holdBond });

/** A posting event as a {@link Posting}. */
export function toPosting(log: PostedLog): Posting {
  if (log.eventName === "DirectHirePosted") {
    const { jobId, buyer, supplier, hire, termsId, protocolFeeBps } = log.args as Required<typeof log.args>;
    return {
      jobId,
      kind: "direct",
      buyer,
      supplier,
      token: hire.token,
      price: hire.price,
      arbitrator: hire.arbitrator,
      defaultBuyerShareBps: hire.defaultBuyerShareBps,
      categoryId: hire.category,
      spec: hire.spec,
      termsId,
      protocolFeeBps,
      deliveryWindow: hire.deliveryWindow,
      reviewWindow: hire.reviewWindow,
      warranty: warrantyOf(hire.warranty),
      blockNumber: log.blockNumber,
    };
  }
  const { jobId, buyer, rfq, awardDeadline, termsId, protocolFeeBps } = log.args as Required<typeof log.args>;
  return {
    jobId,
    kind: "rfq",
    buyer,
    supplier: "0x0000000000000000000000000000000000000000",
    token: rfq.token,
    price: rfq.maxPrice,
    arbitrator: rfq.arbitrator,
    defaultBuyerShareBps: rfq.defaultBuyerShareBps,
    categoryId: rfq.category,
    spec: rfq.spec,
    termsId,
    protocolFeeBps,
    deliveryWindow: rfq.deliveryWindow,
    reviewWindow: rfq.reviewWindow,
    warranty: warrantyOf(rfq.warranty),
    blockNumber: log.blockNumber,
    rfq: { mode: rfq.mode, bidDeadline: rfq.bidDeadline, awardDeadline, awardWindow: rfq.awardWindow, floors: rfq.floors },
  };
}

/** The job as posted, from its posting event; undefined when there is no such job. */
export async function readPosting(reader: Reader, p: Range & { jobId: bigint }): Promise<Posting | undefined> {
  const [direct, rfq] = await Promise.all([directHireLogs(reader, p), rfqLogs(reader, p)]);
  const log = direct[0] ?? rfq[0];
  return log ? toPosting(log) : undefined;
}

/** Every posting (optionally only a buyer's), oldest first. */
export async function listPostings(reader: Reader, p: Range & { buyer?: Address }): Promise<Posting[]> {
  const [direct, rfq] = await Promise.all([directHireLogs(reader, p), rfqLogs(reader, p)]);
  return [...direct, ...rfq].map(toPosting).sort((a, b) => (a.jobId < b.jobId ? -1 : 1));
}

export interface BidView {
  supplier: Address;
  /** 0 for a sealed bid until it is revealed at a valid price. */
  price: bigint;
  bond: bigint;
  /** When its price was set; a sealed bid's commit number. */
  placedAt: number;
  /** Prices in the order they were offered (the first bid, then each improvement; a sealed bid's revealed price). */
  history: bigint[];
  /** A sealed bid, and whether its price is still hidden. */
  sealed?: boolean;
  unrevealed?: boolean;
}

type EscrowEventName = Extract<(typeof tenderEscrowAbi)[number], { type: "event" }>["name"];

/** Several events of one job, merged in chain order. */
async function jobEvents(reader: Reader, p: Range & { jobId: bigint }, names: EscrowEventName[]) {
  const batches = await Promise.all(
    names.map((eventName) =>
      reader.getContractEvents({
        address: p.escrow,
        abi: tenderEscrowAbi,
        eventName,
        args: { jobId: p.jobId } as never,
        fromBlock: p.fromBlock ?? 0n,
      }),
    ),
  );
  return batches
    .flat()
    .sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1))
    .map((log) => ({ eventName: log.eventName, args: log.args as Record<string, unknown>, blockNumber: log.blockNumber }));
}

/** The bids on a job: every bidder's current price and bond (from storage), with its price history (events). */
export async function readBids(reader: Reader, p: Range & { jobId: bigint }): Promise<BidView[]> {
  const logs = await jobEvents(reader, p, ["BidPlaced", "BidImproved", "BidCommitted", "BidRevealed"]);
  const history = new Map<Address, bigint[]>();
  const sealed = new Set<Address>();
  for (const log of logs) {
    const { supplier, price, valid } = log.args as { supplier: Address; price?: bigint; valid?: boolean };
    if (log.eventName === "BidCommitted") sealed.add(supplier);
    const offered = price === undefined || valid === false ? [] : [price];
    history.set(supplier, [...(history.get(supplier) ?? []), ...offered]);
  }
  const bids = await Promise.all(
    [...history.keys()].map(async (supplier) => {
      const bid = await reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "bidOf", args: [p.jobId, supplier] });
      const view: BidView = { supplier, price: bid.price, bond: bid.bond, placedAt: bid.placedAt, history: history.get(supplier)! };
      return sealed.has(supplier) ? { ...view, sealed: true, unrevealed: bid.unrevealed } : view;
    }),
  );
  // Lowest price first, ties by time (a sealed bid's commit number); sealed bids without a price last.
  const unpriced = (b: BidView) => (b.sealed && b.price === 0n ? 1 : 0);
  return bids.sort((a, b) => unpriced(a) - unpriced(b) || (a.price === b.price ? a.placedAt - b.placedAt : a.price < b.price ? -1 : 1));
}

/** The jobs a supplier was hired for or awarded, newest last. */
export async function jobsOfSupplier(reader: Reader, p: Range & { supplier: Address }): Promise<bigint[]> {
  const [direct, awarded] = await Promise.all([
    directHireLogs(reader, p),
    reader.getContractEvents({
      address: p.escrow,
      abi: tenderEscrowAbi,
      eventName: "JobAwarded",
      args: { supplier: p.supplier },
      fromBlock: p.fromBlock ?? 0n,
    }),
  ]);
  return [...direct, ...awarded].map((log) => log.args.jobId!).sort((a, b) => (a < b ? -1 : 1));
}

/** The disputes an arbitrator was named in, with what was said. */
export async function disputesOf(reader: Reader, p: Range & { arbitrator: Address }) {
  const opened = await reader.getContractEvents({
    address: p.escrow,
    abi: tenderEscrowAbi,
    eventName: "DisputeOpened",
    args: { arbitrator: p.arbitrator },
    fromBlock: p.fromBlock ?? 0n,
  });
  return opened.map((log) => ({
    jobId: log.args.jobId!,
    statementURI: log.args.statementURI!,
    fee: log.args.fee!,
    respondBy: log.args.respondBy!,
    blockNumber: log.blockNumber,
  }));
}

/** The warranty claims on the jobs `arbitrator` was named in (its terms fixed at posting), from their ClaimFiled
 * events: a claim names no arbitrator, so each claimed job's terms are read. */
export async function claimsOf(reader: Reader, p: Range & { arbitrator: Address }) {
  const filed = await reader.getContractEvents({ address: p.escrow, abi: tenderEscrowAbi, eventName: "ClaimFiled", fromBlock: p.fromBlock ?? 0n, strict: true });
  const arbitratorOf = new Map<bigint, Promise<Address>>();
  const judgeOf = (jobId: bigint) => {
    if (!arbitratorOf.has(jobId)) {
      arbitratorOf.set(jobId, (async () => {
        const job = await reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "job", args: [jobId] });
        return (await reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "arbitratorTerms", args: [job.termsId] })).arbitrator;
      })());
    }
    return arbitratorOf.get(jobId)!;
  };
  const judges = await Promise.all(filed.map((log) => judgeOf(log.args.jobId)));
  return filed
    .filter((_, i) => judges[i]!.toLowerCase() === p.arbitrator.toLowerCase())
    .map((log) => ({
      jobId: log.args.jobId,
      payment: log.args.payment,
      asked: log.args.asked,
      fee: log.args.fee,
      statementURI: log.args.statementURI,
      respondBy: log.args.respondBy,
      blockNumber: log.blockNumber,
    }));
}

/** A job's delivery as recorded: the deliverable's hash and URI from its JobDelivered event (undefined before one). */
export async function readDelivery(reader: Reader, p: Range & { jobId: bigint }): Promise<{ deliverableHash: Hash; uri: string; blockNumber: bigint } | undefined> {
  const [delivered] = (
    await reader.getContractEvents({ address: p.escrow, abi: tenderEscrowAbi, eventName: "JobDelivered", args: { jobId: p.jobId }, fromBlock: p.fromBlock ?? 0n, strict: true })
  ).slice(-1);
  return delivered && { deliverableHash: delivered.args.deliverableHash, uri: delivered.args.uri, blockNumber: delivered.blockNumber };
}

/** The dispute file of a job: statement, answer, evidence, ruling, in order. */
export async function disputeRecord(reader: Reader, p: Range & { jobId: bigint }) {
  return jobEvents(reader, p, ["DisputeOpened", "DisputeAnswered", "Evidence", "Ruling", "DisputeSettled", "DisputeDefaulted"]);
}

/** The warranty file of a job: what was held, the claim, its answer, evidence, ruling and how the held share left. */
export async function warrantyRecord(reader: Reader, p: Range & { jobId: bigint }) {
  return jobEvents(reader, p, ["PaymentHeld", "ClaimFiled", "ClaimAnswered", "ClaimEvidence", "ClaimRuled", "HeldReturned", "HeldSettled"]);
}

/** The milestones file of a job in milestones: its schedule (MilestonesScheduled) and each milestone settled
 * (MilestoneSettled: gross, paid to the supplier now, the protocol fee, the next milestone's deadline or 0 when the
 * job ended with it), in order. Empty for a job paid at once. */
export async function milestoneRecord(reader: Reader, p: Range & { jobId: bigint }) {
  return jobEvents(reader, p, ["MilestonesScheduled", "MilestoneSettled"]);
}

/** A job's schedule as posted (its MilestonesScheduled event); undefined for a job paid at once. */
export async function readSchedule(reader: Reader, p: Range & { jobId: bigint }): Promise<{ shareBps: number; deliveryWindow: number }[] | undefined> {
  const [log] = await reader.getContractEvents({ address: p.escrow, abi: tenderEscrowAbi, eventName: "MilestonesScheduled", args: { jobId: p.jobId }, fromBlock: p.fromBlock ?? 0n, strict: true });
  return log?.args.milestones.map((m) => ({ shareBps: m.shareBps, deliveryWindow: m.deliveryWindow }));
}

/** Everything that happened to a job, in order: the timeline of its life. */
export function jobTimeline(reader: Reader, p: Range & { jobId: bigint }) {
  return jobEvents(reader, p, [
    "DirectHirePosted", "RFQPosted", "BidPlaced", "BidImproved", "JobAwarded", "JobCancelled", "JobDelivered",
    "DisputeOpened", "DisputeAnswered", "Evidence", "Ruling", "DisputeSettled", "DisputeDefaulted", "JobSettled",
    "JobRefunded", "BondReclaimed", "PaymentHeld", "ClaimFiled", "ClaimAnswered", "ClaimEvidence", "ClaimRuled",
    "HeldReturned", "HeldSettled", "MilestonesScheduled", "MilestoneSettled",
  ]);
}
