// An RFQ's floors: what a supplier's record and attested metrics must show for its bid to be accepted on-chain.
import { metricName } from "@tender/sdk/registry";
import type { FloorsJson } from "../lib/api-types.ts";
import { type TokenInfo, formatAmount, formatBps, formatRatingX100 } from "../lib/format.ts";
import { AddressText } from "./bits.tsx";

export function Floors({ floors, token }: { floors: FloorsJson; token: TokenInfo }) {
  const rows: [string, string][] = [];
  if (floors.minCompleted > 0) rows.push(["Completed jobs", `at least ${floors.minCompleted}`]);
  if (BigInt(floors.minVolume) > 0n) rows.push(["Completed volume", `at least ${formatAmount(floors.minVolume, token)}`]);
  if (floors.maxLossShareBps < 10_000) rows.push(["Disputes lost", `at most ${formatBps(floors.maxLossShareBps)} of disputes faced`]);
  if (floors.minAvgRating > 0) rows.push(["Average rating", `at least ${formatRatingX100(floors.minAvgRating)}`]);
  if (floors.minRatings > 0) rows.push(["Ratings", `at least ${floors.minRatings}`]);
  rows.push(["Bond", floors.bondBps > 0 ? `${formatBps(floors.bondBps)} of the budget, returned unless the winner fails to deliver` : "none"]);
  return (
    <>
      <dl className="facts">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {floors.metrics.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption>Attested metrics</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Must be</th>
                <th scope="col">Attested by</th>
              </tr>
            </thead>
            <tbody>
              {floors.metrics.map((m, i) => (
                <tr key={i}>
                  <th scope="row">
                    <code>{metricName(m.metric)}</code>
                  </th>
                  <td>
                    {m.comparison === 0 ? "at least" : "at most"} {m.threshold}
                  </td>
                  <td>
                    <AddressText address={m.attestor} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {rows.length === 1 && floors.metrics.length === 0 && floors.bondBps === 0 ? <p className="muted">Anyone may bid.</p> : null}
    </>
  );
}
