// Jobs in milestones: each milestone is worked on and delivered in turn. When one settles (confirmed, finalized, or a
// dispute the agent did not lose) and the job is Awarded again for the next, the agent records what it was paid and
// starts the worker on the next milestone; the last one's settlement (or an early end) is the job's own event.
import type { TenderEvent } from "@tender/sdk/watch";
import { type AgentContext, amount, update } from "./context.ts";
import type { AgentJob } from "./state.ts";
import { work } from "./work.ts";

/** A MilestoneSettled on one of the agent's own jobs. */
export function milestoneSettled(ctx: AgentContext, jobId: bigint, job: AgentJob, event: Extract<TenderEvent, { eventName: "MilestoneSettled" }>): void {
  const { milestone, gross, toSupplier, nextDeliverBy } = event.args as Required<typeof event.args>;
  const index = Number(milestone);
  const count = job.milestones?.count ?? index + 2;
  const earned = BigInt(job.earned ?? 0) + toSupplier;
  const id = String(jobId);
  ctx.log(`milestone ${index + 1} of ${count} of job ${jobId} settled: ${amount(ctx, toSupplier, job.token)} paid now (of ${amount(ctx, gross, job.token)})`, { jobId: id, milestone: index, paid: String(toSupplier) });
  if (nextDeliverBy === 0) {
    // The job ended with it: settled (JobSettled follows) or, after a dispute the agent lost, refunded (JobRefunded).
    update(ctx, jobId, { earned: String(earned) });
    return;
  }
  update(ctx, jobId, { phase: "won", earned: String(earned), milestones: { count, current: index + 1 }, answered: undefined, deliverable: undefined, reviewEndsAt: undefined });
  ctx.log(`job ${jobId}: milestone ${index + 2} of ${count} is due ${new Date(Number(nextDeliverBy) * 1000).toISOString()}; working on it`, { jobId: id, milestone: index + 1, deliverBy: Number(nextDeliverBy) });
  work(ctx, jobId);
}
