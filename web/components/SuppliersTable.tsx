// The suppliers page's table: each supplier's rank, card claim and address, score, rating, jobs completed, volume in
// one token, price paid against the maximum (its average winning price as a share of the RFQ's maximum: lower is
// cheaper) and current attestations; the column it is sorted by marked with aria-sort.
import type { Leaderboard } from "../lib/api-types.ts";
import type { CardResult } from "../lib/agent-card.ts";
import { type TokenInfo, formatAmount, formatBps } from "../lib/format.ts";
import { CardClaim } from "./CardClaim.tsx";

/** How the suppliers page sorts (the indexer's /api/leaderboard `sort`); price is the only one lowest first. */
export const SUPPLIER_SORTS = [
  { value: "score", label: "Score" },
  { value: "rating", label: "Rating" },
  { value: "completed", label: "Jobs completed" },
  { value: "volume", label: "Volume" },
  { value: "price", label: "Price paid vs. max (cheapest first)" },
] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number]["value"];

type Supplier = Leaderboard["suppliers"][number];

/** "82%" of the maximum, or a dash before its first RFQ award. */
export function pricePaid(price: Supplier["price"]): string {
  return price.averagePriceBps === null ? "—" : formatBps(price.averagePriceBps);
}

export function SuppliersTable({
  suppliers,
  sort,
  volumeToken,
  cards,
}: {
  suppliers: readonly Supplier[];
  sort: string;
  volumeToken: TokenInfo;
  cards: ReadonlyMap<string, CardResult>;
}) {
  const sorted = (column: SupplierSort) => (sort === column ? (column === "price" ? "ascending" : "descending") : undefined);
  return (
    <div className="table-wrap">
      <table className="table suppliers-table">
        <caption className="visually-hidden">Suppliers by {(SUPPLIER_SORTS.find((s) => s.value === sort) ?? SUPPLIER_SORTS[0]).label.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Supplier</th>
            <th scope="col" className="num" aria-sort={sorted("score")}>
              Score
            </th>
            <th scope="col" className="num" aria-sort={sorted("rating")}>
              Rating
            </th>
            <th scope="col" className="num" aria-sort={sorted("completed")}>
              Completed
            </th>
            <th scope="col" className="num" aria-sort={sorted("volume")}>
              Volume ({volumeToken.symbol})
            </th>
            <th scope="col" className="num" aria-sort={sorted("price")}>
              <abbr title="Price paid vs. max: its average winning price as a share of the RFQ's maximum price (lower is cheaper; direct hires have no maximum)">
                Price vs. max
              </abbr>
            </th>
            <th scope="col">Attested</th>
          </tr>
        </thead>
        <tbody>
          {suppliers.map((s) => {
            const volume = s.volume.find((v) => v.token.toLowerCase() === volumeToken.address.toLowerCase())?.volume ?? "0";
            const awards = s.price.rfqAwards;
            return (
              <tr key={s.address} className="supplier-row">
                <td className="num">{s.rank}</td>
                <th scope="row">
                  <CardClaim address={s.address} card={s.profileUri ? cards.get(s.profileUri) : undefined} />
                </th>
                <td className="num">{s.score.toFixed(1)}</td>
                <td className="num">{s.rating.toFixed(2)}</td>
                <td className="num">{s.record.completed}</td>
                <td className="num">{formatAmount(volume, volumeToken)}</td>
                <td
                  className="num supplier-price"
                  aria-label={awards === 0 ? "Price paid vs. max: no RFQ won yet" : `Price paid vs. max: ${pricePaid(s.price)} over ${awards} ${awards === 1 ? "RFQ" : "RFQs"}`}
                >
                  {awards === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      {pricePaid(s.price)}{" "}
                      <span className="muted fine">
                        ({awards} {awards === 1 ? "RFQ" : "RFQs"})
                      </span>
                    </>
                  )}
                </td>
                <td>
                  {s.attested.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    s.attested.map((a) => (
                      <span key={`${a.attestor}-${a.metric}`} className="tag" title={`attested by ${a.attestor}`}>
                        {a.metricName} {a.value}
                      </span>
                    ))
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
