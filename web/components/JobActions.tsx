"use client";
// What the connected wallet may do with a job now, as the SDK's state machine (jobActions, tested against the
// contract) says at the next block's time: each action is shown when it is allowed, when only time stands in the way
// (a button that says when), or disabled with the state machine's sentence when only the account's role does.
// Every action goes through the SDK: inputs are checked first (a bad one sends nothing), the call is tried against
// the chain before the wallet is asked (a refusal is the SDK's describeError sentence, and nothing is signed), then
// progress is shown until the transaction is in a block. The forms are in JobActionForms.tsx.
import { type ReactNode, useId, useState } from "react";
import { formatUnits, zeroAddress } from "viem";
import { JOB_ACTIONS, type JobAction, type JobState, jobAction, jobActions } from "@tender/sdk/lifecycle";
import { AwardMode, JobStatus, bpsOf } from "@tender/sdk/units";
import { ClaimStatus, computeClaimFee } from "@tender/sdk/warranty";
import type { FloorsJson, JobStatus as JobStatusName } from "../lib/api-types.ts";
import { type TokenInfo, formatAmount, formatBps, formatRelative, shortAddress } from "../lib/format.ts";
import { AmountForm, ArbitratorActions, BidForm, ConfirmForm, DeliverForm, PickForm, RuleForm, TimedButton, UriForm } from "./JobActionForms.tsx";
import { type Deployment, ProgressLine, type TenderClient, useChainNow, useSend } from "./transaction.tsx";
import { SwitchNetworkButton, useWalletState } from "./Wallet.tsx";

export interface JobActionsProps {
  jobId: string;
  status: JobStatusName;
  buyer: `0x${string}`;
  supplier: `0x${string}` | null;
  deliverBy: number | null;
  reviewEndsAt: number | null;
  /** The chain's time when the page was rendered. */
  now: number;
  token: TokenInfo;
  /** Where Tender lives (the deployment record), or null with the reason in escrowProblem. */
  deployment: Deployment | null;
  escrowProblem?: string;
  kind?: "direct" | "rfq";
  mode?: "LowestPrice" | "BuyerChoice" | "SealedLowestPrice" | null;
  /** Sealed bids: how many were committed (the contract's "has bids" for them). */
  commits?: number;
  bidDeadline?: number | null;
  awardDeadline?: number | null;
  arbitrator?: `0x${string}`;
  /** The job's price (an RFQ's maximum until its award), in base units. */
  price?: string;
  /** The arbitrator's fee under the job's terms, in bps of the price: what a dispute costs each side. */
  feeBps?: number | null;
  /** An RFQ's maximum price (base units) and its floors as posted: what a bid must stay under and repeat. */
  maxPrice?: string | null;
  floors?: FloorsJson | null;
  /** The bids, best first (buyer's choice: the buyer picks one). */
  bids?: { supplier: `0x${string}`; price: string }[];
  dispute?: { status: string; respondBy: number | null; ruleBy: number | null } | null;
  /** The deployment's cancel grace period (seconds): when anyone may cancel a lapsed RFQ. */
  cancelGracePeriod?: number;
  /** The holdback the job was posted with (null or absent: none). */
  warranty?: { holdbackBps: number; warrantyWindow: number; holdBond: boolean } | null;
  /** The indexer's held row of the job's payment (index 0), once it settled with a holdback: what is held, until
   * when, and its claim. Given alone (the arbitrator console), it stands for a holdback job. */
  held?: HeldProps | null;
  /** A job paid in milestones: the held row of each settled milestone (payment index = milestone index). The
   * warranty actions act on one of them, chosen in the panel (first the first still held); `held` is then unused. */
  heldPayments?: readonly (HeldProps & { payment: number })[];
  /** A job paid in milestones: the milestone in progress (its index, the job's count, what it pays in base units).
   * The actions are its: a dispute's fee is on its share, a confirm before the last has no rating. */
  milestone?: { index: number; count: number; gross: string } | null;
  /** Only the arbitrator's part (the console): the ruling and settling a lapsed dispute, or with `held` a lapsed
   * warranty claim. */
  arbitratorOnly?: boolean;
}

