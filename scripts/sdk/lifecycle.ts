// The job's state machine as data: what an account may do with a job at a given chain time, and why not.
// One answer for every program (the web's job page, the CLI's `tender job show`, the supplier agent), so none
// re-derives the contracts' role, status and time checks on its own. Money (balances, allowances, msg.value) and
// bid qualification (the floors; see unmetFloors) are left out: they depend on the account's wallet and record,
// not on the job.
//
// Pure and browser-safe (viem's types, the SDK's units and time only): a page can run it on its first paint;
// job-state.ts reads its input from the chain.
import { type Address, zeroAddress } from "viem";
import type { MilestonePlan } from "./milestones.ts";
import { formatDuration } from "./time.ts";
import { AwardMode, JobStatus } from "./units.ts";

/** Every per-job action of the escrow, in the order a job meets them. */
export const JOB_ACTIONS = [
  "bid",
  "improveBid",
  // Sealed-bid RFQs: a hidden price committed before the bid deadline, revealed in the reveal window after.
  "commit",
  "reveal",
  "award",
  "pick",
  "cancel",
  "reclaimBond",
  "deliver",
  "decline",
  "refund",
  "confirm",
  "dispute",
  "finalize",
  "respond",
  "submitEvidence",
  "rule",
  "settleDispute",
  // Holdback jobs, once paid: the warranty on the held share (payment 0).
  "claim",
  "agreeClaim",
  "answerClaim",
  "submitClaimEvidence",
  "ruleClaim",
  "settleClaim",
  "waive",
  "returnHeld",
  "release",
] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

/** Who the contract lets do an action: "party" is the buyer or the supplier, "bidder" an account with a bid. */
export type JobRole = "buyer" | "supplier" | "party" | "bidder" | "arbitrator" | "anyone";

/**
 * One action's answer. `until` and `allowedFrom` are unix seconds compared with the timestamp of the block that
 * would include the transaction, the way the contract does: `allowedFrom` is the first such time at which the
 * action passes (`>=`), `until` the first at which it no longer does (`<`), so a transaction sent a moment before
 * `until` may still be mined too late.
 */
export type ActionStatus =
  | {
      action: JobAction;
      allowed: true;
      /** Set when a deadline ends the permission; absent when only another transition can. */
      until?: number;
      /** What the caller should know to do it right, e.g. that a confirm before a job's last milestone takes no
       * rating. */
      note?: string;
    }
  | {
      action: JobAction;
      allowed: false;
      /** A sentence for a person. */
      reason: string;
      /** When the same account may do it if nothing else about the job changes: only time stands in the way. */
      allowedFrom?: number;
      /** Who may do it, when the account's role is what stands in the way. */
      who?: JobRole;
    };

/**
 * The parts of the escrow's `job(id)` that decide who may act when. Only these fields are read, so an indexer's
 * row serves as well as the struct itself; `deadline` means what the status says (see Tender.Job).
 */
export interface LifecycleJob {
  status: number;
  buyer: Address;
  /** The zero address while an RFQ is open. */
  supplier: Address;
  deadline: number;
  direct: boolean;
  /** A dispute's supplier has answered: `deadline` is then the ruling deadline, before it the response deadline. */
  answered: boolean;
}

/** Everything {jobActions} needs, as {readJobState} gathers it from the chain. */
export interface JobState {
  job: LifecycleJob;
  /** The arbitrator of the job's terms (fixed at posting, retirement or not). */
  arbitrator: Address;
  /** The deployment's cancelGracePeriod(), in seconds. */
  cancelGracePeriod: number;
  /** RFQs only (a direct hire never had bidding). */
  rfq?: {
    mode: number;
    awardDeadline: number;
    /** The leading bid; undefined while nobody has bid (the contract's test of "has bids", but for sealed bids:
     * their commits) — of a sealed-bid RFQ, the lowest price revealed so far. */
    bestBid?: { supplier: Address; price: bigint };
    /** Sealed-bid RFQs: how many bids were committed. */
    commits?: number;
  };
  /** The account's own bid, if it placed one (a bond of 0: none was asked, or it was already returned). A sealed bid
   * has a price of 0 and `unrevealed` until a reveal at a valid price, and its commit number as `placedAt`; `opened`
   * once its commitment is spent (revealed at a price that cannot win: its bond is forfeit). */
  ownBid?: { price: bigint; bond: bigint; placedAt: number; unrevealed?: boolean; opened?: boolean };
  /** Jobs posted with a holdback only: what is held of the payment (index 0) and its claim. Absent: the job holds
   * nothing back, and every warranty action is refused. */
  warranty?: WarrantyState;
  /** Jobs in milestones only: the schedule and the milestone in progress, whose status and deadlines the job's
   * are (see milestones.ts). */
  milestones?: MilestonePlan;
}

