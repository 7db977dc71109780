// Holdback and clawback: the warranty module's actions and reads (ITenderWarranty, answered at the escrow's address).
// A job posted with a holdback keeps part of each payment that settles by confirm or finalize under a warranty; until
// it ends the buyer may claim against the held share (paying the arbitrator's fee of the stake), waive it, or the
// supplier may return part of it; at or after its end anyone releases what is held to the supplier.
//
// A payment is addressed by (job id, payment index): a job paid at once has one payment, index 0 (the default here).
import type { Address, Hash } from "viem";
import { readContract } from "viem/actions";
import { ETH, type Reader, type Warranty, type Writer } from "./escrow.ts";
import { tenderEscrowAbi } from "./generated.ts";
import { BPS } from "./units.ts";
import { checkAmount, checkBps, checkHash, checkJobId, checkPayment, checkUri } from "./validate.ts";

/** Where a payment's warranty claim stands (Tender.ClaimStatus). */
export const ClaimStatus = { None: 0, Filed: 1, Answered: 2, Ended: 3 } as const;
/** Tender.ClaimStatus's names, by number. */
export const CLAIM_STATUS_NAMES = ["none", "filed", "answered", "ended"] as const;

/** How a payment's held share was paid out (ITenderWarranty.HeldOutcome), as HeldSettled reports it. */
export const HeldOutcome = { Released: 0, Waived: 1, Agreed: 2, Ruled: 3, Unanswered: 4, Silent: 5 } as const;

/** A payment's held share: what is still in escrow (gross), the bond held with it, when its warranty ends, and its
 * claim's status (Tender.Held). Nothing held: amount and bond both 0. */
export interface Held {
  amount: bigint;
  bond: bigint;
  warrantyEndsAt: number;
  claim: number;
}

/** A payment's claim (Tender.Claim): the amount asked, its deadline (respond-by while filed, rule-by once answered),
 * and the fee each side pays. */
export interface Claim {
  asked: bigint;
  deadline: number;
  fee: bigint;
}

/** A payment of a job: index 0 unless the job pays in parts. */
interface PaymentRef {
  escrow: Address;
  jobId: bigint;
  /** The payment's index (default 0: a job paid at once). */
  payment?: bigint | number;
}

const paymentOf = (p: PaymentRef): bigint => BigInt(p.payment ?? 0);

/** What was held of a payment is still there: a held share or a held bond. */
export const isHeld = (held: Pick<Held, "amount" | "bond">): boolean => held.amount > 0n || held.bond > 0n;

/** A claim is open (filed, or answered): it must end before a release or a return. */
export const isClaimOpen = (held: Pick<Held, "claim">): boolean => held.claim === ClaimStatus.Filed || held.claim === ClaimStatus.Answered;

/** The claim fee of a stake (the held share plus the held bond) at the arbitrator's `feeBps`: ⌈stake × feeBps /
 * 10,000⌉, at least 1 unit when the bps is not zero — what each side pays to take part. */
export function computeClaimFee(stake: bigint, feeBps: number | bigint): bigint {
  return (stake * BigInt(feeBps) + BPS - 1n) / BPS;
}

type Client = Reader | Writer;

const at = (escrow: Address) => ({ address: escrow, abi: tenderEscrowAbi }) as const;

/** The holdback and warranty a job was posted with (all zero for none). */
export async function readWarranty(client: Client, p: { escrow: Address; jobId: bigint }): Promise<Warranty> {
  const w = await readContract(client, { ...at(p.escrow), functionName: "warrantyOf", args: [p.jobId] });
  return { holdbackBps: w.holdbackBps, warrantyWindow: w.warrantyWindow, holdBond: w.holdBond };
}

/** What is held of a payment, with its bond, warranty end and claim status. */
export async function readHeld(client: Client, p: PaymentRef): Promise<Held> {
  const h = await readContract(client, { ...at(p.escrow), functionName: "heldOf", args: [p.jobId, paymentOf(p)] });
  return { amount: h.amount, bond: h.bond, warrantyEndsAt: h.warrantyEndsAt, claim: h.claim };
}

/** A payment's claim (all zero before one is filed). */
export async function readClaim(client: Client, p: PaymentRef): Promise<Claim> {
  const c = await readContract(client, { ...at(p.escrow), functionName: "claimOf", args: [p.jobId, paymentOf(p)] });
  return { asked: c.asked, deadline: c.deadline, fee: c.fee };
}

/** A supplier's warranty counters: claims faced, and claims clawed back (lost or agreed to). */
export async function readClaimRecord(client: Client, p: { escrow: Address; supplier: Address }): Promise<{ claimsFaced: number; clawedBack: number }> {
  const r = await readContract(client, { ...at(p.escrow), functionName: "claimRecord", args: [p.supplier] });
  return { claimsFaced: r.claimsFaced, clawedBack: r.clawedBack };
}

/**
 * The fee a claim on this payment costs each side now, and the job's token: ⌈(held + held bond) × the fee bps of
 * the arbitrator's terms the job named / 10,000⌉. Once a claim is filed its fee is fixed: the answer pays the
 * claim's own fee (see answerClaim), which this returns too.
 */
export async function claimFee(client: Client, p: PaymentRef): Promise<bigint> {
  return (await claimPayment(client, p)).fee;
}

