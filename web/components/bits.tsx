// Small pieces every page uses: status badges, addresses, amounts, error panels.
import Link from "next/link";
import type { ReactNode } from "react";
import { type TokenInfo, displayStatus, formatAmount, shortAddress, statusTone } from "../lib/format.ts";

/** A job's status. Given the job's mode and bid deadline and the chain's time, an Open RFQ whose bidding closed
 * says so ("Awaiting award", "Awaiting the buyer's pick") instead of "Open". */
export function StatusBadge({ status, mode, bidDeadline, awardDeadline, now }: { status: string; mode?: string | null; bidDeadline?: number | null; awardDeadline?: number | null; now?: number }) {
  const shown = displayStatus({ status, mode, bidDeadline, awardDeadline }, now);
  return <span className={`badge badge-${statusTone(shown)}`}>{shown}</span>;
}

/** An address, shortened, with the full one on hover and for screen readers; suppliers link to their profile. */
export function AddressText({ address, supplier = false }: { address: string | null | undefined; supplier?: boolean }) {
  if (!address) return <span className="muted">—</span>;
  const text = (
    <code className="address" title={address}>
      {shortAddress(address)}
    </code>
  );
  return supplier ? (
    <Link href={`/suppliers/${address}`} aria-label={`Supplier ${address}`}>
      {text}
    </Link>
  ) : (
    text
  );
}

export function Amount({ value, token }: { value: string | bigint | null | undefined; token: TokenInfo }) {
  return <span className="amount">{formatAmount(value, token)}</span>;
}

/** The indexer could not answer: its sentence, and what to try. */
export function ErrorPanel({ title, message, children }: { title: string; message: string; children?: ReactNode }) {
  return (
    <section className="panel panel-error" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
      {children}
    </section>
  );
}
