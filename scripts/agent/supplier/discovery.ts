// Discovery: follows the escrow's events from the saved cursor, decides which RFQs and direct hires to take on
// (its categories, its prices, a worker that can do the spec, room, the arbitrator, the floors), and hands each
// event on to the phase it concerns.
import { type Address, isAddressEqual } from "viem";
import * as sdk from "@tender/sdk";
import { type TenderEvent, type TenderWatcher, watchTender } from "@tender/sdk/watch";
import { type AgentContext, type ArbitratorPolicy, actionsOn, amount, because, send, update } from "./context.ts";
import { adopt, awarded, bidOn, lose, outbid } from "./bidding.ts";
import { work } from "./work.ts";
import { disputed } from "./disputes.ts";
import { heldNote, onWarrantyEvent, warrantyOf } from "./warranty.ts";
import { milestoneSettled } from "./milestones.ts";
import { type JobTerms, refusedBy } from "./policy.ts";

const ACTIVE = new Set(["bidding", "won", "delivered", "disputed"]);

/** Follows the escrow's events through the transaction queue, saving the cursor after each one handled. */
export function follow(ctx: AgentContext): TenderWatcher {
  const { state } = ctx;
  return watchTender(ctx.market.reader, {
    escrow: ctx.o.deployment.escrow,
    fromBlock: BigInt(ctx.o.deployment.startBlock),
    after: state.cursor ? { blockNumber: BigInt(state.cursor.blockNumber), logIndex: state.cursor.logIndex } : undefined,
    pollingInterval: ctx.o.pollingInterval ?? 1_000,
    onError: (error, attempt) => {
      if (attempt === 1 || attempt % 10 === 0) ctx.log(`RPC trouble (attempt ${attempt}): ${sdk.describeError(error)}; retrying`, { error: "rpc" });
    },
    onEvents: (events) =>
      ctx.serial(async () => {
        for (const event of events) {
          if (ctx.stopped) return;
          // A batch may come again after a failure: events handled before it are not handled twice.
          const done = state.cursor && (event.blockNumber < BigInt(state.cursor.blockNumber) || (event.blockNumber === BigInt(state.cursor.blockNumber) && event.logIndex <= state.cursor.logIndex));
          if (done) continue;
          await handle(ctx, event);
          state.cursor = { blockNumber: String(event.blockNumber), logIndex: event.logIndex };
          ctx.save();
        }
      }),
  });
}

async function handle(ctx: AgentContext, event: TenderEvent): Promise<void> {
  const args = event.args as Record<string, unknown>;
  const jobId = args.jobId as bigint | undefined;
  const mine = jobId !== undefined ? ctx.state.jobs[String(jobId)] : undefined;
  // A job this agent is the supplier of (hired, awarded, delivered or disputed), as opposed to one it only bid on.
  const supplying = mine !== undefined && (mine.phase === "won" || mine.phase === "delivered" || mine.phase === "disputed");
  switch (event.eventName) {
    case "RFQPosted":
      return considerRFQ(ctx, event);
    case "DirectHirePosted":
      if (isAddressEqual(args.supplier as Address, ctx.me)) return considerHire(ctx, event);
      return;
    case "BidPlaced":
    case "BidImproved":
      if (mine?.phase === "bidding" && !isAddressEqual(args.supplier as Address, ctx.me) && args.best === true) return outbid(ctx, jobId!, args.price as bigint);
      return;
    case "JobAwarded":
      return awarded(ctx, jobId!, args.supplier as Address, args.price as bigint);
    case "JobCancelled":
      if (mine?.phase === "bidding") return lose(ctx, jobId!, { note: "cancelled" });
      return;
    case "JobDelivered":
      if (supplying) update(ctx, jobId!, { phase: "delivered", reviewEndsAt: Number(args.reviewEndsAt) });
      return;
    case "JobSettled":
      if (supplying) {
        // A job in milestones was paid part by part (MilestoneSettled, the last just before this): earned is their sum.
        const earned = mine.milestones ? BigInt(mine.earned ?? 0) : (args.toSupplier as bigint);
        update(ctx, jobId!, { phase: "paid", earned: String(earned) });
        ctx.log(`paid ${amount(ctx, args.toSupplier as bigint, mine.token)} for job ${jobId}${mine.milestones ? ` (its last milestone; ${amount(ctx, earned, mine.token)} in all)` : ""}${Number(args.rating) ? ` (rated ${args.rating}/5)` : ""}`, { jobId: String(jobId), paid: String(args.toSupplier), rating: Number(args.rating) });
      }
      return;
    case "MilestoneSettled":
      if (supplying) return milestoneSettled(ctx, jobId!, mine, event);
      return;
    case "JobRefunded":
      if (supplying) update(ctx, jobId!, { phase: "refunded" });
      return;
    case "DisputeOpened":
      if (mine?.phase === "delivered") await disputed(ctx, jobId!, args.statementURI as string);
      return;
    case "PaymentHeld":
    case "ClaimFiled":
    case "ClaimAnswered":
    case "HeldReturned":
    case "HeldSettled":
      // Its own jobs only (supplying, or paid in part): a job it bid on and lost holds nothing of its.
      // A job in milestones that ended early keeps its settled milestones' held shares under warranty.
      if (mine && (supplying || mine.phase === "paid" || (mine.phase === "refunded" && mine.milestones))) onWarrantyEvent(ctx, jobId!, mine, event);
      return;
    default:
      return;
  }
}

