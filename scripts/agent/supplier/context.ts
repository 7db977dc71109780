// What every phase of the supplier agent shares: its options, the SDK client bound to the deployment (the agent's
// only way to the chain), its state and the save of it, the one transaction queue, the log; and the few helpers
// every phase uses to send, record and ask the job's state machine what the agent may do now.
import { type Address, type Hash, type Hex, formatUnits } from "viem";
import * as sdk from "@tender/sdk";
import type { OpeningStore } from "@tender/sdk/sealed-store";
import type { AgentJob, AgentState } from "./state.ts";
import type { Strategy } from "./strategies.ts";
import type { SafetyPolicy } from "./policy.ts";
import type { CardConfig } from "./card.ts";
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
  /** The limits on a job's terms the agent takes (policy.ts; defaults there). */
  safety?: SafetyPolicy;
  /** Jobs in progress (bidding, won, delivered, disputed) at most; default 3. */
  maxJobs?: number;
  /** Answer disputes on delivered work (paying the arbitrator's fee); default true. */
  respondToDisputes?: boolean;
  statePath: string;
  /** Serve its agent card and register it with the supplier registry (card.ts). */
  card?: CardConfig;
  /** Relayer URLs (`tender relay`): when given, the agent signs its bids (open or sealed), deliveries, bond reclaims
   * and withdrawals, and hands each (and its reveals) to every relayer (one may censor), paying no gas for them. */
  relayers?: string[];
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
  /** One queue for signing actions for relayers (no two with the same nonce). */
  signing: <T>(task: () => Promise<T>) => Promise<T>;
  log: AgentOptions["log"];
  /** The categories it works in, by their on-chain id. */
  categories: Map<Hex, string>;
  /** Jobs whose worker is running now. */
  working: Set<string>;
  stopped: boolean;
  /** The next nonce to try for a signed action (unordered nonces: the agent counts up from the first free one). */
  nextNonce: bigint;
  /** The openings of its sealed bids, kept on disk beside the state file until revealed (a lost one loses the bond). */
  openings: OpeningStore;
}

/** Whether the agent works through relayers and so sends no transaction of its own: actions that cannot be signed
 * (an award, a cancel, a release: anyone's transactions) it leaves to others. */
export const gasless = (ctx: AgentContext): boolean => (ctx.o.relayers?.length ?? 0) > 0;

/** `plain` as the agent's own transaction, or, when it has relayers, `signed` signed and handed to all of them at
 * once: the first to carry it mines it (the others are refused by name), the agent pays no gas. Signing is one at a
 * time, so each action gets a nonce of its own. An action that moves ETH from the agent (`pays`: a bond or a fee in
 * ETH above 0) cannot be signed for — ETH comes only as the value of its owner's call — and stays its own. */
export function relayable(
  ctx: AgentContext,
  plain: () => Promise<Hash>,
  signed: () => sdk.SignableAction,
  pays?: { token: Address; amount: bigint },
): () => Promise<Hash> {
  const relayers = ctx.o.relayers;
  if (!relayers?.length || (pays && pays.token === sdk.ETH && pays.amount > 0n)) return plain;
  return async () => {
    const action = await ctx.signing(async () => {
      const nonce = await sdk.freeNonce(ctx.o.reader, { escrow: ctx.o.deployment.escrow, signer: ctx.me, from: ctx.nextNonce });
      ctx.nextNonce = nonce + 1n;
      return sdk.signAction(ctx.o.writer, ctx.o.reader, { escrow: ctx.o.deployment.escrow, action: signed(), nonce });
    });
    return (await sdk.sendToRelayers(relayers, action)).carried.hash;
  };
}

/** A reveal (it needs no signature): with relayers, handed to all of them at once (a relayer can censor, and the
 * reveal window is a deadline); without, the agent's own transaction. */
export function revealing(ctx: AgentContext, opening: sdk.SealedOpening): () => Promise<Hash> {
  const relayers = ctx.o.relayers;
  const { jobId, supplier, price, salt } = opening;
  if (!relayers?.length) return () => ctx.market.reveal({ jobId, supplier, price, salt });
  return async () => (await sdk.sendToRelayers(relayers, { escrow: ctx.o.deployment.escrow, action: { kind: "reveal", jobId, supplier, price, salt } })).carried.hash;
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
