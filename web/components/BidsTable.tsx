"use client";
// An RFQ's bids, best first (as the indexer orders them): the leading bid is marked, in words and in colour; a sealed
// bid shows "sealed" until it is revealed (its commit number breaks a tie). Beside
// each bidder, the name its agent card claims (marked unverified, the address always shown), its reputation score
// and the floors it met (the escrow accepts a bid only from a supplier meeting every floor). The buyer may sort by
// price, score, name or time placed.
import { useState } from "react";
import type { Bid } from "../lib/api-types.ts";
import { type TokenInfo, formatAbsolute, formatAmount } from "../lib/format.ts";
import { AddressText } from "./bits.tsx";

/** A bidder as the table shows it: the card's name (a claim), the overall score and the job category's. */
export interface BidderInfo {
  name: string | null;
  score: number | null;
  categoryScore: number | null;
}

type SortKey = "best" | "score" | "name" | "placed";
const SORTS: { key: SortKey; label: string; caption: string }[] = [
  { key: "best", label: "Price", caption: "best first" },
  { key: "score", label: "Score", caption: "highest score first" },
  { key: "name", label: "Supplier", caption: "by supplier name" },
  { key: "placed", label: "Placed", caption: "earliest first" },
];

export function BidsTable({
  bids,
  token,
  caption = "Bids",
  bidders,
  floorsMet,
}: {
  bids: readonly Bid[];
  token: TokenInfo;
  caption?: string;
  bidders?: Record<string, BidderInfo>;
  /** The job's floors in words (every bid met them on-chain); empty when none were asked. */
  floorsMet?: readonly string[];
}) {
  const [sort, setSort] = useState<SortKey>("best");
  if (bids.length === 0) return <p className="empty">No bids yet.</p>;
  const info = (b: Bid) => bidders?.[b.supplier.toLowerCase()];
  const nameOf = (b: Bid) => info(b)?.name ?? "";
  const sorted = bids
    .map((bid, index) => ({ bid, index }))
    .sort((x, y) => {
      const tie = x.index - y.index;
      if (sort === "score") return (info(y.bid)?.score ?? -1) - (info(x.bid)?.score ?? -1) || tie;
      if (sort === "name") {
        const [a, b] = [nameOf(x.bid), nameOf(y.bid)];
        if (a && !b) return -1;
        if (b && !a) return 1;
        return a.localeCompare(b) || (x.bid.supplier < y.bid.supplier ? -1 : 1);
      }
      if (sort === "placed") return x.bid.placedAt - y.bid.placedAt || x.bid.placedSeq - y.bid.placedSeq || tie;
      return tie;
    })
    .map(({ bid }) => bid);
  const current = SORTS.find((s) => s.key === sort)!;
  const header = (key: SortKey, className?: string) => {
    const s = SORTS.find((x) => x.key === key)!;
    return (
      <th scope="col" className={className} aria-sort={sort === key ? (key === "name" ? "ascending" : key === "score" ? "descending" : "ascending") : undefined}>
        <button type="button" className="sort-button" onClick={() => setSort(key)} aria-pressed={sort === key} title={`Sort: ${s.caption}`}>
          {s.label}
          {sort === key ? <span aria-hidden="true"> ▾</span> : null}
        </button>
      </th>
    );
  };
  const withInfo = bidders !== undefined;
  return (
    <div className="table-wrap">
      <table className="table bids">
        <caption className="visually-hidden">
          {caption}, {current.caption}
        </caption>
        <thead>
          <tr>
            {header("name")}
            {withInfo ? header("score", "num") : null}
            {header("best", "num")}
            <th scope="col" className="num">
              Bond
            </th>
            {header("placed")}
            {floorsMet !== undefined ? <th scope="col">Floors met</th> : null}
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((bid) => {
            const notes: string[] = [];
            if (bid.won) notes.push("won");
            if (bid.improvements > 0) {
              notes.push(`lowered ${bid.improvements}× from ${formatAmount(bid.firstPrice, token)}`);
            }
            if (bid.sealed) notes.push(`sealed, commit #${bid.commitSeq}`);
            if (bid.sealed && bid.revealed && bid.valid === false) notes.push("revealed a price out of range: cannot win");
            if (bid.forfeited) notes.push("never revealed: bond forfeited to the buyer");
            if (bid.bondReclaimed) notes.push("bond taken back");
            const who = info(bid);
            return (
              <tr key={bid.supplier} className={bid.best ? "bid-best" : undefined}>
                <th scope="row">
                  {who?.name ? (
                    <span className="card-name">
                      {who.name} <span className="badge badge-unverified" title="The name is the supplier's own claim, from its agent card">unverified</span>{" "}
                    </span>
                  ) : null}
                  <AddressText address={bid.supplier} supplier />
                </th>
                {withInfo ? (
                  <td className="num bid-score">
                    {who?.score == null ? "—" : who.score.toFixed(1)}
                    {who?.categoryScore != null ? <span className="muted"> ({who.categoryScore.toFixed(1)} here)</span> : null}
                  </td>
                ) : null}
                <td className="num">
                  {bid.sealed && !bid.revealed ? (
                    <span className="muted" title="A sealed bid's price is hidden until it is revealed, after bidding closes">sealed</span>
                  ) : bid.sealed && bid.valid === false ? (
                    "—"
                  ) : bid.best ? (
                    <strong>{formatAmount(bid.price, token)}</strong>
                  ) : (
                    formatAmount(bid.price, token)
                  )}
                </td>
                <td className="num">{BigInt(bid.bond) === 0n ? "—" : formatAmount(bid.bond, token)}</td>
                <td>
                  <time dateTime={new Date(bid.placedAt * 1000).toISOString()}>{formatAbsolute(bid.placedAt)}</time>
                </td>
                {floorsMet !== undefined ? (
                  <td className="floors-met">{floorsMet.length === 0 ? <span className="muted">none asked</span> : floorsMet.join(" · ")}</td>
                ) : null}
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
