// The agent's safety policy: each rule refuses the terms that break it (and only those), by name, with the trap the
// issue names — a buyer's-choice RFQ with a 100% bond, a 365-day award window and a 1-hour delivery window — refused
// at its first broken rule; terms within every limit pass. The agent applies it before it signs or sends anything
// (test/agent/agent.test.ts shows running agents skipping the trap).
import { describe, expect, it } from "vitest";
import { DEFAULT_SAFETY, type JobTerms, SAFETY_RULES, refusedBy, safetyProblems } from "../../scripts/agent/supplier/policy.ts";

const HOUR = 3_600;
const DAY = 24 * HOUR;
const ARBITRATOR = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CLEAN = { rulingsForBuyer: 0, rulingsForSupplier: 0, rulingsEven: 0, timedOut: 0 };
/** Terms within every default limit. */
const fair: JobTerms = { bondBps: 1_000, awardWindow: DAY, deliveryWindow: DAY, arbitrator: ARBITRATOR, ruleWindow: 3 * DAY, arbitratorRecord: CLEAN };

describe("the agent's safety policy", () => {
  it("takes terms within every limit", () => {
    expect(refusedBy({}, {}, fair)).toBeUndefined();
    expect(refusedBy({}, {}, { ...fair, awardWindow: 0, deliveryWindow: HOUR })).toBeUndefined(); // lowest price, an hour to deliver
  });

  it("refuses the trap at its first broken rule, and each of its parts on its own", () => {
    const trap: JobTerms = { ...fair, bondBps: 10_000, awardWindow: 365 * DAY, deliveryWindow: HOUR };
    expect(refusedBy({}, {}, trap)).toMatchObject({ rule: "bond-share", reason: "a bond of 100% of the maximum price is above this agent's 20%" });
    expect(refusedBy({ maxBondBps: 10_000 }, {}, trap)?.rule).toBe("award-window");
    expect(refusedBy({ maxBondBps: 10_000, maxAwardWindow: 365 * DAY }, {}, trap)).toMatchObject({
      rule: "award-vs-delivery",
      reason: "a pick may come at any moment of 8760 h, then only 1 h to deliver (at most 24× the delivery window)",
    });
  });

  it("refuses by each rule alone, naming it", () => {
    const cases: [string, Parameters<typeof refusedBy>[0], Parameters<typeof refusedBy>[1], JobTerms, RegExp][] = [
      ["bond-share", {}, {}, { ...fair, bondBps: 2_001 }, /bond of 20.01%/],
      ["award-window", {}, {}, { ...fair, awardWindow: 7 * DAY + 1, deliveryWindow: 7 * DAY }, /pick up to 168 h after bidding closes/],
      ["award-vs-delivery", {}, {}, { ...fair, awardWindow: 2 * DAY, deliveryWindow: HOUR }, /at most 24× the delivery window/],
      ["worker-time", { workerSeconds: 2 * HOUR }, {}, { ...fair, deliveryWindow: 5 * HOUR }, /5 h to deliver is under 3× this agent's worker time of 2 h/],
      ["arbitrator", {}, { allow: ["0x90F79bf6EB2c4f870365E785982E1f101E93b906"] }, fair, /not on the allowlist/],
      ["arbitrator", {}, { maxBuyerShareBps: 6_000, minRulings: 2 }, { ...fair, arbitratorRecord: { ...CLEAN, rulingsForBuyer: 3, rulingsForSupplier: 1 } }, /rules for buyers 75%/],
      ["arbitrator", {}, { maxTimedOut: 0 }, { ...fair, arbitratorRecord: { ...CLEAN, timedOut: 1 } }, /let 1 disputes time out/],
      ["rule-window", {}, {}, { ...fair, ruleWindow: 31 * DAY }, /may take 744 h to rule/],
    ];
    for (const [rule, policy, arbitrators, terms, reason] of cases) {
      const refused = refusedBy(policy, arbitrators, terms);
      expect(refused?.rule, rule).toBe(rule);
      expect(refused?.reason).toMatch(reason);
    }
    expect(new Set(cases.map(([rule]) => rule))).toEqual(new Set(SAFETY_RULES));
  });

  it("checks a configured policy's fields", () => {
    expect(safetyProblems(undefined)).toEqual([]);
    expect(safetyProblems({ maxBondBps: 5_000 })).toEqual([]);
    expect(safetyProblems({ maxBondBps: -1, bondCap: 3 })).toEqual([
      "safety.maxBondBps: a whole number",
      `safety.bondCap: not a limit (${Object.keys(DEFAULT_SAFETY).join(", ")})`,
    ]);
    expect(safetyProblems([1])).toEqual(["safety: an object of limits"]);
  });
});
