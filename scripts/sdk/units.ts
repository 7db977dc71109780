// Units every face shows and reads the same way: token amounts, basis points, job status names. Pure functions,
// browser-safe (no Node modules): the CLI, the web (server and client components), the agents and the indexer's
// consumers share them.
import { type Address, formatUnits, zeroAddress } from "viem";

/** A token's address, symbol and decimals: what amounts are read and written in. */
export interface TokenInfo {
  address: Address;
  symbol: string;
  decimals: number;
  /** The token could not be read: amounts are shown in base units. */
  unknown?: boolean;
}

/** Native ETH (the escrow's token address 0). */
export const ETH_TOKEN: TokenInfo = { address: zeroAddress, symbol: "ETH", decimals: 18 };

/** The largest amount the escrow holds for a job (its amounts are uint96). */
export const MAX_AMOUNT = 2n ** 96n - 1n;

// ------------------------------------------------------------------------------------------------ amounts

/** Base units given as a bigint, or as the decimal string an indexer returns; undefined for anything else. */
export function toBigInt(value: bigint | string | number | null | undefined): bigint | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "bigint") return value;
  const text = String(value);
  return /^-?\d+$/.test(text) ? BigInt(text) : undefined;
}

/** 1234500000 base units of a 6-decimal token → "1,234.5 mUSD". Exact: no rounding. Missing → "—". */
export function formatAmount(value: bigint | string | number | null | undefined, token: Pick<TokenInfo, "symbol" | "decimals">): string {
  const amount = toBigInt(value);
  if (amount === undefined) return "—";
  const [whole, fraction] = formatUnits(amount, token.decimals).split(".");
  const negative = whole!.startsWith("-");
  const digits = negative ? whole!.slice(1) : whole!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "−" : ""}${grouped}${fraction ? `.${fraction}` : ""} ${token.symbol}`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** What a person typed as an amount of `token` ("12.5", "1,000", ".5") → base units; anything else, more decimals
 * than the token has, or more than the escrow holds is refused with a sentence. */
export function parseAmount(text: string, token: Pick<TokenInfo, "symbol" | "decimals">): Parsed<bigint> {
  const trimmed = text.trim().replaceAll(",", "");
  if (!/^\d+(\.\d+)?$/.test(trimmed) && !/^\.\d+$/.test(trimmed)) {
    return { ok: false, error: `"${text}" is not an amount; write a number of ${token.symbol}, e.g. 12.5` };
  }
  const normalized = trimmed.startsWith(".") ? `0${trimmed}` : trimmed;
  const [whole, fraction = ""] = normalized.split(".");
  if (fraction.length > token.decimals) {
    return { ok: false, error: `${token.symbol} has ${token.decimals} decimals; "${text}" has ${fraction.length}` };
  }
  const value = BigInt(whole!) * 10n ** BigInt(token.decimals) + BigInt(fraction.padEnd(token.decimals, "0") || "0");
  if (value > MAX_AMOUNT) return { ok: false, error: `"${text}" is above the largest amount the escrow holds` };
  return { ok: true, value };
}

// ------------------------------------------------------------------------------------------------ basis points

/** 10,000 basis points make the whole. */
export const BPS = 10_000n;

/** `bps` basis points of `amount`, rounded down, as the escrow computes every share (fees, bonds, splits). */
export function bpsOf(amount: bigint | string, bps: number | bigint): bigint {
  return (BigInt(amount) * BigInt(bps)) / BPS;
}

/** 1000 bps → "10%", 7050 → "70.5%"; missing → "—". */
export function formatBps(bps: number | null | undefined): string {
  if (bps === null || bps === undefined) return "—";
  return `${Number((bps / 100).toFixed(2))}%`;
}

// ------------------------------------------------------------------------------------------------ job status

/** A job's status as the escrow stores it (Tender.Status). */
export const JobStatus = {
  None: 0,
  Open: 1,
  Awarded: 2,
  Delivered: 3,
  Disputed: 4,
  Settled: 5,
  Refunded: 6,
  Cancelled: 7,
} as const;
export type JobStatusName = keyof typeof JobStatus;

/** How an RFQ is awarded (Tender.AwardMode): anyone awards the lowest bid, the buyer picks, or anyone awards the
 * lowest of the sealed bids revealed after the bid deadline. */
export const AwardMode = { LowestPrice: 0, BuyerChoice: 1, SealedLowestPrice: 2 } as const;
/** The smallest bond a sealed-bid RFQ may ask, in bps of its maximum price: the escrow's MIN_SEALED_BOND_BPS (a
 * test reads it from a deployment and compares). */
export const MIN_SEALED_BOND_BPS = 500;
/** How a metric floor compares (Tender.Comparison). */
export const Comparison = { AtLeast: 0, AtMost: 1 } as const;

/** The status names by their number: STATUS_NAMES[job.status]. */
export const STATUS_NAMES = Object.keys(JobStatus) as JobStatusName[];

/** The name of a status number ("Delivered"), or the number itself when the escrow grew a status this SDK lacks. */
export function statusName(status: number): string {
  return STATUS_NAMES[status] ?? String(status);
}