/** What the warranty actions need of a holdback job's payment (ITenderWarranty heldOf and claimOf). */
export interface WarrantyState {
  /** The payment (a job in milestones: the milestone's index) this is the warranty of; absent: 0. */
  payment?: number;
  holdbackBps: number;
  warrantyWindow: number;
  holdBond: boolean;
  /** The held share (gross) and bond still in escrow, when the warranty ends (0 before the payment settles), and the
   * claim's status (Tender.ClaimStatus: 0 none, 1 filed, 2 answered, 3 ended). */
  held: { amount: bigint; bond: bigint; warrantyEndsAt: number; claim: number };
  /** The claim, once filed: the amount asked, its deadline (respond-by while filed, rule-by once answered), each
   * side's fee. */
  claim?: { asked: bigint; deadline: number; fee: bigint };
}

const STATUS_NAMES = ["unknown", "open", "awarded", "delivered", "disputed", "settled", "refunded", "cancelled"];

const same = (a: Address | undefined, b: Address | undefined) =>
  a !== undefined && b !== undefined && b !== zeroAddress && a.toLowerCase() === b.toLowerCase();

/** "in 3 h" / "3 h ago": deadlines said relative to the chain's time, which is what a person can act on. */
function when(t: number, now: number): string {
  if (t === now) return "just now";
  return t > now ? `in ${formatDuration(t - now)}` : `${formatDuration(now - t)} ago`;
}

/**
 * What `account` may do with the job now, one entry per {JOB_ACTIONS} action, in that order.
 *
 * @param now The timestamp of the next block (see {pendingTime}), not the latest block's: a transaction sent now
 * is mined at that time or later, and the contract compares that time with the deadlines.
 * @param account Undefined (no wallet connected) is answered as for an account with no role in the job, so a
 * visitor still learns what anyone may do and who else may act.
 */
