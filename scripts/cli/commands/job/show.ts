import * as sdk from "@tender/sdk";
import { defineCommand, jobIdArg } from "../../command.ts";
import { STATUS_NAMES } from "../../actions.ts";
import { connect, existingJob } from "../../context.ts";
import { formatAmount, formatBps, formatDuration, formatTime, pairs, table } from "../../format.ts";
import { milestoneLines } from "../../milestones.ts";
import { holdbackTerms, warrantyLines } from "../../warranty.ts";

/** The spec's inputs, the material a supplier works from: inline text as it is (indented), or where to fetch it. */
function inputLines(inputs: unknown): string[] {
  if (!Array.isArray(inputs) || inputs.length === 0) return [];
  const lines = ["", "Inputs:"];
  for (const input of inputs as { name?: unknown; text?: unknown; uri?: unknown; mediaType?: unknown }[]) {
    const label = `  ${String(input.name ?? "?")}${typeof input.mediaType === "string" ? ` (${input.mediaType})` : ""}`;
    if (typeof input.text === "string") {
      lines.push(`${label}, inline:`, ...input.text.replace(/\r?\n$/, "").split(/\r?\n/).map((line) => `    | ${line}`));
    } else if (typeof input.uri === "string") {
      lines.push(`${label}: fetch from ${input.uri}`);
    } else lines.push(`${label}: (neither text nor uri)`);
  }
  return lines;
}

