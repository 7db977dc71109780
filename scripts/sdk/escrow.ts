// The escrow's operations as plain (client, params) functions over viem.
import {
  type Account,
  type Address,
  type Chain,
  type Hash,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
  parseEventLogs,
  encodeFunctionData,
  keccak256,
  toBytes,
  zeroAddress,
} from "viem";
import { readContract } from "viem/actions";
import { tenderEscrowAbi } from "./generated.ts";
import type { Permit } from "./permit.ts";
import { bpsOf } from "./units.ts";
import {
  checkAddress,
  checkAmount,
  checkBps,
  checkHash,
  checkJobId,
  checkConfirmRating,
  checkUri,
  checkWindow,
  directHireProblems,
  throwProblems,
} from "./validate.ts";

/** The arbitrator fee cap the escrow enforces (MAX_ARBITRATOR_FEE_BPS). */
export const MAX_ARBITRATOR_FEE_BPS = 1_000;

/** A wallet client with an account and a chain: what sends Tender's transactions. */
export type Writer = WalletClient<Transport, Chain, Account>;
/** What reads the chain. */
export type Reader = PublicClient<Transport, Chain>;

/** The token address that stands for native ETH. */
export const ETH: Address = zeroAddress;

export { JobStatus, type JobStatusName } from "./units.ts";

/** The on-chain category id: keccak256 of the category's name. */
export function categoryId(name: string): Hash {
  return keccak256(toBytes(name));
}

/** The hash the escrow stores for a spec: keccak256 of its UTF-8 bytes as posted. */
export function specHash(spec: string): Hash {
  return keccak256(toBytes(spec));
}

/** A holdback under warranty, stated at posting: `holdbackBps` (at most 5,000) of each payment that settles by
 * confirm or finalize stays in escrow for `warrantyWindow` seconds, claimable by the buyer; `holdBond` (RFQs only)
 * keeps the winner's bond, up to the held share, staked with it. */
export interface Warranty {
  holdbackBps: number;
  warrantyWindow: number;
  holdBond: boolean;
}

/** No holdback: the whole payment is paid at settlement. */
export const NO_WARRANTY: Warranty = { holdbackBps: 0, warrantyWindow: 0, holdBond: false };

export interface DirectHireParams {
  escrow: Address;
  supplier: Address;
  /** ERC-20 address, or ETH (the zero address). */
  token: Address;
  price: bigint;
  deliveryWindow: number;
  reviewWindow: number;
  arbitrator: Address;
  /** The arbitrator's terms the buyer was shown (its terms id): the escrow refuses the post if the arbitrator
   * published other terms before it is mined. Omitted: the arbitrator's current terms, read just before sending —
   * which guards only the moments between that read and the block; a program that showed terms passes their id. */
  arbitratorTermsId?: number;
  defaultBuyerShareBps: number;
  /** Holdback under warranty (omitted: none); `holdBond` must be false (a direct hire has no bond). */
  warranty?: Warranty;
  /** Category name, e.g. "code"; stored as its keccak256. */
  category: string;
  /** The job spec: UTF-8 JSON. */
  spec: string;
}

/** Checks a direct hire before anything is sent; throws a TenderInputError naming the first bad field and carrying
 * every problem (directHireProblems). */
export function checkDirectHire(p: DirectHireParams, buyer?: Address): void {
  throwProblems(directHireProblems(p, buyer));
}

/** Hires a supplier directly and escrows the price (ERC-20 jobs need an approval of `price` first). Checks the
 * input first: a bad one throws a TenderInputError and sends nothing. */
export async function postDirectHire(writer: Writer, p: DirectHireParams): Promise<Hash> {
  checkDirectHire(p, writer.account.address);
  const arbitratorTermsId = p.arbitratorTermsId ?? (await currentTermsId(writer, p));
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "postDirectHire",
    args: [encodeDirectHire(p, arbitratorTermsId)],
    value: p.token === ETH ? p.price : 0n,
  });
}

/** postDirectHire in an ERC-20 whose price the escrow pulls through the buyer's ERC-2612 `permit`, in the one
 * transaction (permit.ts signPermit makes it; the bound client does both when the token takes permits). */
