// How the app writes what a person reads: amounts in token units, times relative and absolute, addresses, shares.
// Pure functions (no React, no I/O): server and client components and the tests share them.
import { formatUnits } from "viem";
import { formatDuration } from "@tender/sdk/time";
import { type TokenInfo, formatBps } from "@tender/sdk/units";

// Amounts, basis points and token metadata are the SDK's, so every face writes them the same way.
export { ETH_TOKEN, type Parsed, type TokenInfo, formatAmount, formatBps, parseAmount, toBigInt } from "@tender/sdk/units";

/** 0x1234…abcd */
export function shortAddress(address: string | null | undefined): string {
  if (!address) return "—";
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** A transaction or content hash, shortened the same way. */
export const shortHash = (hash: string): string => (hash.length > 14 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash);

export { formatDuration };

/** "in 2 h", "3 d ago" or "now", against the chain's `now` (Unix seconds). */
export function formatRelative(timestamp: number, now: number): string {
  const delta = timestamp - now;
  if (Math.abs(delta) < 1) return "now";
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
}

/** "2026-11-27 15:04 UTC": the same text on the server and in every browser (no hydration mismatch). */
export function formatAbsolute(timestamp: number): string {
  return `${new Date(timestamp * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The machine-readable form for <time dateTime>. */
export const isoTime = (timestamp: number): string => new Date(timestamp * 1000).toISOString();

/** A share in 0–1 → "75%" (one decimal at most). */
export function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/** An average rating × 100 (as the escrow keeps it) → "4.5 ★". */
export function formatRatingX100(x100: number | null | undefined): string {
  if (x100 === null || x100 === undefined || x100 === 0) return "—";
  return `${Number((x100 / 100).toFixed(2))} ★`;
}

/** A job's holdback in a few words: "holdback 20% · 30 d warranty" (null when it holds nothing back). */
export function holdbackNote(w: { holdbackBps?: number | null; warrantyWindow?: number | null } | null | undefined): string | null {
  if (!w || !w.holdbackBps) return null;
  return `holdback ${formatBps(w.holdbackBps)} · ${formatDuration(w.warrantyWindow ?? 0)} warranty`;
}

/** Words for the escrow's job events (the timeline). */
const EVENT_WORDS: Record<string, string> = {
  DirectHirePosted: "Posted as a direct hire",
  RFQPosted: "Posted for bids",
  BidPlaced: "Bid placed",
  BidImproved: "Bid lowered",
  JobAwarded: "Awarded",
  JobCancelled: "Cancelled",
  BondReclaimed: "Bond taken back",
  JobDelivered: "Delivered",
  JobRefunded: "Refunded",
  JobSettled: "Settled",
  DisputeOpened: "Disputed",
  DisputeAnswered: "Dispute answered",
  Evidence: "Evidence added",
  Ruling: "Ruled",
  DisputeDefaulted: "Dispute settled by default",
  DisputeSettled: "Dispute paid out",
  PaymentHeld: "Share held under warranty",
  ClaimFiled: "Warranty claim filed",
  ClaimAnswered: "Warranty claim answered",
  ClaimEvidence: "Claim evidence added",
  ClaimRuled: "Warranty claim ruled",
  HeldReturned: "Part of the held share returned",
  HeldSettled: "Held share paid out",
};

export function eventLabel(kind: string): string {
  return EVENT_WORDS[kind] ?? kind.replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** Short words for a job's status, and whether it is still running. */
export function statusTone(status: string): "open" | "closed" | "active" | "done" | "stopped" {
  if (status === "Open") return "open";
  if (status === AWAITING_AWARD || status === AWAITING_PICK || status === REVEALING) return "closed";
  if (status === "Awarded" || status === "Delivered" || status === "Disputed") return "active";
  if (status === "Settled") return "done";
  return "stopped";
}

export const AWAITING_AWARD = "Awaiting award";
export const AWAITING_PICK = "Awaiting the buyer's pick";
export const REVEALING = "Revealing sealed bids";

/** How an RFQ is awarded, in a few words (the indexer's mode name). */
export function modeLabel(mode: string | null | undefined): string {
  return mode === "BuyerChoice" ? "buyer's choice" : mode === "SealedLowestPrice" ? "sealed bids, lowest revealed wins" : "lowest price wins";
}

/** Whether an Open RFQ's bidding has closed by the chain's time `now` (it takes no more bids; it waits for the
 * award, or for the buyer's pick). */
export function biddingClosed(job: { status: string; bidDeadline?: number | null }, now: number): boolean {
  return job.status === "Open" && job.bidDeadline !== null && job.bidDeadline !== undefined && now >= job.bidDeadline;
}

/** What a job's status pill says: "Open" only while bids are taken; an Open RFQ past its bid deadline is
 * "Awaiting award" (lowest price; sealed bids once revealed), "Awaiting the buyer's pick" (buyer's choice) or
 * "Revealing sealed bids" (sealed bids, in the reveal window). */
export function displayStatus(job: { status: string; mode?: string | null; bidDeadline?: number | null; awardDeadline?: number | null }, now?: number): string {
  if (now === undefined || !biddingClosed(job, now)) return job.status;
  if (job.mode === "SealedLowestPrice" && job.awardDeadline != null && now < job.awardDeadline) return REVEALING;
  return job.mode === "BuyerChoice" ? AWAITING_PICK : AWAITING_AWARD;
}

/** A token's symbol when known, else its short address. */
export function tokenLabel(address: string, tokens: Record<string, TokenInfo>): string {
  return tokens[address.toLowerCase()]?.symbol ?? shortAddress(address);
}

/** A plotted value with its symbol, short: "4.75 mUSD", "0.05 ETH". */
export function formatPlotValue(value: number, symbol: string): string {
  return `${value.toLocaleString("en-US", { maximumSignificantDigits: 6 })} ${symbol}`;
}

/** Base units → a float in token units, for plotting only. */
export function toUnitsNumber(value: string | bigint, decimals: number): number {
  return Number(formatUnits(BigInt(value), decimals));
}
