// A supplier agent: follows Tender's events, bids on the RFQs it can do (its categories, floors it meets, arbitrators
// it accepts, tokens it has prices for), lowers its bid when outbid if its strategy says so, does the work with its
// worker, delivers, answers disputes, finalizes lapsed reviews, and withdraws what it is credited. Every transaction
// goes through one queue (no nonce races); the work runs beside it, several jobs at once. Its state file makes a
// restart pick up where it stopped: the event cursor, and each job's phase, re-checked against the chain.
import { type Address, type Hash, formatUnits, isAddressEqual, zeroAddress } from "viem";
import * as sdk from "@tender/sdk";
import { type TenderEvent, type TenderWatcher, watchTender } from "@tender/sdk/watch";
import { type AgentJob, type AgentState, loadState, saveState } from "./state.ts";
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

export interface RunningAgent {
  address: Address;
  state: () => AgentState;
  /** Resolves once the agent has handled every event up to the chain's head and finished its deadline checks. */
  caughtUp: () => Promise<void>;
  stop: () => Promise<void>;
}

const ACTIVE = new Set(["bidding", "won", "delivered", "disputed"]);

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

export function startAgent(o: AgentOptions): RunningAgent {
  const me = o.writer.account.address;
  // ERC-20 approvals (a bond, a dispute's answer) follow the SDK's one allowance policy, logged as they happen.
  const market = sdk.tender({ reader: o.reader, writer: o.writer }, o.deployment, {
    onApproval: (event) => {
      if (event.phase !== "approving") o.log(`approving ${sdk.formatAmount(event.amount, event.token)} for the escrow: ${event.phase} (${event.hash})`, { approval: event.hash, phase: event.phase });
    },
  });
  const escrow = o.deployment.escrow;
  const fromBlock = BigInt(o.deployment.startBlock);
  const maxJobs = o.maxJobs ?? 3;
  const interval = o.pollingInterval ?? 1_000;
  const state = loadState(o.statePath);
  const save = () => saveState(o.statePath, state);
  const categories = new Map(o.categories.map((name) => [sdk.categoryId(name), name]));
  const working = new Set<string>();
  let stopped = false;

  // One queue for transactions and state changes.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };
  const amount = (value: bigint | string, token: Address) => {
    const t = o.prices.get(token.toLowerCase());
    return t ? `${formatUnits(BigInt(value), t.decimals)} ${t.symbol}` : `${value} (base units)`;
  };
  const now = async () => Number((await o.reader.getBlock()).timestamp);
  let grace: number | undefined;
  const cancelGrace = async () =>
    (grace ??= await market.read.cancelGracePeriod());

  /** Sends one transaction and waits for it; a refusal is logged, not thrown. */
  async function send(what: string, jobId: bigint | undefined, action: () => Promise<Hash>): Promise<boolean> {
    try {
      await market.wait(await action());
      return true;
    } catch (error) {
      o.log(`${what}${jobId === undefined ? "" : ` on job ${jobId}`} failed: ${sdk.describeError(error)}`, { jobId: jobId?.toString(), error: sdk.revertOf(error)?.name ?? "failure" });
      return false;
    }
  }

  function update(jobId: bigint, change: Partial<AgentJob>) {
    const id = String(jobId);
    state.jobs[id] = { ...state.jobs[id]!, ...change };
    save();
  }

  // ------------------------------------------------------------------------------------------------- bidding
  async function considerRFQ(event: Extract<TenderEvent, { eventName: "RFQPosted" }>) {
    const { jobId, rfq, awardDeadline } = event.args as Required<typeof event.args>;
    if (state.jobs[String(jobId)]) return;
    const category = categories.get(rfq.category);
    if (!category) return; // not a category this agent works in
    const skip = (reason: string) => o.log(`skipping job ${jobId}: ${reason}`, { jobId: String(jobId), skipped: reason });
    const prices = o.prices.get(rfq.token.toLowerCase());
    if (!prices) return skip(`no prices for token ${rfq.token}`);
    const base = { token: rfq.token, category, maxPrice: String(rfq.maxPrice), mode: rfq.mode, bidDeadline: rfq.bidDeadline, awardDeadline, spec: rfq.spec };
    // A bid from before a crash that the state file missed is adopted first, whatever happened since: never bid
    // twice, and never forget a job it may have won or a bond it must take back.
    if (await adopt(jobId, base)) return;
    const t = await now();
    if (rfq.bidDeadline <= t) return; // bidding closed before the agent saw it
    const job = await market.read.job({ jobId });
    if (job.status !== sdk.JobStatus.Open) return;
    let spec: sdk.JobSpec;
    try {
      spec = sdk.parseSpec(rfq.spec, category);
    } catch (error) {
      return skip(`its spec is invalid (${(error as Error).message})`);
    }
    if (!o.worker.canDo(spec)) return skip(`the ${o.worker.name} worker cannot do it`);
    const active = Object.values(state.jobs).filter((j) => ACTIVE.has(j.phase)).length;
    if (active >= maxJobs) return skip(`at capacity (${active} jobs in progress)`);
    const record = await market.read.arbitrator({ arbitrator: rfq.arbitrator });
    const refusedArbitrator = isAcceptedArbitrator(o.arbitrators, rfq.arbitrator, record);
    if (refusedArbitrator) return skip(refusedArbitrator);
    const unmet = await market.read.unmetFloors({ supplier: me, token: rfq.token, floors: rfq.floors, now: t });
    if (unmet.length) return skip(`floors not met: ${unmet.map((u) => `${u.floor} ${u.actual} < ${u.required}`).join(", ")}`);

    const [leader, leading] = await market.read.bestBid({ jobId });
    const best = leader !== zeroAddress && !isAddressEqual(leader, me) ? leading : undefined;
    const price = o.strategy.price({ maxPrice: rfq.maxPrice, best, cost: prices.cost, floor: prices.floor });
    if (price === undefined) return skip(`${o.strategy.name} finds no price to offer (maximum ${amount(rfq.maxPrice, rfq.token)}${best ? `, best bid ${amount(best, rfq.token)}` : ""})`);
    const bond = sdk.bondFor(rfq.maxPrice, rfq.floors);
    const sent = await send("bidding", jobId, () => market.bid({ jobId, price, floors: rfq.floors, token: rfq.token, bond }));
    // The reply may be lost while the bid was mined: the chain decides.
    if (sent || (await adopt(jobId, base))) {
      if (!state.jobs[String(jobId)]) state.jobs[String(jobId)] = { ...base, phase: "bidding", price: String(price), bond: String(bond) };
      save();
      o.log(`bid ${amount(price, rfq.token)} on job ${jobId} (${category}, maximum ${amount(rfq.maxPrice, rfq.token)}${bond ? `, bond ${amount(bond, rfq.token)}` : ""})`, { jobId: String(jobId), bid: String(price) });
    }
  }

  /** Takes over a bid the chain has and the state file does not; true when there was one. */
  async function adopt(jobId: bigint, base: Omit<AgentJob, "phase">): Promise<boolean> {
    const bid = await market.read.bid({ jobId, supplier: me });
    if (bid.placedAt === 0) return false;
    const job = await market.read.job({ jobId });
    const mineNow = isAddressEqual(job.supplier, me);
    const phase = job.status === sdk.JobStatus.Open ? "bidding" : mineNow && job.status === sdk.JobStatus.Awarded ? "won" : mineNow && job.status >= sdk.JobStatus.Delivered ? "delivered" : "lost";
    state.jobs[String(jobId)] = { ...base, phase, price: String(bid.price), bond: String(bid.bond), bondOut: phase === "lost" && bid.bond > 0n };
    save();
    o.log(`adopted its bid of ${amount(bid.price, base.token)} on job ${jobId} (${phase})`, { jobId: String(jobId), adopted: phase });
    if (phase === "won") work(jobId);
    return true;
  }

  async function outbid(jobId: bigint, best: bigint) {
    const job = state.jobs[String(jobId)]!;
    const prices = o.prices.get(job.token.toLowerCase());
    if (!prices || (job.bidDeadline ?? 0) <= (await now())) return;
    const price = o.strategy.price({ maxPrice: BigInt(job.maxPrice), best, mine: BigInt(job.price!), cost: prices.cost, floor: prices.floor });
    if (price === undefined || price >= BigInt(job.price!)) return;
    if (await send("improving the bid", jobId, () => market.improveBid({ jobId, price }))) {
      update(jobId, { price: String(price) });
      o.log(`improved job ${jobId} to ${amount(price, job.token)} (best was ${amount(best, job.token)})`, { jobId: String(jobId), bid: String(price) });
    }
  }

  // ------------------------------------------------------------------------------------------------- direct hires
  async function considerHire(event: Extract<TenderEvent, { eventName: "DirectHirePosted" }>) {
    const { jobId, hire } = event.args as Required<typeof event.args>;
    if (state.jobs[String(jobId)]) return;
    const job = await market.read.job({ jobId });
    if (job.status !== sdk.JobStatus.Awarded || !isAddressEqual(job.supplier, me) || job.deadline <= (await now())) return; // over already
    const category = categories.get(hire.category);
    let reason: string | undefined;
    if (!category) reason = "not a category this agent works in";
    else {
      try {
        if (!o.worker.canDo(sdk.parseSpec(hire.spec, category))) reason = `the ${o.worker.name} worker cannot do it`;
      } catch (error) {
        reason = `its spec is invalid (${(error as Error).message})`;
      }
    }
    const prices = o.prices.get(hire.token.toLowerCase());
    if (!reason && (!prices || hire.price < prices.floor)) reason = `the price ${amount(hire.price, hire.token)} is below this agent's floor`;
    const base = { token: hire.token, category: category ?? hire.category, maxPrice: String(hire.price), price: String(hire.price), spec: hire.spec };
    if (reason) {
      // Declining at once gives the buyer its money back now rather than at the deadline. If it fails, the job is
      // left alone (never worked) and runs out at its deadline.
      if (await send("declining", jobId, () => market.decline({ jobId }))) {
        state.jobs[String(jobId)] = { ...base, phase: "declined", note: reason };
        save();
      }
      o.log(`declined direct hire ${jobId}: ${reason}`, { jobId: String(jobId), declined: reason });
      return;
    }
    state.jobs[String(jobId)] = { ...base, phase: "won" };
    save();
    o.log(`hired directly for job ${jobId} at ${amount(hire.price, hire.token)}`, { jobId: String(jobId) });
    work(jobId);
  }

  // ------------------------------------------------------------------------------------------------- work
  function work(jobId: bigint) {
    const id = String(jobId);
    if (working.has(id) || stopped) return;
    working.add(id);
    void (async () => {
      try {
        const job = state.jobs[id]!;
        const specText = job.spec ?? (await market.read.posting({ jobId }))?.spec;
        if (specText === undefined) throw new Error(`no posting event for job ${jobId}`);
        let output: Awaited<ReturnType<Worker["perform"]>>;
        const started = Date.now();
        try {
          output = await o.worker.perform(sdk.parseSpec(specText, job.category), { jobId, log: (line) => o.log(`job ${jobId}: ${line}`) });
        } catch (error) {
          // The work itself failed: decline, so the buyer is refunded now rather than at the deadline.
          o.log(`the worker failed on job ${jobId}: ${(error as Error).message}; declining`, { jobId: id, error: "worker" });
          await serial(async () => {
            if (!stopped && (await send("declining", jobId, () => market.decline({ jobId })))) update(jobId, { phase: "declined", note: (error as Error).message });
          });
          return;
        }
        const deliverable = sdk.encodeDeliverable(output.content, output.mediaType);
        await serial(async () => {
          if (stopped) return;
          const onChain = await market.read.job({ jobId });
          if (onChain.status !== sdk.JobStatus.Awarded || !isAddressEqual(onChain.supplier, me)) return;
          if (await send("delivering", jobId, () => market.deliver({ jobId, deliverableHash: deliverable.hash, uri: deliverable.uri }))) {
            update(jobId, { phase: "delivered", deliverable: { hash: deliverable.hash, uri: deliverable.uri } });
            o.log(`delivered job ${jobId} (${deliverable.bytes.length} bytes, worked ${Date.now() - started} ms)`, { jobId: id, delivered: deliverable.hash });
          }
        });
      } catch (error) {
        // A read or a send that failed (the RPC, say): the job stays won and the next deadline check retries.
        o.log(`working on job ${jobId} failed: ${sdk.describeError(error)}; will retry`, { jobId: id, error: "retry" });
      } finally {
        working.delete(id);
      }
    })();
  }

  async function answer(jobId: bigint) {
    const job = state.jobs[String(jobId)]!;
    const fee = await market.read.disputeFee({ jobId });
    const statement = sdk.encodeDeliverable(
      JSON.stringify({ type: "tender/dispute-response", version: 1, jobId: String(jobId), deliverable: job.deliverable ?? null, summary: `${o.name} stands by its delivery: it was produced by the ${o.worker.name} worker for this spec.` }),
      "application/json",
    );
    if (await send("answering the dispute", jobId, () => market.respond({ jobId, responseURI: statement.uri, token: job.token, fee }))) {
      update(jobId, { answered: true });
      o.log(`answered the dispute on job ${jobId} (fee ${amount(fee, job.token)})`, { jobId: String(jobId) });
    }
  }

  /** Takes back a bond the escrow still holds for a job the agent did not win; the deadline checks retry it. */
  async function reclaim(jobId: bigint) {
    const job = state.jobs[String(jobId)];
    if (!job?.bondOut) return;
    const bid = await market.read.bid({ jobId, supplier: me });
    if (bid.bond === 0n || (await send("reclaiming the bond", jobId, () => market.reclaimBond({ jobId })))) update(jobId, { bondOut: false });
  }

  // ------------------------------------------------------------------------------------------------- events
  async function handle(event: TenderEvent) {
    const args = event.args as Record<string, unknown>;
    const jobId = args.jobId as bigint | undefined;
    const mine = jobId !== undefined ? state.jobs[String(jobId)] : undefined;
    // A job this agent is the supplier of (hired, awarded, delivered or disputed), as opposed to one it only bid on.
    const supplying = mine !== undefined && (mine.phase === "won" || mine.phase === "delivered" || mine.phase === "disputed");
    switch (event.eventName) {
      case "RFQPosted":
        return considerRFQ(event);
      case "DirectHirePosted":
        if (isAddressEqual(args.supplier as Address, me)) return considerHire(event);
        return;
      case "BidPlaced":
      case "BidImproved":
        if (mine?.phase === "bidding" && !isAddressEqual(args.supplier as Address, me) && args.best === true) return outbid(jobId!, args.price as bigint);
        return;
      case "JobAwarded":
        if (!mine && isAddressEqual(args.supplier as Address, me)) {
          // Awarded a bid the state file never recorded (lost in a crash): take it over from the chain.
          const posting = await market.read.posting({ jobId: jobId! });
          const category = posting ? categories.get(posting.categoryId) : undefined;
          if (posting && category) await adopt(jobId!, { token: posting.token, category, maxPrice: String(posting.price), mode: posting.rfq?.mode, spec: posting.spec });
          return;
        }
        if (!mine || mine.phase !== "bidding") return;
        if (isAddressEqual(args.supplier as Address, me)) {
          update(jobId!, { phase: "won", price: String(args.price) });
          o.log(`won job ${jobId} at ${amount(args.price as bigint, mine.token)}`, { jobId: String(jobId), won: String(args.price) });
          return work(jobId!);
        }
        update(jobId!, { phase: "lost", bondOut: BigInt(mine.bond ?? 0) > 0n });
        o.log(`lost job ${jobId} to ${args.supplier} at ${amount(args.price as bigint, mine.token)}`, { jobId: String(jobId), lost: String(args.price) });
        return reclaim(jobId!);
      case "JobCancelled":
        if (mine?.phase !== "bidding") return;
        update(jobId!, { phase: "lost", note: "cancelled", bondOut: BigInt(mine.bond ?? 0) > 0n });
        return reclaim(jobId!);
      case "JobDelivered":
        if (supplying) update(jobId!, { phase: "delivered", reviewEndsAt: Number(args.reviewEndsAt) });
        return;
      case "JobSettled":
        if (supplying) {
          update(jobId!, { phase: "paid", earned: String(args.toSupplier) });
          o.log(`paid ${amount(args.toSupplier as bigint, mine.token)} for job ${jobId}${Number(args.rating) ? ` (rated ${args.rating}/5)` : ""}`, { jobId: String(jobId), paid: String(args.toSupplier), rating: Number(args.rating) });
        }
        return;
      case "JobRefunded":
        if (supplying) update(jobId!, { phase: "refunded" });
        return;
      case "DisputeOpened":
        if (!mine || mine.phase !== "delivered") return;
        update(jobId!, { phase: "disputed", answered: false });
        o.log(`job ${jobId} is disputed: ${args.statementURI}`, { jobId: String(jobId), disputed: true });
        if (o.respondToDisputes ?? true) await answer(jobId!); // retried by the deadline checks if it fails
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------------------------------------------- deadlines
  async function tick() {
    const t = await now();
    for (const [id, job] of Object.entries(state.jobs)) {
      if (stopped) return;
      const jobId = BigInt(id);
      if (job.phase === "bidding" && (job.bidDeadline ?? 0) < t) {
        const onChain = await market.read.job({ jobId });
        if (onChain.status === sdk.JobStatus.Open) {
          if (job.mode === sdk.AwardMode.LowestPrice) {
            // Anyone may award a lowest-price RFQ once bidding closed: the leader at once, to start; another bidder
            // after a few minutes, to free its bond if nobody else did.
            const [leader] = await market.read.bestBid({ jobId });
            if (isAddressEqual(leader, me) || t >= (job.bidDeadline ?? 0) + 300) await send("awarding", jobId, () => market.award({ jobId }));
          } else if (job.awardDeadline !== undefined && t >= job.awardDeadline + (await cancelGrace())) {
            // A buyer's choice the buyer never made: anyone may cancel it after the grace period.
            await send("cancelling the lapsed RFQ", jobId, () => market.cancel({ jobId }));
          }
        } else if (onChain.status === sdk.JobStatus.Cancelled || !isAddressEqual(onChain.supplier, me)) {
          // The chain got there before the event did: it decides.
          update(jobId, { phase: "lost", bondOut: BigInt(job.bond ?? 0) > 0n });
          o.log(onChain.status === sdk.JobStatus.Cancelled ? `lost job ${jobId}: cancelled` : `lost job ${jobId} to ${onChain.supplier} at ${amount(onChain.price, job.token)}`, { jobId: id, lost: String(onChain.price) });
          await reclaim(jobId);
        }
      } else if (job.phase === "delivered" && job.reviewEndsAt !== undefined && job.reviewEndsAt < t) {
        const onChain = await market.read.job({ jobId });
        if (onChain.status === sdk.JobStatus.Delivered && (await send("finalizing", jobId, () => market.finalize({ jobId })))) {
          o.log(`finalized job ${jobId}: the buyer let the review window pass`, { jobId: id });
        }
      } else if (job.phase === "won" && !working.has(id)) {
        // After a restart or a failed attempt: work that was not delivered yet.
        const onChain = await market.read.job({ jobId });
        if (onChain.status === sdk.JobStatus.Awarded && isAddressEqual(onChain.supplier, me)) {
          if (onChain.deadline > t) work(jobId);
          else update(jobId, { phase: "lost", note: "missed the delivery deadline" });
        } else if (onChain.status === sdk.JobStatus.Delivered) update(jobId, { phase: "delivered", reviewEndsAt: onChain.deadline });
        else if (onChain.status === sdk.JobStatus.Refunded) update(jobId, { phase: "refunded" });
      } else if (job.phase === "disputed" && !job.answered && (o.respondToDisputes ?? true)) {
        const onChain = await market.read.job({ jobId });
        if (onChain.status !== sdk.JobStatus.Disputed || onChain.answered) update(jobId, { answered: onChain.answered });
        else if (onChain.deadline > t) await answer(jobId);
      } else if (job.phase === "lost" && job.bondOut) {
        await reclaim(jobId);
      }
    }
    for (const [token, prices] of o.prices) {
      const credit = await market.read.credit({ account: me, token: token as Address });
      if (credit > 0n && (await send("withdrawing", undefined, () => market.withdraw({ token: token as Address })))) {
        o.log(`withdrew ${formatUnits(credit, prices.decimals)} ${prices.symbol} credited by the escrow`, { withdrew: String(credit) });
      }
    }
  }

  const waiters: (() => void)[] = [];
  let watcher: TenderWatcher | undefined;
  const cursor = state.cursor ? { blockNumber: BigInt(state.cursor.blockNumber), logIndex: state.cursor.logIndex } : undefined;
  watcher = watchTender(o.reader, {
    escrow,
    fromBlock,
    after: cursor,
    pollingInterval: interval,
    onError: (error, attempt) => {
      if (attempt === 1 || attempt % 10 === 0) o.log(`RPC trouble (attempt ${attempt}): ${sdk.describeError(error)}; retrying`, { error: "rpc" });
    },
    onEvents: (events) =>
      serial(async () => {
        for (const event of events) {
          if (stopped) return;
          // A batch may come again after a failure: events handled before it are not handled twice.
          const done = state.cursor && (event.blockNumber < BigInt(state.cursor.blockNumber) || (event.blockNumber === BigInt(state.cursor.blockNumber) && event.logIndex <= state.cursor.logIndex));
          if (done) continue;
          await handle(event);
          state.cursor = { blockNumber: String(event.blockNumber), logIndex: event.logIndex };
          save();
        }
      }),
  });

  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = serial(tick).then(
      () => {
        for (const resolve of waiters.splice(0)) resolve();
      },
      (error: unknown) => o.log(`deadline check failed: ${sdk.describeError(error)}`, { error: "tick" }),
    );
  }, interval);

  o.log(`${o.name} (${me}) is running: ${o.categories.join(", ")}; ${o.strategy.name}; worker ${o.worker.name}`, { started: true });
  return {
    address: me,
    state: () => state,
    caughtUp: async () => {
      await watcher!.caughtUp();
      await new Promise<void>((resolve) => waiters.push(resolve));
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await watcher!.stop();
      await ticking;
      await queue;
      save();
    },
  };
}
