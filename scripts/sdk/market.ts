// The RFQ market's operations: post, bid, improve, award, pick, cancel, reclaim a bond; and the RFQ as posted.
import type { Address, Hash } from "viem";
import { getBlock } from "viem/actions";
import { tenderEscrowAbi } from "./generated.ts";
import type { Permit } from "./permit.ts";
import { bpsOf } from "./units.ts";
import { ETH, NO_WARRANTY, type Reader, type Warranty, type Writer, categoryId, currentTermsId } from "./escrow.ts";
import { TenderInputError, checkAddress, checkAmount, checkJobId, rfqProblems, throwProblems } from "./validate.ts";

export { AwardMode, Comparison } from "./units.ts";

export interface MetricFloor {
  attestor: Address;
  /** Comparison.AtLeast or Comparison.AtMost. */
  comparison: number;
  metric: Hash;
  threshold: bigint;
}

export interface Floors {
  minCompleted: number;
  minVolume: bigint;
  /** Largest share of faced disputes lost, in bps; 10,000 = no limit. */
  maxLossShareBps: number;
  /** Largest share of faced warranty claims clawed back (lost or agreed to), in bps; omitted or 10,000 = no limit. */
  maxClawbackShareBps?: number;
  /** Average rating × 100 (450 = 4.5); 0 = no floor. */
  minAvgRating: number;
  minRatings: number;
  /** Bond in bps of the maximum price. */
  bondBps: number;
  metrics: readonly MetricFloor[];
}

/** Floors as JSON carries them (amounts as decimal strings, e.g. from an indexer) → the Floors a bid passes back. */
export function floorsFromJson(f: Omit<Floors, "minVolume" | "metrics"> & { minVolume: string | bigint; metrics: readonly (Omit<MetricFloor, "threshold"> & { threshold: string | bigint })[] }): Floors {
  return {
    minCompleted: f.minCompleted,
    minVolume: BigInt(f.minVolume),
    maxLossShareBps: f.maxLossShareBps,
    maxClawbackShareBps: f.maxClawbackShareBps ?? 10_000,
    minAvgRating: f.minAvgRating,
    minRatings: f.minRatings,
    bondBps: f.bondBps,
    metrics: f.metrics.map((m) => ({ attestor: m.attestor, comparison: m.comparison, metric: m.metric, threshold: BigInt(m.threshold) })),
  };
}

/** Floors as the escrow takes them (and hashes them): every field present. */
export function encodeFloors(f: Floors) {
  return { ...f, maxClawbackShareBps: f.maxClawbackShareBps ?? 10_000 };
}

/** Floors that let anyone bid, with no bond. */
export const NO_FLOORS: Floors = {
  minCompleted: 0,
  minVolume: 0n,
  maxLossShareBps: 10_000,
  maxClawbackShareBps: 10_000,
  minAvgRating: 0,
  minRatings: 0,
  bondBps: 0,
  metrics: [],
};

export interface RFQParams {
  escrow: Address;
  token: Address;
  maxPrice: bigint;
  /** Unix time (seconds) before which bids are taken. */
  bidDeadline: number;
  /** Buyer's choice only: seconds after the bid deadline to pick in. */
  awardWindow: number;
  deliveryWindow: number;
  reviewWindow: number;
  /** AwardMode.LowestPrice or AwardMode.BuyerChoice. */
  mode: number;
  arbitrator: Address;
  /** The arbitrator's terms the buyer was shown, as for a direct hire (omitted: read just before sending). */
  arbitratorTermsId?: number;
  defaultBuyerShareBps: number;
  /** Holdback under warranty (omitted: none). */
  warranty?: Warranty;
  category: string;
  floors: Floors;
  spec: string;
}

/** Checks an RFQ before anything is sent (`now`: the chain's time, in seconds); throws a TenderInputError naming the
 * first bad field and carrying every problem (rfqProblems). */
export function checkRFQ(p: RFQParams, now: number): void {
  throwProblems(rfqProblems(p, now));
}

/** Posts an RFQ and escrows its maximum price (ERC-20 RFQs need an approval of `maxPrice` first). Checks the input
 * against the chain's time first: a bad one throws a TenderInputError and sends nothing. */
export async function postRFQ(writer: Writer, p: RFQParams): Promise<Hash> {
  checkRFQ(p, Number((await getBlock(writer)).timestamp));
  const arbitratorTermsId = p.arbitratorTermsId ?? (await currentTermsId(writer, p));
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "postRFQ",
    args: [encodeRFQ(p, arbitratorTermsId)],
    value: p.token === ETH ? p.maxPrice : 0n,
  });
}

