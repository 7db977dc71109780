// One job: the spec rendered readably, the money and the parties, the deadlines (relative to the chain's time,
// counting down), the floors and bids of an RFQ (best highlighted), the delivery, the dispute, the holdback and each
// held payment's warranty and claim, the timeline, and the actions the connected wallet may take.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { type ReactNode, cache } from "react";
import { checkDeliverable, decodeDataUri } from "@tender/sdk/deliverable";
import { AddressText, Amount, ErrorPanel, StatusBadge } from "../../../components/bits.tsx";
import { SupplierBids } from "../../../components/SupplierBids.tsx";
import { Floors } from "../../../components/Floors.tsx";
import { JobActions } from "../../../components/JobActions.tsx";
import { MilestoneList } from "../../../components/MilestoneList.tsx";
import { LiveUpdates } from "../../../components/LiveUpdates.tsx";
import { publicConfig } from "../../../lib/config.ts";
import { RelativeTime } from "../../../components/RelativeTime.tsx";
import { SpecView } from "../../../components/SpecView.tsx";
import { Timeline } from "../../../components/Timeline.tsx";
import { EvidenceList, UriContent } from "../../../components/UriContent.tsx";
import type { ArbitratorTerms, Dispute, HeldPayment, Job, JobDetail, JobWarranty } from "../../../lib/api-types.ts";
import { type TokenInfo, formatAbsolute, formatBps, formatDuration, holdbackNote, isoTime, modeLabel } from "../../../lib/format.ts";
import { type PartyPayout, settlementBreakdown } from "../../../lib/settlement.ts";
import { IndexerError, getJob as fetchJob } from "../../../lib/indexer.ts";
import { type JobMilestones, milestoneInProgress } from "../../../lib/milestones.ts";
import { cancelGracePeriod, chainNow, deployment, jobMilestones, tokenInfo } from "../../../lib/server.ts";

type Props = { params: Promise<{ id: string }> };

// The metadata and the page read the same job once per request.
const getJob = cache(fetchJob);

