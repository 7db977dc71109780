// A Tender client bound to one deployment: `tender({ reader, writer }, deployment)` returns every action and read
// of the SDK (reads under `read`) with the escrow's and the registry's addresses (and, for reads of past events, the deployment's first
// block) filled in, so no call site passes them — viem's decorator pattern (`client.extend(actions)`), over the
// SDK's plain (client, params) functions, which stay the single definition of each operation.
//
// Actions that make the escrow pull an ERC-20 from the signer (posting, a bonded bid, a dispute and its answer, a
// warranty claim and its answer)
// apply the one allowance policy (token.ts ensureAllowance) before they send: the balance is checked, the call is
// simulated so that the escrow's own refusal is reported before any approval, and exactly the amount is approved.
import { type Address, type Hash, type TransactionReceipt, zeroHash } from "viem";
import type { Deployment } from "./deployments.ts";
import * as escrow from "./escrow.ts";
import type { Reader, Writer } from "./escrow.ts";
import * as floors from "./floors.ts";
import { tenderEscrowAbi } from "./generated.ts";
import * as history from "./history.ts";
import * as jobState from "./job-state.ts";
import * as lifecycle from "./lifecycle.ts";
import * as market from "./market.ts";
import * as milestones from "./milestones.ts";
import * as registry from "./registry.ts";
import * as sealed from "./sealed.ts";
import { isPermitRefused } from "./errors.ts";
import type { Permit } from "./permit.ts";
import { type AllowanceParams, ensureAllowance, permitFor } from "./token.ts";
import { checkJobId } from "./validate.ts";
import * as warranty from "./warranty.ts";

type Bound<P> = Omit<P, "escrow" | "registry" | "fromBlock"> & { fromBlock?: bigint };
type Fn<C, P, R> = (client: C, p: P) => R;

export interface TenderClientOptions {
  /** Told when an approval is sent and mined (progress for a person). */
  onApproval?: AllowanceParams["onApproval"];
  /** Fund postings through an ERC-2612 permit when the token takes permits (default); false: always approve. */
  permits?: boolean;
}

/** A writer whose writeContract only simulates the call (eth_call as the writer's account) and sends nothing. */
export function simulatingWriter(writer: Writer, reader: Reader): Writer {
  const writeContract = (async (args: Parameters<Writer["writeContract"]>[0]) => {
    await reader.simulateContract({ ...(args as object), account: writer.account } as Parameters<Reader["simulateContract"]>[0]);
    return zeroHash;
  }) as Writer["writeContract"];
  return writer.extend(() => ({ writeContract })) as unknown as Writer;
}

function tenderReads(reader: Reader, deployment: Deployment) {
  const at = { escrow: deployment.escrow, registry: deployment.registry, fromBlock: BigInt(deployment.startBlock) };
  const read =
    <P, R>(f: Fn<Reader, P, R>) =>
    (p: Bound<P>): R =>
      f(reader, { fromBlock: at.fromBlock, ...p, escrow: at.escrow, registry: at.registry } as P);
  const reads = {
    job: read(escrow.readJob),
    credit: read(escrow.readCredit),
    supplierRecord: read(escrow.readSupplierRecord),
    buyerRecord: read(escrow.readBuyerRecord),
    arbitrator: read(escrow.readArbitrator),
    arbitratorTerms: read(escrow.readArbitratorTerms),
    disputeFee: read(escrow.disputeFee),
    warranty: read(warranty.readWarranty),
    held: read(warranty.readHeld),
    claim: read(warranty.readClaim),
    claimRecord: read(warranty.readClaimRecord),
    /** The fee a claim on a payment costs each side (the claim's own once filed). */
    claimFee: read(warranty.claimFee),
    /** A job's milestones (count, the one in progress, what settled, each share and window); undefined for a job
     * paid at once. */
    milestones: read(milestones.readMilestones),
    rfq: read(market.readRFQ),
    bestBid: read(market.readBestBid),
    bid: read(market.readBid),
    /** A sealed bid's commitment until its reveal. */
    commitment: read(sealed.readCommitment),
    /** How many sealed bids an RFQ has had. */
    commitCount: read(sealed.readCommitCount),
    isRegisteredSupplier: read(registry.isRegisteredSupplier),
    profile: read(registry.readProfile),
    attestation: read(registry.readAttestation),
    unmetFloors: read(floors.unmetFloors),
    posting: read(history.readPosting),
    delivery: read(history.readDelivery),
    postings: read(history.listPostings),
    bids: read(history.readBids),
    jobsOfSupplier: read(history.jobsOfSupplier),
    disputesOf: read(history.disputesOf),
    /** The warranty claims on the jobs an arbitrator was named in. */
    claimsOf: read(history.claimsOf),
    disputeRecord: read(history.disputeRecord),
    timeline: read(history.jobTimeline),
    /** A job in milestones' schedule and each milestone settled, from their events. */
    milestoneRecord: read(history.milestoneRecord),
    /** A job's schedule as posted (undefined for a job paid at once). */
    schedule: read(history.readSchedule),
    /** A job's warranty events: held, claimed, answered, evidence, ruled, returned, paid out. */
    warrantyRecord: read(history.warrantyRecord),
    /** Everything the state machine needs of a job, read at one block (lifecycle.ts). */
    jobState: read(jobState.readJobState),
    /** What `account` may do with the job now (at the pending block's time), and for the rest why not and from when
     * (the warranty actions: of `payment`, by default the one settled last). */
    actions: async (p: { jobId: bigint; account?: Address; payment?: number }) => {
      const [state, now] = await Promise.all([jobState.readJobState(reader, { escrow: at.escrow, ...p }), jobState.pendingTime(reader)]);
      return { now, actions: lifecycle.jobActions(state, p.account, now) };
    },
    /** The deployment's cancel grace period, in seconds. */
    cancelGracePeriod: () => reader.readContract({ address: at.escrow, abi: tenderEscrowAbi, functionName: "cancelGracePeriod" }),
  };
  return {
    deployment,
    reader,
    /** Every read, bound to the deployment: `read.job({ jobId })`, `read.bid({ jobId, supplier })`, … */
    read: reads,
    /** Waits for a transaction and throws if it reverted. */
    wait: (hash: Hash): Promise<TransactionReceipt> => escrow.waitForSuccess(reader, hash),
    /** Waits for a posting and returns the new job's id, from its event. */
    waitForJobId: (hash: Hash): Promise<bigint> => escrow.waitForJobId(reader, hash),
  };
}

