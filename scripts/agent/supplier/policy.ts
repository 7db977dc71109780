// The agent's own safety: an RFQ's or a direct hire's terms can be a trap for an agent — a buyer's-choice RFQ with a
// 100% bond, a 365-day award window and a 1-hour delivery window makes the supplier deliver within the hour of a pick
// that may come months later, or lose a bond as large as the price. The policy refuses terms the agent cannot meet,
// by named rule, before anything is signed or sent. It is pure: the terms and the arbitrator's record in, the first
// rule broken (or none) out.
import { type Address, isAddressEqual } from "viem";
import type { ArbitratorPolicy } from "./context.ts";

/** What the operator allows; every field has a default. */
export interface SafetyPolicy {
  /** Largest bond, in bps of the maximum price (default 2,000: 20%). */
  maxBondBps?: number;
  /** Longest award window of a buyer's-choice RFQ, in seconds: the bond is locked and the agent on call that long
   * (default 7 days). */
  maxAwardWindow?: number;
  /** Largest award window per second of delivery window (default 24: a day's wait per hour to deliver). A pick that
   * may come at any moment of a long window, with a short time to deliver after it, is a trap. */
  maxAwardToDeliveryRatio?: number;
  /** How long the agent's worker takes for a job, in seconds (default 600). */
  workerSeconds?: number;
  /** The delivery window must be at least this many times the worker's time (default 3), or one slow run misses it. */
  minDeliveryMargin?: number;
  /** Longest ruling window of the arbitrator's terms, in seconds (default 30 days): the price is locked that long in
   * a dispute. */
  maxRuleWindow?: number;
}

export const DEFAULT_SAFETY = {
  maxBondBps: 2_000,
  maxAwardWindow: 7 * 86_400,
  maxAwardToDeliveryRatio: 24,
  workerSeconds: 600,
  minDeliveryMargin: 3,
  maxRuleWindow: 30 * 86_400,
} as const satisfies Required<SafetyPolicy>;

/** The rules, in the order they are checked. */
export const SAFETY_RULES = ["bond-share", "award-window", "award-vs-delivery", "worker-time", "arbitrator", "rule-window"] as const;
export type SafetyRule = (typeof SAFETY_RULES)[number];

/** A job's terms as the policy reads them (a direct hire: no bond, no award window). */
export interface JobTerms {
  bondBps: number;
  /** 0 unless buyer's choice. */
  awardWindow: number;
  deliveryWindow: number;
  arbitrator: Address;
  /** The arbitrator's terms' ruling window, in seconds. */
  ruleWindow: number;
  arbitratorRecord: { rulingsForBuyer: number; rulingsForSupplier: number; rulingsEven: number; timedOut: number };
}

/** The first rule the terms break, with a sentence, or undefined when the agent may take the job. */
export function refusedBy(
  policy: SafetyPolicy,
  arbitrators: ArbitratorPolicy,
  t: JobTerms,
): { rule: SafetyRule; reason: string } | undefined {
  const p = { ...DEFAULT_SAFETY, ...policy };
  const hours = (seconds: number) => `${+(seconds / 3_600).toFixed(2)} h`;
  if (t.bondBps > p.maxBondBps) {
    return { rule: "bond-share", reason: `a bond of ${t.bondBps / 100}% of the maximum price is above this agent's ${p.maxBondBps / 100}%` };
  }
  if (t.awardWindow > p.maxAwardWindow) {
    return { rule: "award-window", reason: `the buyer may pick up to ${hours(t.awardWindow)} after bidding closes; this agent waits at most ${hours(p.maxAwardWindow)} with its bond locked` };
  }
  if (t.awardWindow > 0 && t.awardWindow > t.deliveryWindow * p.maxAwardToDeliveryRatio) {
    return { rule: "award-vs-delivery", reason: `a pick may come at any moment of ${hours(t.awardWindow)}, then only ${hours(t.deliveryWindow)} to deliver (at most ${p.maxAwardToDeliveryRatio}× the delivery window)` };
  }
  if (t.deliveryWindow < p.workerSeconds * p.minDeliveryMargin) {
    return { rule: "worker-time", reason: `${hours(t.deliveryWindow)} to deliver is under ${p.minDeliveryMargin}× this agent's worker time of ${hours(p.workerSeconds)}` };
  }
  const arbitrator = isAcceptedArbitrator(arbitrators, t.arbitrator, t.arbitratorRecord);
  if (arbitrator) return { rule: "arbitrator", reason: arbitrator };
  if (t.ruleWindow > p.maxRuleWindow) {
    return { rule: "rule-window", reason: `the arbitrator may take ${hours(t.ruleWindow)} to rule; this agent accepts at most ${hours(p.maxRuleWindow)}` };
  }
  return undefined;
}

/** Whether the agent accepts an arbitrator (its allowlist, or limits on its record): the reason it does not, if so. */
export function isAcceptedArbitrator(policy: ArbitratorPolicy, arbitrator: Address, record: { rulingsForBuyer: number; rulingsForSupplier: number; rulingsEven: number; timedOut: number }): string | undefined {
  if (policy.allow) return policy.allow.some((a) => isAddressEqual(a, arbitrator)) ? undefined : "arbitrator not on the allowlist";
  const rulings = record.rulingsForBuyer + record.rulingsForSupplier + record.rulingsEven;
  if (policy.maxBuyerShareBps !== undefined && rulings >= (policy.minRulings ?? 1) && rulings > 0) {
    const share = (record.rulingsForBuyer * 10_000) / rulings;
    if (share > policy.maxBuyerShareBps) return `arbitrator rules for buyers ${(share / 100).toFixed(0)}% of the time`;
  }
  if (policy.maxTimedOut !== undefined && record.timedOut > policy.maxTimedOut) return `arbitrator let ${record.timedOut} disputes time out`;
  return undefined;
}

/** Problems with a configured policy (for the config file's check). */
export function safetyProblems(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ["safety: an object of limits"];
  const problems: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (!(key in DEFAULT_SAFETY)) problems.push(`safety.${key}: not a limit (${Object.keys(DEFAULT_SAFETY).join(", ")})`);
    else if (!Number.isInteger(v) || (v as number) < 0) problems.push(`safety.${key}: a whole number`);
  }
  return problems;
}
