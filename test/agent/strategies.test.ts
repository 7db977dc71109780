// The pricing strategies' arithmetic, and the cost-plus premium on a held share (none unless configured).
import { describe, expect, it } from "vitest";
import { costPlus, loadStrategy, warrantyPremium } from "../../scripts/agent/supplier/strategies.ts";

const COST = 4_000_000n; // 4 mUSD
const input = { maxPrice: 10_000_000n, cost: COST, floor: 4_500_000n };
const HELD = { holdbackBps: 2_000, warrantyWindow: 30 * 86_400 };

describe("pricing a held share", () => {
  it("keeps today's cost-plus prices by default, holdback or not", async () => {
    expect(costPlus(2_500).price(input)).toBe(5_000_000n);
    expect(costPlus(2_500).price({ ...input, warranty: HELD })).toBe(5_000_000n);
    expect((await loadStrategy({ kind: "cost-plus", marginPct: 25 }, ".")).price({ ...input, warranty: HELD })).toBe(5_000_000n);
  });

  it("adds the premium per held share and warranty day when configured", async () => {
    // 1% of the cost per warranty day on a price held whole: 20% held for 30 days adds 6% of the cost.
    expect(warrantyPremium(COST, 100, HELD)).toBe(240_000n);
    expect(warrantyPremium(COST, 100, { holdbackBps: 0, warrantyWindow: 0 })).toBe(0n);
    expect(warrantyPremium(COST, 100, undefined)).toBe(0n);
    const strategy = await loadStrategy({ kind: "cost-plus", marginPct: 25, warrantyPremiumPct: 1 }, ".");
    expect(strategy.name).toBe("cost-plus 25%, 1% a warranty day");
    expect(strategy.price({ ...input, warranty: HELD })).toBe(5_240_000n);
    expect(strategy.price(input)).toBe(5_000_000n);
    // A premium that prices the bid above the maximum stays out.
    expect(strategy.price({ ...input, maxPrice: 5_100_000n, warranty: HELD })).toBeUndefined();
    await expect(loadStrategy({ kind: "cost-plus", marginPct: 25, warrantyPremiumPct: 500 }, ".")).rejects.toThrow(/strategy.warrantyPremiumPct: 500 is not a percentage from 0 to 100/);
  });
});