async function load(id: string): Promise<JobDetail | { error: string }> {
  if (!/^[1-9]\d{0,29}$/.test(id)) notFound();
  try {
    return await getJob(id);
  } catch (error) {
    if (error instanceof IndexerError && error.status === 404) notFound();
    return { error: (error as Error).message };
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  try {
    const detail = await getJob(id);
    return { title: detail.job.title ? `${detail.job.title} (job ${id})` : `Job ${id}` };
  } catch {
    return { title: `Job ${id}` };
  }
}

export default async function JobPage({ params }: Props) {
  const { id } = await params;
  // The chain's time is read while the indexer answers; the token's metadata (cached per address) needs the job.
  // A job paid in milestones is read on-chain too: its plan, and the status and deadline of the milestone in progress.
  const [detail, { now }, grace, parts] = await Promise.all([load(id), chainNow(), cancelGracePeriod(), jobMilestones(id)]);
  if ("error" in detail) return <ErrorPanel title={`Job ${id} is unavailable`} message={detail.error} />;
  const { bids, timeline, dispute, warranty, held } = detail;
  const milestones = parts.value;
  const job = milestones ? withMilestone(detail.job, milestones) : detail.job;
  const inProgress = milestones ? milestoneInProgress(milestones) : undefined;
  // The dispute the actions answer for: a milestone's is the chain's (its deadlines), the indexer's row has the rest.
  const actionDispute = milestones
    ? milestones.status === "Disputed"
      ? { status: milestones.answered ? "answered" : "open", respondBy: milestones.answered ? null : milestones.deadline, ruleBy: milestones.answered ? milestones.deadline : null }
      : null
    : dispute
      ? { status: dispute.status, respondBy: dispute.respondBy, ruleBy: dispute.ruleBy }
      : null;
  // A job paid at once has one payment (index 0): the actions answer for it.
  const held0 = held.find((h) => h.payment === 0) ?? null;
  const token = await tokenInfo(job.token);
  const found = deployment();
  const winner = job.supplier ? bids.find((b) => b.supplier.toLowerCase() === job.supplier!.toLowerCase()) : undefined;
  // A settlement under a holdback held part of the price (and maybe of the bond): PaymentHeld says how much.
  const heldAt = timeline.find((e) => e.kind === "PaymentHeld")?.data;
  const heldPart = heldAt ? { held: BigInt(String(heldAt.held ?? 0)), bond: BigInt(String(heldAt.heldBond ?? 0)) } : undefined;
  // Who got what is told for a job paid at once; a job in milestones is paid part by part (the milestone list).
  const payouts = milestones ? null : settlementBreakdown(job, dispute, winner ? BigInt(winner.bond) : 0n, heldPart);

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/jobs">Open jobs</Link> <span aria-hidden="true">›</span> <span aria-current="page">Job {job.id}</span>
      </nav>
      <header className="page-header job-header">
        <h1>{job.title ?? `Job ${job.id}`}</h1>
        <p className="job-header-meta">
          <StatusBadge status={job.status} mode={job.kind === "rfq" ? job.mode : null} bidDeadline={job.bidDeadline} awardDeadline={job.awardDeadline} now={now} />
          <Link className="tag" href={`/jobs?category=${encodeURIComponent(job.category)}`}>
            {job.category}
          </Link>
          <span>#{job.id}</span>
          <span>{job.kind === "direct" ? "direct hire" : `RFQ, ${modeLabel(job.mode)}`}</span>
          <span>posted {formatAbsolute(job.postedAt)}</span>
        </p>
        <LiveUpdates indexerUrl={publicConfig().indexerUrl} chainId={publicConfig().chainId} />
      </header>

      <div className="job-layout">
        {/* Its own slot: beside the spec on a wide screen, above it on a phone (globals.css, "truth"). */}
        <div className="job-actions-slot">
          <JobActions
            jobId={job.id}
            status={job.status}
            buyer={job.buyer}
            supplier={job.supplier}
            deliverBy={job.deliverBy}
            reviewEndsAt={job.reviewEndsAt}
            now={now}
            token={token}
            deployment={found.ok ? found.value : null}
            escrowProblem={found.ok ? undefined : found.error}
            kind={job.kind}
            mode={job.mode}
            bidDeadline={job.bidDeadline}
            awardDeadline={job.awardDeadline}
            arbitrator={job.arbitrator}
            price={job.price}
            maxPrice={job.maxPrice}
            floors={job.floors}
            feeBps={detail.terms?.feeBps ?? null}
            milestone={inProgress ? { index: inProgress.index, count: inProgress.count, gross: String(inProgress.gross) } : null}
            commits={job.commitCount}
            // A sealed bid has a price to act on only once revealed at a valid price.
            bids={bids.filter((b) => !b.sealed || (b.revealed && b.valid)).map((b) => ({ supplier: b.supplier, price: b.price }))}
            dispute={actionDispute}
            cancelGracePeriod={grace}
            warranty={warranty}
            held={held0}
            heldPayments={milestones ? held : undefined}
          />
        </div>
        <div className="job-main">
          <section className="panel" aria-labelledby="spec-title">
            <h2 id="spec-title">Spec</h2>
            <SpecView text={job.spec} problem={job.specValid ? null : job.specProblem} hash={job.specHash} />
          </section>

          {job.kind === "rfq" ? (
            <section className="panel" aria-labelledby="bids-title">
              <h2 id="bids-title">
                Bids <span className="count">{bids.length}</span>
              </h2>
              <SupplierBids bids={bids} token={token} floors={job.floors} categoryId={job.categoryId} />
            </section>
          ) : null}

          {milestones ? (
            <MilestoneList milestones={milestones} held={held} token={token} now={now} atMaxPrice={job.status === "Open"} direct={job.kind === "direct"} />
          ) : parts.problem ? (
            <p className="notice notice-warn">If this job is paid in milestones, they are not shown: {parts.problem}.</p>
          ) : null}

          {job.deliverableHash ? <Delivery job={job} title={milestones ? "Latest delivery" : undefined} /> : null}
          {dispute ? <DisputeView dispute={dispute} token={token} now={now} /> : null}

          {payouts ? <SettlementView payouts={payouts} token={token} /> : null}

          {warranty ? <WarrantyView warranty={warranty} held={held} token={token} now={now} inMilestones={milestones !== undefined} /> : null}

          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline</h2>
            <Timeline events={timeline} token={token} />
          </section>
        </div>

        <aside className="job-side">
          <section className="panel" aria-labelledby="terms-title">
            <h2 id="terms-title">Terms</h2>
            <Terms job={job} token={token} terms={detail.terms} warranty={warranty} milestones={milestones} />
          </section>
          <section className="panel" aria-labelledby="deadlines-title">
            <h2 id="deadlines-title">Deadlines</h2>
            <Deadlines job={job} now={now} />
          </section>
          {job.kind === "rfq" && job.floors ? (
            <section className="panel" aria-labelledby="floors-title">
              <h2 id="floors-title">Who may bid</h2>
              <Floors floors={job.floors} token={token} />
            </section>
          ) : null}
        </aside>
      </div>
    </>
  );
}

