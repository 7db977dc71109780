"use client";
// What the connected wallet may do with a job in its current state: the buyer picks a bid (buyer's choice), confirms a
// delivery with a rating or disputes it with a statement; the supplier delivers (hash + URI) and answers a dispute;
// either side adds evidence; the arbitrator rules; anyone awards a lowest-price RFQ once bidding closed, finalizes a
// review that ran out, refunds a missed delivery or settles a dispute whose deadline passed. Every action
// goes through the SDK: inputs are checked first (a bad one sends nothing), the call is tried against the chain
// before the wallet is asked (a refusal is the SDK's describeError sentence, and nothing is signed), then progress
// is shown until the transaction is in a block.
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { keccak256, toBytes } from "viem";
import type { FloorsJson, JobStatus } from "../lib/api-types.ts";
import { encodeTextDeliverable } from "../lib/deliverable.ts";
import { type TokenInfo, formatAmount, formatBps, formatRelative, parseAmount, shortAddress, shortHash } from "../lib/format.ts";
import { type Progress, ProgressLine, type SendTools, type Sdk, loadSdk, useChainNow, useSend } from "./transaction.tsx";
import { SwitchNetworkButton, useWalletState } from "./Wallet.tsx";

export interface JobActionsProps {
  jobId: string;
  status: JobStatus;
  buyer: `0x${string}`;
  supplier: `0x${string}` | null;
  deliverBy: number | null;
  reviewEndsAt: number | null;
  /** The chain's time when the page was rendered. */
  now: number;
  token: TokenInfo;
  /** The escrow's address from the deployment record, or why it is unknown. */
  escrow: `0x${string}` | null;
  escrowProblem?: string;
  kind?: "direct" | "rfq";
  mode?: "LowestPrice" | "BuyerChoice" | null;
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
  /** Only the arbitrator's part (the console): the ruling and settling a lapsed dispute. */
  arbitratorOnly?: boolean;
}

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
  const { status, buyer, supplier, deliverBy, reviewEndsAt, token, escrow, escrowProblem } = props;
  const wallet = useWalletState();
  const now = useChainNow(props.now);
  const { progress, send, busy } = useSend(token);
  const jobId = BigInt(props.jobId);

  const me = wallet.status === "ready" || wallet.status === "wrong-network" ? wallet.address.toLowerCase() : undefined;
  const isBuyer = me !== undefined && me === buyer.toLowerCase();
  const isSupplier = me !== undefined && supplier !== null && me === supplier.toLowerCase();
  const isArbitrator = me !== undefined && props.arbitrator !== undefined && me === props.arbitrator.toLowerCase();
  const dispute = props.dispute ?? null;
  const bids = props.bids ?? [];
  const fee = props.feeBps != null && props.price !== undefined ? (BigInt(props.price) * BigInt(props.feeBps)) / 10_000n : null;
  const feeText = fee === null ? "the arbitrator's fee" : `the arbitrator's fee, ${formatAmount(fee, token)}`;

  const open = status === "Open" && props.kind === "rfq" && props.bidDeadline != null;
  const canBid = open && now < props.bidDeadline! && props.maxPrice != null && props.floors != null && !isBuyer;
  const myBid = me === undefined ? undefined : bids.find((b) => b.supplier.toLowerCase() === me);
  const awardAt = open && props.mode === "LowestPrice" && bids.length > 0 ? props.bidDeadline! : null;
  const canPick =
    open && props.mode === "BuyerChoice" && bids.length > 0 && now >= props.bidDeadline! && (props.awardDeadline == null || now < props.awardDeadline);
  const inReview = status === "Delivered" && reviewEndsAt !== null && now < reviewEndsAt;
  const canConfirm = inReview;
  const canDispute = inReview;
  const canDeliver = status === "Awarded" && deliverBy !== null && now < deliverBy;
  const finalizeAt = status === "Delivered" ? reviewEndsAt : null;
  const refundAt = status === "Awarded" ? deliverBy : null;
  const disputed = status === "Disputed" && dispute !== null;
  const canRespond = disputed && dispute.status === "open" && dispute.respondBy !== null && now < dispute.respondBy;
  const canRule = disputed && dispute.status === "answered" && dispute.ruleBy !== null && now < dispute.ruleBy;
  const canEvidence = disputed && (dispute.status === "open" || dispute.status === "answered");
  const settleAt = disputed ? (dispute.status === "open" ? dispute.respondBy : dispute.status === "answered" ? dispute.ruleBy : null) : null;

  // The wallet may act: connected, on the right chain, and the escrow's address known.
  const ready = escrow !== null && wallet.status === "ready";

  if (props.arbitratorOnly) {
    return (
      <ArbitratorActions
        canRule={canRule}
        settleAt={settleAt ?? null}
        now={now}
        ready={ready}
        isArbitrator={isArbitrator}
        arbitrator={props.arbitrator}
        busy={busy}
        progress={progress}
        onRule={(buyerShareBps, reasonHash) => send("Ruling", (sdk, writer) => sdk.rule(writer, { escrow: escrow!, jobId, buyerShareBps, reasonHash }))}
        onSettle={() => send("Settle", (sdk, writer) => sdk.settleDispute(writer, { escrow: escrow!, jobId }))}
      />
    );
  }

  const any = canBid || awardAt !== null || canPick || canConfirm || canDispute || canDeliver || finalizeAt !== null || refundAt !== null;
  if (!any && !canRespond && !canRule && !canEvidence && settleAt === null) return null;

  let gate: ReactNode = null;
  if (!escrow) gate = <p className="notice notice-warn">Transactions are unavailable: {escrowProblem ?? "the escrow's address is unknown"}.</p>;
  else if (wallet.status === "disconnected" || wallet.status === "connecting") gate = <p className="muted">Connect a wallet (top right) to act on this job.</p>;
  else if (wallet.status === "wrong-network")
    gate = (
      <p className="notice notice-warn">
        Your wallet is on another network. <SwitchNetworkButton />
      </p>
    );
  const only = (who: string, address: string | null | undefined) => (ready ? `Only the ${who} (${shortAddress(address ?? "")}) can do this.` : undefined);
  /** The dispute fee under the job's terms, allowed to the escrow when it is an ERC-20. */
  const payFee = async (sdk: Sdk, tools: SendTools) => {
    const amount = await sdk.disputeFee(tools.reader, { escrow: escrow!, jobId });
    await tools.allow({ token: token.address, spender: escrow!, amount });
    return amount;
  };

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
                  ? `A bid posts a bond of ${formatBps(props.floors!.bondBps)} of the maximum (${formatAmount(bondOf(props.maxPrice!, props.floors!), token)}), back when the job is awarded to another or delivered.`
                  : "No bond is asked."}
            </>
          }
        >
          <BidForm
            token={token}
            maxPrice={BigInt(props.maxPrice!)}
            current={myBid ? BigInt(myBid.price) : undefined}
            disabled={!ready || busy}
            onSend={(price) =>
              myBid
                ? send("Improve", (sdk, writer) => sdk.improveBid(writer, { escrow: escrow!, jobId, price }))
                : send("Bid", async (sdk, writer, tools) => {
                    const floors = floorsOf(props.floors!);
                    const bond = sdk.bondFor(BigInt(props.maxPrice!), floors);
                    await tools.allow({ token: token.address, spender: escrow!, amount: bond });
                    return sdk.bid(writer, { escrow: escrow!, jobId, price, floors, token: token.address, bond });
                  })
            }
          />
        </Action>
      ) : null}
      {awardAt !== null ? (
        <Action title="Award" hint="Once bidding has closed, anyone may award the job to the lowest qualified bid.">
          <TimedButton
            at={awardAt}
            now={now}
            disabled={!ready || busy}
            label="Award to the lowest bid"
            onClick={() => send("Award", (sdk, writer) => sdk.award(writer, { escrow: escrow!, jobId }))}
          />
        </Action>
      ) : null}
      {canPick ? (
        <Action title="Pick a bid" hint="Bidding has closed; the buyer chooses the winner.">
          <PickForm
            bids={bids}
            token={token}
            disabled={!ready || busy || !isBuyer}
            notice={!isBuyer ? only("buyer", buyer) : undefined}
            onSend={(chosen) => send("Pick", (sdk, writer) => sdk.pick(writer, { escrow: escrow!, jobId, supplier: chosen }))}
          />
        </Action>
      ) : null}
      {canConfirm ? (
        <Action title="Confirm and pay" hint={<>The buyer accepts the delivery and rates it; the supplier is paid at once.</>}>
          <ConfirmForm
            disabled={!ready || busy || !isBuyer}
            notice={!isBuyer ? only("buyer", buyer) : undefined}
            onSend={(rating) => send("Confirm", (sdk, writer) => sdk.confirm(writer, { escrow: escrow!, jobId, rating }))}
          />
        </Action>
      ) : null}
      {canDispute ? (
        <Action title="Dispute" hint={<>The buyer refuses the delivery and puts the case to the arbitrator, paying {feeText}.</>}>
          <UriForm
            what="statement"
            label="Dispute the delivery"
            disabled={!ready || busy || !isBuyer}
            notice={!isBuyer ? only("buyer", buyer) : undefined}
            onSend={(uri) =>
              send("Dispute", async (sdk, writer, tools) => {
                const amount = await payFee(sdk, tools);
                return sdk.dispute(writer, { escrow: escrow!, jobId, statementURI: uri, token: token.address, fee: amount });
              })
            }
          />
        </Action>
      ) : null}
      {canDeliver ? (
        <Action title="Deliver" hint={<>The supplier hands over the work: its keccak256 hash and a URI to fetch it from.</>}>
          <DeliverForm
            disabled={!ready || busy || !isSupplier}
            notice={!isSupplier ? only("supplier", supplier) : undefined}
            onSend={(deliverableHash, uri) => send("Deliver", (sdk, writer) => sdk.deliver(writer, { escrow: escrow!, jobId, deliverableHash, uri }))}
          />
        </Action>
      ) : null}
      {canRespond ? (
        <Action
          title="Answer the dispute"
          hint={<>The supplier answers the buyer's statement, paying {feeText}; unanswered, the buyer wins {formatRelative(dispute!.respondBy!, now)}.</>}
        >
          <UriForm
            what="answer"
            label="Answer the dispute"
            disabled={!ready || busy || !isSupplier}
            notice={!isSupplier ? only("supplier", supplier) : undefined}
            onSend={(uri) =>
              send("Answer", async (sdk, writer, tools) => {
                const amount = await payFee(sdk, tools);
                return sdk.respond(writer, { escrow: escrow!, jobId, responseURI: uri, token: token.address, fee: amount });
              })
            }
          />
        </Action>
      ) : null}
      {canEvidence ? (
        <Action title="Add evidence" hint="Either side may add evidence for the arbitrator until the ruling.">
          <UriForm
            what="evidence"
            label="Submit evidence"
            disabled={!ready || busy || !(isBuyer || isSupplier)}
            notice={!(isBuyer || isSupplier) && ready ? "Only the buyer or the supplier can add evidence." : undefined}
            onSend={(uri) => send("Evidence", (sdk, writer) => sdk.submitEvidence(writer, { escrow: escrow!, jobId, evidenceURI: uri }))}
          />
        </Action>
      ) : null}
      {canRule ? (
        <Action title="Rule" hint={<>The arbitrator splits the price between the two sides and is paid its fee; due {formatRelative(dispute!.ruleBy!, now)}.</>}>
          <RuleForm
            disabled={!ready || busy || !isArbitrator}
            notice={!isArbitrator ? only("arbitrator", props.arbitrator) : undefined}
            onSend={(buyerShareBps, reasonHash) => send("Ruling", (sdk, writer) => sdk.rule(writer, { escrow: escrow!, jobId, buyerShareBps, reasonHash }))}
          />
        </Action>
      ) : null}
      {finalizeAt !== null ? (
        <Action title="Finalize" hint="Once the review window has run out without a confirmation or a dispute, anyone may release the payment.">
          <TimedButton
            at={finalizeAt}
            now={now}
            disabled={!ready || busy}
            label="Finalize and pay the supplier"
            onClick={() => send("Finalize", (sdk, writer) => sdk.finalize(writer, { escrow: escrow!, jobId }))}
          />
        </Action>
      ) : null}
      {refundAt !== null ? (
        <Action title="Refund" hint="If the supplier misses the delivery deadline, anyone may return the price to the buyer.">
          <TimedButton
            at={refundAt}
            now={now}
            disabled={!ready || busy}
            label="Refund the buyer"
            onClick={() => send("Refund", (sdk, writer) => sdk.refund(writer, { escrow: escrow!, jobId }))}
          />
        </Action>
      ) : null}
      {settleAt !== null && settleAt !== undefined ? (
        <Action
          title="Settle the dispute"
          hint={
            dispute!.status === "open"
              ? "If the supplier does not answer in time, anyone may settle the dispute for the buyer."
              : "If the arbitrator does not rule in time, anyone may settle the dispute on the job's default split."
          }
        >
          <TimedButton
            at={settleAt}
            now={now}
            disabled={!ready || busy}
            label="Settle the dispute"
            onClick={() => send("Settle", (sdk, writer) => sdk.settleDispute(writer, { escrow: escrow!, jobId }))}
          />
        </Action>
      ) : null}
      <ProgressLine progress={progress} />
    </section>
  );
}

