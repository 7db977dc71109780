// A supplier's profile: its reputation score and the parts it is made of, its on-chain record, volume per token,
// per-category scores, attestations, and its history of jobs and bids.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddressText, Amount, ErrorPanel, StatusBadge } from "../../../components/bits.tsx";
import { RelativeTime } from "../../../components/RelativeTime.tsx";
import { NEWCOMER, WEIGHTS } from "@tender/indexer/reputation";
import type { Reputation, SupplierProfile } from "../../../lib/api-types.ts";
import { formatAbsolute, formatBps, formatRatingX100, formatShare, shortAddress } from "../../../lib/format.ts";
import { IndexerError, getSupplier } from "../../../lib/indexer.ts";
import { tokenInfos } from "../../../lib/server.ts";
import { agentCard } from "../../../lib/agent-card.ts";

type Props = { params: Promise<{ address: string }> };

/** The parts of the score, weighed as the indexer weighs them (indexer/README.md, "Reputation score"). */
const PARTS: { key: keyof Reputation["parts"]; label: string; says: string }[] = [
  { key: "rating", label: "Rating", says: "buyers' ratings, recent ones counting more" },
  { key: "completion", label: "Completion", says: "jobs paid out of jobs taken" },
  { key: "onTime", label: "On time", says: "deliveries before the deadline" },
  { key: "disputes", label: "Disputes", says: "jobs not lost in a dispute nor clawed back under warranty" },
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { address } = await params;
  return { title: `Supplier ${shortAddress(address)}` };
}

