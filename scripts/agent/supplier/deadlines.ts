// The periodic deadline checks (a held share's warranty end among them): what the agent may do once a deadline passed (the SDK's state machine says whether
// it may; the agent's policy whether it wants to), and the retries of whatever failed before.
import { isAddressEqual } from "viem";
import * as sdk from "@tender/sdk";
import { type AgentContext, actionsOn, amount, chainTime, gasless, send } from "./context.ts";
import type { AgentJob } from "./state.ts";
import { lose, revealOwn } from "./bidding.ts";
import { resume } from "./work.ts";
import { retryAnswer } from "./disputes.ts";
import { reclaim, withdrawCredits } from "./money.ts";
import { heldPayments, releaseHeld } from "./warranty.ts";

/** A lowest-price RFQ another bidder leads is awarded by this agent after this long, to free its bond. */
const AWARD_AFTER = 300;

export async function checkDeadlines(ctx: AgentContext): Promise<void> {
  const t = await chainTime(ctx);
  for (const [id, job] of Object.entries(ctx.state.jobs)) {
    if (ctx.stopped) return;
    const jobId = BigInt(id);
    if (job.phase === "bidding" && (job.bidDeadline ?? 0) < t) await biddingClosed(ctx, jobId, job);
    else if (job.phase === "delivered" && job.reviewEndsAt !== undefined && job.reviewEndsAt < t) await finalize(ctx, jobId);
    else if (job.phase === "won" && !ctx.working.has(id)) await resume(ctx, jobId);
    else if (job.phase === "disputed") await retryAnswer(ctx, jobId);
    else if (job.phase === "lost" && job.bondOut) await reclaim(ctx, jobId);
    for (const [payment, held] of heldPayments(job)) if (!held.claim && held.warrantyEndsAt <= t) await releaseHeld(ctx, jobId, job, payment);
  }
  await withdrawCredits(ctx);
}

/** Bidding closed on an RFQ it bid on and still waits for. */
async function biddingClosed(ctx: AgentContext, jobId: bigint, job: AgentJob): Promise<void> {
  const { now, of } = await actionsOn(ctx, jobId);
  // A sealed bid is revealed as soon as bidding closes (retried here until the reveal window ends).
  if (job.mode === sdk.AwardMode.SealedLowestPrice && !job.revealed && of("reveal").allowed) return revealOwn(ctx, jobId);
  if (of("award").allowed) {
    // An award is anyone's transaction, not a signed action: a gasless agent leaves it to others.
    if (gasless(ctx)) return;
    // Anyone may award a lowest-price RFQ once bidding closed (a sealed one once its reveal window did): the leader at
    // once, to start; another bidder after a few minutes, to free its bond if nobody else did.
    const [leader] = await ctx.market.read.bestBid({ jobId });
    const closedAt = job.mode === sdk.AwardMode.SealedLowestPrice ? (job.awardDeadline ?? 0) : (job.bidDeadline ?? 0);
    if (isAddressEqual(leader, ctx.me) || now >= closedAt + AWARD_AFTER) await send(ctx, "awarding", jobId, () => ctx.market.award({ jobId }));
    return;
  }
  // A buyer's choice the buyer never made: anyone may cancel it after the grace period (anyone with ETH for it).
  if (of("cancel").allowed) {
    if (gasless(ctx)) return;
    await send(ctx, "cancelling the lapsed RFQ", jobId, () => ctx.market.cancel({ jobId }));
    return;
  }
  const onChain = await ctx.market.read.job({ jobId });
  if (onChain.status === sdk.JobStatus.Cancelled || (onChain.status !== sdk.JobStatus.Open && !isAddressEqual(onChain.supplier, ctx.me))) {
    // The chain got there before the event did: it decides.
    const cancelled = onChain.status === sdk.JobStatus.Cancelled;
    await lose(ctx, jobId, {}, [cancelled ? `lost job ${jobId}: cancelled` : `lost job ${jobId} to ${onChain.supplier} at ${amount(ctx, onChain.price, job.token)}`, { jobId: String(jobId), lost: String(onChain.price) }]);
  }
}

/** The buyer let the review window pass: anyone may finalize, paying the supplier. */
async function finalize(ctx: AgentContext, jobId: bigint): Promise<void> {
  if ((await actionsOn(ctx, jobId)).of("finalize").allowed && (await send(ctx, "finalizing", jobId, () => ctx.market.finalize({ jobId })))) {
    ctx.log(`finalized job ${jobId}: the buyer let the review window pass`, { jobId: String(jobId) });
  }
}
