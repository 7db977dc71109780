// Pricing strategies: how an agent prices a bid and whether it lowers it when outbid. Built in: cost-plus (a fixed
// margin over its cost, never improved) and undercut (beat the best bid by a step, down to a floor). A module that
// exports a Strategy plugs in the same way (`"strategy": { "module": "./my-strategy.ts" }`).
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { BPS, bpsOf } from "@tender/sdk/units";

export interface PricingInput {
  /** The RFQ's maximum price, in base units of its token. */
  maxPrice: bigint;
  /** The leading bid's price when someone else leads; undefined when nobody bid or the agent leads. */
  best?: bigint;
  /** The agent's own current bid; undefined before it bids. */
  mine?: bigint;
  /** The agent's cost of doing the job and its lowest acceptable price, in the job's token. */
  cost: bigint;
  floor: bigint;
  /** The job's holdback: the share of the payment held after it is paid, and for how many seconds the buyer may
   * claim against it. Absent (or a share of 0): the whole price is paid at once. */
  warranty?: { holdbackBps: number; warrantyWindow: number };
}

export interface Strategy {
  name: string;
  /** The price to bid (or to improve to); undefined to stay out (or keep the current bid). */
  price(input: PricingInput): bigint | undefined;
}

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const DAY = 86_400n;

/** What a held share's risk adds to the cost: `premiumBps` of the cost for each day of warranty on a price held
 * whole, in proportion to the share held — cost × premiumBps × holdbackBps × window / (10,000² × 1 day), rounded
 * down. 0 with no holdback or no premium. */
export function warrantyPremium(cost: bigint, premiumBps: number, warranty: PricingInput["warranty"]): bigint {
  if (!warranty || warranty.holdbackBps === 0 || premiumBps === 0) return 0n;
  return (cost * BigInt(premiumBps) * BigInt(warranty.holdbackBps) * BigInt(warranty.warrantyWindow)) / (BPS * BPS * DAY);
}

/** cost × (1 + margin), plus the held risk's premium (warrantyPremium; none by default), never below the floor;
 * bids once and never improves. */
export function costPlus(marginBps: number, warrantyPremiumBps = 0): Strategy {
  return {
    name: `cost-plus ${marginBps / 100}%${warrantyPremiumBps ? `, ${warrantyPremiumBps / 100}% a warranty day` : ""}`,
    price({ maxPrice, mine, cost, floor, warranty }) {
      if (mine !== undefined) return undefined;
      const price = max(floor, (cost * (BPS + BigInt(marginBps))) / BPS + warrantyPremium(cost, warrantyPremiumBps, warranty));
      return price <= maxPrice ? price : undefined;
    },
  };
}

/** Opens at `startBps` of the maximum; whenever another bid leads, goes `stepBps` of that bid below it, never under
 * the floor. Stays out when it cannot beat the leader (a tie loses to the earlier bid). */
export function undercut(stepBps: number, startBps = 10_000): Strategy {
  return {
    name: `undercut by ${stepBps / 100}%`,
    price({ maxPrice, best, mine, floor }) {
      const opening = bpsOf(maxPrice, startBps);
      if (mine !== undefined && best === undefined) return undefined; // leading already
      let price = best === undefined ? opening : best - max(1n, bpsOf(best, stepBps));
      if (price > opening) price = opening;
      price = max(price, floor);
      if (price > maxPrice || (best !== undefined && price >= best) || (mine !== undefined && price >= mine)) return undefined;
      return price;
    },
  };
}

export type StrategyConfig =
  | { kind: "cost-plus"; marginPct: number; warrantyPremiumPct?: number }
  | { kind: "undercut"; stepPct: number; startPct?: number }
  | { module: string };

const pct = (field: string, value: unknown, maxPct = 1_000): number => {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > maxPct) {
    throw new Error(`strategy.${field}: ${JSON.stringify(value)} is not a percentage from 0 to ${maxPct}`);
  }
  return Math.round(value * 100);
};

export async function loadStrategy(config: StrategyConfig, baseDir: string): Promise<Strategy> {
  if ("module" in config) {
    const path = isAbsolute(config.module) ? config.module : resolve(baseDir, config.module);
    const mod = (await import(pathToFileURL(path).href)) as { default?: Strategy; strategy?: Strategy };
    const strategy = mod.default ?? mod.strategy;
    if (!strategy || typeof strategy.price !== "function" || typeof strategy.name !== "string") {
      throw new Error(`strategy module ${config.module} exports no { name, price(input) }`);
    }
    return strategy;
  }
  if (config.kind === "cost-plus") return costPlus(pct("marginPct", config.marginPct), pct("warrantyPremiumPct", config.warrantyPremiumPct ?? 0, 100));
  if (config.kind === "undercut") return undercut(pct("stepPct", config.stepPct, 100), pct("startPct", config.startPct ?? 100, 100));
  throw new Error(`strategy.kind: ${JSON.stringify((config as { kind?: unknown }).kind)} is not cost-plus or undercut (or give strategy.module)`);
}