/** The job row with the chain's status and deadline of the milestone in progress: the indexer's may lag behind a
 * milestone's settlement (the job is Awarded again for the next). */
function withMilestone(job: Job, m: JobMilestones): Job {
  return {
    ...job,
    status: m.status === "None" ? job.status : m.status,
    deliverBy: m.status === "Awarded" ? m.deadline : m.status === "Open" ? job.deliverBy : null,
    reviewEndsAt: m.status === "Delivered" ? m.deadline : null,
  };
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Terms({
  job,
  token,
  terms,
  warranty,
  milestones,
}: {
  job: Job;
  token: TokenInfo;
  terms: ArbitratorTerms | null;
  warranty: JobWarranty | null;
  milestones?: JobMilestones;
}) {
  const rows: [string, ReactNode][] = [];
  if (job.kind === "rfq") {
    rows.push(["Budget", <Amount key="b" value={job.maxPrice ?? job.price} token={token} />]);
    if (job.status !== "Open" && job.supplier) rows.push(["Agreed price", <Amount key="p" value={job.price} token={token} />]);
    else if (job.bestBidPrice) rows.push(["Best bid", <Amount key="bb" value={job.bestBidPrice} token={token} />]);
  } else {
    rows.push(["Price", <Amount key="p" value={job.price} token={token} />]);
  }
  rows.push(["Buyer", <AddressText key="buyer" address={job.buyer} />]);
  rows.push(["Supplier", job.supplier ? <AddressText key="s" address={job.supplier} supplier /> : <span className="muted">not chosen yet</span>]);
  rows.push([
    "Arbitrator",
    <span key="a">
      <Link href={`/arbitrators/${job.arbitrator}`}>
        <AddressText address={job.arbitrator} />
      </Link>
      {terms ? <span className="muted">{` · fee ${formatBps(terms.feeBps)} each side, rules within ${formatDuration(terms.ruleWindow)}`}</span> : null}
    </span>,
  ]);
  if (milestones) {
    rows.push(["Paid in", `${milestones.count} milestones, each with its own delivery window (Milestones)`]);
  } else {
    rows.push(["Delivery window", formatDuration(job.deliveryWindow)]);
  }
  rows.push(["Review window", formatDuration(job.reviewWindow)]);
  if (job.defaultBuyerShareBps > 0) rows.push(["If the arbitrator is silent", `${formatBps(job.defaultBuyerShareBps)} back to the buyer`]);
  rows.push([
    "Holdback",
    warranty ? (
      <span key="h">
        {holdbackNote(warranty)}
        <span className="muted">
          {` · held after payment; the buyer may claim against it until the warranty ends, then anyone releases it to the supplier${warranty.holdBond ? "; the winner's bond is held with it" : ""}`}
        </span>
      </span>
    ) : (
      <span key="h" className="muted">none: paid in full at settlement</span>
    ),
  ]);
  rows.push(["Protocol fee", formatBps(job.protocolFeeBps)]);
  if (job.rating) rows.push(["Rating", `${job.rating} of 5`]);
  return <Facts rows={rows} />;
}

function Deadlines({ job, now }: { job: Job; now: number }) {
  const rows: [string, number | null, boolean][] = [
    ["Bids close", job.bidDeadline, job.status === "Open"],
    ["Award by", job.mode === "BuyerChoice" ? job.awardDeadline : null, job.status === "Open"],
    ["Reveal by", job.mode === "SealedLowestPrice" ? job.awardDeadline : null, job.status === "Open"],
    ["Deliver by", job.deliverBy, job.status === "Awarded"],
    ["Review ends", job.reviewEndsAt, job.status === "Delivered"],
  ];
  const ended = job.settledAt ?? job.refundedAt ?? job.cancelledAt;
  // An ended job has no deadline left; the timeline keeps the ones it had.
  const shown = ended ? [] : rows.filter(([, at]) => at !== null && at !== undefined);
  return (
    <>
      {shown.length === 0 && !ended ? <p className="muted">No deadline yet.</p> : null}
      <dl className="facts deadlines">
        {shown.map(([label, at, current]) => (
          <div key={label} className={current ? "deadline-current" : undefined}>
            <dt>
              {label}
              {current ? <span className="visually-hidden"> (the current deadline)</span> : null}
            </dt>
            <dd>
              <RelativeTime timestamp={at!} now={now} />
            </dd>
          </div>
        ))}
      </dl>
      {ended ? (
        <p className="muted">
          {job.status} <time dateTime={isoTime(ended)}>{formatAbsolute(ended)}</time>.
        </p>
      ) : null}
      <p className="fine">Times are the chain&apos;s (its latest block: {formatAbsolute(now)}).</p>
    </>
  );
}

/** A delivery: its hash and URI, and for a small text data: URI the text itself, checked against the hash. */
function Delivery({ job, title = "Delivery" }: { job: Job; title?: string }) {
  let preview: { text: string; matches: boolean } | null = null;
  if (job.deliverableUri?.startsWith("data:")) {
    try {
      const { mediaType, bytes } = decodeDataUri(job.deliverableUri, { maxBytes: 16 * 1024 });
      if (/^(text\/|application\/json)/i.test(mediaType)) {
        preview = { text: new TextDecoder().decode(bytes), matches: checkDeliverable(bytes, job.deliverableHash!) };
      }
    } catch {
      preview = null;
    }
  }
  return (
    <section className="panel" aria-labelledby="delivery-title">
      <h2 id="delivery-title">{title}</h2>
      <Facts
        rows={[
          ["Delivered", job.deliveredAt ? formatAbsolute(job.deliveredAt) : "—"],
          ["Hash", <code key="h" className="break">{job.deliverableHash}</code>],
          [
            "URI",
            job.deliverableUri && /^https?:\/\//i.test(job.deliverableUri) ? (
              <a key="u" href={job.deliverableUri} rel="noreferrer noopener nofollow" className="break">
                {job.deliverableUri}
              </a>
            ) : (
              <code key="u" className="break">
                {job.deliverableUri && job.deliverableUri.length > 120 ? `${job.deliverableUri.slice(0, 117)}…` : job.deliverableUri}
              </code>
            ),
          ],
        ]}
      />
      {preview ? (
        <>
          <p className={preview.matches ? "notice notice-ok" : "notice notice-error"}>
            {preview.matches ? "The content matches the delivered hash." : "The content does not match the delivered hash."}
          </p>
          <pre className="deliverable">{preview.text}</pre>
        </>
      ) : null}
    </section>
  );
}

