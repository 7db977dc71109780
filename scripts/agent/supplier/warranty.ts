// The warranty on held shares: a job posted with a holdback pays part of its price only when its warranty ends. The
// agent records what is held (PaymentHeld), releases it once the warranty has ended (anyone may; it does so for its
// own jobs, on each loop), and logs claims against it without answering them: agreeing or answering is its
// operator's call (`tender job agree-claim` / `answer-claim`).
import * as sdk from "@tender/sdk";
import { type AgentContext, actionsOn, amount, gasless, send, update } from "./context.ts";
import type { AgentJob, Held } from "./state.ts";

/** What is held of payment `payment` of a job (a job in milestones keeps one per settled milestone). */
export function heldOf(job: AgentJob, payment: number): Held | undefined {
  return job.milestones ? job.heldParts?.[String(payment)] : payment === 0 ? job.held : undefined;
}

/** Every payment of the job with something held: [index, held]. */
export function heldPayments(job: AgentJob): [number, Held][] {
  if (job.milestones) return Object.entries(job.heldParts ?? {}).map(([i, held]) => [Number(i), held]);
  return job.held ? [[0, job.held]] : [];
}

/** The change to a job's record that sets (or, undefined, removes) what is held of `payment`. */
function withHeld(job: AgentJob, payment: number, held: Held | undefined): Partial<AgentJob> {
  if (!job.milestones) return { held };
  const parts = { ...job.heldParts };
  if (held) parts[String(payment)] = held;
  else delete parts[String(payment)];
  return { heldParts: parts };
}

/** The job's holdback as the agent records it (undefined for none). */
export function warrantyOf(w: sdk.Warranty | undefined): AgentJob["warranty"] {
  return w && w.holdbackBps > 0 ? { holdbackBps: w.holdbackBps, warrantyWindow: w.warrantyWindow, holdBond: w.holdBond } : undefined;
}

/** " (20% held for 30 d)", for log lines. */
export function heldNote(w: AgentJob["warranty"]): string {
  return w ? ` (${sdk.formatBps(w.holdbackBps)} held for ${sdk.formatDuration(w.warrantyWindow)})` : "";
}

/** The escrow's warranty events on one of the agent's own jobs. */
export function onWarrantyEvent(ctx: AgentContext, jobId: bigint, job: AgentJob, event: sdk.TenderEvent): void {
  const id = String(jobId);
  const payment = Number((event.args as { payment?: bigint }).payment ?? 0n);
  const held = heldOf(job, payment);
  // " (milestone 2)" in the log lines of a job in milestones, whose payments are its milestones.
  const part = job.milestones ? ` (milestone ${payment + 1})` : "";
  const set = (value: Held | undefined) => withHeld(job, payment, value);
  switch (event.eventName) {
    case "PaymentHeld": {
      const { held: heldAmount, heldBond, warrantyEndsAt } = event.args as Required<typeof event.args>;
      update(ctx, jobId, set({ amount: String(heldAmount), bond: String(heldBond), warrantyEndsAt: Number(warrantyEndsAt) }));
      ctx.log(`job ${jobId}${part}: ${amount(ctx, heldAmount, job.token)} held under warranty until ${new Date(Number(warrantyEndsAt) * 1000).toISOString()}`, { jobId: id, held: String(heldAmount), warrantyEndsAt: Number(warrantyEndsAt) });
      return;
    }
    case "ClaimFiled": {
      const { asked, fee, statementURI, respondBy } = event.args as Required<typeof event.args>;
      if (held) update(ctx, jobId, set({ ...held, claim: "filed" }));
      // Not answered automatically: paying the fee to contest, or agreeing, is the operator's decision.
      ctx.log(
        `claim on job ${jobId}${part}: the buyer asks ${amount(ctx, asked, job.token)} of the held share (${statementURI}); agree or answer (fee ${amount(ctx, fee, job.token)}) before ${new Date(Number(respondBy) * 1000).toISOString()} with \`tender job agree-claim ${jobId}\` or \`tender job answer-claim ${jobId} --response <uri>\` — this agent does not answer claims`,
        { jobId: id, claim: String(asked), respondBy: Number(respondBy) },
      );
      return;
    }
    case "ClaimAnswered":
      if (held) update(ctx, jobId, set({ ...held, claim: "answered" }));
      ctx.log(`claim on job ${jobId} answered; the arbitrator rules by ${new Date(Number(event.args.ruleBy) * 1000).toISOString()}`, { jobId: id, claimAnswered: true });
      return;
    case "HeldReturned":
      if (held) update(ctx, jobId, set({ ...held, amount: String(BigInt(held.amount) - event.args.amount!) }));
      return;
    case "HeldSettled": {
      const { outcome, toSupplier } = event.args as Required<typeof event.args>;
      const how = Object.keys(sdk.HeldOutcome)[outcome]?.toLowerCase() ?? String(outcome);
      update(ctx, jobId, { ...set(undefined), earned: String(BigInt(job.earned ?? 0) + toSupplier) });
      ctx.log(`held share of job ${jobId}${part} paid out (${how}): ${amount(ctx, toSupplier, job.token)} to this agent`, { jobId: id, heldSettled: how, paid: String(toSupplier) });
      return;
    }
    default:
      return;
  }
}

/** On each loop: a held share whose warranty has ended, with no claim open, is released to the agent (a job in
 * milestones: each milestone's payment on its own, by its index). */
export async function releaseHeld(ctx: AgentContext, jobId: bigint, job: AgentJob, payment = 0): Promise<void> {
  // A release is anyone's transaction, not a signed action: a gasless agent leaves it to others.
  if (gasless(ctx)) return;
  const release = (await actionsOn(ctx, jobId, payment)).of("release");
  if (!release.allowed) return; // a claim is open, or it was paid out already (its HeldSettled is on its way)
  const part = job.milestones ? ` (milestone ${payment + 1})` : "";
  if (await send(ctx, "releasing the held share", jobId, () => ctx.market.release({ jobId, payment }))) {
    ctx.log(`released the held share of job ${jobId}${part}: its warranty ended`, { jobId: String(jobId), payment, released: heldOf(job, payment)?.amount });
  }
}
