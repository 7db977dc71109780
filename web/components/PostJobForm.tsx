"use client";
// Posting a job: an RFQ (lowest price wins, or the buyer's choice) or a direct hire, with a spec builder, the token
// and amounts, deadlines, floors and the arbitrator. "Review" checks everything with the SDK's checks first (a bad
// field shows its error beside it, focus moves to the first, and nothing reaches the chain or the wallet); the
// review shows what will be escrowed and the spec as posted; "Post the job" approves an ERC-20 first when the
// allowance is short, then posts through the SDK (tried against the chain before the wallet is asked), and opens
// the new job.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { type Address, zeroAddress } from "viem";
import { ETH_TOKEN, type TokenInfo, formatAbsolute, formatAmount, formatRelative } from "../lib/format.ts";
import type { Arbitrator } from "../lib/api-types.ts";
import {
  AwardMode,
  type FieldErrors,
  type InputRow,
  type MetricRow,
  type MilestoneRow,
  type PostForm,
  type PostPlan,
  type RuleRow,
  checkPostForm,
  durationSeconds,
  emptyForm,
  emptyInput,
  emptyMetric,
  emptyMilestone,
  emptyRule,
  postedJobId,
  startMilestones,
} from "../lib/post-form.ts";
import { ArbitratorPicker } from "./post/ArbitratorPicker.tsx";
import { DurationField, type Kit, SelectField, TextField } from "./post/fields.tsx";
import { FloorFields } from "./post/FloorFields.tsx";
import { MilestoneFields } from "./post/MilestoneFields.tsx";
import { ReviewSummary } from "./post/Review.tsx";
import { TokenBalance } from "./post/TokenBalance.tsx";
import { SpecBuilder } from "./post/SpecBuilder.tsx";
import { WarrantyFields } from "./post/WarrantyFields.tsx";
import { type Deployment, ProgressLine, useChainNow, useSend } from "./transaction.tsx";
import { SwitchNetworkButton, useWalletState } from "./Wallet.tsx";

export interface PostJobFormProps {
  /** The chain's time when the page was rendered: deadlines are counted from the chain's clock. */
  now: number;
  /** ETH and the deployment's stablecoin. */
  tokens: readonly TokenInfo[];
  /** The registry's active arbitrators. */
  arbitrators: readonly Arbitrator[];
  /** Why the registry could not be read. */
  arbitratorsProblem?: string;
  /** Categories the market already has, offered as suggestions. */
  categories?: readonly string[];
  /** A supplier to hire directly (the page's `?supplier=0x…`, from a supplier's "hire directly"): the form starts
   * as a direct hire with it filled in. */
  supplier?: string;
  /** Where Tender lives (the deployment record), or null with the reason in escrowProblem. */
  deployment: Deployment | null;
  escrowProblem?: string;
}

type RowList = "inputs" | "rules" | "metrics" | "milestones";