/** postRFQ in an ERC-20 whose maximum price the escrow pulls through the buyer's ERC-2612 `permit`, in the one
 * transaction (permit.ts signPermit makes it; the bound client does both when the token takes permits). */
export async function postRFQWithPermit(writer: Writer, p: RFQParams & { permit: Permit }): Promise<Hash> {
  checkRFQ(p, Number((await getBlock(writer)).timestamp));
  const arbitratorTermsId = p.arbitratorTermsId ?? (await currentTermsId(writer, p));
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "postRFQWithPermit",
    args: [encodeRFQ(p, arbitratorTermsId), p.permit],
  });
}

/** An RFQ as the contract takes it, with the arbitrator's terms the buyer pinned. */
export function encodeRFQ(p: RFQParams, arbitratorTermsId: number) {
  return {
    token: p.token,
    maxPrice: p.maxPrice,
    bidDeadline: p.bidDeadline,
    awardWindow: p.awardWindow,
    deliveryWindow: p.deliveryWindow,
    reviewWindow: p.reviewWindow,
    mode: p.mode,
    arbitrator: p.arbitrator,
    arbitratorTermsId,
    defaultBuyerShareBps: p.defaultBuyerShareBps,
    warranty: p.warranty ?? NO_WARRANTY,
    category: categoryId(p.category),
    floors: encodeFloors(p.floors),
    spec: p.spec,
  };
}

/** The RFQ as posted: read from its RFQPosted event (the escrow stores only a commitment to the floors). */
export async function readRFQ(reader: Reader, p: { escrow: Address; jobId: bigint; fromBlock?: bigint }) {
  const [event] = await reader.getContractEvents({
    address: p.escrow,
    abi: tenderEscrowAbi,
    eventName: "RFQPosted",
    args: { jobId: p.jobId },
    fromBlock: p.fromBlock ?? 0n,
  });
  if (!event) throw new Error(`job ${p.jobId} is not an RFQ on ${p.escrow}`);
  return { ...event.args.rfq!, awardDeadline: event.args.awardDeadline!, buyer: event.args.buyer! };
}

/** Bids on an RFQ, posting the bond its floors ask for (ETH as value; ERC-20 approved beforehand). */
export async function bid(
  writer: Writer,
  p: { escrow: Address; jobId: bigint; price: bigint; floors: Floors; token: Address; bond: bigint },
): Promise<Hash> {
  checkJobId(p.jobId);
  checkAmount("price", p.price);
  if (p.bond < 0n) throw new TenderInputError("bond", "A bond cannot be negative.");
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "bid",
    args: [p.jobId, p.price, encodeFloors(p.floors)],
    value: p.token === ETH ? p.bond : 0n,
  });
}

/** The bond a bid on an RFQ must post: bondBps of the maximum price, rounded down. */
export function bondFor(maxPrice: bigint, floors: Pick<Floors, "bondBps">): bigint {
  return bpsOf(maxPrice, floors.bondBps);
}

export async function improveBid(writer: Writer, p: { escrow: Address; jobId: bigint; price: bigint }): Promise<Hash> {
  checkJobId(p.jobId);
  checkAmount("price", p.price);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "improveBid",
    args: [p.jobId, p.price],
  });
}

export async function award(writer: Writer, p: { escrow: Address; jobId: bigint }): Promise<Hash> {
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "award", args: [p.jobId] });
}

export async function pick(writer: Writer, p: { escrow: Address; jobId: bigint; supplier: Address }): Promise<Hash> {
  checkJobId(p.jobId);
  checkAddress("supplier", p.supplier);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "pick",
    args: [p.jobId, p.supplier],
  });
}

export async function cancel(writer: Writer, p: { escrow: Address; jobId: bigint }): Promise<Hash> {
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "cancel", args: [p.jobId] });
}

export async function reclaimBond(writer: Writer, p: { escrow: Address; jobId: bigint }): Promise<Hash> {
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "reclaimBond",
    args: [p.jobId],
  });
}

export function readBestBid(reader: Reader, p: { escrow: Address; jobId: bigint }) {
  return reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "bestBid", args: [p.jobId] });
}

export function readBid(reader: Reader, p: { escrow: Address; jobId: bigint; supplier: Address }) {
  return reader.readContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "bidOf",
    args: [p.jobId, p.supplier],
  });
}