export function jobActions(state: JobState, account: Address | undefined, now: number): ActionStatus[] {
  const { job, rfq, ownBid } = state;
  const status = job.status;
  const statusName = STATUS_NAMES[status] ?? `status ${status}`;
  const isBuyer = same(account, job.buyer);
  const isSupplier = same(account, job.supplier);
  const isArbitrator = same(account, state.arbitrator);
  const hasBid = ownBid !== undefined && ownBid.price > 0n;
  const best = rfq?.bestBid && rfq.bestBid.supplier !== zeroAddress ? rfq.bestBid : undefined;
  const buyerChoice = rfq?.mode === AwardMode.BuyerChoice;
  const sealed = rfq?.mode === AwardMode.SealedLowestPrice;
  /** Sealed bids: committed (revealed or not); open bids: placed. */
  const committed = ownBid !== undefined && (ownBid.placedAt > 0 || ownBid.price > 0n);
  /** The contract's "has bids": commits for sealed bids, else a best bid. */
  const hasBids = sealed ? (rfq?.commits ?? 0) > 0 : best !== undefined;
  const grace = state.cancelGracePeriod;

  const yes = (action: JobAction, until?: number): ActionStatus =>
    until === undefined ? { action, allowed: true } : { action, allowed: true, until };
  const no = (action: JobAction, reason: string, extra: { allowedFrom?: number; who?: JobRole } = {}): ActionStatus => ({
    action,
    allowed: false,
    reason,
    ...extra,
  });
  /** Status first, as the contract checks it first: a wrong status makes role and time moot. */
  const needs = (action: JobAction, expected: number, what: string): ActionStatus | undefined => {
    if (status === JobStatus.None) return no(action, "There is no job with this id.");
    if (status !== expected) return no(action, `${what}; this job is ${statusName}.`);
    return undefined;
  };
  /** Before `t`: allowed until it, else too late. */
  const before = (action: JobAction, t: number, late: string): ActionStatus =>
    now < t ? yes(action, t) : no(action, `${late} ${when(t, now)}.`);
  /** From `t`: allowed, else not yet, and when. */
  const after = (action: JobAction, t: number, early: string): ActionStatus =>
    now >= t ? yes(action) : no(action, `${early} ${when(t, now)}.`, { allowedFrom: t });

  const bid = (): ActionStatus => {
    const wrong = needs("bid", JobStatus.Open, "Bids are taken only while an RFQ is open");
    if (wrong) return wrong;
    if (isBuyer) return no("bid", "The buyer cannot bid on its own RFQ.");
    if (isArbitrator) return no("bid", "The job's arbitrator cannot bid on it.");
    if (sealed) return no("bid", "This RFQ takes sealed bids: commit a hidden price before bidding closes, and reveal it after.");
    if (hasBid) return no("bid", "You have already bid; a bid can only be improved.");
    return before("bid", job.deadline, "Bidding closed");
  };

  const commit = (): ActionStatus => {
    const wrong = needs("commit", JobStatus.Open, "Sealed bids are taken only while an RFQ is open");
    if (wrong) return wrong;
    if (!sealed) return no("commit", "This RFQ takes open bids (bid); only a sealed-bid RFQ takes commitments.");
    if (isBuyer) return no("commit", "The buyer cannot bid on its own RFQ.");
    if (isArbitrator) return no("commit", "The job's arbitrator cannot bid on it.");
    if (committed) return no("commit", "You have already committed a sealed bid; it cannot be changed.");
    return before("commit", job.deadline, "Bidding closed");
  };

  const reveal = (): ActionStatus => {
    const wrong = needs("reveal", JobStatus.Open, "Sealed bids are revealed only while the RFQ is open");
    if (wrong) return wrong;
    if (!sealed) return no("reveal", "This RFQ takes open bids: there is nothing to reveal.");
    if (!ownBid?.unrevealed || ownBid.opened) {
      return no("reveal", committed ? "Your sealed bid is revealed already." : "You have no sealed bid to reveal.", committed ? {} : { who: "bidder" });
    }
    if (now < job.deadline) return no("reveal", `Reveals open when bidding closes, ${when(job.deadline, now)}.`, { allowedFrom: job.deadline });
    return before("reveal", rfq!.awardDeadline, "The reveal window closed (an unrevealed bid's bond goes to the buyer)");
  };

  const improveBid = (): ActionStatus => {
    const wrong = needs("improveBid", JobStatus.Open, "Bids can be improved only while an RFQ is open");
    if (wrong) return wrong;
    if (sealed) return no("improveBid", "A sealed bid cannot be improved: its commitment fixes its price.");
    if (!hasBid) return no("improveBid", "Only a bidder can improve its bid.", { who: "bidder" });
    if (now >= job.deadline) return no("improveBid", `Bidding closed ${when(job.deadline, now)}.`);
    // A price must stay above 0 and drop: a 1-unit bid has nowhere to go.
    if (ownBid!.price <= 1n) return no("improveBid", "Your bid is already the lowest possible price.");
    return yes("improveBid", job.deadline);
  };

  const award = (): ActionStatus => {
    const wrong = needs("award", JobStatus.Open, "Only an open RFQ can be awarded");
    if (wrong) return wrong;
    if (buyerChoice) return no("award", "The buyer picks the winner of this RFQ.", { who: "buyer" });
    if (sealed) {
      const revealEnds = rfq!.awardDeadline;
      if (!hasBids) {
        return now < job.deadline
          ? no("award", `Nobody has bid yet; bidding closes ${when(job.deadline, now)}.`)
          : no("award", "Nobody bid, so there is nothing to award; the RFQ can be cancelled.");
      }
      if (now < revealEnds) {
        // Awardable then only if a price is revealed by then: promised only once one is.
        return no("award", `The lowest revealed bid can be awarded once the reveal window closes, ${when(revealEnds, now)}.`, best ? { allowedFrom: revealEnds } : {});
      }
      if (!best) return no("award", "No bid was revealed at a valid price, so there is nothing to award; the RFQ can be cancelled.");
      return yes("award");
    }
    if (!best) {
      return now < job.deadline
        ? no("award", `Nobody has bid yet; bidding closes ${when(job.deadline, now)}.`)
        : no("award", "Nobody bid, so there is nothing to award; the RFQ can be cancelled.");
    }
    return after("award", job.deadline, "The lowest bid can be awarded once bidding closes,");
  };

  const pick = (): ActionStatus => {
    const wrong = needs("pick", JobStatus.Open, "Only an open RFQ can be awarded");
    if (wrong) return wrong;
    if (!buyerChoice) return no("pick", "This RFQ goes to the lowest bid: anyone can award it once bidding closes.");
    if (!isBuyer) return no("pick", "Only the buyer can pick the winner.", { who: "buyer" });
    const awardDeadline = rfq!.awardDeadline;
    if (now >= awardDeadline) return no("pick", `The award window closed ${when(awardDeadline, now)}.`);
    if (!best) {
      return no(
        "pick",
        now < job.deadline
          ? `Nobody has bid yet; bidding closes ${when(job.deadline, now)}.`
          : "Nobody bid, so there is no one to pick; the RFQ can be cancelled.",
      );
    }
    if (now < job.deadline) {
      return no("pick", `The buyer picks once bidding closes, ${when(job.deadline, now)}.`, { allowedFrom: job.deadline });
    }
    return yes("pick", awardDeadline);
  };

  const cancel = (): ActionStatus => {
    if (status === JobStatus.Awarded && job.direct) {
      return no("cancel", "A direct hire cannot be cancelled; its supplier may decline it.");
    }
    const wrong = needs("cancel", JobStatus.Open, "Only an open RFQ can be cancelled");
    if (wrong) return wrong;
    // Before the first bid the buyer owes nobody anything; after it, bidders have posted bonds on the RFQ's word.
    if (isBuyer && !hasBids) return yes("cancel");
    if (hasBids && !buyerChoice && (!sealed || best)) {
      return no("cancel", `An RFQ that goes to the lowest ${sealed ? "revealed " : ""}bid cannot be cancelled once ${sealed ? "a price is revealed" : "bid on"}: anyone can award it.`);
    }
    // The RFQ lapses when bidding closes with no bid, when the buyer lets its award window pass, or when a sealed
    // RFQ's reveal window ends with no price revealed.
    const lapsedAt = hasBids ? rfq!.awardDeadline : job.deadline;
    if (isBuyer) {
      return after("cancel", lapsedAt, sealed ? "The buyer can cancel if no price is revealed, from the end of the reveal window," : "The buyer can cancel if it picks no bid, from the end of the award window,");
    }
    const since = lapsedAt + grace;
    const lapse = !hasBids ? "nobody bid" : sealed ? "no price was revealed" : "the buyer picked no bid";
    if (now >= since) return yes("cancel");
    return no("cancel", `Anyone can cancel once ${lapse} and a grace period passed, ${when(since, now)}.`, {
      allowedFrom: since,
      // The buyer already may when nothing was bid, or once the award (or reveal) window closed.
      ...(!hasBids || now >= lapsedAt ? { who: "buyer" as const } : {}),
    });
  };

  const reclaimBond = (): ActionStatus => {
    if (status === JobStatus.None) return no("reclaimBond", "There is no job with this id.");
    if (!committed) return no("reclaimBond", "Only a bidder that posted a bond can reclaim it.", { who: "bidder" });
    if (ownBid!.bond === 0n) return no("reclaimBond", "You have no bond on this job: none was asked, or it came back.");
    if (ownBid!.unrevealed) {
      return status === JobStatus.Open && now < rfq!.awardDeadline
        ? no("reclaimBond", "Reveal your sealed bid first: an unrevealed bid's bond goes to the buyer.")
        : no("reclaimBond", "Your sealed bid was never revealed at a price that can win: its bond goes to the buyer, not back to you.");
    }
    if (status === JobStatus.Cancelled) return yes("reclaimBond");
    if (status === JobStatus.Open) {
      return no("reclaimBond", "Bonds come back once the RFQ goes to someone else or is cancelled.");
    }
    if (isSupplier) return no("reclaimBond", "The winner's bond comes back (or goes to the buyer) with the job's outcome.");
    return yes("reclaimBond");
  };

  const supplierBeforeDeliverBy = (action: "deliver" | "decline", verb: string): ActionStatus => {
    const wrong = needs(action, JobStatus.Awarded, `Only an awarded job can be ${verb}`);
    if (wrong) return wrong;
    if (!isSupplier) return no(action, `Only the supplier can ${action === "deliver" ? "deliver" : "decline"}.`, { who: "supplier" });
    const answer = before(action, job.deadline, state.milestones ? `Milestone ${state.milestones.current + 1}'s delivery deadline passed` : "The delivery deadline passed");
    const note = milestoneNote(action);
    return answer.allowed && note ? { ...answer, note } : answer;
  };

  const refund = (): ActionStatus => {
    const wrong = needs("refund", JobStatus.Awarded, "Only an awarded job that was never delivered can be refunded");
    if (wrong) return wrong;
    return after("refund", job.deadline, "The supplier may still deliver; anyone can refund the buyer");
  };

  const buyerInReview = (action: "confirm" | "dispute"): ActionStatus => {
    const wrong = needs(action, JobStatus.Delivered, `Only a delivered job can be ${action === "confirm" ? "confirmed" : "disputed"}`);
    if (wrong) return wrong;
    if (!isBuyer) return no(action, `Only the buyer can ${action}.`, { who: "buyer" });
    const answer = before(action, job.deadline, "The review window closed");
    const note = milestoneNote(action);
    return answer.allowed && note ? { ...answer, note } : answer;
  };

  /** What a job in milestones' action acts on: the milestone in progress, with what it pays. */
  const milestoneNote = (action: JobAction): string | undefined => {
    const plan = state.milestones;
    if (!plan) return undefined;
    const which = `milestone ${plan.current + 1} of ${plan.count}`;
    const last = plan.current + 1 === plan.count;
    if (action === "confirm") {
      return last
        ? `This confirms the last milestone (${which}): rate the work 1 to 5; the job settles.`
        : `This confirms ${which} with rating 0: the work is rated when you confirm the last milestone.`;
    }
    if (action === "deliver") return `This delivers ${which}${last ? " (the last)" : ""}.`;
    if (action === "decline") return `Declining ends the job: every unsettled milestone goes back to the buyer.`;
    if (action === "dispute") return `The dispute is over ${which}'s share; lost by the supplier (ruled above 50% or unanswered), it ends the job.`;
    return undefined;
  };

  const finalize = (): ActionStatus => {
    const wrong = needs("finalize", JobStatus.Delivered, "Only a delivered job can be finalized");
    if (wrong) return wrong;
    return after("finalize", job.deadline, "The buyer may still confirm or dispute; anyone can finalize");
  };

  const respond = (): ActionStatus => {
    const wrong = needs("respond", JobStatus.Disputed, "Only a disputed job can be answered");
    if (wrong) return wrong;
    if (!isSupplier) return no("respond", "Only the supplier can answer the dispute.", { who: "supplier" });
    if (job.answered) return no("respond", "The supplier has already answered.");
    return before("respond", job.deadline, "The response window closed");
  };

  const submitEvidence = (): ActionStatus => {
    const wrong = needs("submitEvidence", JobStatus.Disputed, "Evidence is taken only while a dispute is open");
    if (wrong) return wrong;
    // No deadline: evidence is taken until someone settles the dispute, even past its windows.
    if (!isBuyer && !isSupplier) return no("submitEvidence", "Only the buyer or the supplier can submit evidence.", { who: "party" });
    return yes("submitEvidence");
  };

  const rule = (): ActionStatus => {
    const wrong = needs("rule", JobStatus.Disputed, "Only a disputed job can be ruled on");
    if (wrong) return wrong;
    if (!isArbitrator) return no("rule", "Only the job's arbitrator can rule.", { who: "arbitrator" });
    if (!job.answered) {
      return now < job.deadline
        ? no("rule", `The supplier has not answered yet; it may until ${when(job.deadline, now)}.`)
        : no("rule", "The supplier did not answer in time: the dispute settles for the buyer by default.");
    }
    return before("rule", job.deadline, "The ruling window closed");
  };

  const settleDispute = (): ActionStatus => {
    const wrong = needs("settleDispute", JobStatus.Disputed, "Only a disputed job can be settled by default");
    if (wrong) return wrong;
    return after(
      "settleDispute",
      job.deadline,
      job.answered ? "The arbitrator may still rule; anyone can settle by default" : "The supplier may still answer; anyone can settle for the buyer",
    );
  };

  // ---- the warranty on a holdback job's held share (payment 0) ----
  const warranty = state.warranty;
  const held = warranty?.held;
  const claimStatus = held?.claim ?? 0;
  const claimOpen = claimStatus === 1 || claimStatus === 2;
  const claimDeadline = warranty?.claim?.deadline ?? 0;
  const somethingHeld = held !== undefined && (held.amount > 0n || held.bond > 0n);
  /** The job must hold something back and have been paid; undefined when it did. */
  const holdbackJob = (action: JobAction): ActionStatus | undefined => {
    if (status === JobStatus.None) return no(action, "There is no job with this id.");
    if (!warranty) return no(action, "This job holds nothing back: it was posted without a holdback.");
    if (status !== JobStatus.Settled && !somethingHeld) {
      return no(action, `A share is held under warranty once the job is paid (confirmed or finalized); this job is ${statusName}.`);
    }
    return undefined;
  };
  /** Something must still be held (a held share, or a held bond). */
  const needsHeld = (action: JobAction): ActionStatus | undefined =>
    holdbackJob(action) ??
    (somethingHeld ? undefined : no(action, claimStatus === 3 ? "Nothing is held: the claim ended and paid it out." : "Nothing is held: it was paid out (released, waived, returned), or the job was settled by a dispute."));
  /** A claim must be open (filed, or answered). */
  const needsOpenClaim = (action: JobAction): ActionStatus | undefined =>
    holdbackJob(action) ??
    (claimOpen ? undefined : no(action, claimStatus === 3 ? "The warranty claim has ended." : "No warranty claim is open on this job."));

  const claim = (): ActionStatus => {
    const wrong = needsHeld("claim");
    if (wrong) return wrong;
    if (!isBuyer) return no("claim", "Only the buyer can claim against the held share.", { who: "buyer" });
    if (claimStatus !== 0) return no("claim", "This payment has had its warranty claim: a payment takes one.");
    if (held!.amount === 0n) return no("claim", "Nothing of the price is held to claim against (only the bond).");
    return before("claim", held!.warrantyEndsAt, "The warranty ended");
  };

  const agreeClaim = (): ActionStatus => {
    const wrong = needsOpenClaim("agreeClaim");
    if (wrong) return wrong;
    if (!isSupplier) return no("agreeClaim", "Only the supplier can agree to the claim.", { who: "supplier" });
    if (claimStatus === 2) return no("agreeClaim", "The supplier answered the claim: it now ends by the arbitrator's ruling, or by default if the arbitrator stays silent.");
    return before("agreeClaim", claimDeadline, "The response window closed");
  };

  const answerClaim = (): ActionStatus => {
    const wrong = needsOpenClaim("answerClaim");
    if (wrong) return wrong;
    if (!isSupplier) return no("answerClaim", "Only the supplier can answer the claim.", { who: "supplier" });
    if (claimStatus === 2) return no("answerClaim", "The supplier has already answered the claim.");
    return before("answerClaim", claimDeadline, "The response window closed");
  };

  const submitClaimEvidence = (): ActionStatus => {
    const wrong = needsOpenClaim("submitClaimEvidence");
    if (wrong) return wrong;
    // No deadline: evidence is taken until the claim ends, even past its windows.
    if (!isBuyer && !isSupplier) return no("submitClaimEvidence", "Only the buyer or the supplier can submit evidence.", { who: "party" });
    return yes("submitClaimEvidence");
  };

  const ruleClaim = (): ActionStatus => {
    const wrong = needsOpenClaim("ruleClaim");
    if (wrong) return wrong;
    if (!isArbitrator) return no("ruleClaim", "Only the job's arbitrator can rule on the claim.", { who: "arbitrator" });
    if (claimStatus === 1) {
      return now < claimDeadline
        ? no("ruleClaim", `The supplier has not answered the claim yet; it may until ${when(claimDeadline, now)}.`)
        : no("ruleClaim", "The supplier did not answer in time: the claim settles for the buyer by default.");
    }
    return before("ruleClaim", claimDeadline, "The ruling window closed");
  };

  const settleClaim = (): ActionStatus => {
    const wrong = needsOpenClaim("settleClaim");
    if (wrong) return wrong;
    return after(
      "settleClaim",
      claimDeadline,
      claimStatus === 1 ? "The supplier may still agree or answer; anyone can settle the claim for the buyer" : "The arbitrator may still rule; anyone can settle the claim for the supplier",
    );
  };

  const waive = (): ActionStatus => {
    const wrong = needsHeld("waive");
    if (wrong) return wrong;
    if (!isBuyer) return no("waive", "Only the buyer can waive its warranty.", { who: "buyer" });
    return yes("waive");
  };

  const returnHeld = (): ActionStatus => {
    const wrong = holdbackJob("returnHeld");
    if (wrong) return wrong;
    if (!isSupplier) return no("returnHeld", "Only the supplier can return part of the held share.", { who: "supplier" });
    if (claimOpen) return no("returnHeld", "A warranty claim is open: agree to it or answer it instead.");
    if (held!.amount === 0n) return no("returnHeld", "Nothing of the price is held to return.");
    return before("returnHeld", held!.warrantyEndsAt, "The warranty ended (anyone can release what is held)");
  };

  const release = (): ActionStatus => {
    const wrong = needsHeld("release");
    if (wrong) return wrong;
    if (claimOpen) return no("release", "A warranty claim is open: it must end (agreed, ruled, settled or waived) first.");
    return after("release", held!.warrantyEndsAt, "The warranty still runs; anyone can release what is held to the supplier");
  };

  const answers: Record<JobAction, () => ActionStatus> = {
    bid,
    improveBid,
    commit,
    reveal,
    award,
    pick,
    cancel,
    reclaimBond,
    deliver: () => supplierBeforeDeliverBy("deliver", "delivered"),
    decline: () => supplierBeforeDeliverBy("decline", "declined"),
    refund,
    confirm: () => buyerInReview("confirm"),
    dispute: () => buyerInReview("dispute"),
    finalize,
    respond,
    submitEvidence,
    rule,
    settleDispute,
    claim,
    agreeClaim,
    answerClaim,
    submitClaimEvidence,
    ruleClaim,
    settleClaim,
    waive,
    returnHeld,
    release,
  };
  return JOB_ACTIONS.map((action) => answers[action]());
}