/** How long the "what happens next" note shows before the new job's page opens. */
const OPEN_AFTER_MS = 4_000;

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function PostJobForm(props: PostJobFormProps) {
  const { tokens, arbitrators, deployment } = props;
  const escrow = deployment?.escrow ?? null;
  const wallet = useWalletState();
  const now = useChainNow(props.now);
  const router = useRouter();
  const baseId = useId();
  const [form, setForm] = useState<PostForm>(() => ({
    ...emptyForm(tokens[0]?.address),
    // The only arbitrator in the registry is the only choice: picked already (any other can still be typed in).
    ...(arbitrators.length === 1 ? { arbitrator: arbitrators[0]!.address } : {}),
    ...(props.supplier ? { kind: "direct" as const, supplier: props.supplier } : {}),
  }));
  const [stay, setStay] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [plan, setPlan] = useState<PostPlan | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [posted, setPosted] = useState<{ jobId: bigint | undefined } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const reviewRef = useRef<HTMLHeadingElement>(null);

  const token = tokens.find((t) => sameAddress(t.address, form.token)) ?? ETH_TOKEN;
  const me = wallet.status === "ready" || wallet.status === "wrong-network" ? wallet.address : undefined;

  const postTx = useSend(plan?.token ?? token, deployment, {
    onDone: (receipt) => {
      const jobId = escrow ? postedJobId(receipt, escrow) : undefined;
      setPosted({ jobId });
    },
  });
  // The indexer follows the chain within a moment; then the job page opens, unless the buyer stays to read.
  const routerRef = useRef(router);
  routerRef.current = router;
  const postedId = posted?.jobId;
  useEffect(() => {
    if (postedId === undefined || stay) return;
    const timer = window.setTimeout(() => routerRef.current.push(`/jobs/${postedId}`), OPEN_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [postedId, stay]);
  const busy = postTx.busy;

  const kit: Kit = {
    id: (key) => `${baseId}-${key.replaceAll(".", "-")}`,
    error: (key) => errors[key],
  };

  // After a refused "Review", the first field in error (in the page's order) takes the focus; an error that belongs
  // to no single control (the spec's size, a whole list) is focused itself.
  useEffect(() => {
    if (focusRequest === 0) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>(".field-error");
    if (target && !target.matches("input, select, textarea, button")) target.tabIndex = -1;
    target?.focus();
  }, [focusRequest]);

  // The review's heading takes the focus, so a screen reader starts reading there.
  useEffect(() => {
    if (plan) reviewRef.current?.focus();
  }, [plan]);

  const clear = (match: (key: string) => boolean) =>
    setErrors((current) => {
      const keys = Object.keys(current).filter(match);
      if (keys.length === 0) return current;
      const next = { ...current };
      for (const key of keys) delete next[key];
      return next;
    });

  const set = <K extends keyof PostForm>(key: K, value: PostForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    // Amounts are read in the token's units: changing it may fix (or break) them.
    clear((k) => k === key || (key === "token" && (k === "maxPrice" || k === "price" || k === "minVolume")));
  };

  function setRow<L extends RowList>(list: L, index: number, patch: Partial<PostForm[L][number]>) {
    setForm((f) => ({ ...f, [list]: (f[list] as PostForm[L][number][]).map((row, i) => (i === index ? { ...row, ...patch } : row)) }));
    // A rule's new kind makes its old value's error moot.
    const changed = Object.keys(patch);
    clear((k) => (k.startsWith(`${list}.${index}.`) && (changed.includes("kind") || changed.includes(k.split(".")[2]!))) || (list === "milestones" && k === "milestones"));
  }

  const addRow = (list: RowList) =>
    setForm((f) => {
      if (list === "inputs") return { ...f, inputs: [...f.inputs, emptyInput()] };
      if (list === "rules") return { ...f, rules: [...f.rules, emptyRule(f.rules)] };
      if (list === "milestones") return { ...f, milestones: [...f.milestones, emptyMilestone(f.milestones)] };
      return { ...f, metrics: [...f.metrics, emptyMetric()] };
    });

  const removeRow = (list: RowList, index: number) => {
    setForm((f) => ({ ...f, [list]: f[list].filter((_, i) => i !== index) }));
    // The rows after it move up: their errors no longer point at the right row.
    clear((k) => k === list || k.startsWith(`${list}.`));
  };

  // Paid in milestones: two halves to start with, each with the job's delivery window (the first milestone's window
  // is the job's from then on); back to paid at once, the first milestone's window stays the job's.
  const toggleMilestones = (on: boolean) => {
    setForm((f) =>
      on
        ? { ...f, milestones: startMilestones(f.deliveryWindow) }
        : { ...f, milestones: [], deliveryWindow: f.milestones[0] ? { ...f.milestones[0].window } : f.deliveryWindow },
    );
    clear((k) => k === "milestones" || k.startsWith("milestones.") || k === "deliveryWindow");
  };

  const review = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkPostForm(form, { escrow: escrow ?? zeroAddress, now, tokens, buyer: me });
    if (!checked.ok) {
      setErrors(checked.errors);
      setFocusRequest((n) => n + 1);
      return;
    }
    setErrors({});
    setPlan(checked.plan);
  };

  /** The registry's record of the arbitrator under review: the terms the review shows, and the ones a post pins. */
  const reviewedArbitrator = plan ? arbitrators.find((a) => sameAddress(a.address, plan.params.arbitrator)) : undefined;

  // An ERC-20 job moves the amount from the wallet: the SDK's allowance policy stops a short balance before the
  // wallet is asked and approves a short allowance first (its own step), then the job is posted.
  function send() {
    if (!plan || !escrow) return;
    const reviewed = plan;
    // The arbitrator's terms the review showed are the ones the post pins: the escrow refuses it if they changed.
    const pinned = reviewedArbitrator ? { arbitratorTermsId: reviewedArbitrator.termsId } : {};
    postTx.send("Posting the job", (t) => {
      const milestones = reviewed.milestones;
      if (milestones) {
        return reviewed.kind === "rfq"
          ? t.postRFQInMilestones({ ...reviewed.params, ...pinned, milestones })
          : t.postDirectHireInMilestones({ ...reviewed.params, ...pinned, milestones });
      }
      return reviewed.kind === "rfq" ? t.postRFQ({ ...reviewed.params, ...pinned }) : t.postDirectHire({ ...reviewed.params, ...pinned });
    });
  }

  let gate = null;
  if (!escrow) gate = <p className="notice notice-warn">Posting is unavailable: {props.escrowProblem ?? "the escrow's address is unknown"}.</p>;
  else if (wallet.status === "disconnected" || wallet.status === "connecting") gate = <p className="notice">Connect a wallet (top right) to post this job.</p>;
  else if (wallet.status === "wrong-network")
    gate = (
      <p className="notice notice-warn">
        Your wallet is on another network. <SwitchNetworkButton />
      </p>
    );
  const ready = gate === null && wallet.status === "ready" && postTx.canSign;

  if (plan) {
    const done = posted !== null;
    return (
      <section className="panel post-review" aria-labelledby={`${baseId}-review`}>
        <h2 id={`${baseId}-review`} ref={reviewRef} tabIndex={-1}>
          Review the job
        </h2>
        <p className="post-hint">Nothing is sent until you post. Check what will be escrowed and the spec as it will be posted.</p>
        <ReviewSummary plan={plan} now={now} arbitrator={reviewedArbitrator} />
        {gate}
        <ProgressLine progress={postTx.progress} />
        {done ? <PostedNote jobId={posted.jobId} plan={plan} stay={stay} onStay={() => setStay(true)} /> : null}
        <div className="post-actions">
          <button type="button" className="button" onClick={() => void send()} disabled={!ready || busy || done}>
            Post the job
          </button>
          <button type="button" className="button button-quiet" onClick={() => setPlan(null)} disabled={busy || done}>
            Back to edit
          </button>
        </div>
      </section>
    );
  }

  const errorCount = Object.keys(errors).length;
  const rfq = form.kind === "rfq";
  const bidSeconds = durationSeconds(form.bidWindow);

  return (
    <form ref={formRef} className="post-form" onSubmit={review} noValidate aria-label="Post a job">
      <section className="panel" aria-labelledby={`${baseId}-kind`}>
        <h2 id={`${baseId}-kind`}>Kind of job</h2>
        <fieldset>
          <legend>How the supplier is chosen</legend>
          <ul className="post-choices">
            <li>
              <label className="post-choice">
                <input type="radio" name="kind" value="rfq" checked={rfq} onChange={() => set("kind", "rfq")} />
                <span className="post-choice-text">
                  Request for quotes<span className="post-choice-facts">Suppliers bid up to your maximum price.</span>
                </span>
              </label>
            </li>
            <li>
              <label className="post-choice">
                <input type="radio" name="kind" value="direct" checked={!rfq} onChange={() => set("kind", "direct")} />
                <span className="post-choice-text">
                  Direct hire<span className="post-choice-facts">A supplier you name, at a fixed price.</span>
                </span>
              </label>
            </li>
          </ul>
        </fieldset>
        {rfq ? (
          <fieldset>
            <legend>Who wins</legend>
            <ul className="post-choices">
              <li>
                <label className="post-choice">
                  <input type="radio" name="mode" value="lowest" checked={form.mode === "lowest"} onChange={() => set("mode", "lowest")} />
                  <span className="post-choice-text">
                    Lowest price wins<span className="post-choice-facts">The lowest qualified bid when bids close.</span>
                  </span>
                </label>
              </li>
              <li>
                <label className="post-choice">
                  <input type="radio" name="mode" value="choice" checked={form.mode === "choice"} onChange={() => set("mode", "choice")} />
                  <span className="post-choice-text">
                    Buyer&apos;s choice<span className="post-choice-facts">You pick among the bids within an award window.</span>
                  </span>
                </label>
              </li>
            </ul>
          </fieldset>
        ) : null}
      </section>

      <SpecBuilder
        kit={kit}
        form={form}
        categories={props.categories ?? []}
        set={set}
        setInput={(i, patch: Partial<InputRow>) => setRow("inputs", i, patch)}
        setRule={(i, patch: Partial<RuleRow>) => setRow("rules", i, patch)}
        add={addRow}
        remove={removeRow}
      />

      <section className="panel" aria-labelledby={`${baseId}-money`}>
        <h2 id={`${baseId}-money`}>Payment</h2>
        <div className="post-grid">
          <SelectField
            kit={kit}
            name="token"
            label="Token"
            value={form.token}
            onChange={(v) => set("token", v)}
            options={tokens.map((t) => ({ value: t.address, label: t.symbol }))}
            hint={token.address === zeroAddress ? "Sent with the post." : `An ERC-20: when the allowance is short, your wallet signs a permit for the amount (one transaction) if the token takes permits, else approves the escrow first.`}
          />
          <TokenBalance token={token} account={me as Address | undefined} />
          {rfq ? (
            <TextField
              kit={kit}
              name="maxPrice"
              label="Maximum price"
              value={form.maxPrice}
              onChange={(v) => set("maxPrice", v)}
              inputMode="decimal"
              suffix={token.symbol}
              placeholder="e.g. 0.5"
              hint="The most you pay. It is escrowed when you post; the difference to the winning bid comes back at the award."
            />
          ) : (
            <TextField kit={kit} name="price" label="Price" value={form.price} onChange={(v) => set("price", v)} inputMode="decimal" suffix={token.symbol} hint="Escrowed when you post." />
          )}
        </div>
        {rfq ? null : (
          <TextField
            kit={kit}
            name="supplier"
            label="Supplier address"
            value={form.supplier}
            onChange={(v) => set("supplier", v)}
            mono
            placeholder="0x…"
            hint="The supplier you hire; it may decline."
          />
        )}
      </section>

      <section className="panel" aria-labelledby={`${baseId}-time`}>
        <h2 id={`${baseId}-time`}>Deadlines</h2>
        <p className="post-hint">Each from 1 hour to 365 days, counted by the chain&apos;s clock.</p>
        <div className="post-grid">
          {rfq ? (
            <DurationField
              kit={kit}
              name="bidWindow"
              label="Bid window"
              value={form.bidWindow}
              onChange={(v) => set("bidWindow", v)}
              hint={bidSeconds ? `Bids close ${formatRelative(now + bidSeconds, now)}, ${formatAbsolute(now + bidSeconds)}.` : "How long bids are taken."}
            />
          ) : null}
          {rfq && form.mode === "choice" ? (
            <DurationField kit={kit} name="awardWindow" label="Award window" value={form.awardWindow} onChange={(v) => set("awardWindow", v)} hint="After bids close, how long you have to pick." />
          ) : null}
          {form.milestones.length > 0 ? (
            <div className="field">
              <p className="post-hint">Delivery windows: each milestone has its own (Milestones, below); the first milestone&apos;s is the job&apos;s.</p>
            </div>
          ) : (
            <DurationField
              kit={kit}
              name="deliveryWindow"
              label="Delivery window"
              value={form.deliveryWindow}
              onChange={(v) => set("deliveryWindow", v)}
              hint="How long the supplier has to deliver once awarded."
            />
          )}
          <DurationField
            kit={kit}
            name="reviewWindow"
            label="Review window"
            value={form.reviewWindow}
            onChange={(v) => set("reviewWindow", v)}
            hint="How long you have to confirm or dispute a delivery; after it, anyone may release the payment."
          />
        </div>
      </section>

      <WarrantyFields kit={kit} form={form} token={token} set={set} />

      <MilestoneFields
        kit={kit}
        form={form}
        token={token}
        toggle={toggleMilestones}
        setRow={(i, patch: Partial<MilestoneRow>) => setRow("milestones", i, patch)}
        add={() => addRow("milestones")}
        remove={(i) => removeRow("milestones", i)}
      />

      {rfq ? (
        <FloorFields
          kit={kit}
          form={form}
          token={token}
          set={set}
          setMetric={(i, patch: Partial<MetricRow>) => setRow("metrics", i, patch)}
          addMetric={() => addRow("metrics")}
          removeMetric={(i) => removeRow("metrics", i)}
        />
      ) : null}

      <section className="panel" aria-labelledby={`${baseId}-disputes`}>
        <h2 id={`${baseId}-disputes`}>Disputes</h2>
        <ArbitratorPicker kit={kit} arbitrators={arbitrators} problem={props.arbitratorsProblem} value={form.arbitrator} onChange={(v) => set("arbitrator", v)} />
        <TextField
          kit={kit}
          name="defaultBuyerShare"
          label="Your share if the arbitrator never rules"
          value={form.defaultBuyerShare}
          onChange={(v) => set("defaultBuyerShare", v)}
          inputMode="decimal"
          suffix="% of the price"
          hint="0 to 50%: what comes back to you when a dispute times out without a ruling; the supplier gets the rest."
        />
      </section>

      <div className="post-actions">
        <button type="submit" className="button">
          Review
        </button>
        <p className={errorCount ? "field-error" : "visually-hidden"} role="status" aria-live="polite">
          {errorCount ? `${errorCount} ${errorCount === 1 ? "field needs" : "fields need"} a fix; nothing was sent.` : ""}
        </p>
      </div>
    </form>
  );
}

/** After posting: the new job, what happens next, then the link to it. */
function PostedNote({ jobId, plan, stay, onStay }: { jobId: bigint | undefined; plan: PostPlan; stay: boolean; onStay: () => void }) {
  if (jobId === undefined) {
    return <p className="notice notice-ok">The job is posted; its id was not found in the receipt. It will appear in the open jobs.</p>;
  }
  const id = String(jobId);
  const parts = plan.milestones?.length;
  const delivery = parts
    ? [
        `The supplier delivers each of the ${parts} milestones within its window (the next opens when one is paid), or you may take back every part not yet paid.`,
        "You confirm each part, or dispute it, within the review window; the rating comes with the last.",
      ]
    : null;
  const next =
    plan.kind === "rfq"
      ? [
          "Suppliers who meet your floors bid until the bid window closes; the job page shows each bid.",
          plan.params.mode === AwardMode.BuyerChoice
            ? "Then you pick a bid within the award window (from the job page)."
            : "Then the lowest bid wins: anyone may award it, and the rest of your maximum comes back to you.",
          ...(delivery ?? ["The supplier delivers; you confirm with a rating, or dispute it, within the review window."]),
        ]
      : [
          "The supplier you hired may take the job or decline it (then the price comes back to you).",
          ...(delivery ?? ["It delivers within the delivery window, or you may take your money back.", "You confirm with a rating, or dispute it, within the review window."]),
        ];
  return (
    <section className="notice notice-ok posted-note" aria-labelledby="posted-title">
      <h3 id="posted-title">Job {id} is posted</h3>
      <p>What happens next:</p>
      <ol>
        {next.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
      <p>
        <Link href={`/jobs/${id}`}>Open job {id}</Link>
        {stay ? null : (
          <>
            {" "}
            <span className="muted">(opening in a moment)</span>{" "}
            <button type="button" className="button button-quiet" onClick={onStay}>
              Stay here
            </button>
          </>
        )}
      </p>
    </section>
  );
}
