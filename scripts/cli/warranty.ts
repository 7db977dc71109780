// The warranty commands' shared parts: a job's held share and claim for `job show`, what a warranty transaction did
// (from the escrow's ClaimFiled, ClaimAnswered, HeldReturned and HeldSettled events in its receipt), and the held
// share's amount as typed ("12.5", or "all").
import { type TransactionReceipt, parseEventLogs } from "viem";
import * as sdk from "@tender/sdk";
import { CliError, type Parsed, str } from "./command.ts";
import { checkCount } from "./inputs.ts";
import type { Context } from "./context.ts";
import { type TokenInfo, formatAmount, formatBps, formatDuration, formatTime, pairs, parseAmount } from "./format.ts";

type Job = Awaited<ReturnType<Context["read"]["job"]>>;

const OUTCOMES = ["released to the supplier", "waived by the buyer", "agreed by the supplier", "ruled by the arbitrator", "settled for the buyer (the claim went unanswered)", "settled for the supplier (the arbitrator did not rule)"];

/** "20% of each payment, under a 30 d warranty (the bond held with it)", or undefined for no holdback. */
export function holdbackTerms(w: sdk.Warranty): string | undefined {
  if (w.holdbackBps === 0) return undefined;
  return `${formatBps(w.holdbackBps)} of the payment held under a ${formatDuration(w.warrantyWindow)} warranty${w.holdBond ? " (the winner's bond held with it)" : ""}`;
}

/** The `--milestone` option of the warranty commands: which milestone's payment of a job in milestones. */
export const MILESTONE_OPTION = {
  milestone: { type: "string", value: "N", description: "a job in milestones: the milestone whose held share this is (1 = the first; default: the only one holding something)" },
} as const;

/** The payment a warranty command acts on: 0 for a job paid at once; for a job in milestones `--milestone N`'s
 * (N − 1), or without it the one settled milestone that still holds something (several: the command asks which). */
export async function paymentArg(ctx: Context, parsed: Parsed, jobId: bigint, job: Job): Promise<number> {
  const text = str(parsed, "milestone");
  if (!job.inMilestones) {
    if (text !== undefined) throw new CliError(`--milestone: job ${jobId} is not paid in milestones`);
    return 0;
  }
  const plan = (await ctx.read.milestones({ jobId }))!;
  if (text !== undefined) {
    const n = checkCount("--milestone", text);
    if (n < 1 || n > plan.count) throw new CliError(`--milestone: job ${jobId} has milestones 1 to ${plan.count}, not ${n}`);
    return n - 1;
  }
  const settled = job.status === sdk.JobStatus.Settled ? plan.count : plan.current;
  const held = await Promise.all(Array.from({ length: settled }, (_, i) => ctx.read.held({ jobId, payment: i })));
  const holding = held.flatMap((h, i) => (sdk.isHeld(h) ? [i] : []));
  if (holding.length > 1) throw new CliError(`--milestone: job ${jobId} holds shares of milestones ${holding.map((i) => i + 1).join(", ")}; say which`);
  return holding[0] ?? Math.max(settled - 1, 0);
}

/** " (milestone 2)" after a job's number when the payment is a milestone's; nothing for a job paid at once. */
const partOf = (job: Job, payment: unknown): string => (job.inMilestones ? ` (milestone ${Number(payment) + 1})` : "");

/** `--amount`: an amount of the job's token, or "all" (the whole held share). */
export async function heldAmount(ctx: Context, jobId: bigint, job: Job, text: string, payment = 0): Promise<bigint> {
  if (text.trim().toLowerCase() === "all") {
    const held = await ctx.read.held({ jobId, payment });
    if (held.amount === 0n) throw new CliError(`--amount all: nothing of job ${jobId}'s price is held`);
    return held.amount;
  }
  return parseAmount("--amount", text, await ctx.tokenAt(job.token));
}

/** The lines of `job show` about what is held and the claim (none for a job without a holdback). */
export async function warrantyLines(ctx: Context, jobId: bigint, job: Job, token: TokenInfo, now: number) {
  if (!job.holdback) return { data: null, lines: [] as string[] };
  if (!job.inMilestones) return paymentLines(ctx, jobId, 0, token, now, "Warranty:");
  // A job in milestones: one warranty per milestone settled so far (the job's terms on the first).
  const plan = (await ctx.read.milestones({ jobId }))!;
  const settled = Math.max(job.status === sdk.JobStatus.Settled ? plan.count : plan.current, 1);
  const parts = await Promise.all(Array.from({ length: settled }, (_, i) => paymentLines(ctx, jobId, i, token, now, `Warranty, milestone ${i + 1}:`)));
  return { data: parts.map((p, payment) => ({ payment, ...p.data })), lines: parts.flatMap((p) => p.lines) };
}

