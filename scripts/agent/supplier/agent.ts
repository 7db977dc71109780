// A supplier agent: follows Tender's events, bids on the RFQs it can do (its categories, floors it meets, arbitrators
// it accepts, tokens it has prices for), lowers its bid when outbid if its strategy says so, does the work with its
// worker, delivers, answers disputes, finalizes lapsed reviews, and withdraws what it is credited. Every transaction
// goes through one queue (no nonce races); the work runs beside it, several jobs at once. Its state file makes a
// restart pick up where it stopped: the event cursor, and each job's phase, re-checked against the chain.
//
// This module wires the phases over one shared context (context.ts): discovery.ts (the events, what to take on),
// bidding.ts, work.ts, disputes.ts, deadlines.ts (the periodic checks) and money.ts (bonds, credits). They reach the
// chain only through the SDK client bound to the deployment.
import type { Address } from "viem";
import { openingStore } from "@tender/sdk/sealed-store";
import * as sdk from "@tender/sdk";
import type { AgentContext, AgentOptions } from "./context.ts";
import { checkDeadlines } from "./deadlines.ts";
import { follow } from "./discovery.ts";
import { type AgentState, loadState, saveState } from "./state.ts";
import { agentCard, registerCard, serveCard } from "./card.ts";

export type { AgentOptions, ArbitratorPolicy, TokenPrices } from "./context.ts";
export { isAcceptedArbitrator, refusedBy } from "./policy.ts";

export interface RunningAgent {
  address: Address;
  state: () => AgentState;
  /** Resolves once the agent has handled every event up to the chain's head and finished its deadline checks. */
  caughtUp: () => Promise<void>;
  stop: () => Promise<void>;
}

export function startAgent(o: AgentOptions): RunningAgent {
  // ERC-20 approvals (a bond, a dispute's answer) follow the SDK's one allowance policy, logged as they happen.
  const market = sdk.tender({ reader: o.reader, writer: o.writer }, o.deployment, {
    onApproval: (event) => {
      if (event.phase === "sent" || event.phase === "mined") o.log(`approving ${sdk.formatAmount(event.amount, event.token)} for the escrow: ${event.phase} (${event.hash})`, { approval: event.hash, phase: event.phase });
    },
  });
  const state = loadState(o.statePath);
  // One queue for transactions and state changes.
  let queue: Promise<unknown> = Promise.resolve();
  let signingQueue: Promise<unknown> = Promise.resolve();
  const ctx: AgentContext = {
    o,
    me: market.account,
    market,
    state,
    save: () => saveState(o.statePath, state),
    serial: <T>(task: () => Promise<T>): Promise<T> => {
      const run = queue.then(task);
      queue = run.catch(() => undefined);
      return run;
    },
    signing: <T>(task: () => Promise<T>): Promise<T> => {
      const run = signingQueue.then(task);
      signingQueue = run.catch(() => undefined);
      return run;
    },
    nextNonce: 0n,
    openings: openingStore(`${o.statePath}.openings`),
    log: o.log,
    categories: new Map(o.categories.map((name) => [sdk.categoryId(name), name])),
    working: new Set(),
    stopped: false,
  };

  const watcher = follow(ctx);
  const waiters: (() => void)[] = [];
  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ctx.serial(() => checkDeadlines(ctx)).then(
      () => {
        for (const resolve of waiters.splice(0)) resolve();
      },
      (error: unknown) => o.log(`deadline check failed: ${sdk.describeError(error)}`, { error: "tick" }),
    );
  }, o.pollingInterval ?? 1_000);

  o.log(`${o.name} (${ctx.me}) is running: ${o.categories.join(", ")}; ${o.strategy.name}; worker ${o.worker.name}`, { started: true });
  // Its agent card, served and registered as its profile (a registration that fails — no gas, say — is logged).
  const card = o.card
    ? serveCard((url) => agentCard(o, ctx.me, url, o.card!), o.card).then(async (served) => {
        o.log(`serving its agent card at ${served.url}`, { card: served.url });
        try {
          const done = await ctx.serial(() => registerCard(market, o.reader, o.deployment.registry, ctx.me, served.url));
          if (done !== "unchanged") o.log(`${done} its agent card with the supplier registry`, { card: done });
        } catch (error) {
          o.log(`registering its agent card failed: ${sdk.describeError(error)}`, { error: "card" });
        }
        return served;
      })
    : undefined;
  return {
    address: ctx.me,
    state: () => state,
    caughtUp: async () => {
      await watcher.caughtUp();
      await new Promise<void>((resolve) => waiters.push(resolve));
    },
    stop: async () => {
      ctx.stopped = true;
      clearInterval(timer);
      await (await card?.catch(() => undefined))?.close();
      await watcher.stop();
      await ticking;
      await queue;
      ctx.save();
    },
  };
}
