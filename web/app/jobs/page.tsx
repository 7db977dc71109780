// Open jobs: RFQs taking bids, filtered by category, token and budget, sorted, a page at a time (the indexer's
// keyset cursors, carried in the URL).
import type { Metadata } from "next";
import Link from "next/link";
import { Amount, ErrorPanel, StatusBadge } from "../../components/bits.tsx";
import { JobsFilter } from "../../components/JobsFilter.tsx";
import { LiveUpdates } from "../../components/LiveUpdates.tsx";
import { RelativeTime } from "../../components/RelativeTime.tsx";
import type { JobListItem, JobsPage, Market } from "../../lib/api-types.ts";
import { type TokenInfo, biddingClosed, formatBps, holdbackNote, modeLabel } from "../../lib/format.ts";
import { getJobs, getMarkets } from "../../lib/indexer.ts";
import { checkFilter, filterHref, valuesFromParams } from "../../lib/jobs-filter.ts";
import { publicConfig } from "../../lib/config.ts";
import { chainNow, knownTokens, tokenInfos } from "../../lib/server.ts";

export const metadata: Metadata = { title: "Open jobs" };

const PAGE_SIZE = "20";

export default async function OpenJobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const values = valuesFromParams(params);
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const [tokens, markets, { now }] = await Promise.all([knownTokens(), getMarkets().catch((): Market[] => []), chainNow()]);
  const categories = markets.map((m) => m.name).sort();
  const checked = checkFilter(values, tokens);

  let page: JobsPage | undefined;
  let failure: string | undefined;
  if (checked.ok) {
    try {
      page = await getJobs({ ...checked.value, limit: PAGE_SIZE, cursor });
    } catch (error) {
      failure = (error as Error).message;
    }
  }
  const infos = page ? await tokenInfos(page.items.map((j) => j.token)) : {};
  // The indexer lists every Open RFQ; those past their bid deadline (by the chain's time) take no more bids.
  const taking = page ? page.items.filter((j) => !biddingClosed(j, now)) : [];
  const closed = page ? page.items.filter((j) => biddingClosed(j, now)) : [];
  const filtered = Object.entries(values).some(([k, v]) => k !== "sort" && v !== "");

  return (
    <>
      <header className="page-header">
        <h1>Open jobs</h1>
        <p className="lede">RFQs taking bids now, and below them those whose bidding closed and that wait for an award. A budget is the most the buyer pays; it is held in escrow since posting.</p>
        <LiveUpdates indexerUrl={publicConfig().indexerUrl} chainId={publicConfig().chainId} />
      </header>
      <JobsFilter
        key={JSON.stringify(values)}
        initial={values}
        initialErrors={checked.ok ? {} : checked.errors}
        categories={categories}
        tokens={tokens}
      />
      {!checked.ok ? (
        <ErrorPanel title="This filter cannot be used" message={checked.error}>
          <p>
            <Link href="/jobs">Show all open jobs</Link>
          </p>
        </ErrorPanel>
      ) : failure ? (
        <ErrorPanel title="Jobs are unavailable" message={failure}>
          {cursor ? (
            <p>
              <Link href={filterHref(values)}>Start from the first page</Link>
            </p>
          ) : null}
        </ErrorPanel>
      ) : page && page.items.length === 0 ? (
        <p className="empty">{filtered ? "No open job matches this filter." : "No job is taking bids right now."}</p>
      ) : page ? (
        <section aria-label="Results">
          {taking.length > 0 ? (
            <section aria-labelledby="taking-title">
              <h2 id="taking-title" className="section-title">
                Taking bids <span className="count">{taking.length}</span>
              </h2>
              <ul className="job-list">
                {taking.map((job) => (
                  <JobRow key={job.id} job={job} token={infos[job.token.toLowerCase()]!} now={now} />
                ))}
              </ul>
            </section>
          ) : (
            <p className="empty">{filtered ? "No job on this page matching the filter is taking bids." : "No job on this page is taking bids right now."}</p>
          )}
          {closed.length > 0 ? (
            <section aria-labelledby="closed-title" className="jobs-closed">
              <h2 id="closed-title" className="section-title">
                Bidding closed — awaiting award or the buyer&apos;s pick <span className="count">{closed.length}</span>
              </h2>
              <p className="fine">These take no more bids: a lowest-price RFQ waits for anyone to award it, a buyer&apos;s-choice RFQ for its buyer to pick a bid.</p>
              <ul className="job-list">
                {closed.map((job) => (
                  <JobRow key={job.id} job={job} token={infos[job.token.toLowerCase()]!} now={now} />
                ))}
              </ul>
            </section>
          ) : null}
          <nav className="pager" aria-label="Pages">
            {cursor ? <Link href={filterHref(values)}>← First page</Link> : <span />}
            {page.nextCursor ? (
              <Link href={filterHref(values, page.nextCursor)} rel="next">
                Next page →
              </Link>
            ) : (
              <span className="muted">End of the list</span>
            )}
          </nav>
        </section>
      ) : null}
    </>
  );
}

function JobRow({ job, token, now }: { job: JobListItem; token: TokenInfo; now: number }) {
  return (
    <li className="card job-row">
      <div className="job-row-main">
        <h3 className="job-row-title">
          <Link href={`/jobs/${job.id}`}>{job.title ?? `Job ${job.id}`}</Link>
        </h3>
        <p className="job-row-meta">
          <StatusBadge status={job.status} mode={job.mode} bidDeadline={job.bidDeadline} awardDeadline={job.awardDeadline} now={now} />
          <span className="tag">{job.category}</span>
          <span>#{job.id}</span>
          <span>{modeLabel(job.mode)}</span>
          {job.bondBps ? <span>bond {formatBps(job.bondBps)}</span> : null}
          {holdbackNote(job) ? <span>{holdbackNote(job)}</span> : null}
          {!job.specValid ? <span className="badge badge-warn">spec unreadable</span> : null}
        </p>
      </div>
      <dl className="job-row-facts">
        <div>
          <dt>Budget</dt>
          <dd>
            <Amount value={job.maxPrice ?? job.price} token={token} />
          </dd>
        </div>
        <div>
          <dt>Best bid</dt>
          <dd>
            {job.bestBidPrice ? <Amount value={job.bestBidPrice} token={token} /> : <span className="muted">{job.mode === "SealedLowestPrice" && job.bidCount > 0 ? "sealed" : "none yet"}</span>}
            <span className="muted">
              {" "}
              ({job.bidCount} {job.bidCount === 1 ? "bid" : "bids"}
              {job.mode === "SealedLowestPrice" ? `, ${job.revealCount} revealed` : ""})
            </span>
          </dd>
        </div>
        <div>
          <dt>{biddingClosed(job, now) ? "Bids closed" : "Bids close"}</dt>
          <dd>{job.bidDeadline ? <RelativeTime timestamp={job.bidDeadline} now={now} absolute={false} /> : "—"}</dd>
        </div>
      </dl>
    </li>
  );
}