export default async function SupplierPage({ params }: Props) {
  const { address } = await params;
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) notFound();
  let profile: SupplierProfile;
  try {
    profile = await getSupplier(address);
  } catch (error) {
    if (error instanceof IndexerError && error.status === 404) notFound();
    return <ErrorPanel title="This supplier is unavailable" message={(error as Error).message} />;
  }
  const { record, derived, reputation } = profile;
  const tokens = await tokenInfos([
    ...profile.volume.map((v) => v.token),
    ...profile.history.jobs.map((j) => j.token),
    ...profile.history.bids.flatMap((b) => (b.job.token ? [b.job.token] : [])),
  ]);
  const card = profile.profile.profileUri ? await agentCard(profile.profile.profileUri) : undefined;
  const now = profile.asOf;
  const average = record.ratingCount === 0 ? null : derived.averageRatingX100;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Supplier</p>
        <h1 className="address-heading">
          <span className="visually-hidden">Supplier </span>
          <code>{profile.address}</code>
        </h1>
        <p className="lede">
          {profile.profile.registered ? (
            <>
              Registered {profile.profile.registeredAt ? formatAbsolute(profile.profile.registeredAt) : ""}
              {profile.profile.profileUri ? (
                <>
                  {" "}
                  · profile <code className="break">{profile.profile.profileUri}</code>
                </>
              ) : null}
            </>
          ) : (
            "No registered profile."
          )}{" "}
          Active since {formatAbsolute(derived.firstSeenAt)}, last {formatAbsolute(derived.lastActiveAt)}.
        </p>
        <div className="supplier-card" aria-label="Agent card">
          {card?.ok ? (
            <dl className="facts">
              <div>
                <dt>Name</dt>
                <dd>
                  <span className="card-name">{card.card.name ?? "(none given)"}</span>{" "}
                  <span className="badge badge-unverified" title="The supplier's own claim, from its agent card: not checked by anyone">
                    unverified
                  </span>
                </dd>
              </div>
              {card.card.endpoint ? (
                <div>
                  <dt>Endpoint</dt>
                  <dd>
                    <code className="break">{card.card.endpoint}</code>
                  </dd>
                </div>
              ) : null}
              {card.card.description ? (
                <div>
                  <dt>Says</dt>
                  <dd className="card-description">{card.card.description}</dd>
                </div>
              ) : null}
            </dl>
          ) : card ? (
            <p className="muted card-problem">Agent card unavailable: {card.error}.</p>
          ) : null}
          <p>
            <Link className="button" href={`/post?supplier=${profile.address}`}>
              Hire directly
            </Link>
          </p>
        </div>
      </header>

      <div className="profile-grid">
        <section className="panel score-panel" aria-labelledby="score-title">
          <h2 id="score-title">Reputation</h2>
          <p className="score">
            <span className="score-value">{reputation.score.toFixed(1)}</span>
            <span className="score-scale"> / 100</span>
          </p>
          <p className="muted">Weighted rating {reputation.rating.toFixed(2)} of 5. A newcomer starts at {NEWCOMER.score.toFixed(1)}.</p>
          <ul className="parts">
            {PARTS.map((part) => (
              <li key={part.key}>
                <div className="part-head">
                  <span>
                    {part.label} <span className="muted">× {formatShare(WEIGHTS[part.key])}</span>
                  </span>
                  <span>{formatShare(reputation.parts[part.key])}</span>
                </div>
                <meter min={0} max={1} value={reputation.parts[part.key]} aria-label={`${part.label}: ${formatShare(reputation.parts[part.key])}`} />
                <p className="fine">{part.says}</p>
              </li>
            ))}
          </ul>
        </section>

        <section className="panel" aria-labelledby="record-title">
          <h2 id="record-title">Record</h2>
          <dl className="facts">
            <div>
              <dt>Jobs won</dt>
              <dd>{record.won}</dd>
            </div>
            <div>
              <dt>Completed</dt>
              <dd>{record.completed}</dd>
            </div>
            <div>
              <dt>Declined</dt>
              <dd>{record.declined}</dd>
            </div>
            <div>
              <dt>Missed deadlines</dt>
              <dd>{derived.missedDeadlines}</dd>
            </div>
            <div>
              <dt>On time</dt>
              <dd>{derived.onTimeRateBps === null ? "—" : formatBps(derived.onTimeRateBps)}</dd>
            </div>
            <div>
              <dt>Ratings</dt>
              <dd>
                {record.ratingCount} {average !== null ? <span className="muted">(average {formatRatingX100(average)})</span> : null}
              </dd>
            </div>
            <div>
              <dt>Disputes</dt>
              <dd>
                {record.disputesFaced} faced, {record.disputesLost} lost
              </dd>
            </div>
            <div>
              <dt>Warranty claims</dt>
              <dd>
                {profile.claims.claimsFaced} faced, {profile.claims.clawedBack} clawed back
                {profile.claims.claimsFaced > 0 ? <span className="muted"> ({formatBps(profile.claims.clawbackShareBps)})</span> : null}
              </dd>
            </div>
            <div>
              <dt>Bids placed</dt>
              <dd>{derived.bidsPlaced}</dd>
            </div>
            <div>
              <dt>Direct hires</dt>
              <dd>{derived.directHires}</dd>
            </div>
            <div>
              <dt>Price paid vs. max</dt>
              <dd>
                {profile.price.averagePriceBps === null
                  ? "— (no RFQ won yet)"
                  : `${formatBps(profile.price.averagePriceBps)} on average over ${profile.price.rfqAwards} ${profile.price.rfqAwards === 1 ? "RFQ" : "RFQs"}`}
              </dd>
            </div>
            {derived.averageDeliveryWindowUsedBps !== null ? (
              <div>
                <dt>Delivery window used</dt>
                <dd>{formatBps(derived.averageDeliveryWindowUsedBps)} on average</dd>
              </div>
            ) : null}
          </dl>
          {profile.volume.length > 0 ? (
            <>
              <h3>Completed volume</h3>
              <ul className="plain-list">
                {profile.volume.map((v) => (
                  <li key={v.token}>
                    <Amount value={v.volume} token={tokens[v.token.toLowerCase()]!} />{" "}
                    <span className="muted">
                      over {v.jobs} {v.jobs === 1 ? "job" : "jobs"}, <Amount value={v.earned} token={tokens[v.token.toLowerCase()]!} /> after fees
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      {profile.categories.length > 0 ? (
        <section className="panel" aria-labelledby="categories-title">
          <h2 id="categories-title">By category</h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Score
                  </th>
                  <th scope="col" className="num">
                    Won
                  </th>
                  <th scope="col" className="num">
                    Completed
                  </th>
                  <th scope="col" className="num">
                    Disputes lost
                  </th>
                  <th scope="col" className="num">
                    Clawed back
                  </th>
                </tr>
              </thead>
              <tbody>
                {profile.categories.map((c) => (
                  <tr key={c.categoryId}>
                    <th scope="row">{c.category}</th>
                    <td className="num">{c.reputation.score.toFixed(1)}</td>
                    <td className="num">{c.record.won}</td>
                    <td className="num">{c.record.completed}</td>
                    <td className="num">{c.record.disputesLost}</td>
                    <td className="num">
                      {c.claims.clawedBack} of {c.claims.claimsFaced}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="attestations-title">
        <h2 id="attestations-title">Attestations</h2>
        {profile.attestations.length === 0 ? (
          <p className="empty">No attested metrics.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col">Attestor</th>
                  <th scope="col">Valid until</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {profile.attestations.map((a) => (
                  <tr key={`${a.attestor}-${a.metric}`}>
                    <th scope="row">
                      <code>{a.metricName}</code>
                    </th>
                    <td className="num">{a.value}</td>
                    <td>
                      <AddressText address={a.attestor} />
                    </td>
                    <td>
                      <RelativeTime timestamp={a.validUntil} now={now} />
                    </td>
                    <td>
                      {a.revoked ? (
                        <span className="badge badge-stopped">revoked</span>
                      ) : a.current ? (
                        <span className="badge badge-done">current</span>
                      ) : (
                        <span className="badge badge-warn">expired</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="jobs-title">
        <h2 id="jobs-title">Jobs</h2>
        {profile.history.jobs.length === 0 ? (
          <p className="empty">No job awarded or hired yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col">Rating</th>
                  <th scope="col">Posted</th>
                </tr>
              </thead>
              <tbody>
                {profile.history.jobs.map((job) => (
                  <tr key={job.id}>
                    <th scope="row">
                      <Link href={`/jobs/${job.id}`}>{job.title ?? `Job ${job.id}`}</Link> <span className="muted">#{job.id} · {job.category}</span>
                    </th>
                    <td>
                      <StatusBadge status={job.status} />
                    </td>
                    <td className="num">
                      <Amount value={job.price} token={tokens[job.token.toLowerCase()]!} />
                    </td>
                    <td>{job.rating ? `${job.rating} of 5` : "—"}</td>
                    <td>{formatAbsolute(job.postedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="bids-title">
        <h2 id="bids-title">Bids</h2>
        {profile.history.bids.length === 0 ? (
          <p className="empty">No bids yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col" className="num">
                    Bid
                  </th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Placed</th>
                </tr>
              </thead>
              <tbody>
                {profile.history.bids.map((bid) => {
                  const token = bid.job.token ? tokens[bid.job.token.toLowerCase()] : undefined;
                  return (
                    <tr key={bid.jobId}>
                      <th scope="row">
                        <Link href={`/jobs/${bid.jobId}`}>{bid.job.title ?? `Job ${bid.jobId}`}</Link> <span className="muted">#{bid.jobId}</span>
                      </th>
                      <td className="num">{token ? <Amount value={bid.price} token={token} /> : bid.price}</td>
                      <td>
                        {bid.won || bid.job.won ? (
                          <span className="badge badge-done">won</span>
                        ) : bid.job.status === "Open" ? (
                          bid.best ? (
                            <span className="badge badge-best">leading</span>
                          ) : (
                            <span className="badge badge-open">open</span>
                          )
                        ) : (
                          <span className="muted">{bid.job.status === "Cancelled" ? "cancelled" : "not chosen"}</span>
                        )}
                      </td>
                      <td>{formatAbsolute(bid.firstPlacedAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="fine">
        Figures as of the indexed chain time {formatAbsolute(now)}.
      </p>
    </>
  );
}
