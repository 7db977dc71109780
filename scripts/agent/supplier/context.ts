// What every phase of the supplier agent shares: its options, the SDK client bound to the deployment (the agent's
// only way to the chain), its state and the save of it, the one transaction queue, the log; and the few helpers
// every phase uses to send, record and ask the job's state machine what the agent may do now.
import { type Address, type Hash, type Hex, formatUnits } from "viem";
import * as sdk from "@tender/sdk";
import type { AgentJob, AgentState } from "./state.ts";
import type { Strategy } from "./strategies.ts";
import type { Worker } from "../workers/worker.ts";

export interface TokenPrices {
  symbol: string;
  decimals: number;
  /** The agent's cost of a job, and the lowest price it takes, in base units. */
  cost: bigint;
  floor: bigint;
}

/** Which arbitrators the agent accepts: an allowlist, or thresholds on their record (a supplier fears an arbitrator
 * that rules for buyers far more often than not, or lets disputes time out). */
export interface ArbitratorPolicy {
  allow?: Address[];
  /** Largest share of rulings for the buyer, in bps (counted once the arbitrator has minRulings rulings). */
  maxBuyerShareBps?: number;
  minRulings?: number;
  maxTimedOut?: number;
}

export interface AgentOptions {
  name: string;
  reader: sdk.Reader;
  writer: sdk.Writer;
  deployment: sdk.Deployment;
  worker: Worker;
  strategy: Strategy;
  categories: string[];
  /** By token address, lowercase. Jobs in other tokens are not bid on. */
  prices: Map<string, TokenPrices>;
  arbitrators: ArbitratorPolicy;
  /** Jobs in progress (bidding, won, delivered, disputed) at most; default 3. */
  maxJobs?: number;
  /** Answer disputes on delivered work (paying the arbitrator's fee); default true. */
  respondToDisputes?: boolean;
  statePath: string;
  /** Milliseconds between polls and deadline checks; default 1,000. */
  pollingInterval?: number;
  log: (line: string, detail?: Record<string, unknown>) => void;
}

export interface AgentContext {
  o: AgentOptions;
  /** The agent's address (its writer's account). */
  me: Address;
  market: sdk.TenderClient;
  state: AgentState;
  save: () => void;
  /** One queue for transactions and state changes (no nonce races). */
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  log: AgentOptions["log"];
  /** The categories it works in, by their on-chain id. */
  categories: Map<Hex, string>;
  /** Jobs whose worker is running now. */
  working: Set<string>;
  stopped: boolean;
}

/** An amount in the token's units when the agent has prices for it. */
export function amount(ctx: AgentContext, value: bigint | string, token: Address): string {
  const t = ctx.o.prices.get(token.toLowerCase());
  return t ? `${formatUnits(BigInt(value), t.decimals)} ${t.symbol}` : `${value} (base units)`;
}

/** Sends one transaction and waits for it; a refusal is logged, not thrown. */
export async function send(ctx: AgentContext, what: string, jobId: bigint | undefined, action: () => Promise<Hash>): Promise<boolean> {
  try {
    await ctx.market.wait(await action());
    return true;
  } catch (error) {
    ctx.log(`${what}${jobId === undefined ? "" : ` on job ${jobId}`} failed: ${sdk.describeError(error)}`, { jobId: jobId?.toString(), error: sdk.revertOf(error)?.name ?? "failure" });
    return false;
  }
}

/** Changes a job's record and saves the state. */
export function update(ctx: AgentContext, jobId: bigint, change: Partial<AgentJob>): void {
  const id = String(jobId);
  ctx.state.jobs[id] = { ...ctx.state.jobs[id]!, ...change };
  ctx.save();
}

/** What the agent may do with a job now, from the SDK's state machine (at the next block's time, `now`); the
 * warranty actions of `payment` (default: the job's latest). */
export async function actionsOn(ctx: AgentContext, jobId: bigint, payment?: number) {
  const { now, actions } = await ctx.market.read.actions({ jobId, account: ctx.me, ...(payment === undefined ? {} : { payment }) });
  return { now, of: (action: sdk.JobAction) => actions.find((a) => a.action === action)! };
}

/** The time a transaction sent now is mined at, at the earliest (the next block's). */
export const chainTime = (ctx: AgentContext): Promise<number> => sdk.pendingTime(ctx.market.reader);

/** A state machine's reason as the tail of a log line: "bidding closed 3 min ago". */
export const because = (status: { reason: string }): string => status.reason.charAt(0).toLowerCase() + status.reason.slice(1).replace(/\.$/, "");