/** The job's token and the fee a claim (not yet filed) or its answer (once filed) pays on this payment. */
export async function claimPayment(client: Client, p: PaymentRef): Promise<{ token: Address; fee: bigint }> {
  const [job, held] = await Promise.all([readContract(client, { ...at(p.escrow), functionName: "job", args: [p.jobId] }), readHeld(client, p)]);
  if (held.claim !== ClaimStatus.None) return { token: job.token, fee: (await readClaim(client, p)).fee };
  const terms = await readContract(client, { ...at(p.escrow), functionName: "arbitratorTerms", args: [job.termsId] });
  return { token: job.token, fee: computeClaimFee(held.amount + held.bond, terms.feeBps) };
}

/** A fee-paying warranty call: ETH as value, an ERC-20 pulled by the escrow (approve `fee` first, or go through the
 * bound client, which applies the allowance policy). The fee and token are read when not given. */
async function payingClaimFee(writer: Writer, p: PaymentRef & { token?: Address; fee?: bigint }, send: (value: bigint) => Promise<Hash>): Promise<Hash> {
  const { token, fee } = p.token !== undefined && p.fee !== undefined ? { token: p.token, fee: p.fee } : await claimPayment(writer, p);
  return send(token === ETH ? fee : 0n);
}

/** Checks a claim's input (throws a TenderInputError, sends nothing). */
export function checkClaim(p: PaymentRef & { asked: bigint; statementURI: string }): void {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  checkAmount("asked", p.asked);
  checkUri("statementURI", p.statementURI);
}

/** Checks an answer's input (throws a TenderInputError, sends nothing). */
export function checkAnswerClaim(p: PaymentRef & { responseURI: string }): void {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  checkUri("responseURI", p.responseURI);
}

/** The buyer claims `asked` (at most the held share) of a payment's held share before its warranty ends, stating its
 * case (a URI) and paying the claim fee (claimFee; read when not given). Checks the input first: a bad one throws a
 * TenderInputError and sends nothing. */
export async function claim(
  writer: Writer,
  p: PaymentRef & { asked: bigint; statementURI: string; token?: Address; fee?: bigint },
): Promise<Hash> {
  checkClaim(p);
  return payingClaimFee(writer, p, (value) =>
    writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "claim", args: [p.jobId, paymentOf(p), p.asked, p.statementURI], value }),
  );
}

/** The supplier agrees to the claim (instead of answering it) before respond-by: the amount asked back to the buyer (with its fee), the rest
 * of the held share and the held bond to the supplier. */
export async function agreeClaim(writer: Writer, p: PaymentRef): Promise<Hash> {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "agreeClaim", args: [p.jobId, paymentOf(p)] });
}

/** The supplier answers the claim before respond-by, paying the same fee as the buyer (the claim's own; read when
 * not given); the arbitrator's ruling window starts. */
export async function answerClaim(writer: Writer, p: PaymentRef & { responseURI: string; token?: Address; fee?: bigint }): Promise<Hash> {
  checkAnswerClaim(p);
  return payingClaimFee(writer, p, (value) =>
    writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "answerClaim", args: [p.jobId, paymentOf(p), p.responseURI], value }),
  );
}

/** Either party adds evidence to an open claim. */
export async function submitClaimEvidence(writer: Writer, p: PaymentRef & { evidenceURI: string }): Promise<Hash> {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  checkUri("evidenceURI", p.evidenceURI);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "submitClaimEvidence", args: [p.jobId, paymentOf(p), p.evidenceURI] });
}

/** The job's arbitrator rules `buyerShareBps` (0–10,000) of the amount asked to the buyer, after the answer and
 * before rule-by; `reasonHash` is the keccak256 of its published reasons. */
export async function ruleClaim(writer: Writer, p: PaymentRef & { buyerShareBps: number; reasonHash: Hash }): Promise<Hash> {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  checkBps("buyerShareBps", p.buyerShareBps, 10_000);
  checkHash("reasonHash", p.reasonHash);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "ruleClaim", args: [p.jobId, paymentOf(p), p.buyerShareBps, p.reasonHash] });
}

/** Anyone ends a claim whose deadline passed: unanswered, the buyer wins it; answered and not ruled, the supplier
 * keeps the held share (both fees back). */
export async function settleClaim(writer: Writer, p: PaymentRef): Promise<Hash> {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "settleClaim", args: [p.jobId, paymentOf(p)] });
}

/** The buyer gives up its warranty on a payment: what is held goes to the supplier now; an open claim ends for the
 * supplier, both fees back. */
export async function waive(writer: Writer, p: PaymentRef): Promise<Hash> {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "waive", args: [p.jobId, paymentOf(p)] });
}

/** The supplier returns `amount` (at most the held share) to the buyer of its own accord, with no claim open. */
export async function returnHeld(writer: Writer, p: PaymentRef & { amount: bigint }): Promise<Hash> {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  checkAmount("amount", p.amount);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "returnHeld", args: [p.jobId, paymentOf(p), p.amount] });
}

/** Anyone pays a payment's held share and bond to the supplier at or after its warranty's end, with no claim open. */
export async function release(writer: Writer, p: PaymentRef): Promise<Hash> {
  checkJobId(p.jobId);
  checkPayment(p.payment);
  return writer.writeContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "release", args: [p.jobId, paymentOf(p)] });
}
