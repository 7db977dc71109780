// Input checks that run before any transaction is sent. Each `…Problems` function returns every problem it finds, as
// { path, message } with a sentence for a person; each `check…` throws them as one TenderInputError (naming the first,
// carrying all), so nothing reaches the chain. The contracts check the same rules again; these only save a failed
// transaction, and let a form or the CLI show every problem at once.
import { type Address, isAddress, zeroAddress } from "viem";
import type { DirectHireParams, Warranty } from "./escrow.ts";
import type { RFQParams } from "./market.ts";
import { AwardMode, MAX_AMOUNT, MIN_SEALED_BOND_BPS } from "./units.ts";
// spec.ts imports nothing from here (no import cycle): it finds the problems, this module throws them.
import { MAX_SPEC_BYTES, type Problem, specProblems } from "./spec.ts";
import { formatDuration } from "./time.ts";

export { MAX_SPEC_BYTES };
export type { Problem };

export class TenderInputError extends Error {
  override name = "TenderInputError";
  /** The input that was refused first, e.g. "price" or "spec.category". */
  readonly field: string;
  /** Every problem found, the first being `field`'s. */
  readonly problems: readonly Problem[];

  constructor(field: string, message: string, problems: readonly Problem[] = [{ path: field, message }]) {
    super(`${field}: ${message}`);
    this.field = field;
    this.problems = problems;
  }
}

/** Throws the problems as one TenderInputError (its field and message the first's); does nothing when there are none. */
export function throwProblems(problems: readonly Problem[]): void {
  const [first] = problems;
  if (first) throw new TenderInputError(first.path, first.message, problems);
}

/** [the problem] when `message` is given, else []. */
const problemIf = (path: string, message: string | false | undefined): Problem[] => (message ? [{ path, message }] : []);

/** The deployment's default window bounds (1 hour to 365 days). */
export const DEFAULT_WINDOW_BOUNDS = { min: 3_600, max: 365 * 86_400 } as const;

export function addressProblems(path: string, value: string, { nonZero = true } = {}): Problem[] {
  if (!isAddress(value, { strict: false })) return problemIf(path, `${value || '""'} is not an address (0x and 40 hex digits).`);
  return problemIf(path, nonZero && value.toLowerCase() === zeroAddress && "The zero address is not allowed here.");
}

export function amountProblems(path: string, value: bigint): Problem[] {
  if (value <= 0n) return problemIf(path, "Give an amount above zero.");
  return problemIf(path, value > MAX_AMOUNT && `${value} is above the largest amount (2^96 − 1).`);
}

/** Seconds in words when they are whole minutes (or under one), else as seconds. */
const durationWords = (seconds: number) => (Number.isInteger(seconds) && seconds >= 0 && (seconds < 60 || seconds % 60 === 0) ? formatDuration(seconds) : `${seconds} s`);

export function windowProblems(path: string, seconds: number, bounds = DEFAULT_WINDOW_BOUNDS): Problem[] {
  const inside = Number.isInteger(seconds) && seconds >= bounds.min && seconds <= bounds.max;
  return problemIf(path, !inside && `Choose a window from ${durationWords(bounds.min)} to ${durationWords(bounds.max)}; ${durationWords(seconds)} is not.`);
}

/** A share in basis points (10,000 = 100%), told in percent. */
export function bpsProblems(path: string, value: number, max: number): Problem[] {
  const inside = Number.isInteger(value) && value >= 0 && value <= max;
  return problemIf(path, !inside && `Give a share from 0% to ${max / 100}%; ${value / 100}% (${value} bps) is not.`);
}

/** A URI the escrow stores (statement, evidence, deliverable, profile): nonempty, with a scheme, no spaces. */
export function uriProblems(path: string, uri: string): Problem[] {
  return problemIf(path, !/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri) && `${JSON.stringify(uri)} is not a URI (e.g. ipfs://…, https://…, data:…)`);
}

/** A 32-byte hash that must not be zero (a deliverable's hash). (This and uriProblems keep their words: the web's job
 * page shows them at its fields as they are.) */
export function hashProblems(path: string, hash: string): Problem[] {
  if (!/^0x[0-9a-fA-F]{64}$/.test(hash)) return problemIf(path, `${hash} is not a 32-byte hex hash`);
  return problemIf(path, /^0x0{64}$/.test(hash) && "must not be zero");
}