/** Parses the spec in its category and asks the worker; the reason it cannot be done, if so. */
function cannotDo(ctx: AgentContext, spec: string, category: string): string | undefined {
  try {
    return ctx.o.worker.canDo(sdk.parseSpec(spec, category)) ? undefined : `the ${ctx.o.worker.name} worker cannot do it`;
  } catch (error) {
    return `its spec is invalid (${(error as Error).message})`;
  }
}

async function considerRFQ(ctx: AgentContext, event: Extract<TenderEvent, { eventName: "RFQPosted" }>): Promise<void> {
  const { o, market, state } = ctx;
  const { jobId, rfq, awardDeadline } = event.args as Required<typeof event.args>;
  if (state.jobs[String(jobId)]) return;
  const category = ctx.categories.get(rfq.category);
  if (!category) return; // not a category this agent works in
  const skip = (reason: string) => ctx.log(`skipping job ${jobId}: ${reason}`, { jobId: String(jobId), skipped: reason });
  const prices = o.prices.get(rfq.token.toLowerCase());
  if (!prices) return skip(`no prices for token ${rfq.token}`);
  const base = { token: rfq.token, category, maxPrice: String(rfq.maxPrice), mode: rfq.mode, bidDeadline: rfq.bidDeadline, awardDeadline, spec: rfq.spec, warranty: warrantyOf(rfq.warranty) };
  // A bid from before a crash that the state file missed is adopted first, whatever happened since: never bid
  // twice, and never forget a job it may have won or a bond it must take back.
  if (await adopt(ctx, jobId, base)) return;
  const { now, of } = await actionsOn(ctx, jobId);
  if (rfq.bidDeadline <= now) return; // bidding closed before the agent saw it
  const bidding = of(rfq.mode === sdk.AwardMode.SealedLowestPrice ? "commit" : "bid");
  if (!bidding.allowed) return skip(because(bidding));
  const unable = cannotDo(ctx, rfq.spec, category);
  if (unable) return skip(unable);
  const active = Object.values(state.jobs).filter((j) => ACTIVE.has(j.phase)).length;
  if (active >= (o.maxJobs ?? 3)) return skip(`at capacity (${active} jobs in progress)`);
  const job = await market.read.job({ jobId });
  const refused = refusedBy(o.safety ?? {}, o.arbitrators, await termsOf(ctx, job.termsId, rfq.arbitrator, { bondBps: rfq.floors.bondBps, awardWindow: rfq.awardWindow, deliveryWindow: rfq.deliveryWindow }));
  if (refused) return skip(`refused by its safety rule ${refused.rule}: ${refused.reason}`);
  const unmet = await market.read.unmetFloors({ supplier: ctx.me, token: rfq.token, floors: rfq.floors, now });
  if (unmet.length) return skip(`floors not met: ${unmet.map((u) => `${u.floor} ${u.actual} < ${u.required}`).join(", ")}`);
  await bidOn(ctx, { jobId, rfq, base, prices, skip });
}

/** A job's terms for the safety policy: the arbitrator's record and the ruling window of the terms the job pinned. */
async function termsOf(ctx: AgentContext, termsId: number, arbitrator: Address, t: Pick<JobTerms, "bondBps" | "awardWindow" | "deliveryWindow">): Promise<JobTerms> {
  const [arbitratorRecord, terms] = await Promise.all([ctx.market.read.arbitrator({ arbitrator }), ctx.market.read.arbitratorTerms({ termsId })]);
  return { ...t, arbitrator, ruleWindow: terms.ruleWindow, arbitratorRecord };
}

async function considerHire(ctx: AgentContext, event: Extract<TenderEvent, { eventName: "DirectHirePosted" }>): Promise<void> {
  const { jobId, hire } = event.args as Required<typeof event.args>;
  if (ctx.state.jobs[String(jobId)]) return;
  if (!(await actionsOn(ctx, jobId)).of("deliver").allowed) return; // over already
  const category = ctx.categories.get(hire.category);
  let reason = category ? cannotDo(ctx, hire.spec, category) : "not a category this agent works in";
  const prices = ctx.o.prices.get(hire.token.toLowerCase());
  if (!reason && (!prices || hire.price < prices.floor)) reason = `the price ${amount(ctx, hire.price, hire.token)} is below this agent's floor`;
  if (!reason) {
    const job = await ctx.market.read.job({ jobId });
    const refused = refusedBy(ctx.o.safety ?? {}, ctx.o.arbitrators, await termsOf(ctx, job.termsId, hire.arbitrator, { bondBps: 0, awardWindow: 0, deliveryWindow: hire.deliveryWindow }));
    if (refused) reason = `refused by its safety rule ${refused.rule}: ${refused.reason}`;
  }
  const base = { token: hire.token, category: category ?? hire.category, maxPrice: String(hire.price), price: String(hire.price), spec: hire.spec, warranty: warrantyOf(hire.warranty) };
  if (reason) {
    // Declining at once gives the buyer its money back now rather than at the deadline. If it fails, the job is
    // left alone (never worked) and runs out at its deadline.
    if (await send(ctx, "declining", jobId, () => ctx.market.decline({ jobId }))) {
      ctx.state.jobs[String(jobId)] = { ...base, phase: "declined", note: reason };
      ctx.save();
    }
    ctx.log(`declined direct hire ${jobId}: ${reason}`, { jobId: String(jobId), declined: reason });
    return;
  }
  ctx.state.jobs[String(jobId)] = { ...base, phase: "won" };
  ctx.save();
  ctx.log(`hired directly for job ${jobId} at ${amount(ctx, hire.price, hire.token)}${heldNote(base.warranty)}`, { jobId: String(jobId) });
  work(ctx, jobId);
}
