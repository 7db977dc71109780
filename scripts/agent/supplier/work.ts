// The work: the worker runs beside the event loop (several jobs at once), its output is encoded and delivered
// through the transaction queue. A failure of the worker itself declines the job; a failed read or send leaves
// it won, for the deadline checks to retry.
import { isAddressEqual } from "viem";
import * as sdk from "@tender/sdk";
import { type AgentContext, actionsOn, relayable, send, update } from "./context.ts";
import type { Worker } from "../workers/worker.ts";

/** Starts the work on a job the agent won, unless it runs already or the agent is stopping. */
export function work(ctx: AgentContext, jobId: bigint): void {
  const { o, market } = ctx;
  const id = String(jobId);
  if (ctx.working.has(id) || ctx.stopped) return;
  ctx.working.add(id);
  void (async () => {
    try {
      const job = ctx.state.jobs[id]!;
      const specText = job.spec ?? (await market.read.posting({ jobId }))?.spec;
      if (specText === undefined) throw new Error(`no posting event for job ${jobId}`);
      // A job in milestones is worked on once per milestone: the worker is told which one.
      const plan = await market.read.milestones({ jobId });
      const milestone = plan && { index: plan.current, count: plan.count };
      if (plan) update(ctx, jobId, { milestones: { count: plan.count, current: plan.current } });
      const which = milestone ? `milestone ${milestone.index + 1} of ${milestone.count} of ` : "";
      let output: Awaited<ReturnType<Worker["perform"]>>;
      const started = Date.now();
      try {
        output = await o.worker.perform(sdk.parseSpec(specText, job.category), { jobId, ...(milestone ? { milestone } : {}), log: (line) => ctx.log(`job ${jobId}: ${line}`) });
      } catch (error) {
        // The work itself failed: decline, so the buyer is refunded now rather than at the deadline.
        ctx.log(`the worker failed on job ${jobId}: ${(error as Error).message}; declining`, { jobId: id, error: "worker" });
        await ctx.serial(async () => {
          if (!ctx.stopped && (await send(ctx, "declining", jobId, () => market.decline({ jobId })))) update(ctx, jobId, { phase: "declined", note: (error as Error).message });
        });
        return;
      }
      const deliverable = sdk.encodeDeliverable(output.content, output.mediaType);
      await ctx.serial(async () => {
        if (ctx.stopped || !(await actionsOn(ctx, jobId)).of("deliver").allowed) return;
        const delivering = relayable(
          ctx,
          () => market.deliver({ jobId, deliverableHash: deliverable.hash, uri: deliverable.uri }),
          () => ({ kind: "deliver", jobId, milestone: milestone?.index ?? 0, deliverableHash: deliverable.hash, uri: deliverable.uri }),
        );
        if (await send(ctx, "delivering", jobId, delivering)) {
          update(ctx, jobId, { phase: "delivered", deliverable: { hash: deliverable.hash, uri: deliverable.uri } });
          ctx.log(`delivered ${which}job ${jobId} (${deliverable.bytes.length} bytes, worked ${Date.now() - started} ms)`, { jobId: id, delivered: deliverable.hash, ...(milestone ? { milestone: milestone.index } : {}) });
        }
      });
    } catch (error) {
      // A read or a send that failed (the RPC, say): the job stays won and the next deadline check retries.
      ctx.log(`working on job ${jobId} failed: ${sdk.describeError(error)}; will retry`, { jobId: id, error: "retry" });
    } finally {
      ctx.working.delete(id);
    }
  })();
}

/** A won job that is not being worked on (after a restart or a failed attempt): worked on again while it may still
 * be delivered, otherwise recorded as the chain has it. */
export async function resume(ctx: AgentContext, jobId: bigint): Promise<void> {
  if ((await actionsOn(ctx, jobId)).of("deliver").allowed) return work(ctx, jobId);
  const onChain = await ctx.market.read.job({ jobId });
  if (onChain.status === sdk.JobStatus.Awarded && isAddressEqual(onChain.supplier, ctx.me)) update(ctx, jobId, { phase: "lost", note: "missed the delivery deadline" });
  else if (onChain.status === sdk.JobStatus.Delivered) update(ctx, jobId, { phase: "delivered", reviewEndsAt: onChain.deadline });
  else if (onChain.status === sdk.JobStatus.Refunded) update(ctx, jobId, { phase: "refunded" });
}
