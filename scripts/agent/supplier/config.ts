// The agent's configuration file (agent.json): what it works on, how it prices, whom it trusts. Paths in it are
// relative to the file. Amounts are in token units ("4.5"), keyed by "ETH", the deployment's stablecoin symbol or
// a token address.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isAddress } from "viem";
import type { ArbitratorPolicy } from "./context.ts";
import type { StrategyConfig } from "./strategies.ts";
import { type SafetyPolicy, safetyProblems } from "./policy.ts";

export interface AgentConfig {
  name: string;
  categories: string[];
  /** A built-in worker name ("text-transform") or a module path. */
  worker: string;
  strategy: StrategyConfig;
  /** Per token: the cost of a job and the lowest price taken. */
  prices: Record<string, { cost: string; floor: string }>;
  arbitrators?: ArbitratorPolicy;
  /** Limits on the terms it takes (bond share, award window, delivery window against its worker's time, ruling window). */
  safety?: SafetyPolicy;
  maxJobs?: number;
  respondToDisputes?: boolean;
  /** Where the agent keeps its state (default: <name>.state.json beside the config). */
  state?: string;
  pollingInterval?: number;
  /** Serve its agent card on this port and register it (card.ts). */
  card?: { port: number; host?: string; publicUrl?: string; description?: string; mcp?: string };
  /** Relayer URLs: the agent signs its actions and hands them to these, paying no gas for them. */
  relayers?: string[];
}

const AMOUNT = /^[0-9]+(\.[0-9]+)?$/;

/** Reads and checks a config file; every problem is reported with the field it is in. */
export function loadConfig(path: string): AgentConfig & { statePath: string; baseDir: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read the agent config ${path}: ${(error as Error).message}`);
  }
  const c = raw as Partial<AgentConfig>;
  const problems: string[] = [];
  if (typeof c.name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(c.name)) problems.push("name: letters, digits, '.', '_' or '-'");
  if (!Array.isArray(c.categories) || c.categories.length === 0 || !c.categories.every((x) => typeof x === "string" && x)) problems.push("categories: a nonempty list of category names");
  if (typeof c.worker !== "string" || !c.worker) problems.push('worker: a built-in worker ("text-transform") or a module path');
  if (typeof c.strategy !== "object" || c.strategy === null) problems.push('strategy: e.g. { "kind": "undercut", "stepPct": 5 } or { "kind": "cost-plus", "marginPct": 20 }');
  if (typeof c.prices !== "object" || c.prices === null || Object.keys(c.prices).length === 0) problems.push('prices: e.g. { "mUSD": { "cost": "3", "floor": "4" } }');
  else {
    for (const [token, p] of Object.entries(c.prices)) {
      if (!(token.toUpperCase() === "ETH" || isAddress(token, { strict: false }) || /^[A-Za-z][A-Za-z0-9]{0,10}$/.test(token))) problems.push(`prices.${token}: ETH, a token symbol or a token address`);
      if (typeof p?.cost !== "string" || !AMOUNT.test(p.cost)) problems.push(`prices.${token}.cost: an amount in token units, as a string ("3.5")`);
      if (typeof p?.floor !== "string" || !AMOUNT.test(p.floor)) problems.push(`prices.${token}.floor: an amount in token units, as a string ("4")`);
    }
  }
  const a = c.arbitrators;
  if (a !== undefined) {
    if (a.allow !== undefined && (!Array.isArray(a.allow) || !a.allow.every((x) => isAddress(x, { strict: false })))) problems.push("arbitrators.allow: a list of addresses");
    for (const key of ["maxBuyerShareBps", "minRulings", "maxTimedOut"] as const) {
      if (a[key] !== undefined && (!Number.isInteger(a[key]) || a[key]! < 0)) problems.push(`arbitrators.${key}: a whole number`);
    }
  }
  problems.push(...safetyProblems(c.safety));
  if (c.card !== undefined && (typeof c.card !== "object" || c.card === null || !Number.isInteger(c.card.port) || c.card.port < 0 || c.card.port > 65_535)) problems.push("card: { \"port\": 8700 } and optionally host, publicUrl, description, mcp");
  if (c.maxJobs !== undefined && (!Number.isInteger(c.maxJobs) || c.maxJobs < 1)) problems.push("maxJobs: a whole number of at least 1");
  if (c.pollingInterval !== undefined && (!Number.isInteger(c.pollingInterval) || c.pollingInterval < 50)) problems.push("pollingInterval: milliseconds, at least 50");
  if (c.relayers !== undefined && (!Array.isArray(c.relayers) || !c.relayers.every((x) => typeof x === "string" && /^https?:\/\/\S+$/.test(x)))) problems.push("relayers: a list of relayer URLs (http://host:port)");
  if (problems.length) throw new Error(`the agent config ${path} is not valid:\n  ${problems.join("\n  ")}`);
  const baseDir = dirname(resolve(path));
  return { ...(c as AgentConfig), baseDir, statePath: resolve(baseDir, c.state ?? `${c.name}.state.json`) };
}