/** The answer for one action (a shortcut over {jobActions}). */
export function jobAction(state: JobState, account: Address | undefined, now: number, action: JobAction): ActionStatus {
  return jobActions(state, account, now).find((a) => a.action === action)!;
}

/** Where a milestone stands: settled (paid), in progress (and its stage: awarded, delivered, disputed), to come, or
 * refunded (the job ended early before it settled). */
export type MilestoneStage = "settled" | "awarded" | "delivered" | "disputed" | "to come" | "refunded";

/** Each milestone's stage, from the job's status and the milestone in progress. */
export function milestoneStages(plan: Pick<MilestonePlan, "count" | "current">, status: number): MilestoneStage[] {
  return Array.from({ length: plan.count }, (_, i): MilestoneStage => {
    if (status === JobStatus.Open) return "to come";
    if (status === JobStatus.Cancelled) return "refunded";
    if (status === JobStatus.Settled || i < plan.current) return "settled";
    if (status === JobStatus.Refunded) return "refunded";
    if (i > plan.current) return "to come";
    return status === JobStatus.Delivered ? "delivered" : status === JobStatus.Disputed ? "disputed" : "awarded";
  });
}

/** A job in milestones' progress in words: "milestone 2 of 3 delivered", "all 3 milestones settled", "ended at
 * milestone 2 of 3 (refunded)". */
export function describeMilestones(plan: Pick<MilestonePlan, "count" | "current">, status: number): string {
  const which = `milestone ${plan.current + 1} of ${plan.count}`;
  if (status === JobStatus.Open) return `${plan.count} milestones, the first due from the award`;
  if (status === JobStatus.Cancelled) return `${plan.count} milestones, cancelled before the award`;
  if (status === JobStatus.Settled) return `all ${plan.count} milestones settled`;
  if (status === JobStatus.Refunded) return `ended at ${which} (refunded)`;
  const stage = milestoneStages(plan, status)[plan.current]!;
  return stage === "awarded" ? `${which} in progress` : `${which} ${stage}`;
}