function DisputeView({ dispute, token, now }: { dispute: Dispute; token: TokenInfo; now: number }) {
  const rows: [string, ReactNode][] = [
    ["Status", dispute.status],
    ["Opened", formatAbsolute(dispute.openedAt)],
    ["Arbitrator", <AddressText key="a" address={dispute.arbitrator} />],
    ["Fee each side", <Amount key="f" value={dispute.fee} token={token} />],
    ["Buyer's statement", <UriContent key="s" uri={dispute.statementUri} />],
  ];
  if (dispute.responseUri) rows.push(["Supplier's answer", <UriContent key="r" uri={dispute.responseUri} />]);
  else if (dispute.respondBy && dispute.status === "open") rows.push(["Answer by", <RelativeTime key="rb" timestamp={dispute.respondBy} now={now} />]);
  if (dispute.ruleBy && dispute.status === "answered") rows.push(["Ruling by", <RelativeTime key="ru" timestamp={dispute.ruleBy} now={now} />]);
  if (dispute.buyerShareBps !== null && dispute.buyerShareBps !== undefined) rows.push(["Ruling", `${formatBps(dispute.buyerShareBps)} to the buyer`]);
  return (
    <section className="panel" aria-labelledby="dispute-title">
      <h2 id="dispute-title">Dispute</h2>
      <Facts rows={rows} />
      <EvidenceList evidence={dispute.evidence} />
    </section>
  );
}

