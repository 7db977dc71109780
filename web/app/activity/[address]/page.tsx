// One address's activity in each role: the jobs it posted (buyer), the jobs it won and the bids it placed
// (supplier), and the disputes put to it (arbitrator), each linking to where it acts.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Amount, StatusBadge } from "../../../components/bits.tsx";
import { RelativeTime } from "../../../components/RelativeTime.tsx";
import type { ArbitratorDisputes, BuyerProfile, JobSummary, SupplierProfile } from "../../../lib/api-types.ts";
import { type TokenInfo, formatBps, formatShare, shortAddress } from "../../../lib/format.ts";
import { IndexerError, getArbitratorDisputes, getBuyer, getSupplier } from "../../../lib/indexer.ts";
import { chainNow, tokenInfos } from "../../../lib/server.ts";

type Props = { params: Promise<{ address: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { address } = await params;
  return { title: `Activity of ${shortAddress(address)}` };
}

/** The indexer's answer, or null when it has never seen this address in that role (404). */
async function orNone<T>(read: Promise<T>): Promise<T | null | { error: string }> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof IndexerError && error.status === 404) return null;
    return { error: (error as Error).message };
  }
}
const failed = (x: unknown): x is { error: string } => typeof x === "object" && x !== null && "error" in x;

/** What the job waits for, in a few words. */
function next(job: JobSummary, now: number): string {
  switch (job.status) {
    case "Open":
      return job.bidDeadline && now < job.bidDeadline ? "taking bids" : job.mode === "BuyerChoice" ? "bidding closed: the buyer picks" : job.mode === "SealedLowestPrice" ? "bidding closed: reveals, then the award" : "bidding closed: to award";
    case "Awarded":
      return "waiting for the delivery";
    case "Delivered":
      return "in review";
    case "Disputed":
      return "with the arbitrator";
    default:
      return "";
  }
}

function JobTable({ jobs, tokens, now, caption }: { jobs: JobSummary[]; tokens: Record<string, TokenInfo>; now: number; caption: string }) {
  if (jobs.length === 0) return <p className="empty">None.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Price</th>
            <th scope="col">Next</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td>
                <Link href={`/jobs/${job.id}`}>{job.title ?? `Job ${job.id}`}</Link> <span className="muted">#{job.id}</span>
              </td>
              <td>
                <StatusBadge status={job.status} mode={job.mode} bidDeadline={job.bidDeadline} now={now} />
              </td>
              <td>
                <Amount value={job.price} token={tokens[job.token.toLowerCase()]!} />
              </td>
              <td>{next(job, now)}</td>
              <td>
                <RelativeTime timestamp={job.updatedAt} now={now} absolute={false} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ActivityOf({ params }: Props) {
  const { address } = await params;
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) notFound();
  const [buyer, supplier, arbitrator, { now }] = await Promise.all([
    orNone<BuyerProfile>(getBuyer(address)),
    orNone<SupplierProfile>(getSupplier(address)),
    orNone<ArbitratorDisputes>(getArbitratorDisputes(address)),
    chainNow(),
  ]);
  const buyerJobs = buyer && !failed(buyer) ? buyer.history.jobs : [];
  const supplierJobs = supplier && !failed(supplier) ? supplier.history.jobs : [];
  const tokens = await tokenInfos([...buyerJobs, ...supplierJobs].map((j) => j.token));
  const open = (d: ArbitratorDisputes) => d.disputes.filter((x) => x.status === "open" || x.status === "answered").length;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Activity</p>
        <h1 className="address-heading">
          <code>{address}</code>
        </h1>
      </header>

      <section className="panel" aria-labelledby="as-buyer">
        <h2 id="as-buyer">As a buyer</h2>
        {failed(buyer) ? (
          <p className="notice notice-error">{buyer.error}</p>
        ) : buyer ? (
          <>
            <p className="muted">
              {buyer.record.posted} posted, {buyer.record.paid} paid, {buyer.record.cancelled} cancelled; {buyer.record.disputesOpened} disputes opened,{" "}
              {buyer.record.disputesLost} lost; {buyer.record.claimsOpened} warranty {buyer.record.claimsOpened === 1 ? "claim" : "claims"} opened,{" "}
              {buyer.record.claimsLost} lost; pay rate {buyer.derived.payRate === null ? "—" : formatShare(buyer.derived.payRate)}.{" "}
              <Link href="/post">Post a job</Link>
            </p>
            <JobTable jobs={buyerJobs} tokens={tokens} now={now} caption="Jobs posted" />
          </>
        ) : (
          <p className="empty">
            No job posted from this address. <Link href="/post">Post a job</Link>
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="as-supplier">
        <h2 id="as-supplier">As a supplier</h2>
        {failed(supplier) ? (
          <p className="notice notice-error">{supplier.error}</p>
        ) : supplier ? (
          <>
            <p className="muted">
              {supplier.record.won} won, {supplier.record.completed} completed; {supplier.history.bids.length} bids; {supplier.claims.claimsFaced} warranty{" "}
              {supplier.claims.claimsFaced === 1 ? "claim" : "claims"} faced, {supplier.claims.clawedBack} clawed back
              {supplier.claims.claimsFaced > 0 ? ` (${formatBps(supplier.claims.clawbackShareBps)})` : ""}.{" "}
              <Link href={`/suppliers/${address}`}>Public profile</Link> · <Link href={`/jobs?for=${address}`}>Jobs you qualify for</Link>
            </p>
            <JobTable jobs={supplierJobs} tokens={tokens} now={now} caption="Jobs won" />
          </>
        ) : (
          <p className="empty">
            No bid or job as a supplier. <Link href={`/jobs?for=${address}`}>Jobs you qualify for</Link>
          </p>
        )}
      </section>

      <section className="panel" aria-labelledby="as-arbitrator">
        <h2 id="as-arbitrator">As an arbitrator</h2>
        {failed(arbitrator) ? (
          <p className="notice notice-error">{arbitrator.error}</p>
        ) : arbitrator ? (
          <p>
            {open(arbitrator)} active {open(arbitrator) === 1 ? "dispute" : "disputes"}, {arbitrator.disputes.length} in all.{" "}
            <Link href={`/arbitrators/${address}`}>Open the arbitrator console</Link>
          </p>
        ) : (
          <p className="empty">Not a registered arbitrator.</p>
        )}
      </section>
    </>
  );
}
