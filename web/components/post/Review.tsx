// The review step: everything the post will do, in words and amounts (the escrowed amount first), and the spec as
// it will be posted, read-only.
import type { ReactNode } from "react";
import type { Arbitrator } from "../../lib/api-types.ts";
import { milestoneGross } from "@tender/sdk/milestones";
import { bpsOf } from "@tender/sdk/units";
import { formatAbsolute, formatAmount, formatBps, formatDuration, formatRatingX100, formatRelative, shortAddress } from "../../lib/format.ts";
import { AwardMode, Comparison, ETH, type PostPlan } from "../../lib/post-form.ts";
import { arbitratorRecord } from "./ArbitratorPicker.tsx";
import { SpecView } from "../SpecView.tsx";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ReviewSummary({ plan, now, arbitrator }: { plan: PostPlan; now: number; arbitrator?: Arbitrator }) {
  const { token } = plan;
  const amount = (value: bigint) => formatAmount(value, token);
  const p = plan.params;
  const share = p.defaultBuyerShareBps;
  const pretty = JSON.stringify(plan.spec, null, 2);
  const bytes = new TextEncoder().encode(plan.specText).length;
  return (
    <>
      <dl className="facts post-facts">
        <Fact term="Kind">
          {plan.kind === "direct"
            ? "Direct hire at a fixed price"
            : plan.params.mode === AwardMode.BuyerChoice
              ? "Request for quotes: you pick the winner among the bids"
              : "Request for quotes: the lowest qualified bid wins"}
        </Fact>
        <Fact term="Title">{plan.spec.title}</Fact>
        <Fact term="Category">
          <code>{p.category}</code>
        </Fact>
        <Fact term="Escrowed now">
          <strong>{amount(plan.escrowed)}</strong>
          {plan.kind === "rfq" ? " (the maximum price; the difference to the winning bid comes back at the award)" : " (the price)"}
          {token.address !== ETH ? <span className="muted"> — an ERC-20: your wallet approves the escrow first if its allowance is short</span> : null}
        </Fact>
        {plan.kind === "direct" ? (
          <Fact term="Supplier">
            <code className="break">{plan.params.supplier}</code>
          </Fact>
        ) : null}
        {plan.kind === "rfq" ? (
          <>
            <Fact term="Bids close">
              {formatAbsolute(plan.params.bidDeadline)} ({formatRelative(plan.params.bidDeadline, now)}, by the chain&apos;s clock)
            </Fact>
            {plan.params.mode === AwardMode.BuyerChoice ? <Fact term="Award window">{formatDuration(plan.params.awardWindow)} after bids close</Fact> : null}
          </>
        ) : null}
        {plan.milestones ? (
          <Fact term="Paid in milestones">
            <Milestones plan={plan} />
          </Fact>
        ) : (
          <Fact term="Delivery window">{formatDuration(p.deliveryWindow)} after the award</Fact>
        )}
        <Fact term="Review window">{formatDuration(p.reviewWindow)} after the delivery</Fact>
        <Fact term="Arbitrator">
          <code className="break">{p.arbitrator}</code>
          {arbitrator ? (
            <span className="muted">
              {" "}
              — terms #{arbitrator.termsId}: fee {formatBps(arbitrator.feeBps)} from each side, rules within {formatDuration(arbitrator.ruleWindow)}; record: {arbitratorRecord(arbitrator)}. The post is refused if these terms change before it is mined.
            </span>
          ) : (
            <span className="muted"> — not in the registry&apos;s list: the escrow refuses it unless it is an active arbitrator</span>
          )}
        </Fact>
        <Fact term="If the arbitrator never rules">
          {formatBps(share)} of the price back to you, {formatBps(10_000 - share)} to the supplier
        </Fact>
        <Fact term="Holdback">
          <Holdback plan={plan} />
        </Fact>
        {plan.kind === "rfq" ? (
          <Fact term="Who may bid">
            <Floors plan={plan} />
          </Fact>
        ) : null}
      </dl>
      <h3>The spec</h3>
      <SpecView text={plan.specText} hash={plan.specHash} />
      <section aria-labelledby="post-spec-json">
        <h3 id="post-spec-json">Spec JSON</h3>
        <p className="post-hint">
          Posted as compact JSON: {bytes.toLocaleString("en-US")} of 8,192 bytes; keccak256 <code className="break">{plan.specHash}</code>.
        </p>
        {/* Focusable, so a keyboard can scroll it. */}
        <pre className="post-json" tabIndex={0}>
          {pretty}
        </pre>
      </section>
    </>
  );
}

