// Post a job: the form (components/PostJobForm.tsx) with what it needs from the server: the escrow's address, the
// chain's time (deadlines are counted from it), the tokens on offer, the arbitrator registry and the categories the
// market already has.
import type { Metadata } from "next";
import { PostJobForm } from "../../components/PostJobForm.tsx";
import type { Market } from "../../lib/api-types.ts";
import type { Arbitrator } from "../../lib/api-types.ts";
import { getArbitrators, getMarkets } from "../../lib/indexer.ts";
import { chainNow, deployment, knownTokens } from "../../lib/server.ts";

export const metadata: Metadata = { title: "Post a job" };

export default async function PostJobPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // "Hire directly" from a supplier's page: /post?supplier=0x…, a direct hire with that supplier filled in (an
  // address that is not one is shown as typed, and the form's check says what is wrong with it).
  const supplier = typeof params.supplier === "string" ? params.supplier.trim().slice(0, 64) : undefined;
  const found = deployment();
  const [{ now }, tokens, registry, markets] = await Promise.all([
    chainNow(),
    knownTokens(),
    getArbitrators().then(
      (items): { items: Arbitrator[]; problem?: string } => ({ items }),
      (error: Error) => ({ items: [], problem: error.message }),
    ),
    getMarkets().catch((): Market[] => []),
  ]);
  // Suggested in the category field (a datalist): the market's categories, busiest first.
  const categories = markets
    .filter((m) => m.named)
    .sort((a, b) => b.jobCount - a.jobCount || a.name.localeCompare(b.name))
    .map((m) => m.name);
  // Deadlines count from the next block's time. An idle development chain mines only on transactions, so its latest
  // block may be hours old while the next one takes the wall clock; after time travel it runs ahead instead. The
  // later of the two is the next block's time either way (the CLI does the same).
  const from = Math.max(now, Math.floor(Date.now() / 1000));

  return (
    <>
      <header className="page-header">
        <h1>Post a job</h1>
        <p className="lede">
          Describe the work, set what you pay and by when, and name who settles a dispute. The price is held in escrow from
          the moment you post; suppliers bid on a request for quotes, or the supplier you hire takes the job.
        </p>
      </header>
      <PostJobForm
        now={from}
        tokens={tokens}
        arbitrators={registry.items.filter((a) => a.active)}
        arbitratorsProblem={registry.problem}
        categories={categories}
        supplier={supplier || undefined}
        deployment={found.ok ? found.value : null}
        escrowProblem={found.ok ? undefined : found.error}
      />
    </>
  );
}