export function jobIdProblems(jobId: bigint): Problem[] {
  return problemIf("jobId", jobId <= 0n && `${jobId} is not a job id (they start at 1).`);
}

/** A payment's index (a job paid at once has one, 0); undefined stands for 0. */
export function paymentProblems(payment: bigint | number | undefined): Problem[] {
  if (payment === undefined) return [];
  const ok = typeof payment === "bigint" ? payment >= 0n : Number.isSafeInteger(payment) && payment >= 0;
  return problemIf("payment", !ok && `${payment} is not a payment index (0 for a job paid at once, then 1, 2, …).`);
}

export function ratingProblems(rating: number): Problem[] {
  return problemIf("rating", !(Number.isInteger(rating) && rating >= 1 && rating <= 5) && `Give a rating from 1 to 5 stars; ${rating} is not.`);
}

/** The rating a confirm takes for the milestone in progress of a job in milestones (`count` milestones, `current`
 * in progress): 0 before the last (the work is rated once, on the last), 1 to 5 on the last. Without a milestone
 * (a job paid at once): 1 to 5. */
export function confirmRatingProblems(rating: number, milestone?: { count: number; current: number }): Problem[] {
  if (!milestone || milestone.current + 1 >= milestone.count) return ratingProblems(rating);
  return problemIf(
    "rating",
    rating !== 0 &&
      `Milestone ${milestone.current + 1} of ${milestone.count} is not the last: confirm it with rating 0; the work is rated (1 to 5) when you confirm the last milestone, not ${rating}.`,
  );
}

/** What a direct hire and an RFQ share (but the spec, checked last): the token, the arbitrator, the windows after the
 * award, the default split. */
function termsProblems(p: DirectHireParams | RFQParams): Problem[] {
  return [
    ...addressProblems("token", p.token, { nonZero: false }),
    ...addressProblems("arbitrator", p.arbitrator),
    ...windowProblems("deliveryWindow", p.deliveryWindow),
    ...windowProblems("reviewWindow", p.reviewWindow),
    ...bpsProblems("defaultBuyerShareBps", p.defaultBuyerShareBps, 5_000),
  ];
}

/** The most of each payment a job may hold back under warranty (MAX_HOLDBACK_BPS: 50%). */
export const MAX_HOLDBACK_BPS = 5_000;

/** Every problem with a holdback and its warranty (none when omitted): a share of at most 50%, a warranty window
 * inside the window bounds when something is held and none otherwise, and a held bond only on an RFQ (`rfq`) that
 * holds something back. */
export function warrantyProblems(w: Warranty | undefined, { rfq }: { rfq: boolean }): Problem[] {
  if (w === undefined) return [];
  const share = bpsProblems("warranty.holdbackBps", w.holdbackBps, MAX_HOLDBACK_BPS);
  const held = share.length === 0 && w.holdbackBps > 0;
  const window =
    share.length > 0
      ? []
      : held
        ? windowProblems("warranty.warrantyWindow", w.warrantyWindow)
        : problemIf("warranty.warrantyWindow", w.warrantyWindow !== 0 && `A warranty window needs a holdback: give a holdback with it, or no window (${durationWords(w.warrantyWindow)} given).`);
  const bond = !w.holdBond
    ? []
    : !rfq
      ? problemIf("warranty.holdBond", "A direct hire has no bond to hold: holding the bond applies to RFQs only.")
      : problemIf("warranty.holdBond", share.length === 0 && !held && "A bond can be held only with a holdback: give a holdback, or do not hold the bond.");
  return [...share, ...window, ...bond];
}

/** Every problem with a direct hire ([] when it may be sent). `buyer`: who posts it, when known. */
export function directHireProblems(p: DirectHireParams, buyer?: Address): Problem[] {
  const supplier = addressProblems("supplier", p.supplier);
  const self = supplier.length === 0 && buyer !== undefined && p.supplier.toLowerCase() === buyer.toLowerCase();
  return [
    ...supplier,
    ...problemIf("supplier", self && "You cannot hire yourself: the supplier is your own address."),
    ...amountProblems("price", p.price),
    ...termsProblems(p),
    ...warrantyProblems(p.warranty, { rfq: false }),
    ...specProblems(p.spec, p.category),
  ];
}

