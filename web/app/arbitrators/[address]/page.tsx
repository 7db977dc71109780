// The arbitrator console: an arbitrator's terms and record, the disputes put to it (waiting for an answer, waiting
// for its ruling, ended), each with the buyer's statement, the supplier's answer and both sides' evidence, and the
// ruling form for those it must rule on now (components/JobActions.tsx, arbitrator part); beside them the warranty
// claims on its jobs, those waiting for its ruling first, with the same ruling form (a share of the amount asked) and
// the settle button once a claim's deadline passed.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddressText, Amount, ErrorPanel, StatusBadge } from "../../../components/bits.tsx";
import { JobActions } from "../../../components/JobActions.tsx";
import { RelativeTime } from "../../../components/RelativeTime.tsx";
import { EvidenceList, UriContent } from "../../../components/UriContent.tsx";
import type { ArbitratorClaim, ArbitratorDispute, ArbitratorDisputes } from "../../../lib/api-types.ts";
import { formatBps, formatDuration, shortAddress } from "../../../lib/format.ts";
import { IndexerError, getArbitratorDisputes } from "../../../lib/indexer.ts";
import { chainNow, deployment, tokenInfos } from "../../../lib/server.ts";

type Props = { params: Promise<{ address: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { address } = await params;
  return { title: `Arbitrator ${shortAddress(address)}` };
}

const WAITING: Record<string, string> = {
  open: "waiting for the supplier's answer",
  answered: "waiting for your ruling",
  ruled: "ruled",
  defaulted: "settled without a ruling",
};

const CLAIM_WAITING: Record<string, string> = {
  filed: "waiting for the supplier to agree or answer",
  answered: "waiting for your ruling",
  ended: "ended",
};

/** The two sides of a dispute or a claim, as facts. */
function Parties({ buyer, supplier }: { buyer: `0x${string}`; supplier: `0x${string}` }) {
  return (
    <>
      <div>
        <dt>Buyer</dt>
        <dd>
          <AddressText address={buyer} />
        </dd>
      </div>
      <div>
        <dt>Supplier</dt>
        <dd>
          <AddressText address={supplier} supplier />
        </dd>
      </div>
    </>
  );
}

export default async function ArbitratorConsole({ params }: Props) {
  const { address } = await params;
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) notFound();
  let data: ArbitratorDisputes;
  try {
    data = await getArbitratorDisputes(address);
  } catch (error) {
    if (error instanceof IndexerError && error.status === 404) notFound();
    return <ErrorPanel title="This arbitrator is unavailable" message={(error as Error).message} />;
  }
  const [{ now }, tokens] = await Promise.all([chainNow(), tokenInfos([...data.disputes.map((d) => d.token), ...data.claims.map((c) => c.token)])]);
  const found = deployment();
  const { arbitrator, disputes, claims } = data;
  const openClaims = claims.filter((c) => c.claimStatus === "filed" || c.claimStatus === "answered");
  // Those waiting for its ruling first.
  openClaims.sort((a, b) => Number(b.needsRuling) - Number(a.needsRuling));
  const endedClaims = claims.filter((c) => c.claimStatus === "ended");
  const active = disputes.filter((d) => d.status === "open" || d.status === "answered");
  const ended = disputes.filter((d) => d.status !== "open" && d.status !== "answered");
  const terms = arbitrator.terms.find((t) => t.termsId === arbitrator.termsId);

  const card = (d: ArbitratorDispute) => {
    const token = tokens[d.token.toLowerCase()]!;
    return (
      <li key={d.jobId} className="card dispute-card">
        <h3>
          <Link href={`/jobs/${d.jobId}`}>{d.job.title ?? `Job ${d.jobId}`}</Link> <span className="muted">#{d.jobId}</span>{" "}
          <StatusBadge status={d.job.status} />
        </h3>
        <p className="muted">
          {d.job.category} · price <Amount value={d.price} token={token} /> · fee each side <Amount value={d.fee} token={token} /> · {WAITING[d.status] ?? d.status}
          {d.status === "open" && d.respondBy ? (
            <>
              {" "}
              (answer due <RelativeTime timestamp={d.respondBy} now={now} />)
            </>
          ) : d.status === "answered" && d.ruleBy ? (
            <>
              {" "}
              (ruling due <RelativeTime timestamp={d.ruleBy} now={now} />)
            </>
          ) : null}
        </p>
        <dl className="facts">
          <Parties buyer={d.buyer} supplier={d.supplier} />
          <div>
            <dt>Buyer's statement</dt>
            <dd>
              <UriContent uri={d.statementUri} />
            </dd>
          </div>
          <div>
            <dt>Supplier's answer</dt>
            <dd>{d.responseUri ? <UriContent uri={d.responseUri} /> : <span className="muted">none yet</span>}</dd>
          </div>
          {d.buyerShareBps !== null ? (
            <div>
              <dt>Ruling</dt>
              <dd>{formatBps(d.buyerShareBps)} to the buyer</dd>
            </div>
          ) : null}
        </dl>
        <EvidenceList evidence={d.evidence} heading="h4" />
        <JobActions
          arbitratorOnly
          jobId={d.jobId}
          status={d.job.status}
          buyer={d.buyer}
          supplier={d.supplier}
          deliverBy={null}
          reviewEndsAt={null}
          now={now}
          token={token}
          deployment={found.ok ? found.value : null}
          escrowProblem={found.ok ? undefined : found.error}
          arbitrator={arbitrator.address}
          price={d.price}
          dispute={{ status: d.status, respondBy: d.respondBy, ruleBy: d.ruleBy }}
        />
      </li>
    );
  };

  const claimCard = (c: ArbitratorClaim) => {
    const token = tokens[c.token.toLowerCase()]!;
    return (
      <li key={`${c.jobId}-${c.payment}`} className="card dispute-card">
        <h3>
          <Link href={`/jobs/${c.jobId}`}>{c.job.title ?? `Job ${c.jobId}`}</Link> <span className="muted">#{c.jobId}</span>{" "}
          <span className="tag">warranty claim</span>
        </h3>
        <p className="muted">
          {c.job.category} ·{" "}
          {c.claimStatus === "ended" ? (
            <>
              was held <Amount value={c.heldAtSettlement} token={token} />
            </>
          ) : (
            <>
              held <Amount value={c.held} token={token} />
            </>
          )}
          {c.asked !== null ? (
            <>
              {" "}
              · asked <Amount value={c.asked} token={token} />
            </>
          ) : null}
          {c.fee !== null ? (
            <>
              {" "}
              · fee each side <Amount value={c.fee} token={token} />
            </>
          ) : null}{" "}
          · {CLAIM_WAITING[c.claimStatus] ?? c.claimStatus}
          {c.claimStatus === "filed" && c.respondBy ? (
            <>
              {" "}
              (agree or answer due <RelativeTime timestamp={c.respondBy} now={now} />)
            </>
          ) : c.claimStatus === "answered" && c.ruleBy ? (
            <>
              {" "}
              (ruling due <RelativeTime timestamp={c.ruleBy} now={now} />)
            </>
          ) : c.outcome ? (
            <> ({c.outcome.toLowerCase()})</>
          ) : null}
        </p>
        <dl className="facts">
          <Parties buyer={c.buyer} supplier={c.supplier} />
          <div>
            <dt>Buyer's statement</dt>
            <dd>{c.statementUri ? <UriContent uri={c.statementUri} /> : <span className="muted">none</span>}</dd>
          </div>
          <div>
            <dt>Supplier's answer</dt>
            <dd>{c.responseUri ? <UriContent uri={c.responseUri} /> : <span className="muted">none yet</span>}</dd>
          </div>
          {c.buyerShareBps !== null ? (
            <div>
              <dt>Ruling</dt>
              <dd>{formatBps(c.buyerShareBps)} of the amount asked to the buyer</dd>
            </div>
          ) : null}
        </dl>
        <EvidenceList evidence={c.evidence} heading="h4" />
        {c.claimStatus === "filed" || c.claimStatus === "answered" ? (
          <JobActions
            arbitratorOnly
            jobId={String(c.jobId)}
            status={c.job.status}
            buyer={c.buyer}
            supplier={c.supplier}
            deliverBy={null}
            reviewEndsAt={null}
            now={now}
            token={token}
            deployment={found.ok ? found.value : null}
            escrowProblem={found.ok ? undefined : found.error}
            arbitrator={arbitrator.address}
            held={c}
          />
        ) : null}
      </li>
    );
  };

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Arbitrator console</p>
        <h1 className="address-heading">
          <code>{arbitrator.address}</code>
        </h1>
        <p className="lede">
          {arbitrator.active ? "Taking new jobs" : "Retired: no new jobs"} · fee {formatBps(arbitrator.feeBps)} of the price from each side · rules within{" "}
          {formatDuration(arbitrator.ruleWindow)} of an answer
          {terms ? (
            <>
              {" "}
              · terms v{terms.version} <UriContent uri={terms.termsUri} />
            </>
          ) : null}
        </p>
        <p className="muted">
          Rulings: {arbitrator.rulingsForBuyer} for buyers, {arbitrator.rulingsForSupplier} for suppliers, {arbitrator.rulingsEven} even; {arbitrator.timedOut}{" "}
          timed out. Named in {arbitrator.jobsNamed} jobs; {arbitrator.claimCount} warranty {arbitrator.claimCount === 1 ? "claim" : "claims"} filed on them.
        </p>
      </header>
      <section aria-labelledby="active-title">
        <h2 id="active-title">
          Active disputes <span className="count">{active.length}</span>
        </h2>
        {active.length ? <ul className="dispute-list">{active.map(card)}</ul> : <p className="empty">No dispute is waiting on this arbitrator.</p>}
      </section>
      <section aria-labelledby="claims-title">
        <h2 id="claims-title">
          Open warranty claims <span className="count">{openClaims.length}</span>
        </h2>
        {openClaims.length ? <ul className="dispute-list">{openClaims.map(claimCard)}</ul> : <p className="empty">No warranty claim is open on this arbitrator&apos;s jobs.</p>}
      </section>
      <section aria-labelledby="ended-title">
        <h2 id="ended-title">
          Ended <span className="count">{ended.length}</span>
        </h2>
        {ended.length ? <ul className="dispute-list">{ended.map(card)}</ul> : <p className="empty">None yet.</p>}
      </section>
      {endedClaims.length ? (
        <section aria-labelledby="ended-claims-title">
          <h2 id="ended-claims-title">
            Ended warranty claims <span className="count">{endedClaims.length}</span>
          </h2>
          <ul className="dispute-list">{endedClaims.map(claimCard)}</ul>
        </section>
      ) : null}
    </>
  );
}
