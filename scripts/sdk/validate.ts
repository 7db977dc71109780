// Input checks that run before any transaction is sent: a bad input throws a TenderInputError naming the field,
// and nothing reaches the chain. The contracts check the same rules again; these only save a failed transaction.
import { type Address, isAddress, zeroAddress } from "viem";
// spec.ts imports nothing from here (no import cycle): it returns the problem, this module throws it.
import { MAX_SPEC_BYTES, specProblem } from "./spec.ts";

export { MAX_SPEC_BYTES };

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

/** A URI the escrow stores (statement, evidence, deliverable, profile): nonempty, with a scheme, no spaces. */
export function checkUri(field: string, uri: string): void {
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri)) throw new TenderInputError(field, `${JSON.stringify(uri)} is not a URI (e.g. ipfs://…, https://…, data:…)`);
}

/** A 32-byte hash that must not be zero (a deliverable's hash). */
export function checkHash(field: string, hash: string): void {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) throw new TenderInputError(field, `${hash} is not a 32-byte hex hash`);
  if (/^0x0{64}$/.test(hash)) throw new TenderInputError(field, "must not be zero");
}

export function checkJobId(jobId: bigint): void {
  if (jobId <= 0n) throw new TenderInputError("jobId", `${jobId} is not a job id (they start at 1)`);
}

export function checkRating(rating: number): void {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new TenderInputError("rating", `${rating} is not a whole number from 1 to 5`);
  }
}

/** A spec is UTF-8 JSON of at most 8 KiB: an object with version 1, a title, a task, and the job's category, valid
 * against the published schema (scripts/sdk/job-spec.schema.json). The field names the first bad part, e.g.
 * "spec.acceptance[0].regex". */
export function checkSpec(spec: string, category: string): void {
  const problem = specProblem(spec, category);
  if (problem) throw new TenderInputError(problem.field, problem.message);
}
