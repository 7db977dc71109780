// Input checks that run before any transaction is sent: a bad input throws a TenderInputError naming the field,
// and nothing reaches the chain. The contracts check the same rules again; these only save a failed transaction.
import { type Address, isAddress, zeroAddress } from "viem";

export class TenderInputError extends Error {
  override name = "TenderInputError";
  /** The input that was refused, e.g. "price" or "spec.category". */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

const MAX_UINT96 = 2n ** 96n - 1n;
export const MAX_SPEC_BYTES = 8_192;
/** The deployment's default window bounds (1 hour to 365 days). */
export const DEFAULT_WINDOW_BOUNDS = { min: 3_600, max: 365 * 86_400 } as const;

export function checkAddress(field: string, value: string, { nonZero = true } = {}): asserts value is Address {
  if (!isAddress(value, { strict: false })) throw new TenderInputError(field, `${value} is not an address`);
  if (nonZero && value.toLowerCase() === zeroAddress) throw new TenderInputError(field, "must not be the zero address");
}

export function checkAmount(field: string, value: bigint): void {
  if (value <= 0n) throw new TenderInputError(field, "must be above zero");
  if (value > MAX_UINT96) throw new TenderInputError(field, `${value} is above the largest amount (2^96 − 1)`);
}

export function checkWindow(field: string, seconds: number, bounds = DEFAULT_WINDOW_BOUNDS): void {
  if (!Number.isInteger(seconds) || seconds < bounds.min || seconds > bounds.max) {
    throw new TenderInputError(field, `${seconds} s is outside ${bounds.min}–${bounds.max} s`);
  }
}

export function checkBps(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new TenderInputError(field, `${value} is not a whole number of bps from 0 to ${max}`);
  }
}

export function checkRating(rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new TenderInputError("rating", `${rating} is not a whole number from 1 to 5`);
  }
}

/** A spec is UTF-8 JSON of at most 8 KiB: an object with version 1, a title, a task, and the job's category. */
export function checkSpec(spec: string, category: string): void {
  const bytes = Buffer.byteLength(spec, "utf8");
  if (bytes === 0) throw new TenderInputError("spec", "is empty");
  if (bytes > MAX_SPEC_BYTES) throw new TenderInputError("spec", `is ${bytes} bytes; at most ${MAX_SPEC_BYTES}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(spec);
  } catch (error) {
    throw new TenderInputError("spec", `is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TenderInputError("spec", "must be a JSON object");
  }
  const doc = parsed as Record<string, unknown>;
  if (doc.version !== 1) throw new TenderInputError("spec.version", "must be 1");
  for (const key of ["title", "task"] as const) {
    if (typeof doc[key] !== "string" || (doc[key] as string).trim() === "") {
      throw new TenderInputError(`spec.${key}`, "must be a nonempty string");
    }
  }
  if (doc.category !== category) {
    throw new TenderInputError("spec.category", `is ${JSON.stringify(doc.category)}, not the job's category ${JSON.stringify(category)}`);
  }
}