export async function postDirectHireWithPermit(writer: Writer, p: DirectHireParams & { permit: Permit }): Promise<Hash> {
  checkDirectHire(p, writer.account.address);
  const arbitratorTermsId = p.arbitratorTermsId ?? (await currentTermsId(writer, p));
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "postDirectHireWithPermit",
    args: [encodeDirectHire(p, arbitratorTermsId), p.permit],
  });
}

/** A direct hire as the contract takes it, with the arbitrator's terms the buyer pinned. */
export function encodeDirectHire(p: DirectHireParams, arbitratorTermsId: number) {
  return {
    supplier: p.supplier,
    token: p.token,
    price: p.price,
    deliveryWindow: p.deliveryWindow,
    reviewWindow: p.reviewWindow,
    arbitrator: p.arbitrator,
    arbitratorTermsId,
    defaultBuyerShareBps: p.defaultBuyerShareBps,
    warranty: p.warranty ?? NO_WARRANTY,
    category: categoryId(p.category),
    spec: p.spec,
  };
}

export async function deliver(
  writer: Writer,
  p: { escrow: Address; jobId: bigint; deliverableHash: Hash; uri: string },
): Promise<Hash> {
  checkJobId(p.jobId);
  checkHash("deliverableHash", p.deliverableHash);
  checkUri("uri", p.uri);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "deliver",
    args: [p.jobId, p.deliverableHash, p.uri],
  });
}

/** Calldata for deliver, for a supplier that acts through a contract (a multisig or an agent's smart account). */
export function encodeDeliver(jobId: bigint, deliverableHash: Hash, uri: string): Hash {
  return encodeFunctionData({ abi: tenderEscrowAbi, functionName: "deliver", args: [jobId, deliverableHash, uri] });
}

/** Calldata for withdraw, for an account that acts through a contract. */
export function encodeWithdraw(token: Address, to: Address): Hash {
  return encodeFunctionData({ abi: tenderEscrowAbi, functionName: "withdraw", args: [token, to] });
}

export async function decline(writer: Writer, p: { escrow: Address; jobId: bigint }): Promise<Hash> {
  checkJobId(p.jobId);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "decline", args: [p.jobId] });
}

/** The buyer accepts the delivery (of a job in milestones: of the milestone in progress) with a rating: 1 to 5 for a
 * job paid at once and on a job's last milestone, 0 before the last. Give `milestone` (readMilestones' count and
 * current) to have the rating checked against it; a rating of 0 without it has the milestones read first (through
 * the writer), so a rating wrong for the milestone in progress throws a TenderInputError and sends nothing. The
 * bound client (client.ts) always reads the milestones first. */
export async function confirm(
  writer: Writer,
  p: { escrow: Address; jobId: bigint; rating: number; milestone?: { count: number; current: number } },
): Promise<Hash> {
  checkJobId(p.jobId);
  let milestone = p.milestone;
  if (milestone === undefined && p.rating === 0) {
    const plan = await readContract(writer, { address: p.escrow, abi: tenderEscrowAbi, functionName: "milestonesOf", args: [p.jobId] });
    if (plan.count > 0) milestone = { count: plan.count, current: plan.current };
  }
  checkConfirmRating(p.rating, milestone);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "confirm",
    args: [p.jobId, p.rating],
  });
}

export async function finalize(writer: Writer, p: { escrow: Address; jobId: bigint }): Promise<Hash> {
  checkJobId(p.jobId);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "finalize", args: [p.jobId] });
}

export async function refund(writer: Writer, p: { escrow: Address; jobId: bigint }): Promise<Hash> {
  checkJobId(p.jobId);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "refund", args: [p.jobId] });
}

export async function withdraw(writer: Writer, p: { escrow: Address; token: Address; to?: Address }): Promise<Hash> {
  checkAddress("token", p.token, { nonZero: false });
  if (p.to !== undefined) checkAddress("to", p.to);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "withdraw",
    args: [p.token, p.to ?? writer.account.address],
  });
}

/** The arbitrator's fee each side of a dispute pays: the price (for a job in milestones, the share of the milestone
 * in progress) × the fee bps of the job's terms. */
export async function disputeFee(reader: Reader, p: { escrow: Address; jobId: bigint }): Promise<bigint> {
  const job = await readJob(reader, p);
  const terms = await reader.readContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "arbitratorTerms",
    args: [job.termsId],
  });
  return bpsOf(job.inMilestones ? await amountInProgress(reader, { ...p, price: job.price }) : job.price, terms.feeBps);
}

