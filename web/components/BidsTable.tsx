// An RFQ's bids, best first (as the indexer orders them): the leading bid is marked, in words and in colour.
import type { Bid } from "../lib/api-types.ts";
import { type TokenInfo, formatAbsolute, formatAmount } from "../lib/format.ts";
import { AddressText } from "./bits.tsx";

export function BidsTable({ bids, token, caption = "Bids" }: { bids: readonly Bid[]; token: TokenInfo; caption?: string }) {
  if (bids.length === 0) return <p className="empty">No bids yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table bids">
        <caption className="visually-hidden">{caption}, best first</caption>
        <thead>
          <tr>
            <th scope="col">Supplier</th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Bond
            </th>
            <th scope="col">Placed</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {bids.map((bid) => {
            const notes: string[] = [];
            if (bid.won) notes.push("won");
            if (bid.improvements > 0) {
              notes.push(`lowered ${bid.improvements}× from ${formatAmount(bid.firstPrice, token)}`);
            }
            if (bid.bondReclaimed) notes.push("bond taken back");
            return (
              <tr key={bid.supplier} className={bid.best ? "bid-best" : undefined}>
                <th scope="row">
                  <AddressText address={bid.supplier} supplier />
                </th>
                <td className="num">
                  {bid.best ? <strong>{formatAmount(bid.price, token)}</strong> : formatAmount(bid.price, token)}
                </td>
                <td className="num">{BigInt(bid.bond) === 0n ? "—" : formatAmount(bid.bond, token)}</td>
                <td>
                  <time dateTime={new Date(bid.placedAt * 1000).toISOString()}>{formatAbsolute(bid.placedAt)}</time>
                </td>
                <td>
                  {bid.best ? <span className="badge badge-best">Best bid</span> : null}
                  {notes.length ? <span className="muted"> {notes.join(" · ")}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