/** The floors as the escrow takes them back with a bid (the indexer writes amounts as decimal strings). */
function floorsOf(f: FloorsJson) {
  return {
    minCompleted: f.minCompleted,
    minVolume: BigInt(f.minVolume),
    maxLossShareBps: f.maxLossShareBps,
    minAvgRating: f.minAvgRating,
    minRatings: f.minRatings,
    bondBps: f.bondBps,
    metrics: f.metrics.map((m) => ({ attestor: m.attestor, comparison: m.comparison, metric: m.metric, threshold: BigInt(m.threshold) })),
  };
}
/** The SDK's bondFor, here so that the first paint does not load the SDK (its spec validator). */
const bondOf = (maxPrice: string, floors: FloorsJson) => (BigInt(maxPrice) * BigInt(floors.bondBps)) / 10_000n;

function ArbitratorActions(p: {
  canRule: boolean;
  settleAt: number | null;
  now: number;
  ready: boolean;
  isArbitrator: boolean;
  arbitrator?: string;
  busy: boolean;
  progress: Progress;
  onRule: (buyerShareBps: number, reasonHash: `0x${string}`) => void;
  onSettle: () => void;
}) {
  if (!p.canRule && p.settleAt === null) return null;
  return (
    <div className="console-actions">
      {p.canRule ? (
        <RuleForm
          disabled={!p.ready || p.busy || !p.isArbitrator}
          notice={!p.ready ? "Connect the arbitrator's wallet on the right network to rule." : !p.isArbitrator ? `Only the arbitrator (${shortAddress(p.arbitrator ?? "")}) can rule.` : undefined}
          onSend={p.onRule}
        />
      ) : null}
      {p.settleAt !== null ? <TimedButton at={p.settleAt} now={p.now} disabled={!p.ready || p.busy} label="Settle the dispute" onClick={p.onSettle} /> : null}
      <ProgressLine progress={p.progress} />
    </div>
  );
}