/** The parts of the price in order: each one's share, what it pays (an RFQ: at the maximum price) and its window. */
function Milestones({ plan }: { plan: PostPlan }) {
  const milestones = plan.milestones!;
  const start = plan.kind === "rfq" ? "the award" : "the posting";
  return (
    <>
      <ol className="plain-list review-milestones">
        {milestones.map((m, i) => (
          <li key={i}>
            Milestone {i + 1}: {formatBps(m.shareBps)} ({formatAmount(milestoneGross(plan.escrowed, milestones, i), plan.token)}
            {plan.kind === "rfq" ? " at the maximum price" : ""}), delivered within {formatDuration(m.deliveryWindow)} of {i === 0 ? start : `milestone ${i}'s payment`}
          </li>
        ))}
      </ol>
      <span className="muted">
        Each part is delivered, then confirmed, disputed or finalized on its own; the rating comes with the last. A missed deadline, a decline or a lost
        dispute ends the job and refunds every part not yet paid.
      </span>
    </>
  );
}

/** The holdback terms in words: what is held, for how long, what a claim costs, and where the held money goes. */
function Holdback({ plan }: { plan: PostPlan }) {
  const w = plan.params.warranty;
  if (!w || w.holdbackBps === 0) return <>None: the supplier is paid in full when the job settles.</>;
  const share = formatBps(w.holdbackBps);
  const amount = formatAmount(bpsOf(plan.escrowed, w.holdbackBps), plan.token);
  return (
    <>
      {share} of the payment ({amount}
      {plan.kind === "rfq" ? " at the maximum price; the same share of the winning bid" : ""}) stays in escrow for {formatDuration(w.warrantyWindow)} after
      you confirm or the job is finalized. Until then you may claim up to all of it back once, paying the arbitrator&apos;s fee on what is held; the
      supplier may agree, or answer and let the arbitrator rule. After it, anyone releases what is held to the supplier.
      {w.holdBond ? " The winner's bond is held with it: it comes to you if you win a claim, and goes back to the supplier otherwise." : ""}
    </>
  );
}

function Floors({ plan }: { plan: Extract<PostPlan, { kind: "rfq" }> }) {
  const { floors } = plan.params;
  const amount = (value: bigint) => formatAmount(value, plan.token);
  const lines: string[] = [];
  if (floors.minCompleted) lines.push(`at least ${floors.minCompleted} completed ${floors.minCompleted === 1 ? "job" : "jobs"}`);
  if (floors.minVolume) lines.push(`at least ${amount(floors.minVolume)} completed`);
  if (floors.maxLossShareBps < 10_000) lines.push(`lost at most ${formatBps(floors.maxLossShareBps)} of the disputes faced`);
  if (floors.maxClawbackShareBps !== undefined && floors.maxClawbackShareBps < 10_000) {
    lines.push(`clawed back at most ${formatBps(floors.maxClawbackShareBps)} of the warranty claims faced`);
  }
  if (floors.minAvgRating) lines.push(`an average rating of at least ${formatRatingX100(floors.minAvgRating)}`);
  if (floors.minRatings) lines.push(`at least ${floors.minRatings} ${floors.minRatings === 1 ? "rating" : "ratings"}`);
  for (const [i, m] of floors.metrics.entries()) {
    lines.push(`${plan.metricNames[i]} ${m.comparison === Comparison.AtMost ? "at most" : "at least"} ${m.threshold} as attested by ${shortAddress(m.attestor)}`);
  }
  return (
    <>
      {lines.length === 0 ? <p className="post-tight">Anyone.</p> : (
        <ul className="plain-list post-tight">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      <p className="post-tight">
        {floors.bondBps ? `Each bidder posts a bond of ${amount(plan.bond)} (${formatBps(floors.bondBps)} of the maximum price).` : "No bond."}
      </p>
    </>
  );
}