/** What the warranty actions need of the indexer's held row (GET /api/jobs/:id `held[0]`). */
export interface HeldProps {
  /** The payment's index (a milestone's); absent: 0, a job paid at once. */
  payment?: number;
  held: string;
  heldBond: string;
  warrantyEndsAt: number;
  claimStatus: "none" | "filed" | "answered" | "ended";
  asked: string | null;
  fee: string | null;
  claimDeadline: number | null;
}

/** The indexer's claim status → the escrow's Tender.ClaimStatus. */
const CLAIM_STATUS: Record<HeldProps["claimStatus"], number> = {
  none: ClaimStatus.None,
  filed: ClaimStatus.Filed,
  answered: ClaimStatus.Answered,
  ended: ClaimStatus.Ended,
};

/** The deployments' default cancel grace period (3 days), when the page could not read it. */
const DEFAULT_CANCEL_GRACE = 3 * 86_400;

function Action({ title, children, hint }: { title: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <section className="action" aria-label={title}>
      <h3>{title}</h3>
      {hint ? <p className="muted">{hint}</p> : null}
      {children}
    </section>
  );
}

export function JobActions(props: JobActionsProps) {
  const { buyer, supplier, token, deployment, escrowProblem } = props;
  const wallet = useWalletState();
  const now = useChainNow(props.now);
  const { progress, send, busy, canSign } = useSend(token, deployment);
  const jobId = BigInt(props.jobId);

  const me = wallet.status === "ready" || wallet.status === "wrong-network" ? wallet.address.toLowerCase() : undefined;
  const isBuyer = me !== undefined && me === buyer.toLowerCase();
  const isSupplier = me !== undefined && supplier !== null && me === supplier.toLowerCase();
  const isArbitrator = me !== undefined && props.arbitrator !== undefined && me === props.arbitrator.toLowerCase();
  const dispute = props.dispute ?? null;
  const bids = props.bids ?? [];
  const myBid = me === undefined ? undefined : bids.find((b) => b.supplier.toLowerCase() === me);
  const milestone = props.milestone ?? null;
  const part = milestone ? `milestone ${milestone.index + 1} of ${milestone.count}` : null;
  const lastPart = milestone === null || milestone.index + 1 === milestone.count;
  // The page read the milestone in progress on-chain: the SDK's confirm checks the rating against it (a plain job is
  // one part) without reading it again.
  const inProgress = milestone ? { count: milestone.count, current: milestone.index } : { count: 1, current: 0 };
  const feeBase = milestone ? milestone.gross : props.price;
  const fee = props.feeBps != null && feeBase !== undefined ? bpsOf(feeBase, props.feeBps) : null;
  const feeText = fee === null ? "the arbitrator's fee" : `the arbitrator's fee, ${formatAmount(fee, token)}`;

  // The held payment the warranty actions act on: one of a job in milestones' (chosen; first the first still held),
  // or the job's only one.
  const heldList = props.heldPayments ?? [];
  const [chosenPayment, setChosenPayment] = useState<number | undefined>(undefined);
  const paymentSelectId = useId();
  const chosen =
    heldList.find((h) => h.payment === chosenPayment) ??
    heldList.find((h) => h.claimStatus !== "ended" && (BigInt(h.held) > 0n || BigInt(h.heldBond) > 0n)) ??
    heldList[0];
  const held = chosen ?? props.held ?? null;
  /** The job and the payment a warranty action names. */
  const pay = { jobId, payment: held?.payment ?? 0 };

  // The SDK's state machine decides what may be done now (the contract's rules, tested against it); a transaction
  // sent now is judged at the next block's time, at least a second after the block the page was read at.
  const state = jobStateOf({ ...props, held }, myBid);
  const at = Math.max(now, props.now + 1);
  const actions = jobActions(state, me as `0x${string}` | undefined, at);
  const status_ = (action: JobAction) => actions.find((a) => a.action === action)!;
  /** An action shown: allowed, or refused only for the time (a button that says when), or refused for the
   * account's role while the one who may could do it now or later (shown disabled, saying who may). Anything the
   * job's state rules out is not shown. */
  const shown = (action: JobAction) => {
    const s = status_(action);
    if (s.allowed || s.allowedFrom !== undefined) return true;
    const holder = s.who === "buyer" || s.who === "party" ? state.job.buyer : s.who === "supplier" ? state.job.supplier : s.who === "arbitrator" ? state.arbitrator : undefined;
    if (!holder || holder === zeroAddress) return false;
    const theirs = jobAction(state, holder, at, action);
    return theirs.allowed || theirs.allowedFrom !== undefined;
  };
  /** When a time-gated action opens (now, if it is open). */
  const opensAt = (action: JobAction) => {
    const s = status_(action);
    return s.allowed ? now : (s.allowedFrom ?? now);
  };
  const can = (action: JobAction) => status_(action).allowed;
  /** Refused only because this account is not the one the contract lets do it. */
  const roleBlocked = (action: JobAction) => {
    const s = status_(action);
    return !s.allowed && s.who !== undefined;
  };

  // The wallet may act: connected, on the right chain, and the escrow's address known.
  const ready = canSign && wallet.status === "ready";
  /** Why this wallet may not (the state machine's sentence), once a wallet is there to be told. */
  const notice = (action: JobAction) => {
    const s = status_(action);
    return s.allowed || !ready ? undefined : s.reason;
  };

  const canBid = props.kind === "rfq" && props.maxPrice != null && props.floors != null && (myBid ? can("improveBid") : can("bid"));
  const settleShown = shown("settleDispute") && dispute !== null;

  const heldAmount = held ? BigInt(held.held) : 0n;
  const heldBond = held ? BigInt(held.heldBond) : 0n;
  // A claim's fee: before it is filed, the arbitrator's fee bps of the stake (the held share and bond), rounded up
  // (the SDK's computeClaimFee); once filed, the claim's own (what the answer pays too).
  const claimFee = held?.fee != null ? BigInt(held.fee) : props.feeBps != null ? computeClaimFee(heldAmount + heldBond, props.feeBps) : null;
  const claimFeeText = claimFee === null ? "the claim fee (the arbitrator's fee on what is held)" : `the claim fee, ${formatAmount(claimFee, token)}`;
  const heldUnits = formatUnits(heldAmount, token.decimals);

  if (props.arbitratorOnly && held) {
    return (
      <ArbitratorActions
        what="claim"
        canRule={shown("ruleClaim")}
        settleAt={shown("settleClaim") ? opensAt("settleClaim") : null}
        now={now}
        ready={ready}
        isArbitrator={isArbitrator}
        arbitrator={props.arbitrator}
        busy={busy}
        progress={progress}
        onRule={(buyerShareBps, reasonHash) => send("Ruling", (t) => t.ruleClaim({ ...pay, buyerShareBps, reasonHash }))}
        onSettle={() => send("Settle", (t) => t.settleClaim({ ...pay }))}
      />
    );
  }

  if (props.arbitratorOnly) {
    return (
      <ArbitratorActions
        canRule={shown("rule")}
        settleAt={settleShown ? opensAt("settleDispute") : null}
        now={now}
        ready={ready}
        isArbitrator={isArbitrator}
        arbitrator={props.arbitrator}
        busy={busy}
        progress={progress}
        onRule={(buyerShareBps, reasonHash) => send("Ruling", (t) => t.rule({ jobId, buyerShareBps, reasonHash }))}
        onSettle={() => send("Settle", (t) => t.settleDispute({ jobId }))}
      />
    );
  }

  if (!JOB_ACTIONS.some(shown)) return null;

  let gate: ReactNode = null;
  if (!deployment) gate = <p className="notice notice-warn">Transactions are unavailable: {escrowProblem ?? "the escrow's address is unknown"}.</p>;
  else if (wallet.status === "disconnected" || wallet.status === "connecting") gate = <p className="muted">Connect a wallet (top right) to act on this job.</p>;
  else if (wallet.status === "wrong-network")
    gate = (
      <p className="notice notice-warn">
        Your wallet is on another network. <SwitchNetworkButton />
      </p>
    );
  /** A button for an action that needs no input: disabled until its time and for anyone it does not allow. */
  const simple = (action: JobAction, title: string, hint: ReactNode, label: string, run: (t: TenderClient) => Promise<`0x${string}`>) =>
    shown(action) ? (
      <Action title={title} hint={hint}>
        <TimedButton at={opensAt(action)} now={now} disabled={!ready || busy || roleBlocked(action)} label={label} onClick={() => send(title, run)} />
        {roleBlocked(action) && notice(action) ? <p className="muted">{notice(action)}</p> : null}
      </Action>
    ) : null;

  return (
    <section className="panel actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Act on this job</h2>
      {me ? (
        <p className="muted">
          Connected as {shortAddress(me)}
          {isBuyer ? " — the buyer" : isSupplier ? " — the supplier" : isArbitrator ? " — the arbitrator" : ""}.
        </p>
      ) : null}
      {gate}
      {canBid ? (
        <Action
          title={myBid ? "Improve your bid" : "Bid"}
          hint={
            <>
              Bids close {formatRelative(props.bidDeadline!, now)}.{" "}
              {myBid
                ? `Your bid is ${formatAmount(BigInt(myBid.price), token)}; an improvement must be lower.`
                : props.floors!.bondBps > 0
                  ? `A bid posts a bond of ${formatBps(props.floors!.bondBps)} of the maximum (${formatAmount(bpsOf(props.maxPrice!, props.floors!.bondBps), token)}), back when the job is awarded to another (reclaim it) or, for the winner, with the payment.`
                  : "No bond is asked."}
            </>
          }
        >
          {notice(myBid ? "improveBid" : "bid") ? <p className="muted">{notice(myBid ? "improveBid" : "bid")}</p> : null}
          <BidForm
            token={token}
            maxPrice={BigInt(props.maxPrice!)}
            current={myBid ? BigInt(myBid.price) : undefined}
            disabled={!ready || busy || !can(myBid ? "improveBid" : "bid")}
            onSend={(price) =>
              myBid
                ? send("Improve", (t) => t.improveBid({ jobId, price }))
                : send("Bid", (t, sdk) => {
                    const floors = sdk.floorsFromJson(props.floors!);
                    return t.bid({ jobId, price, floors, token: token.address, bond: sdk.bondFor(BigInt(props.maxPrice!), floors) });
                  })
            }
          />
        </Action>
      ) : null}
      {simple("award", "Award", "Once bidding has closed, anyone may award the job to the lowest qualified bid.", "Award to the lowest bid", (t) => t.award({ jobId }),
      )}
      {shown("pick") && bids.length > 0 ? (
        <Action title="Pick a bid" hint="Bidding has closed; the buyer chooses the winner.">
          <PickForm
            bids={bids}
            token={token}
            disabled={!ready || busy || !can("pick")}
            notice={notice("pick")}
            onSend={(chosen) => send("Pick", (t) => t.pick({ jobId, supplier: chosen }))}
          />
        </Action>
      ) : null}
      {simple("cancel", "Cancel", "An RFQ with no award can be cancelled: the buyer is refunded in full and every bidder takes its bond back.", "Cancel the RFQ", (t) => t.cancel({ jobId }),
      )}
      {myBid && !isSupplier
        ? simple("reclaimBond", "Take your bond back", "The job went to another bidder (or was cancelled): your bond is yours again.", "Reclaim the bond", (t) => t.reclaimBond({ jobId }),
          )
        : null}
      {shown("confirm") && !lastPart ? (
        <Action
          title={`Confirm milestone ${milestone!.index + 1} and pay`}
          hint={
            <>
              The buyer accepts the delivery of {part}; its part of the price ({formatAmount(BigInt(milestone!.gross), token)}) is paid at once and milestone{" "}
              {milestone!.index + 2} opens. The rating comes with the last milestone.
            </>
          }
        >
          <ConfirmForm
            rated={false}
            label={`Confirm milestone ${milestone!.index + 1} and pay`}
            disabled={!ready || busy || !can("confirm")}
            notice={notice("confirm")}
            onSend={() => send("Confirm", (t) => t.confirm({ jobId, rating: 0, milestone: inProgress }))}
          />
        </Action>
      ) : shown("confirm") ? (
        <Action
          title="Confirm and pay"
          hint={
            milestone ? (
              <>The buyer accepts the last milestone ({part}, {formatAmount(BigInt(milestone.gross), token)}) and rates the whole job; the supplier is paid at once.</>
            ) : (
              <>The buyer accepts the delivery and rates it; the supplier is paid at once.</>
            )
          }
        >
          <ConfirmForm disabled={!ready || busy || !can("confirm")} notice={notice("confirm")} onSend={(rating) => send("Confirm", (t) => t.confirm({ jobId, rating, milestone: inProgress }))} />
        </Action>
      ) : null}
      {shown("dispute") ? (
        <Action title="Dispute" hint={<>The buyer refuses the delivery{part ? ` of ${part}` : ""} and puts the case to the arbitrator, paying {feeText}{part ? " (on this milestone's part of the price)" : ""}.</>}>
          <UriForm
            what="statement"
            label="Dispute the delivery"
            disabled={!ready || busy || !can("dispute")}
            notice={notice("dispute")}
            onSend={(uri) =>
              send("Dispute", async (t) => t.dispute({ jobId, statementURI: uri, token: token.address, fee: await t.read.disputeFee({ jobId }) }))
            }
          />
        </Action>
      ) : null}
      {shown("deliver") ? (
        <Action title="Deliver" hint={<>The supplier hands over the work{part ? ` of ${part}` : ""}: its keccak256 hash and a URI to fetch it from.</>}>
          <DeliverForm
            disabled={!ready || busy || !can("deliver")}
            notice={notice("deliver")}
            onSend={(deliverableHash, uri) => send("Deliver", (t) => t.deliver({ jobId, deliverableHash, uri }))}
          />
        </Action>
      ) : null}
      {isSupplier
        ? simple(
            "decline",
            "Decline",
            milestone && milestone.index > 0
              ? "Give the rest of the job back: every milestone not yet paid goes back to the buyer, with the rest of any bond."
              : props.kind === "direct"
                ? "Turn the hire down: the buyer is refunded in full."
                : "Give the job back: the buyer is refunded, and your bond goes to the buyer.",
            "Decline the job",
            (t) => t.decline({ jobId }),
          )
        : null}
      {shown("respond") && dispute?.respondBy != null ? (
        <Action
          title="Answer the dispute"
          hint={<>The supplier answers the buyer's statement, paying {feeText}; unanswered, the buyer wins {formatRelative(dispute.respondBy, now)}.</>}
        >
          <UriForm
            what="answer"
            label="Answer the dispute"
            disabled={!ready || busy || !can("respond")}
            notice={notice("respond")}
            onSend={(uri) =>
              send("Answer", async (t) => t.respond({ jobId, responseURI: uri, token: token.address, fee: await t.read.disputeFee({ jobId }) }))
            }
          />
        </Action>
      ) : null}
      {shown("submitEvidence") ? (
        <Action title="Add evidence" hint="Either side may add evidence for the arbitrator until the dispute is settled.">
          <UriForm
            what="evidence"
            label="Submit evidence"
            disabled={!ready || busy || !can("submitEvidence")}
            notice={notice("submitEvidence")}
            onSend={(uri) => send("Evidence", (t) => t.submitEvidence({ jobId, evidenceURI: uri }))}
          />
        </Action>
      ) : null}
      {shown("rule") && dispute?.ruleBy != null ? (
        <Action title="Rule" hint={<>The arbitrator splits the price between the two sides and is paid its fee; due {formatRelative(dispute.ruleBy, now)}.</>}>
          <RuleForm
            disabled={!ready || busy || !can("rule")}
            notice={notice("rule")}
            onSend={(buyerShareBps, reasonHash) => send("Ruling", (t) => t.rule({ jobId, buyerShareBps, reasonHash }))}
          />
        </Action>
      ) : null}
      {simple("finalize", "Finalize", "Once the review window has run out without a confirmation or a dispute, anyone may release the payment.", "Finalize and pay the supplier", (t) => t.finalize({ jobId }),
      )}
      {simple(
        "refund",
        "Refund",
        part
          ? `If the supplier misses the delivery deadline of ${part}, anyone may end the job: every milestone not yet paid goes back to the buyer.`
          : "If the supplier misses the delivery deadline, anyone may return the price to the buyer.",
        "Refund the buyer",
        (t) => t.refund({ jobId }),
      )}
      {settleShown
        ? simple(
            "settleDispute",
            "Settle the dispute",
            dispute!.status === "open"
              ? "If the supplier does not answer in time, anyone may settle the dispute for the buyer."
              : "If the arbitrator does not rule in time, anyone may settle the dispute on the job's default split.",
            "Settle the dispute",
            (t) => t.settleDispute({ jobId }),
          )
        : null}
      {heldList.length > 1 ? (
        <div className="field held-chooser">
          <label htmlFor={paymentSelectId}>The held share to act on</label>
          <select id={paymentSelectId} value={pay.payment} onChange={(e) => setChosenPayment(Number(e.target.value))}>
            {heldList.map((h) => (
              <option key={h.payment} value={h.payment}>
                Milestone {h.payment + 1}: {formatAmount(BigInt(h.held), token)} held{h.claimStatus === "none" ? "" : `, claim ${h.claimStatus}`}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {shown("claim") ? (
        <Action
          title="Claim under warranty"
          hint={
            <>
              The buyer asks back up to the held share ({formatAmount(heldAmount, token)}) before the warranty ends
              {held ? <> {formatRelative(held.warrantyEndsAt, now)}</> : null}, paying {claimFeeText}; the supplier may agree or answer, and the
              arbitrator rules.
            </>
          }
        >
          <UriForm
            what="statement"
            label="Claim"
            amount={{ label: `Amount asked (${token.symbol})`, token, max: heldAmount, maxName: "the held share", initial: heldUnits }}
            disabled={!ready || busy || !can("claim")}
            notice={notice("claim")}
            onSend={(uri, asked) =>
              send("Claim", async (t) => t.claim({ ...pay, asked, statementURI: uri, token: token.address, fee: await t.read.claimFee(pay) }))
            }
          />
        </Action>
      ) : null}
      {simple(
        "waive",
        "Waive the warranty",
        "The buyer gives up its warranty: everything held goes to the supplier now (an open claim ends for the supplier, both fees back).",
        "Waive and pay the supplier",
        (t) => t.waive({ ...pay }),
      )}
      {simple(
        "agreeClaim",
        "Agree to the claim",
        <>
          The supplier accepts the claim: {held?.asked ? formatAmount(BigInt(held.asked), token) : "the amount asked"} goes back to the buyer with its fee, the rest of
          the held share{heldBond > 0n ? " and the held bond" : ""} to the supplier. It counts as a clawback.
          {held?.claimDeadline ? <> Possible until {formatRelative(held.claimDeadline, now)}.</> : null}
        </>,
        "Agree to the claim",
        (t) => t.agreeClaim({ ...pay }),
      )}
      {shown("answerClaim") ? (
        <Action
          title="Answer the claim"
          hint={
            <>
              The supplier contests the claim, paying {claimFeeText}; the arbitrator then rules. Unanswered, the buyer wins
              {held?.claimDeadline ? <> {formatRelative(held.claimDeadline, now)}</> : null}.
            </>
          }
        >
          <UriForm
            what="answer"
            label="Answer the claim"
            disabled={!ready || busy || !can("answerClaim")}
            notice={notice("answerClaim")}
            onSend={(uri) => send("Answer", async (t) => t.answerClaim({ ...pay, responseURI: uri, token: token.address, fee: await t.read.claimFee(pay) }))}
          />
        </Action>
      ) : null}
      {shown("submitClaimEvidence") ? (
        <Action title="Add claim evidence" hint="Either side may add evidence for the arbitrator until the claim ends.">
          <UriForm
            what="evidence"
            label="Submit evidence"
            disabled={!ready || busy || !can("submitClaimEvidence")}
            notice={notice("submitClaimEvidence")}
            onSend={(uri) => send("Evidence", (t) => t.submitClaimEvidence({ ...pay, evidenceURI: uri }))}
          />
        </Action>
      ) : null}
      {shown("ruleClaim") ? (
        <Action title="Rule on the claim" hint={<>The arbitrator splits the amount asked between the two sides{held?.claimDeadline ? <>; due {formatRelative(held.claimDeadline, now)}</> : null}.</>}>
          <RuleForm
            shareOf="the amount asked"
            disabled={!ready || busy || !can("ruleClaim")}
            notice={notice("ruleClaim")}
            onSend={(buyerShareBps, reasonHash) => send("Ruling", (t) => t.ruleClaim({ ...pay, buyerShareBps, reasonHash }))}
          />
        </Action>
      ) : null}
      {simple(
        "settleClaim",
        "Settle the claim",
        held?.claimStatus === "filed"
          ? "If the supplier neither agrees nor answers in time, anyone may settle the claim for the buyer."
          : "If the arbitrator does not rule in time, anyone may settle the claim: the held share stays the supplier's, both fees back.",
        "Settle the claim",
        (t) => t.settleClaim({ ...pay }),
      )}
      {shown("returnHeld") ? (
        <Action title="Return part of the held share" hint="The supplier gives part of what is held back to the buyer of its own accord, with no claim open.">
          <AmountForm
            amount={{ label: `Amount returned (${token.symbol})`, token, max: heldAmount, maxName: "the held share" }}
            label="Return to the buyer"
            disabled={!ready || busy || !can("returnHeld")}
            notice={notice("returnHeld")}
            onSend={(amount) => send("Return", (t) => t.returnHeld({ ...pay, amount }))}
          />
        </Action>
      ) : null}
      {simple(
        "release",
        "Release what is held",
        <>
          The warranty {held ? <>ends {formatRelative(held.warrantyEndsAt, now)}</> : "has ended"}; with no claim open, anyone may then pay what is held
          {heldBond > 0n ? " (and the held bond)" : ""} to the supplier.
        </>,
        "Release to the supplier",
        (t) => t.release({ ...pay }),
      )}
      <ProgressLine progress={progress} />
    </section>
  );
}

/** The state machine's input from what the page shows (the indexer's job row and the chain's time): the escrow's
 * `deadline` is the one the status runs against. */
function jobStateOf(props: JobActionsProps, myBid: { price: string } | undefined): JobState {
  const status = JobStatus[props.status];
  const dispute = props.dispute ?? null;
  const answered = dispute?.status === "answered";
  const deadline =
    status === JobStatus.Open
      ? props.bidDeadline
      : status === JobStatus.Awarded
        ? props.deliverBy
        : status === JobStatus.Delivered
          ? props.reviewEndsAt
          : status === JobStatus.Disputed
            ? answered
              ? dispute?.ruleBy
              : dispute?.respondBy
            : 0;
  const best = props.bids?.[0];
  return {
    job: { status, buyer: props.buyer, supplier: props.supplier ?? zeroAddress, deadline: deadline ?? 0, direct: props.kind !== "rfq", answered },
    arbitrator: props.arbitrator ?? zeroAddress,
    cancelGracePeriod: props.cancelGracePeriod ?? DEFAULT_CANCEL_GRACE,
    ...(props.kind === "rfq"
      ? {
          rfq: {
            mode: props.mode === "BuyerChoice" ? AwardMode.BuyerChoice : props.mode === "SealedLowestPrice" ? AwardMode.SealedLowestPrice : AwardMode.LowestPrice,
            awardDeadline: props.awardDeadline ?? 0,
            ...(props.mode === "SealedLowestPrice" ? { commits: props.commits ?? 0 } : {}),
            ...(best ? { bestBid: { supplier: best.supplier, price: BigInt(best.price) } } : {}),
          },
        }
      : {}),
    ...(props.warranty || props.held ? { warranty: warrantyStateOf(props) } : {}),
    // The indexer's list has no bond per bid: a bidder with a bid may reclaim once it lost (the escrow refuses a
    // second reclaim, and the button's call is tried before the wallet is asked).
    ...(myBid ? { ownBid: { price: BigInt(myBid.price), bond: 1n, placedAt: 1 } } : {}),
  };
}

/** The state machine's warranty part from the job's holdback and the indexer's held row (nothing held before the
 * payment settles: the row is absent until then). */
function warrantyStateOf(props: JobActionsProps): NonNullable<JobState["warranty"]> {
  const w = props.warranty ?? { holdbackBps: 0, warrantyWindow: 0, holdBond: false };
  const h = props.held;
  return {
    ...w,
    held: h
      ? { amount: BigInt(h.held), bond: BigInt(h.heldBond), warrantyEndsAt: h.warrantyEndsAt, claim: CLAIM_STATUS[h.claimStatus] }
      : { amount: 0n, bond: 0n, warrantyEndsAt: 0, claim: ClaimStatus.None },
    ...(h && h.asked !== null ? { claim: { asked: BigInt(h.asked), deadline: h.claimDeadline ?? 0, fee: BigInt(h.fee ?? "0") } } : {}),
  };
}