function TimedButton({ at, now, disabled, label, onClick }: { at: number; now: number; disabled: boolean; label: string; onClick: () => void }) {
  const early = now < at;
  return (
    <p>
      <button type="button" className="button" disabled={disabled || early} onClick={onClick}>
        {label}
      </button>{" "}
      {early ? <span className="muted">possible {formatRelative(at, now)}</span> : null}
    </p>
  );
}

function ConfirmForm({ disabled, notice, onSend }: { disabled: boolean; notice?: string; onSend: (rating: number) => void }) {
  const [rating, setRating] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { checkRating } = await loadSdk();
    try {
      checkRating(rating ?? 0);
    } catch {
      setError("Choose a rating from 1 to 5 stars.");
      return;
    }
    setError(null);
    onSend(rating!);
  };
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="rating" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
        <legend>Rating</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="rating-option">
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => { setRating(n); setError(null); }} />
            {n} {n === 1 ? "star" : "stars"}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {notice ? <p className="muted">{notice}</p> : null}
      <button type="submit" className="button" disabled={disabled}>
        Confirm and pay
      </button>
    </form>
  );
}

function DeliverForm({ disabled, notice, onSend }: { disabled: boolean; notice?: string; onSend: (hash: `0x${string}`, uri: string) => void }) {
  const [hash, setHash] = useState("");
  const [uri, setUri] = useState("");
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<{ hash?: string; uri?: string }>({});
  const id = useId();
  const fill = () => {
    const encoded = encodeTextDeliverable(text);
    setHash(encoded.hash);
    setUri(encoded.uri);
    setErrors({});
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sdk = await loadSdk();
    const found: { hash?: string; uri?: string } = {};
    try {
      sdk.checkHash("deliverableHash", hash.trim());
    } catch (error) {
      found.hash = (error as Error).message.replace(/^deliverableHash: /, "");
    }
    try {
      sdk.checkUri("uri", uri.trim());
    } catch (error) {
      found.uri = (error as Error).message.replace(/^uri: /, "");
    }
    setErrors(found);
    if (found.hash || found.uri) return;
    onSend(hash.trim() as `0x${string}`, uri.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <details className="helper">
        <summary>Make the hash and a data: URI from text</summary>
        <label htmlFor={`${id}-text`}>Deliverable text</label>
        <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" className="button button-quiet" onClick={fill} disabled={text === ""}>
          Fill hash and URI
        </button>
      </details>
      <div className="field">
        <label htmlFor={`${id}-hash`}>Deliverable hash (keccak256)</label>
        <input
          id={`${id}-hash`}
          value={hash}
          onChange={(e) => setHash(e.target.value)}
          placeholder="0x…"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={errors.hash ? true : undefined}
          aria-describedby={errors.hash ? `${id}-hash-error` : undefined}
        />
        {errors.hash ? (
          <p id={`${id}-hash-error`} className="field-error">
            {errors.hash}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-uri`}>URI</label>
        <input
          id={`${id}-uri`}
          value={uri}
          onChange={(e) => setUri(e.target.value)}
          placeholder="ipfs://…, https://…, data:…"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={errors.uri ? true : undefined}
          aria-describedby={errors.uri ? `${id}-uri-error` : undefined}
        />
        {errors.uri ? (
          <p id={`${id}-uri-error`} className="field-error">
            {errors.uri}
          </p>
        ) : null}
      </div>
      {notice ? <p className="muted">{notice}</p> : null}
      <button type="submit" className="button" disabled={disabled}>
        Deliver
      </button>
    </form>
  );
}

function PickForm({
  bids,
  token,
  disabled,
  notice,
  onSend,
}: {
  bids: { supplier: `0x${string}`; price: string }[];
  token: TokenInfo;
  disabled: boolean;
  notice?: string;
  onSend: (supplier: `0x${string}`) => void;
}) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) {
      setError("Choose the bid to award.");
      return;
    }
    setError(null);
    onSend(chosen as `0x${string}`);
  };
  return (
    <form onSubmit={submit} noValidate>
      <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
        <legend>Bids</legend>
        {bids.map((b) => (
          <label key={b.supplier} className="choice">
            <input type="radio" name="pick" value={b.supplier} checked={chosen === b.supplier} onChange={() => { setChosen(b.supplier); setError(null); }} />
            {shortAddress(b.supplier)} at {formatAmount(BigInt(b.price), token)}
          </label>
        ))}
      </fieldset>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {notice ? <p className="muted">{notice}</p> : null}
      <button type="submit" className="button" disabled={disabled}>
        Award to this bid
      </button>
    </form>
  );
}

/** A statement, answer or piece of evidence: a URI, or text made into a self-contained data: URI. */
function UriForm({ what, label, disabled, notice, onSend }: { what: string; label: string; disabled: boolean; notice?: string; onSend: (uri: string) => void }) {
  const [text, setText] = useState("");
  const [uri, setUri] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sdk = await loadSdk();
    const value = uri.trim() !== "" ? uri.trim() : text.trim() !== "" ? encodeTextDeliverable(text.trim()).uri : "";
    if (value === "") {
      setError(`Write your ${what}, or give a URI where it is.`);
      return;
    }
    try {
      sdk.checkUri("uri", value);
    } catch (err) {
      setError((err as Error).message.replace(/^uri: /, ""));
      return;
    }
    setError(null);
    onSend(value);
  };
  const describedBy = error ? `${id}-error` : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-text`}>Your {what}</label>
        <textarea id={`${id}-text`} rows={4} value={text} onChange={(e) => { setText(e.target.value); setError(null); }} aria-describedby={describedBy} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-uri`}>…or a URI where it is</label>
        <input
          id={`${id}-uri`}
          value={uri}
          onChange={(e) => { setUri(e.target.value); setError(null); }}
          placeholder="ipfs://…, https://…"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? <p className="muted">{notice}</p> : null}
      <button type="submit" className="button" disabled={disabled}>
        {label}
      </button>
    </form>
  );
}

/** The arbitrator's ruling: the buyer's share of the price (the supplier gets the rest) and the reasons, whose
 * keccak256 goes on-chain. */
function RuleForm({ disabled, notice, onSend }: { disabled: boolean; notice?: string; onSend: (buyerShareBps: number, reasonHash: `0x${string}`) => void }) {
  const [share, setShare] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ share?: string; reason?: string }>({});
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: { share?: string; reason?: string } = {};
    const percent = Number(share.trim().replace(/%$/, ""));
    if (share.trim() === "" || !Number.isFinite(percent) || percent < 0 || percent > 100 || Math.round(percent * 100) !== percent * 100) {
      found.share = "Give the buyer's share as a percentage from 0 to 100 (at most two decimals).";
    }
    if (reason.trim() === "") found.reason = "Give the reasons for the ruling; their hash is recorded on-chain.";
    setErrors(found);
    if (found.share || found.reason) return;
    onSend(Math.round(percent * 100), keccak256(toBytes(reason.trim())));
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-share`}>Buyer's share of the price (%)</label>
        <input
          id={`${id}-share`}
          inputMode="decimal"
          value={share}
          onChange={(e) => setShare(e.target.value)}
          placeholder="e.g. 20"
          aria-invalid={errors.share ? true : undefined}
          aria-describedby={errors.share ? `${id}-share-error` : undefined}
        />
        {errors.share ? (
          <p id={`${id}-share-error`} className="field-error">
            {errors.share}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`}>Reasons</label>
        <textarea
          id={`${id}-reason`}
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
        />
        {errors.reason ? (
          <p id={`${id}-reason-error`} className="field-error">
            {errors.reason}
          </p>
        ) : null}
      </div>
      {notice ? <p className="muted">{notice}</p> : null}
      <button type="submit" className="button" disabled={disabled}>
        Rule
      </button>
    </form>
  );
}

/** A price in token units: at most the job's maximum, and below the bid it improves. */
function BidForm({ token, maxPrice, current, disabled, onSend }: { token: TokenInfo; maxPrice: bigint; current?: bigint; disabled: boolean; onSend: (price: bigint) => void }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseAmount(text, token);
    let problem = parsed.ok ? null : parsed.error;
    if (parsed.ok && parsed.value === 0n) problem = "A bid must be more than 0.";
    else if (parsed.ok && parsed.value > maxPrice) problem = `${formatAmount(parsed.value, token)} is above the job's maximum of ${formatAmount(maxPrice, token)}.`;
    else if (parsed.ok && current !== undefined && parsed.value >= current) problem = `An improvement must be below your bid of ${formatAmount(current, token)}.`;
    setError(problem);
    if (problem || !parsed.ok) {
      document.getElementById(`${id}-price`)?.focus();
      return;
    }
    onSend(parsed.value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-price`}>Your price ({token.symbol})</label>
        <input
          id={`${id}-price`}
          inputMode="decimal"
          autoComplete="off"
          value={text}
          onChange={(e) => { setText(e.target.value); setError(null); }}
          placeholder={`at most ${formatAmount(maxPrice, token)}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-price-error` : undefined}
        />
        {error ? (
          <p id={`${id}-price-error`} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={disabled}>
        {current === undefined ? "Place the bid" : "Improve the bid"}
      </button>
    </form>
  );
}