/** What the milestone in progress of a job in milestones pays, as the escrow computes it: ⌊price × its share /
 * 10,000⌋, the last milestone the rest of the price. */
export async function amountInProgress(reader: Reader, p: { escrow: Address; jobId: bigint; price: bigint }): Promise<bigint> {
  const plan = await reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "milestonesOf", args: [p.jobId] });
  if (plan.current + 1 === plan.count) return p.price - plan.settled;
  return (p.price * BigInt(plan.shareBps[plan.current]!)) / 10_000n;
}

/** A side of a dispute states its case (a URI) and pays the arbitrator's fee: ETH as value, an ERC-20 pulled. */
async function payingFee(writer: Writer, functionName: "dispute" | "respond", p: { escrow: Address; jobId: bigint; token: Address; fee: bigint }, field: string, uri: string): Promise<Hash> {
  checkJobId(p.jobId);
  checkUri(field, uri);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName, args: [p.jobId, uri], value: p.token === ETH ? p.fee : 0n });
}

/** The buyer disputes a delivery, paying the arbitrator's fee (ERC-20 jobs: approve `fee` first). */
export function dispute(writer: Writer, p: { escrow: Address; jobId: bigint; statementURI: string; token: Address; fee: bigint }): Promise<Hash> {
  return payingFee(writer, "dispute", p, "statementURI", p.statementURI);
}

/** The supplier answers a dispute, paying the same fee. */
export function respond(writer: Writer, p: { escrow: Address; jobId: bigint; responseURI: string; token: Address; fee: bigint }): Promise<Hash> {
  return payingFee(writer, "respond", p, "responseURI", p.responseURI);
}

export async function submitEvidence(writer: Writer, p: { escrow: Address; jobId: bigint; evidenceURI: string }): Promise<Hash> {
  checkJobId(p.jobId);
  checkUri("evidenceURI", p.evidenceURI);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "submitEvidence",
    args: [p.jobId, p.evidenceURI],
  });
}

/** The job's arbitrator rules `buyerShareBps` (0–10,000) of the price to the buyer. */
export async function rule(
  writer: Writer,
  p: { escrow: Address; jobId: bigint; buyerShareBps: number; reasonHash: Hash },
): Promise<Hash> {
  checkJobId(p.jobId);
  checkBps("buyerShareBps", p.buyerShareBps, 10_000);
  checkHash("reasonHash", p.reasonHash);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "rule",
    args: [p.jobId, p.buyerShareBps, p.reasonHash],
  });
}

/** Anyone settles a dispute whose response or ruling window passed. */
export async function settleDispute(writer: Writer, p: { escrow: Address; jobId: bigint }): Promise<Hash> {
  checkJobId(p.jobId);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "settleDispute",
    args: [p.jobId],
  });
}

/** Sends the protocol fees accrued in `token` to the treasury (anyone may call it). */
export async function collectProtocolFees(writer: Writer, p: { escrow: Address; token: Address }): Promise<Hash> {
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "collectProtocolFees",
    args: [p.token],
  });
}

export interface ArbitratorTermsParams {
  escrow: Address;
  /** The fee each side of a dispute pays, in bps of the job's price (at most MAX_ARBITRATOR_FEE_BPS). */
  feeBps: number;
  /** Seconds the arbitrator takes to rule once the supplier answered. */
  ruleWindow: number;
  termsURI: string;
}

/** Registers the caller as an arbitrator with its first terms (or, with `update`, publishes new ones). */
export async function registerArbitrator(writer: Writer, p: ArbitratorTermsParams, update = false): Promise<Hash> {
  checkBps("feeBps", p.feeBps, MAX_ARBITRATOR_FEE_BPS);
  checkWindow("ruleWindow", p.ruleWindow);
  checkUri("termsURI", p.termsURI);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: update ? "updateArbitratorTerms" : "registerArbitrator",
    args: [p.feeBps, p.ruleWindow, p.termsURI],
  });
}

/** The new job's id, from the escrow's RFQPosted or DirectHirePosted event in a posting's receipt (undefined when
 * the receipt has none: another contract's logs, such as the token's Transfer, are passed over). */
export function postedJobId(receipt: Pick<TransactionReceipt, "logs">, escrow: Address): bigint | undefined {
  const ours = receipt.logs.filter((log) => log.address.toLowerCase() === escrow.toLowerCase());
  const [event] = parseEventLogs({ abi: tenderEscrowAbi, logs: ours, eventName: ["RFQPosted", "DirectHirePosted"] });
  return event?.args.jobId;
}

