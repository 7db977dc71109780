// Disputes on the agent's deliveries: it answers (paying the arbitrator's fee; with relayers, signed and its fee by
// permit) unless told not to, retrying until the dispute is answered or its response window closes.
import * as sdk from "@tender/sdk";
import { type AgentContext, actionsOn, amount, relayable, send, update } from "./context.ts";

const responds = (ctx: AgentContext) => ctx.o.respondToDisputes ?? true;

/** A DisputeOpened on a job it delivered. */
export async function disputed(ctx: AgentContext, jobId: bigint, statementURI: string): Promise<void> {
  update(ctx, jobId, { phase: "disputed", answered: false });
  ctx.log(`job ${jobId} is disputed: ${statementURI}`, { jobId: String(jobId), disputed: true });
  if (responds(ctx)) await answer(ctx, jobId); // retried by the deadline checks if it fails
}

async function answer(ctx: AgentContext, jobId: bigint): Promise<void> {
  const job = ctx.state.jobs[String(jobId)]!;
  const fee = await ctx.market.read.disputeFee({ jobId });
  const statement = sdk.encodeDeliverable(
    JSON.stringify({ type: "tender/dispute-response", version: 1, jobId: String(jobId), deliverable: job.deliverable ?? null, summary: `${ctx.o.name} stands by its delivery: it was produced by the ${ctx.o.worker.name} worker for this spec.` }),
    "application/json",
  );
  // With relayers the answer is signed (its fee by permit) and handed to every one of them: the response window is a
  // deadline, and a relayer can censor. An ETH fee stays the agent's own transaction (relayable).
  const respond = relayable(ctx, () => ctx.market.respond({ jobId, responseURI: statement.uri, token: job.token, fee }), () => ({ kind: "respond", jobId, responseURI: statement.uri, token: job.token, fee }), { token: job.token, amount: fee });
  if (await send(ctx, "answering the dispute", jobId, respond)) {
    update(ctx, jobId, { answered: true });
    ctx.log(`answered the dispute on job ${jobId} (fee ${amount(ctx, fee, job.token)})`, { jobId: String(jobId) });
  }
}

/** The deadline checks' retry of an answer that failed, while the response window is open. */
export async function retryAnswer(ctx: AgentContext, jobId: bigint): Promise<void> {
  if (ctx.state.jobs[String(jobId)]?.answered || !responds(ctx)) return;
  if ((await actionsOn(ctx, jobId)).of("respond").allowed) return answer(ctx, jobId);
  // Answered after all (a reply lost in transit), or no longer disputed: stop retrying.
  const onChain = await ctx.market.read.job({ jobId });
  if (onChain.status !== sdk.JobStatus.Disputed || onChain.answered) update(ctx, jobId, { answered: onChain.answered });
}