export default defineCommand({
  path: ["job", "show"],
  summary: "anyone: a job's terms, spec and inputs, floors, bids, deadlines and timeline",
  args: "<jobId>",
  options: {},
  examples: ["tender job show 12", "tender job show 12 --json | jq .status"],
  async run(parsed, globals) {
    const jobId = jobIdArg(parsed);
    const ctx = await connect(globals);
    const job = await existingJob(ctx, jobId);
    const [posting, timeline, now] = await Promise.all([ctx.read.posting({ jobId }), ctx.read.timeline({ jobId }), ctx.now()]);
    const token = await ctx.tokenAt(job.token);
    const bids = posting?.kind === "rfq" ? await ctx.read.bids({ jobId }) : [];
    const best = posting?.kind === "rfq" ? await ctx.read.bestBid({ jobId }) : undefined;
    const terms = await ctx.read.arbitratorTerms({ termsId: job.termsId });
    const status = STATUS_NAMES[job.status]!;
    let spec: Record<string, unknown> = {};
    try {
      spec = JSON.parse(posting?.spec ?? "{}") as Record<string, unknown>;
    } catch {
      // shown raw below
    }

    const deadlineLabel =
      job.status === sdk.JobStatus.Open ? "bids close" : job.status === sdk.JobStatus.Awarded ? "deliver by" : job.status === sdk.JobStatus.Delivered ? "review ends" : job.status === sdk.JobStatus.Disputed ? "dispute deadline" : "last deadline";
    const rows: [string, string][] = [
      ["status", status],
      ["kind", posting?.kind === "rfq" ? `RFQ, ${posting.rfq!.mode === sdk.AwardMode.BuyerChoice ? "buyer's choice" : "lowest price"}` : "direct hire"],
      ["title", String(spec.title ?? "")],
      ["category", String(spec.category ?? posting?.categoryId ?? "")],
      ["buyer", job.buyer],
      ["supplier", job.supplier === sdk.ETH ? "— (not awarded yet)" : job.supplier],
      [job.status === sdk.JobStatus.Open ? "maximum price" : "price", formatAmount(job.price, token)],
      [deadlineLabel, formatTime(job.deadline, now)],
      [job.inMilestones ? "delivery window (milestone in progress)" : "delivery window", formatDuration(job.deliveryWindow)],
      ["review window", formatDuration(job.reviewWindow)],
      ["arbitrator", `${terms.arbitrator} (fee ${formatBps(terms.feeBps)}, rules within ${formatDuration(terms.ruleWindow)})`],
      ["default split", `${formatBps(job.defaultBuyerShareBps)} to the buyer if the arbitrator never rules`],
      ["protocol fee", formatBps(job.protocolFeeBps)],
      ...(posting && holdbackTerms(posting.warranty) ? [["holdback", holdbackTerms(posting.warranty)!] as [string, string]] : []),
      ["spec hash", job.specHash],
    ];
    const lines = [`Job ${jobId}`, ...pairs(rows)];
    if (typeof spec.task === "string") lines.push("", "Task:", `  ${spec.task}`);
    lines.push(...inputLines(spec.inputs));
    if (Array.isArray(spec.acceptance) && spec.acceptance.length) {
      lines.push("", "Acceptance:", ...(spec.acceptance as { id?: string; description?: string }[]).map((rule) => `  - ${rule.id ?? "?"}: ${rule.description ?? ""}`));
    }
    if (posting?.rfq) {
      const f = posting.rfq.floors;
      const floorRows: [string, string][] = [];
      if (f.bondBps) floorRows.push(["bond", `${formatBps(f.bondBps)} of the maximum (${formatAmount(sdk.bondFor(posting.price, f), token)})`]);
      if (f.minCompleted) floorRows.push(["completed jobs", `≥ ${f.minCompleted}`]);
      if (f.minVolume) floorRows.push(["completed volume", `≥ ${formatAmount(f.minVolume, token)}`]);
      if (f.maxLossShareBps < 10_000) floorRows.push(["disputes lost", `≤ ${formatBps(f.maxLossShareBps)}`]);
      if (f.maxClawbackShareBps !== undefined && f.maxClawbackShareBps < 10_000) floorRows.push(["claims clawed back", `≤ ${formatBps(f.maxClawbackShareBps)}`]);
      if (f.minAvgRating) floorRows.push(["average rating", `≥ ${(f.minAvgRating / 100).toFixed(2)}`]);
      if (f.minRatings) floorRows.push(["ratings", `≥ ${f.minRatings}`]);
      for (const m of f.metrics) floorRows.push([sdk.metricName(m.metric), `${m.comparison === sdk.Comparison.AtLeast ? "≥" : "≤"} ${m.threshold} (attested by ${m.attestor})`]);
      lines.push("", "Floors:", ...(floorRows.length ? pairs(floorRows) : ["  none: anyone may bid"]));
      lines.push("", `Bids (${bids.length}):`);
      if (bids.length) {
        lines.push(
          ...table(
            ["", "supplier", "price", "bond", "placed"],
            bids.map((b) => [best && best[0] === b.supplier ? "★" : "", b.supplier, formatAmount(b.price, token), formatAmount(b.bond, token), formatTime(b.placedAt, now)]),
          ),
        );
      }
    }
    const milestones = await milestoneLines(ctx, jobId, job, token, now);
    lines.push(...milestones.lines);
    const warranty = await warrantyLines(ctx, jobId, job, token, now);
    lines.push(...warranty.lines);
    lines.push("", "Timeline:", ...timeline.map((e) => `  block ${e.blockNumber}  ${e.eventName}`));
    // What the account this shell signs with (or anyone, without one) may do now, from the SDK's state machine.
    const viewer = await ctx.me().catch(() => undefined);
    const { actions, now: at } = await ctx.read.actions({ jobId, account: viewer });
    const allowed = actions.filter((a) => a.allowed);
    const later = actions.flatMap((a) => (!a.allowed && a.allowedFrom !== undefined ? [{ action: a.action, from: a.allowedFrom }] : []));
    lines.push("", viewer ? `What ${viewer} can do now:` : "What anyone can do now (pass --account to see a role's):");
    lines.push(...(allowed.length ? allowed.map((a) => `  ${a.action}${a.until ? ` — until ${formatTime(a.until, at)}` : ""}${a.note ? ` (${a.note})` : ""}`) : ["  nothing"]));
    if (later.length) lines.push("Later:", ...later.map((a) => `  ${a.action} — from ${formatTime(a.from, at)}`));
    return {
      data: { jobId, ...job, status, posting, spec, bids, best: best ? { supplier: best[0], price: best[1] } : null, terms, milestones: milestones.data, warranty: warranty.data, timeline, viewer: viewer ?? null, actions },
      lines,
    };
  },
});
