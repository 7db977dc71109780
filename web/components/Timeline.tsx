// A job's life, event by event, in chain order: what happened, who did it, when, and in which transaction.
import type { ReactNode } from "react";
import type { TimelineEvent } from "../lib/api-types.ts";
import { type TokenInfo, eventLabel, formatAbsolute, formatAmount, formatBps, isoTime, shortHash } from "../lib/format.ts";
import { AddressText } from "./bits.tsx";

const AMOUNTS: Record<string, string> = {
  price: "price",
  maxPrice: "budget",
  bond: "bond",
  fee: "fee",
  refunded: "back to the buyer",
  toBuyer: "to the buyer",
  toSupplier: "to the supplier",
  toArbitrator: "to the arbitrator",
  protocolFee: "protocol fee",
  bondToBuyer: "forfeited bond to the buyer",
  held: "held",
  heldBond: "bond held",
  asked: "asked",
  amount: "amount",
};
const ADDRESSES: Record<string, string> = { supplier: "supplier", by: "by", party: "by" };
const URIS = ["uri", "statementURI", "responseURI", "evidenceURI"];

/** The facts of one event worth reading (amounts in the job's token, shares, ratings, URIs). */
export function eventDetails(event: TimelineEvent, token: TokenInfo): ReactNode[] {
  const data = event.data ?? {};
  const out: ReactNode[] = [];
  for (const [key, label] of Object.entries(ADDRESSES)) {
    if (typeof data[key] === "string" && data[key] !== event.actor) {
      out.push(
        <span key={key}>
          {label} <AddressText address={data[key] as string} supplier={key === "supplier"} />
        </span>,
      );
    }
  }
  for (const [key, label] of Object.entries(AMOUNTS)) {
    const value = data[key];
    if ((typeof value === "string" || typeof value === "number") && /^\d+$/.test(String(value)) && (key === "price" || BigInt(value) !== 0n)) {
      out.push(<span key={key}>{`${label} ${formatAmount(String(value), token)}`}</span>);
    }
  }
  if (typeof data.rating === "number" && data.rating > 0) out.push(<span key="rating">{`rated ${data.rating} of 5`}</span>);
  if (typeof data.buyerShareBps === "number") out.push(<span key="share">{`${formatBps(data.buyerShareBps)} to the buyer`}</span>);
  if (data.best === true) out.push(<span key="best">now the best bid</span>);
  if (data.declined === true) out.push(<span key="declined">the supplier declined</span>);
  if (data.declined === false && event.kind === "JobRefunded") out.push(<span key="missed">the delivery deadline passed</span>);
  for (const key of URIS) {
    if (typeof data[key] === "string") out.push(<code key={key} className="break">{(data[key] as string).length > 80 ? `${(data[key] as string).slice(0, 77)}…` : (data[key] as string)}</code>);
  }
  return out;
}

export function Timeline({ events, token }: { events: readonly TimelineEvent[]; token: TokenInfo }) {
  if (events.length === 0) return <p className="empty">Nothing has happened yet.</p>;
  return (
    <ol className="timeline">
      {events.map((event) => {
        const details = eventDetails(event, token);
        return (
          <li key={event.id} className="timeline-item">
            <p className="timeline-head">
              <strong>{eventLabel(event.kind)}</strong>{" "}
              <time dateTime={isoTime(event.timestamp)} className="muted">
                {formatAbsolute(event.timestamp)}
              </time>
            </p>
            <p className="timeline-body">
              <span>
                by <AddressText address={event.actor} />
              </span>
              {details.map((d, i) => (
                <span key={i}> · {d}</span>
              ))}
              <span className="muted">
                {" "}
                · block {event.blockNumber} · tx <code title={event.txHash}>{shortHash(event.txHash)}</code>
              </span>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