function tenderWrites(reader: Reader, writer: Writer, deployment: Deployment, options: TenderClientOptions) {
  const at = { escrow: deployment.escrow, registry: deployment.registry };
  const simulating = simulatingWriter(writer, reader);
  const write =
    <P, R>(f: Fn<Writer, P, R>) =>
    (p: Bound<P>): R =>
      f(writer, { ...p, ...at } as P);
  const writeNoArgs =
    <P, R>(f: Fn<Writer, P, R>) =>
    (): R =>
      f(writer, at as P);
  /** An action that makes the escrow pull `pull(p)` from the signer: the allowance policy runs first. */
  const pulling =
    <P, R>(f: Fn<Writer, P, Promise<R>>, pull: (p: P) => { token: Address; amount: bigint }) =>
    async (p: Bound<P>): Promise<R> => {
      const full = { ...p, ...at } as P;
      const { token, amount } = pull(full);
      await ensureAllowance(writer, reader, { token, amount, spender: at.escrow, simulate: () => f(simulating, full), onApproval: options.onApproval });
      return f(writer, full);
    };
  /** A posting that funds itself through the signer's ERC-2612 permit when its token takes permits and the allowance
   * is short (one transaction, nothing approved): the permit is signed, the call simulated with it, then sent. A token
   * without permits, a permit the token refuses (the simulation says so), or `options.permits: false` goes through
   * the allowance policy instead (`pulling`). */
  const permitting =
    <P, R>(f: Fn<Writer, P, Promise<R>>, withPermit: Fn<Writer, P & { permit: Permit }, Promise<R>>, pull: (p: P) => { token: Address; amount: bigint }) =>
    async (p: Bound<P>): Promise<R> => {
      const full = { ...p, ...at } as P;
      const { token, amount } = pull(full);
      const permit = options.permits === false ? undefined : await permitFor(writer, reader, { token, amount, spender: at.escrow, simulate: () => f(simulating, full), onApproval: options.onApproval });
      if (permit) {
        const signed = { ...full, permit };
        try {
          await withPermit(simulating, signed);
          return await withPermit(writer, signed);
        } catch (error) {
          if (!isPermitRefused(error)) throw error;
        }
      }
      return pulling(f, pull)(p);
    };
  /** A warranty call that pays the claim fee: the fee and token are read first (unless given), then the allowance
   * policy runs as for a dispute. */
  const payingClaimFee =
    <P extends { escrow: Address; jobId: bigint; payment?: bigint | number; token?: Address; fee?: bigint }>(f: Fn<Writer, P, Promise<Hash>>, check: (p: P) => void) =>
    async (p: Bound<P>): Promise<Hash> => {
      check({ ...p, ...at } as unknown as P); // a bad input reads nothing
      const paid = p.token !== undefined && p.fee !== undefined ? { token: p.token, fee: p.fee } : await warranty.claimPayment(reader, { ...p, escrow: at.escrow });
      return pulling(f, (q) => ({ token: q.token!, amount: q.fee! }))({ ...p, ...paid } as Bound<P>);
    };
  return {
    writer,
    account: writer.account.address,
    postDirectHire: permitting(escrow.postDirectHire, escrow.postDirectHireWithPermit, (p) => ({ token: p.token, amount: p.price })),
    postRFQ: permitting(market.postRFQ, market.postRFQWithPermit, (p) => ({ token: p.token, amount: p.maxPrice })),
    postDirectHireInMilestones: pulling(milestones.postDirectHireInMilestones, (p) => ({ token: p.token, amount: p.price })),
    postRFQInMilestones: pulling(milestones.postRFQInMilestones, (p) => ({ token: p.token, amount: p.maxPrice })),
    bid: pulling(market.bid, (p) => ({ token: p.token, amount: p.bond })),
    dispute: pulling(escrow.dispute, (p) => ({ token: p.token, amount: p.fee })),
    respond: pulling(escrow.respond, (p) => ({ token: p.token, amount: p.fee })),
    claim: payingClaimFee(warranty.claim, warranty.checkClaim),
    answerClaim: payingClaimFee(warranty.answerClaim, warranty.checkAnswerClaim),
    agreeClaim: write(warranty.agreeClaim),
    submitClaimEvidence: write(warranty.submitClaimEvidence),
    ruleClaim: write(warranty.ruleClaim),
    settleClaim: write(warranty.settleClaim),
    waive: write(warranty.waive),
    returnHeld: write(warranty.returnHeld),
    release: write(warranty.release),
    /** Commits a sealed bid (sealed.ts sealBid makes the commitment: keep its opening until the reveal). */
    commit: pulling(sealed.commit, (p) => ({ token: p.token, amount: p.bond })),
    reveal: write(sealed.reveal),
    forfeitBond: write(sealed.forfeitBond),
    improveBid: write(market.improveBid),
    award: write(market.award),
    pick: write(market.pick),
    cancel: write(market.cancel),
    reclaimBond: write(market.reclaimBond),
    deliver: write(escrow.deliver),
    decline: write(escrow.decline),
    /** Confirms the delivery (of a job in milestones: the milestone in progress, read first, so a rating wrong for it
     * — 0 before the last milestone, 1 to 5 on the last — throws a TenderInputError and sends nothing). */
    confirm: async (p: Bound<Parameters<typeof escrow.confirm>[1]>): Promise<Hash> => {
      checkJobId(p.jobId); // a bad id reads nothing
      const milestone = p.milestone ?? (await milestones.readMilestones(reader, { escrow: at.escrow, jobId: p.jobId }));
      return escrow.confirm(writer, { ...p, ...at, milestone: milestone ?? { count: 1, current: 0 } });
    },
    finalize: write(escrow.finalize),
    refund: write(escrow.refund),
    withdraw: write(escrow.withdraw),
    submitEvidence: write(escrow.submitEvidence),
    rule: write(escrow.rule),
    settleDispute: write(escrow.settleDispute),
    collectProtocolFees: write(escrow.collectProtocolFees),
    registerArbitrator: write(escrow.registerArbitrator),
    updateArbitratorTerms: write(escrow.updateArbitratorTerms),
    retireArbitrator: writeNoArgs(escrow.retireArbitrator),
    registerSupplier: write(registry.registerSupplier),
    updateSupplierProfile: write(registry.updateSupplierProfile),
    attest: write(registry.attest),
    revoke: write(registry.revoke),
  };
}

export type TenderReads = ReturnType<typeof tenderReads>;
export type TenderClient = TenderReads & ReturnType<typeof tenderWrites>;

/** Tender on one deployment: its reads, and with a writer its actions, all bound to the deployment's addresses. */
export function tender(clients: { reader: Reader }, deployment: Deployment): TenderReads;
export function tender(clients: { reader: Reader; writer: Writer }, deployment: Deployment, options?: TenderClientOptions): TenderClient;
export function tender(clients: { reader: Reader; writer?: Writer }, deployment: Deployment, options: TenderClientOptions = {}): TenderReads | TenderClient {
  const reads = tenderReads(clients.reader, deployment);
  return clients.writer ? { ...reads, ...tenderWrites(clients.reader, clients.writer, deployment, options) } : reads;
}
