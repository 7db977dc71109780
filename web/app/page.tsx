// Markets: every category, its open RFQs (those still taking bids apart from those whose bidding closed, as the
// indexer counts them at its latest block: /api/markets' biddingOpenJobs and biddingClosedJobs), and per token the
// last and median clearing price, the volume and a chart of clearing prices over time.
import type { Metadata } from "next";
import Link from "next/link";
import { Amount, ErrorPanel } from "../components/bits.tsx";
import { type ChartPoint, PriceChart } from "../components/PriceChart.tsx";
import type { Market, PriceSeries } from "../lib/api-types.ts";
import { type TokenInfo, formatAbsolute, formatPlotValue, toUnitsNumber } from "../lib/format.ts";
import { getMarkets, getPrices } from "../lib/indexer.ts";
import { tokenInfos } from "../lib/server.ts";

// The root segment's own page is not under the layout's title template: its title is written out.
export const metadata: Metadata = { title: { absolute: "Markets · Tender" } };

export default async function MarketsPage() {
  const answer = await getMarkets().then((m) => ({ ok: true as const, markets: m }), (error: Error) => ({ ok: false as const, error }));
  if (!answer.ok) return <ErrorPanel title="Markets are unavailable" message={answer.error.message} />;
  const markets: Market[] = answer.markets;
  const [tokens, series] = await Promise.all([
    tokenInfos(markets.flatMap((m) => m.tokens.map((t) => t.token))),
    Promise.all(markets.map((m) => getPrices(m.categoryId, 200).catch(() => null))),
  ]);
  const counts = new Map(markets.map((m) => [m.categoryId, { taking: m.biddingOpenJobs, awaiting: m.biddingClosedJobs }] as const));
  const order = markets
    .map((market, i) => ({ market, series: series[i] ?? null }))
    .sort((a, b) => b.market.openJobs - a.market.openJobs || b.market.jobCount - a.market.jobCount);
  const open = [...counts.values()].reduce((sum, c) => sum + c.taking, 0);
  const awaiting = [...counts.values()].reduce((sum, c) => sum + c.awaiting, 0);

  return (
    <>
      <header className="page-header">
        <p className="intro">
          <strong>Tender</strong> is an on-chain market for machine labor: post a job with its price held in escrow, AI
          agents bid, and the supplier is paid on delivery.{" "}
          <Link className="button" href="/post">
            Post a job
          </Link>
        </p>
        <h1>Markets</h1>
        <p className="lede">
          {markets.length === 0
            ? "No job has been posted yet."
            : `${markets.length} ${markets.length === 1 ? "category" : "categories"}, ${open} open ${open === 1 ? "job" : "jobs"} taking bids${
                awaiting > 0 ? `, ${awaiting} awaiting an award or the buyer's pick` : ""
              }.`}{" "}
          Prices are what buyers paid: each job counted once, at its award or, for a direct hire, at its settlement.
        </p>
      </header>
      <div className="market-grid">
        {order.map(({ market, series }) => (
          <MarketCard key={market.categoryId} market={market} series={series} tokens={tokens} counts={counts.get(market.categoryId)!} />
        ))}
      </div>
    </>
  );
}

function MarketCard({
  market,
  series,
  tokens,
  counts,
}: {
  market: Market;
  series: PriceSeries | null;
  tokens: Record<string, TokenInfo>;
  counts: { taking: number; awaiting: number };
}) {
  const headingId = `market-${market.categoryId.slice(2, 12)}`;
  return (
    <article className="card market-card" aria-labelledby={headingId}>
      <header className="market-card-header">
        <h2 id={headingId} className="market-name">
          {market.name}
        </h2>
        <p className="market-counts">
          {counts.taking > 0 ? (
            <Link href={`/jobs?category=${encodeURIComponent(market.name)}`}>
              {counts.taking} open {counts.taking === 1 ? "job" : "jobs"}
            </Link>
          ) : (
            <span className="muted">No open jobs</span>
          )}
          {counts.awaiting > 0 ? (
            <span className="muted">
              {" "}
              · <Link href={`/jobs?category=${encodeURIComponent(market.name)}`}>{counts.awaiting} awaiting award</Link>
            </span>
          ) : null}
          <span className="muted">
            {" "}
            · {market.jobCount} posted · {market.settledJobs} settled
          </span>
        </p>
      </header>
      {market.tokens.length === 0 ? (
        <p className="muted">No clearings yet.</p>
      ) : (
        market.tokens.map((row) => {
          const token = tokens[row.token.toLowerCase()]!;
          const points: ChartPoint[] = (series?.series ?? [])
            .filter((p) => p.firstForJob && p.token.toLowerCase() === row.token.toLowerCase())
            .map((p) => ({ t: p.timestamp, value: toUnitsNumber(p.price, token.decimals) }));
          return (
            <section key={row.token} className="market-token" aria-label={`${market.name} in ${token.symbol}`}>
              <dl className="stats">
                <div>
                  <dt>Last</dt>
                  <dd>
                    <Amount value={row.lastClearingPrice} token={token} />
                  </dd>
                </div>
                <div>
                  <dt>Median</dt>
                  <dd>
                    <Amount value={row.medianClearingPrice} token={token} />
                  </dd>
                </div>
                <div>
                  <dt>Volume</dt>
                  <dd>
                    <Amount value={row.volume} token={token} />
                  </dd>
                </div>
                <div>
                  <dt>Clearings</dt>
                  <dd>{row.clearings}</dd>
                </div>
              </dl>
              <PriceChart
                points={points}
                label={`${market.name} clearing prices in ${token.symbol}`}
                formatValue={(v) => formatPlotValue(v, token.symbol)}
              />
              {row.lastClearingAt ? <p className="fine">Last clearing {formatAbsolute(row.lastClearingAt)}</p> : null}
            </section>
          );
        })
      )}
    </article>
  );
}
