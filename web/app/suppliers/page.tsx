// Suppliers: every supplier the indexer knows, overall or in one category, sorted by score, rating, jobs completed,
// volume in a token or price paid against the maximum (cheapest first), filtered by the metrics they hold attested
// now. Each with the name, endpoint and
// description its agent card claims (fetched safely on the server: lib/agent-card.ts), always beside its address
// and marked unverified.
import type { Metadata } from "next";
import Link from "next/link";
import { METRICS } from "@tender/sdk/registry";
import { ErrorPanel } from "../../components/bits.tsx";
import { SuppliersTable } from "../../components/SuppliersTable.tsx";
import type { Leaderboard, Market } from "../../lib/api-types.ts";
import type { TokenInfo } from "../../lib/format.ts";
import { getMarkets } from "../../lib/indexer.ts";
import { knownTokens } from "../../lib/server.ts";
import { SUPPLIER_SORTS, agentCards, getLeaderboard } from "../../lib/suppliers.ts";

export const metadata: Metadata = { title: "Suppliers" };

type Params = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : Array.isArray(v) ? v[0] : undefined);

export default async function SuppliersPage({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const category = one(params.category) || undefined;
  const sortParam = one(params.sort);
  const sort = SUPPLIER_SORTS.some((s) => s.value === sortParam) ? sortParam! : "score";
  const metricParam = params.metric;
  const metrics = (Array.isArray(metricParam) ? metricParam : metricParam ? [metricParam] : []).flatMap((m) => m.split(",")).filter(Boolean).slice(0, 8);
  const [tokens, markets] = await Promise.all([knownTokens(), getMarkets().catch((): Market[] => [])]);
  const tokenParam = one(params.token);
  const volumeToken: TokenInfo = tokens.find((t) => t.symbol === tokenParam || t.address.toLowerCase() === tokenParam?.toLowerCase()) ?? tokens[tokens.length - 1]!;

  let board: Leaderboard | undefined;
  let failure: string | undefined;
  try {
    board = await getLeaderboard({
      category,
      sort,
      token: sort === "volume" ? volumeToken.address : undefined,
      metric: metrics.length ? metrics.join(",") : undefined,
    });
  } catch (error) {
    failure = (error as Error).message;
  }
  const cards = board ? await agentCards(board.suppliers.map((s) => s.profileUri)) : new Map();
  const categories = markets.map((m) => m.name).sort();
  const knownMetrics = [...new Set([...Object.values(METRICS), ...metrics])];

  return (
    <>
      <header className="page-header">
        <h1>Suppliers</h1>
        <p className="lede">
          Every supplier the market knows, {category ? <>in <strong>{category}</strong></> : "over all categories"}. A name comes from the
          supplier&apos;s own agent card: it is a claim, so the address stands beside it.
        </p>
      </header>

      <form className="panel filters suppliers-filter" method="get" action="/suppliers" aria-label="Find suppliers">
        <label>
          Category
          <select name="category" defaultValue={category ?? ""}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by
          <select name="sort" defaultValue={sort}>
            {SUPPLIER_SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Volume in
          <select name="token" defaultValue={volumeToken.symbol}>
            {tokens.map((t) => (
              <option key={t.address} value={t.symbol}>
                {t.symbol}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Holds a current attestation of</legend>
          {knownMetrics.map((m) => (
            <label key={m} className="check">
              <input type="checkbox" name="metric" value={m} defaultChecked={metrics.includes(m)} /> <code>{m}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button">
          Show suppliers
        </button>
      </form>

      {failure || !board ? (
        <ErrorPanel title="The suppliers are unavailable" message={failure ?? "No answer."}>
          <p>
            <Link href="/suppliers">Show all suppliers</Link>
          </p>
        </ErrorPanel>
      ) : board.suppliers.length === 0 ? (
        <p className="empty panel">No supplier matches{metrics.length ? " these attested metrics" : ""}{category ? ` in ${category}` : ""}.</p>
      ) : (
        <section className="panel" aria-labelledby="suppliers-title">
          <h2 id="suppliers-title">
            {board.category ? board.category.name : "All categories"} <span className="count">{board.suppliers.length}</span>
          </h2>
          <SuppliersTable suppliers={board.suppliers} sort={sort} volumeToken={volumeToken} cards={cards} />
        </section>
      )}
    </>
  );
}