/** Waits for a posting and returns the new job's id, read from its event. */
export async function waitForJobId(reader: Reader, hash: Hash): Promise<bigint> {
  const receipt = await waitForSuccess(reader, hash);
  const jobId = postedJobId(receipt, receipt.to ?? zeroAddress);
  if (jobId === undefined) throw new Error(`transaction ${hash} posted no job`);
  return jobId;
}

/** Waits for a transaction and throws if it reverted. */
export async function waitForSuccess(reader: Reader, hash: Hash) {
  const receipt = await reader.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** Bits of a job's `flags` (Tender.FLAG_DIRECT, Tender.FLAG_HOLDBACK, Tender.FLAG_MILESTONES). */
export const JobFlag = { Direct: 1, Holdback: 2, Milestones: 4, Sealed: 8 } as const;

/** A job as the escrow returns it, with its flags read out: `direct` (a direct hire, not an RFQ), `holdback` (part
 * of each payment is held under warranty), `inMilestones` (paid in milestones: milestones.ts) and `sealed` (an RFQ
 * taking sealed bids: sealed.ts). */
export function withFlags<T extends { flags: number }>(
  job: T,
): T & { direct: boolean; holdback: boolean; inMilestones: boolean; sealed: boolean } {
  return {
    ...job,
    direct: (job.flags & JobFlag.Direct) !== 0,
    holdback: (job.flags & JobFlag.Holdback) !== 0,
    inMilestones: (job.flags & JobFlag.Milestones) !== 0,
    sealed: (job.flags & JobFlag.Sealed) !== 0,
  };
}

export async function readJob(reader: Reader, p: { escrow: Address; jobId: bigint }) {
  return withFlags(await reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "job", args: [p.jobId] }));
}

export function readCredit(reader: Reader, p: { escrow: Address; account: Address; token: Address }) {
  return reader.readContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "credit",
    args: [p.account, p.token],
  });
}

export function readSupplierRecord(reader: Reader, p: { escrow: Address; supplier: Address }) {
  return reader.readContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "supplierRecord",
    args: [p.supplier],
  });
}

export function readBuyerRecord(reader: Reader, p: { escrow: Address; buyer: Address }) {
  return reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "buyerRecord", args: [p.buyer] });
}

/** Publishes new terms (fee, ruling window, terms URI); jobs posted before keep the terms they named. */
export function updateArbitratorTerms(writer: Writer, p: ArbitratorTermsParams): Promise<Hash> {
  return registerArbitrator(writer, p, true);
}

/** Stops taking new jobs; jobs that named the arbitrator keep it. */
export async function retireArbitrator(writer: Writer, p: { escrow: Address }): Promise<Hash> {
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "retireArbitrator" });
}

/** The terms id an arbitrator has in force now (0 if it never registered): what a post pins when its caller did
 * not say which terms it showed. Read through any client, a wallet's included. */
export async function currentTermsId(client: Reader | Writer, p: { escrow: Address; arbitrator: Address }): Promise<number> {
  const arbitrator = await readContract(client, {
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "arbitrator",
    args: [p.arbitrator],
  });
  return arbitrator.termsId;
}

/** Lists (or delists) an ERC-20 for new jobs; the escrow's owner only. List only tokens that move exactly the amount
 * asked (no fee charged to the sender or the receiver). */
export async function setTokenAllowed(
  writer: Writer,
  p: { escrow: Address; token: Address; allowed: boolean },
): Promise<Hash> {
  checkAddress("token", p.token);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "setTokenAllowed",
    args: [p.token, p.allowed],
  });
}

/** Whether new jobs may be posted in `token` (ETH always). */
export function readTokenAllowed(reader: Reader, p: { escrow: Address; token: Address }) {
  return reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "tokenAllowed", args: [p.token] });
}

/** An arbitrator's record (rulings by side, timeouts) and current terms id. */
export function readArbitrator(reader: Reader, p: { escrow: Address; arbitrator: Address }) {
  return reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "arbitrator", args: [p.arbitrator] });
}

export function readArbitratorTerms(reader: Reader, p: { escrow: Address; termsId: number }) {
  return reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "arbitratorTerms", args: [p.termsId] });
}