async function paymentLines(ctx: Context, jobId: bigint, payment: number, token: TokenInfo, now: number, title: string) {
  const [terms, held, claim, fee] = await Promise.all([ctx.read.warranty({ jobId }), ctx.read.held({ jobId, payment }), ctx.read.claim({ jobId, payment }), ctx.read.claimFee({ jobId, payment })]);
  const amount = (value: bigint) => formatAmount(value, token);
  const rows: [string, string][] = [["terms", holdbackTerms(terms) ?? "none"]];
  if (held.warrantyEndsAt === 0) {
    rows.push(["held", "nothing yet: the share is held once the job is paid (confirmed or finalized)"]);
  } else {
    rows.push(["held", sdk.isHeld(held) ? `${amount(held.amount)}${held.bond > 0n ? ` and a bond of ${amount(held.bond)}` : ""}` : "nothing now (paid out)"]);
    rows.push([held.warrantyEndsAt > now ? "warranty ends" : "warranty ended", formatTime(held.warrantyEndsAt, now)]);
  }
  const status = sdk.CLAIM_STATUS_NAMES[held.claim] ?? String(held.claim);
  if (held.claim === sdk.ClaimStatus.None) {
    rows.push(["claim", sdk.isHeld(held) ? `none filed; a claim costs each side ${amount(fee)} (the arbitrator's fee of what is held)` : "none"]);
  } else {
    const deadline = held.claim === sdk.ClaimStatus.Filed ? `; the supplier agrees or answers by ${formatTime(claim.deadline, now)}` : held.claim === sdk.ClaimStatus.Answered ? `; the arbitrator rules by ${formatTime(claim.deadline, now)}` : "";
    rows.push(["claim", `${status}: ${amount(claim.asked)} asked, a fee of ${amount(claim.fee)} from each side${deadline}`]);
  }
  return {
    data: { terms, held, claim: held.claim === sdk.ClaimStatus.None ? null : { ...claim, status }, claimFee: fee },
    lines: ["", title, ...pairs(rows)],
  };
}

/** What a warranty transaction did, from its receipt's events: the claim filed or answered, a return, or the payout. */
export async function warrantyReport(ctx: Context, jobId: bigint, job: Job, receipt: TransactionReceipt) {
  const token = await ctx.tokenAt(job.token);
  const amount = (value: bigint) => formatAmount(value, token);
  const now = await ctx.now();
  const ours = receipt.logs.filter((log) => log.address.toLowerCase() === ctx.deployment.escrow.toLowerCase());
  const lines: string[] = [];
  const data: Record<string, unknown> = {};
  for (const log of parseEventLogs({ abi: sdk.tenderEscrowAbi, logs: ours })) {
    const part = "payment" in log.args ? partOf(job, log.args.payment) : "";
    if (log.eventName === "ClaimFiled") {
      data.claim = { asked: log.args.asked, fee: log.args.fee, respondBy: log.args.respondBy };
      lines.push(
        `Claimed ${amount(log.args.asked)} of job ${jobId}${part}'s held share: you paid the claim fee, ${amount(log.args.fee)} (refunded if it goes your way).`,
        `The supplier agrees or answers, paying the same fee, ${formatTime(log.args.respondBy, now)}; unanswered, you get what you asked.`,
      );
    } else if (log.eventName === "ClaimAnswered") {
      data.claim = { ruleBy: log.args.ruleBy };
      lines.push(`Answered the claim on job ${jobId}${part}: you paid the claim fee. The arbitrator rules ${formatTime(log.args.ruleBy, now)}; silent, you keep the held share.`);
    } else if (log.eventName === "ClaimEvidence") {
      lines.push(`Added evidence to the claim on job ${jobId}${part}.`);
    } else if (log.eventName === "HeldReturned") {
      data.returned = log.args.amount;
      lines.push(`Returned ${amount(log.args.amount)} of job ${jobId}${part}'s held share to the buyer.`);
    } else if (log.eventName === "HeldSettled") {
      const { outcome, toBuyer, toSupplier, toArbitrator, protocolFee, supplierGross } = log.args;
      data.heldSettled = { outcome: Object.keys(sdk.HeldOutcome)[outcome], toBuyer, toSupplier, toArbitrator, protocolFee, supplierGross };
      lines.push(
        `Job ${jobId}${part}'s held share ${OUTCOMES[outcome] ?? `paid out (${outcome})`}. Paid out:`,
        ...pairs([
          ["buyer", amount(toBuyer)],
          ["supplier", `${amount(toSupplier)}${supplierGross > 0n ? ` (${amount(supplierGross)} of the held share, less the protocol fee)` : ""}`],
          ["arbitrator", amount(toArbitrator)],
          ["protocol fee", `${amount(protocolFee)} (${formatBps(job.protocolFeeBps)} of the supplier's part)`],
        ]),
      );
    }
  }
  return { data, lines: lines.length ? lines : [`Job ${jobId}: done.`] };
}
