"use client";
// What the connected wallet may do with a job in its current state: the buyer confirms a delivery with a rating, the
// supplier delivers (hash + URI), anyone finalizes a review that ran out or refunds a missed delivery. Every action
// goes through the SDK: inputs are checked first (a bad one sends nothing), the call is tried against the chain
// before the wallet is asked (a refusal is the SDK's describeError sentence, and nothing is signed), then progress
// is shown until the transaction is in a block.
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import type { Hash, SimulateContractParameters, WriteContractParameters } from "viem";
import { writeContract } from "viem/actions";
import { usePublicClient, useWalletClient } from "wagmi";
import type { JobStatus } from "../lib/api-types.ts";
import { encodeTextDeliverable } from "../lib/deliverable.ts";
import { type TokenInfo, formatRelative, shortAddress, shortHash } from "../lib/format.ts";
import { SwitchNetworkButton, useWalletState } from "./Wallet.tsx";

type Sdk = typeof import("../lib/sdk-client.ts");
type Writer = import("../lib/sdk-client.ts").Writer;
const loadSdk = (): Promise<Sdk> => import("../lib/sdk-client.ts");

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
}

type Progress =
  | { phase: "idle" }
  | { phase: "checking" | "signing"; label: string }
  | { phase: "mining"; label: string; hash: Hash }
  | { phase: "done"; label: string; hash: Hash; block: bigint }
  | { phase: "error"; label: string; message: string };

/** The chain's time, ticking in the browser from the server's reading. */
function useChainNow(now: number): number {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const offset = now - Date.now() / 1000;
    const id = window.setInterval(() => setCurrent(Math.floor(Date.now() / 1000 + offset)), 1_000);
    return () => window.clearInterval(id);
  }, [now]);
  return current;
}

/** Sends one SDK action from the connected wallet and follows it to its block. */
function useSend(token: TokenInfo) {
  const { data: walletClient } = useWalletClient();
  const publicClient = usePublicClient();
  const router = useRouter();
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });

  async function send(label: string, action: (sdk: Sdk, writer: Writer) => Promise<Hash>) {
    const sdk = await loadSdk();
    if (!walletClient || !publicClient) {
      setProgress({ phase: "error", label, message: "Connect a wallet on the right network first." });
      return;
    }
    setProgress({ phase: "checking", label });
    // The SDK calls writer.writeContract; this one first runs the same call against the chain (eth_call), so the
    // escrow's refusal comes back decoded whatever the wallet does with reverts, and nothing reaches the wallet.
    const checkedWrite = (async (args: WriteContractParameters) => {
      await publicClient.simulateContract({ ...(args as unknown as SimulateContractParameters), account: walletClient.account });
      setProgress({ phase: "signing", label });
      return writeContract(walletClient, args);
    }) as unknown as typeof walletClient.writeContract;
    const writer = walletClient.extend(() => ({ writeContract: checkedWrite })) as unknown as Writer;
    try {
      const hash = await action(sdk, writer);
      setProgress({ phase: "mining", label, hash });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") {
        setProgress({ phase: "error", label, message: `Transaction ${shortHash(hash)} reverted in block ${receipt.blockNumber}.` });
        return;
      }
      setProgress({ phase: "done", label, hash, block: receipt.blockNumber });
      // The indexer follows the chain within a fraction of a second; read the page again then.
      window.setTimeout(() => router.refresh(), 700);
      window.setTimeout(() => router.refresh(), 2_500);
    } catch (error) {
      setProgress({ phase: "error", label, message: sdk.describeError(error, { symbol: token.symbol, decimals: token.decimals }) });
    }
  }

  return { progress, send, busy: progress.phase === "checking" || progress.phase === "signing" || progress.phase === "mining" };
}

function ProgressLine({ progress }: { progress: Progress }) {
  if (progress.phase === "idle") return null;
  let text: string;
  switch (progress.phase) {
    case "checking":
      text = `${progress.label}: checking with the escrow…`;
      break;
    case "signing":
      text = `${progress.label}: confirm in your wallet…`;
      break;
    case "mining":
      text = `${progress.label}: sent (${shortHash(progress.hash)}), waiting for a block…`;
      break;
    case "done":
      text = `${progress.label}: done in block ${progress.block}.`;
      break;
    case "error":
      text = `${progress.label} failed: ${progress.message}`;
      break;
  }
  return (
    <p className={progress.phase === "error" ? "notice notice-error" : progress.phase === "done" ? "notice notice-ok" : "notice"} role={progress.phase === "error" ? "alert" : "status"}>
      {text}
    </p>
  );
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

  const canConfirm = status === "Delivered" && reviewEndsAt !== null && now < reviewEndsAt;
  const canDeliver = status === "Awarded" && deliverBy !== null && now < deliverBy;
  const finalizeAt = status === "Delivered" ? reviewEndsAt : null;
  const refundAt = status === "Awarded" ? deliverBy : null;

  if (!canConfirm && !canDeliver && finalizeAt === null && refundAt === null) return null;

  let gate: ReactNode = null;
  if (!escrow) gate = <p className="notice notice-warn">Transactions are unavailable: {escrowProblem ?? "the escrow's address is unknown"}.</p>;
  else if (wallet.status === "disconnected" || wallet.status === "connecting") gate = <p className="muted">Connect a wallet (top right) to act on this job.</p>;
  else if (wallet.status === "wrong-network")
    gate = (
      <p className="notice notice-warn">
        Your wallet is on another network. <SwitchNetworkButton />
      </p>
    );
  const ready = gate === null && escrow !== null;

  return (
    <section className="panel actions" aria-labelledby="actions-title">
      <h2 id="actions-title">Act on this job</h2>
      {me ? (
        <p className="muted">
          Connected as {shortAddress(me)}
          {isBuyer ? " — the buyer" : isSupplier ? " — the supplier" : ""}.
        </p>
      ) : null}
      {gate}
      {canConfirm ? (
        <Action title="Confirm and pay" hint={<>The buyer accepts the delivery and rates it; the supplier is paid at once.</>}>
          <ConfirmForm
            disabled={!ready || busy || !isBuyer}
            notice={ready && !isBuyer ? `Only the buyer (${shortAddress(buyer)}) can confirm.` : undefined}
            onSend={(rating) => send("Confirm", (sdk, writer) => sdk.confirm(writer, { escrow: escrow!, jobId, rating }))}
          />
        </Action>
      ) : null}
      {canDeliver ? (
        <Action title="Deliver" hint={<>The supplier hands over the work: its keccak256 hash and a URI to fetch it from.</>}>
          <DeliverForm
            disabled={!ready || busy || !isSupplier}
            notice={ready && !isSupplier ? `Only the supplier (${shortAddress(supplier)}) can deliver.` : undefined}
            onSend={(deliverableHash, uri) => send("Deliver", (sdk, writer) => sdk.deliver(writer, { escrow: escrow!, jobId, deliverableHash, uri }))}
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
      <ProgressLine progress={progress} />
    </section>
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