/** Every problem with an RFQ ([] when it may be sent). `now`: the chain's time, in seconds. */
export function rfqProblems(p: RFQParams, now: number): Problem[] {
  const { floors } = p;
  const rating = Number.isInteger(floors.minAvgRating) && floors.minAvgRating >= 0 && floors.minAvgRating <= 500;
  const sealed = p.mode === AwardMode.SealedLowestPrice;
  const mode =
    p.mode === AwardMode.BuyerChoice || sealed
      ? windowProblems("awardWindow", p.awardWindow)
      : [
          ...problemIf("mode", p.mode !== AwardMode.LowestPrice && `${p.mode} is not an award mode: ${AwardMode.LowestPrice} (the lowest bid wins), ${AwardMode.BuyerChoice} (the buyer picks) or ${AwardMode.SealedLowestPrice} (sealed bids, the lowest revealed wins).`),
          ...problemIf("awardWindow", p.mode === AwardMode.LowestPrice && p.awardWindow !== 0 && "An RFQ that goes to the lowest bid has no award window: give 0."),
        ];
  // A sealed bid must put a bond at stake: at least the minimum share of the maximum price as the bond is taken
  // (rounded down), so never nothing (as the escrow checks it).
  const bond = (p.maxPrice * BigInt(floors.bondBps)) / 10_000n;
  const sealedBond = sealed && (floors.bondBps < MIN_SEALED_BOND_BPS || bond * 10_000n < p.maxPrice * BigInt(MIN_SEALED_BOND_BPS));
  return [
    ...amountProblems("maxPrice", p.maxPrice),
    ...windowProblems("bidDeadline", p.bidDeadline - now),
    ...mode,
    ...termsProblems(p),
    ...warrantyProblems(p.warranty, { rfq: true }),
    ...bpsProblems("floors.bondBps", floors.bondBps, 10_000),
    ...problemIf("floors.bondBps", sealedBond && `Sealed bids need a bond of at least ${MIN_SEALED_BOND_BPS / 100}% of the maximum price (and more than nothing), not ${floors.bondBps / 100}%: without one a bidder could commit under several names and reveal only the one that best undercuts the rest.`),
    ...bpsProblems("floors.maxLossShareBps", floors.maxLossShareBps, 10_000),
    ...(floors.maxClawbackShareBps === undefined ? [] : bpsProblems("floors.maxClawbackShareBps", floors.maxClawbackShareBps, 10_000)),
    ...problemIf("floors.minAvgRating", !rating && `Give an average rating from 0 to 5 stars; ${floors.minAvgRating / 100} stars (${floors.minAvgRating} as rating × 100) is not.`),
    ...problemIf("floors.metrics", floors.metrics.length > 8 && `Give at most 8 metric floors, not ${floors.metrics.length}.`),
    ...floors.metrics.flatMap((m, i) => addressProblems(`floors.metrics[${i}].attestor`, m.attestor)),
    ...specProblems(p.spec, p.category),
  ];
}

// The throwing checks every SDK action runs before sending.

export function checkAddress(field: string, value: string, options?: { nonZero?: boolean }): asserts value is Address {
  throwProblems(addressProblems(field, value, options));
}
export const checkAmount = (field: string, value: bigint): void => throwProblems(amountProblems(field, value));
export const checkWindow = (field: string, seconds: number, bounds = DEFAULT_WINDOW_BOUNDS): void => throwProblems(windowProblems(field, seconds, bounds));
export const checkBps = (field: string, value: number, max: number): void => throwProblems(bpsProblems(field, value, max));
export const checkUri = (field: string, uri: string): void => throwProblems(uriProblems(field, uri));
export const checkHash = (field: string, hash: string): void => throwProblems(hashProblems(field, hash));
export const checkJobId = (jobId: bigint): void => throwProblems(jobIdProblems(jobId));
export const checkPayment = (payment: bigint | number | undefined): void => throwProblems(paymentProblems(payment));
export const checkRating = (rating: number): void => throwProblems(ratingProblems(rating));
export const checkConfirmRating = (rating: number, milestone?: { count: number; current: number }): void =>
  throwProblems(confirmRatingProblems(rating, milestone));

/** A spec is UTF-8 JSON of at most 8 KiB: an object with version 1, a title, a task, and the job's category, valid
 * against the published schema (scripts/sdk/job-spec.schema.json). Throws every problem, the first as the field,
 * e.g. "spec.acceptance[0].regex". */
export const checkSpec = (spec: string, category: string): void => throwProblems(specProblems(spec, category));