/** Who got what: one breakdown per party, each part labelled, the total what the contract paid. */
function SettlementView({ payouts, token }: { payouts: PartyPayout[]; token: TokenInfo }) {
  return (
    <section className="panel" aria-labelledby="settlement-title">
      <h2 id="settlement-title">Who got what</h2>
      <dl className="facts settlement">
        {payouts.map((p) => (
          <div key={p.party} data-party={p.party}>
            <dt>{p.label}</dt>
            <dd>
              <strong>
                <Amount value={p.total} token={token} />
              </strong>
              {p.parts.length > 1 || (p.parts[0] && p.parts[0].label !== "protocol fee" && p.party !== "arbitrator") ? (
                <ul className="settlement-parts">
                  {p.parts.map((part) => (
                    <li key={part.label}>
                      {part.label}: {part.amount < 0n ? "− " : ""}
                      <Amount value={part.amount < 0n ? -part.amount : part.amount} token={token} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Words for a held payment's claim, as the indexer's claimStatus says it. */
const CLAIM_WORDS: Record<HeldPayment["claimStatus"], string> = {
  none: "no claim",
  filed: "claimed: waiting for the supplier to agree or answer",
  answered: "answered: waiting for the arbitrator's ruling",
  ended: "ended",
};

/** How a held share was paid out (HeldSettled's outcome). */
const OUTCOME_WORDS: Record<NonNullable<HeldPayment["outcome"]>, string> = {
  Released: "released to the supplier after the warranty",
  Waived: "waived by the buyer",
  Agreed: "the supplier agreed to the claim",
  Ruled: "ruled by the arbitrator",
  Unanswered: "the supplier did not answer: settled for the buyer",
  Silent: "the arbitrator did not rule in time: the supplier kept the held share",
};

/** The holdback under warranty: for each payment, what is held and until when, its claim (amounts, fee, deadlines,
 * statement, answer, evidence), and once paid out how it ended and who got what. */
function WarrantyView({ warranty, held, token, now, inMilestones = false }: { warranty: JobWarranty; held: HeldPayment[]; token: TokenInfo; now: number; inMilestones?: boolean }) {
  return (
    <section className="panel" aria-labelledby="warranty-title">
      <h2 id="warranty-title">Warranty</h2>
      <p className="muted">
        {holdbackNote(warranty)}
        {warranty.holdBond ? " · the winner's bond held with it" : ""}.
      </p>
      {held.length === 0 ? (
        <p className="muted">
          {inMilestones
            ? "Nothing is held yet: a share of each milestone is held once it is paid (confirmed or finalized), each under its own warranty."
            : "Nothing is held yet: a share is held once the job is paid (confirmed or finalized)."}
        </p>
      ) : null}
      {held.map((h) => {
        const rows: [string, ReactNode][] = [];
        const paidOut = h.outcome !== null;
        rows.push([
          paidOut ? "Was held" : "Held",
          <span key="h">
            <Amount value={paidOut ? h.heldAtSettlement : h.held} token={token} />
            {BigInt(h.heldBond) > 0n ? (
              <>
                {" "}
                and a bond of <Amount value={h.heldBond} token={token} />
              </>
            ) : null}
          </span>,
        ]);
        if (BigInt(h.returned) > 0n) rows.push(["Returned by the supplier", <Amount key="r" value={h.returned} token={token} />]);
        rows.push([h.warrantyEndsAt > now ? "Warranty ends" : "Warranty ended", <RelativeTime key="w" timestamp={h.warrantyEndsAt} now={now} />]);
        rows.push(["Claim", CLAIM_WORDS[h.claimStatus]]);
        if (h.asked !== null) rows.push(["Amount asked", <Amount key="a" value={h.asked} token={token} />]);
        if (h.fee !== null) rows.push(["Claim fee each side", <Amount key="f" value={h.fee} token={token} />]);
        if (h.claimStatus === "filed" && h.respondBy) rows.push(["Agree or answer by", <RelativeTime key="rb" timestamp={h.respondBy} now={now} />]);
        if (h.claimStatus === "answered" && h.ruleBy) rows.push(["Ruling by", <RelativeTime key="ru" timestamp={h.ruleBy} now={now} />]);
        if (h.statementUri) rows.push(["Buyer's statement", <UriContent key="s" uri={h.statementUri} />]);
        if (h.responseUri) rows.push(["Supplier's answer", <UriContent key="ra" uri={h.responseUri} />]);
        if (h.buyerShareBps !== null) rows.push(["Ruling", `${formatBps(h.buyerShareBps)} of the amount asked to the buyer`]);
        if (h.outcome) {
          rows.push(["Outcome", `${OUTCOME_WORDS[h.outcome]}${h.settledAt ? `, ${formatAbsolute(h.settledAt)}` : ""}`]);
          const paid: [string, string | null][] = [
            ["buyer", h.toBuyer],
            ["supplier", h.toSupplier],
            ["arbitrator", h.toArbitrator],
            ["protocol fee", h.protocolFee],
          ];
          rows.push([
            "Paid out",
            <ul key="p" className="plain-list settlement-parts">
              {paid
                .filter(([, v]) => v !== null && BigInt(v) > 0n)
                .map(([who, v]) => (
                  <li key={who}>
                    {who === "protocol fee" ? "protocol fee" : `to the ${who}`}: <Amount value={v!} token={token} />
                  </li>
                ))}
            </ul>,
          ]);
        }
        return (
          <div key={h.payment} className="held-payment">
            {inMilestones ? <h3>Milestone {h.payment + 1}</h3> : held.length > 1 ? <h3>Payment {h.payment + 1}</h3> : null}
            <Facts rows={rows} />
            <EvidenceList evidence={h.evidence} heading="h3" />
          </div>
        );
      })}
    </section>
  );
}
