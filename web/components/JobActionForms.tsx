// The forms and buttons of the job page's actions (components/JobActions.tsx): each checks what was typed through
// the SDK's checks before it calls back, shows the problem at its field, and sends nothing on a bad input.
import { type FormEvent, useId, useState } from "react";
import { keccak256, toBytes } from "viem";
import { encodeTextDeliverable } from "../lib/deliverable.ts";
import { type TokenInfo, formatAmount, formatRelative, parseAmount, shortAddress } from "../lib/format.ts";
import { type Progress, ProgressLine, loadSdk } from "./transaction.tsx";

export function ArbitratorActions(p: {
  /** A warranty claim's ruling splits the amount asked, not the price. */
  what?: "dispute" | "claim";
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
          shareOf={p.what === "claim" ? "the amount asked" : "the price"}
          disabled={!p.ready || p.busy || !p.isArbitrator}
          notice={!p.ready ? "Connect the arbitrator's wallet on the right network to rule." : !p.isArbitrator ? `Only the arbitrator (${shortAddress(p.arbitrator ?? "")}) can rule.` : undefined}
          onSend={p.onRule}
        />
      ) : null}
      {p.settleAt !== null ? <TimedButton at={p.settleAt} now={p.now} disabled={!p.ready || p.busy} label={p.what === "claim" ? "Settle the claim" : "Settle the dispute"} onClick={p.onSettle} /> : null}
      <ProgressLine progress={p.progress} />
    </div>
  );
}

export function TimedButton({ at, now, disabled, label, onClick }: { at: number; now: number; disabled: boolean; label: string; onClick: () => void }) {
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

/** The buyer's confirmation: a rating of 1 to 5 stars, checked before anything is sent; `rated={false}` (a milestone
 * before the last) sends rating 0 and asks for none. */
export function ConfirmForm({
  disabled,
  notice,
  onSend,
  rated = true,
  label = "Confirm and pay",
}: {
  disabled: boolean;
  notice?: string;
  onSend: (rating: number) => void;
  rated?: boolean;
  label?: string;
}) {
  const [rating, setRating] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rated) {
      onSend(0);
      return;
    }
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
      {rated ? (
        <fieldset className="rating" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
          <legend>Rating</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="rating-option">
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => { setRating(n); setError(null); }} />
              {n} {n === 1 ? "star" : "stars"}
            </label>
          ))}
        </fieldset>
      ) : null}
      <FormEnd errorId={`${id}-error`} error={error} notice={notice} disabled={disabled} label={label} />
    </form>
  );
}

export function DeliverForm({ disabled, notice, onSend }: { disabled: boolean; notice?: string; onSend: (hash: `0x${string}`, uri: string) => void }) {
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
      <Field id={`${id}-hash`} label="Deliverable hash (keccak256)" value={hash} onChange={setHash} placeholder="0x…" error={errors.hash} />
      <Field id={`${id}-uri`} label="URI" value={uri} onChange={setUri} placeholder="ipfs://…, https://…, data:…" error={errors.uri} />
      <FormEnd notice={notice} disabled={disabled} label="Deliver" />
    </form>
  );
}

export function PickForm({
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
      <FormEnd errorId={`${id}-error`} error={error} notice={notice} disabled={disabled} label="Award to this bid" />
    </form>
  );
}

/** A statement, answer or piece of evidence: a URI, or text made into a self-contained data: URI. With `amount`, an
 * amount in token units comes first (a warranty claim's amount asked), checked before the statement. */
export function UriForm({
  what,
  label,
  disabled,
  notice,
  onSend,
  amount,
}: {
  what: string;
  label: string;
  disabled: boolean;
  notice?: string;
  onSend: (uri: string, amount: bigint) => void;
  amount?: AmountSpec;
}) {
  const [text, setText] = useState("");
  const [uri, setUri] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [amountText, setAmountText] = useState(amount?.initial ?? "");
  const [amountError, setAmountError] = useState<string | null>(null);
  const id = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sdk = await loadSdk();
    const parsed = amount ? readAmount(amountText, amount) : { value: 0n, error: null };
    setAmountError(parsed.error);
    const value = uri.trim() !== "" ? uri.trim() : text.trim() !== "" ? encodeTextDeliverable(text.trim()).uri : "";
    let problem: string | null = null;
    if (value === "") problem = `Write your ${what}, or give a URI where it is.`;
    else {
      try {
        sdk.checkUri("uri", value);
      } catch (err) {
        problem = (err as Error).message.replace(/^uri: /, "");
      }
    }
    setError(problem);
    if (problem || parsed.error) return;
    onSend(value, parsed.value);
  };
  const describedBy = error ? `${id}-error` : undefined;
  return (
    <form onSubmit={submit} noValidate>
      {amount ? (
        <Field
          id={`${id}-amount`}
          label={amount.label}
          value={amountText}
          onChange={(v) => {
            setAmountText(v);
            setAmountError(null);
          }}
          decimal
          error={amountError}
        />
      ) : null}
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
export function RuleForm({
  shareOf = "the price",
  disabled,
  notice,
  onSend,
}: {
  /** What the buyer's share is of: the price (a dispute), the amount asked (a warranty claim). */
  shareOf?: string;
  disabled: boolean;
  notice?: string;
  onSend: (buyerShareBps: number, reasonHash: `0x${string}`) => void;
}) {
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
      <Field id={`${id}-share`} label={`Buyer's share of ${shareOf} (%)`} value={share} onChange={setShare} placeholder="e.g. 20" decimal error={errors.share} />
      <Field id={`${id}-reason`} label="Reasons" value={reason} onChange={setReason} rows={4} error={errors.reason} />
      <FormEnd notice={notice} disabled={disabled} label="Rule" />
    </form>
  );
}

/** An amount in token units a form asks for: above 0 and at most `max` (what is held). */
export interface AmountSpec {
  label: string;
  token: TokenInfo;
  max: bigint;
  /** What the field starts with (e.g. all of the held share). */
  initial?: string;
  /** What `max` is, for the sentence when it is exceeded ("the held share"). */
  maxName: string;
}

function readAmount(text: string, spec: AmountSpec): { value: bigint; error: string | null } {
  const parsed = parseAmount(text, spec.token);
  if (!parsed.ok) return { value: 0n, error: /[.!?]$/.test(parsed.error) ? parsed.error : `${parsed.error}.` };
  if (parsed.value === 0n) return { value: 0n, error: "Give an amount above zero." };
  if (parsed.value > spec.max) return { value: 0n, error: `${formatAmount(parsed.value, spec.token)} is more than ${spec.maxName}, ${formatAmount(spec.max, spec.token)}.` };
  return { value: parsed.value, error: null };
}

/** Just an amount (the supplier returning part of the held share). */
export function AmountForm({ amount, label, disabled, notice, onSend }: { amount: AmountSpec; label: string; disabled: boolean; notice?: string; onSend: (amount: bigint) => void }) {
  const [text, setText] = useState(amount.initial ?? "");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = readAmount(text, amount);
    setError(parsed.error);
    if (parsed.error) return;
    onSend(parsed.value);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field
        id={`${id}-amount`}
        label={amount.label}
        value={text}
        onChange={(v) => {
          setText(v);
          setError(null);
        }}
        decimal
        error={error}
      />
      <FormEnd notice={notice} disabled={disabled} label={label} />
    </form>
  );
}

/** A price in token units: at most the job's maximum, and below the bid it improves. */
export function BidForm({ token, maxPrice, current, disabled, onSend }: { token: TokenInfo; maxPrice: bigint; current?: bigint; disabled: boolean; onSend: (price: bigint) => void }) {
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
      <Field
        id={`${id}-price`}
        label={`Your price (${token.symbol})`}
        value={text}
        onChange={(value) => {
          setText(value);
          setError(null);
        }}
        placeholder={`at most ${formatAmount(maxPrice, token)}`}
        decimal
        error={error}
      />
      <button type="submit" className="button" disabled={disabled}>
        {current === undefined ? "Place the bid" : "Improve the bid"}
      </button>
    </form>
  );
}

/** A labelled text input (a textarea with `rows`) with its error under it, tied together for screen readers. */
function Field(p: { id: string; label: string; value: string; onChange: (value: string) => void; placeholder?: string; decimal?: boolean; rows?: number; error?: string | null }) {
  const described = p.error ? { "aria-invalid": true, "aria-describedby": `${p.id}-error` } : {};
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      {p.rows ? (
        <textarea id={p.id} rows={p.rows} value={p.value} onChange={(e) => p.onChange(e.target.value)} {...described} />
      ) : (
        <input
          id={p.id}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          placeholder={p.placeholder}
          inputMode={p.decimal ? "decimal" : undefined}
          spellCheck={false}
          autoComplete="off"
          {...described}
        />
      )}
      {p.error ? (
        <p id={`${p.id}-error`} className="field-error">
          {p.error}
        </p>
      ) : null}
    </div>
  );
}

/** A form's last lines: its error (tied to the fields by `errorId`), why this wallet may not, and the submit button. */
function FormEnd(p: { errorId?: string; error?: string | null; notice?: string; disabled: boolean; label: string }) {
  return (
    <>
      {p.error ? (
        <p id={p.errorId} className="field-error">
          {p.error}
        </p>
      ) : null}
      {p.notice ? <p className="muted">{p.notice}</p> : null}
      <button type="submit" className="button" disabled={p.disabled}>
        {p.label}
      </button>
    </>
  );
}
