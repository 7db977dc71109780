// Jobs in milestones in the CLI: the `--milestones` schedule as typed (`30%:2d,70%:5d`, or `@file.json` holding
// `[{"share":"30%","deliveryWindow":"2d"}, …]`), and `job show`'s list of the milestones with each one's share,
// amount, window, stage and the deadline of the one in progress.
import { readFileSync } from "node:fs";
import * as sdk from "@tender/sdk";
import { CliError, EXIT } from "./command.ts";
import type { Context } from "./context.ts";
import { type TokenInfo, formatAmount, formatBps, formatDuration, formatTime, parseBps, parseWindow } from "./format.ts";

type Job = Awaited<ReturnType<Context["read"]["job"]>>;

/** `--milestones`: a comma-separated list of SHARE:WINDOW (share a percentage or bps, window a duration), or
 * `@FILE` with a JSON array of {share, deliveryWindow}. Each part is checked as typed; the schedule as a whole (2 to
 * 8, shares summing to 100%) by the SDK's milestoneProblems. */
export function parseMilestones(text: string): sdk.Milestone[] {
  const field = "--milestones";
  if (text.startsWith("@")) {
    const file = text.slice(1);
    let raw: string;
    try {
      raw = readFileSync(file, "utf8");
    } catch {
      throw new CliError(`${field}: cannot read ${file}`, EXIT.notFound);
    }
    let parts: unknown;
    try {
      parts = JSON.parse(raw);
    } catch (error) {
      throw new CliError(`${field}: ${file} is not JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(parts)) throw new CliError(`${field}: ${file} must hold an array of {"share": "30%", "deliveryWindow": "2d"}`);
    return parts.map((part: unknown, i) => {
      const p = (part ?? {}) as { share?: unknown; deliveryWindow?: unknown };
      if (typeof p.share !== "string" || typeof p.deliveryWindow !== "string") {
        throw new CliError(`${field}: milestone ${i + 1} of ${file} needs "share" (e.g. "30%") and "deliveryWindow" (e.g. "2d"), both strings`);
      }
      return milestoneOf(`${field} milestone ${i + 1}`, p.share, p.deliveryWindow);
    });
  }
  return text.split(",").map((part, i) => {
    const match = /^([^:]+):(.+)$/.exec(part.trim());
    if (!match) throw new CliError(`${field}: milestone ${i + 1} (${JSON.stringify(part.trim())}) is not SHARE:WINDOW, e.g. 30%:2d`);
    return milestoneOf(`${field} milestone ${i + 1}`, match[1]!, match[2]!);
  });
}

function milestoneOf(field: string, share: string, window: string): sdk.Milestone {
  return { shareBps: parseBps(`${field} share`, share), deliveryWindow: parseWindow(`${field} window`, window) };
}

/** The job's delivery window with a schedule: the first milestone's. A `--delivery-window` that says otherwise is
 * refused rather than overridden. */
export function scheduleDeliveryWindow(milestones: readonly sdk.Milestone[], given: number | undefined): number {
  const first = milestones[0]!.deliveryWindow;
  if (given !== undefined && given !== first) {
    throw new CliError(
      `--delivery-window (${formatDuration(given)}) conflicts with --milestones: a job in milestones is due its first milestone's window (${formatDuration(first)}); leave --delivery-window out`,
    );
  }
  return first;
}

/** "30% (2 d), 70% (5 d)": the schedule in words. */
export const scheduleTerms = (milestones: readonly sdk.Milestone[]): string =>
  milestones.map((m) => `${formatBps(m.shareBps)} (${formatDuration(m.deliveryWindow)})`).join(", ");

const STAGE_WORDS: Record<sdk.MilestoneStage, string> = {
  settled: "settled",
  awarded: "in progress: awarded",
  delivered: "in progress: delivered",
  disputed: "in progress: disputed",
  "to come": "to come",
  refunded: "refunded (the job ended)",
};

/** The lines of `job show` about the milestones (none for a job paid at once). The amounts are of the price (for an
 * RFQ, the winning price once awarded; before that, of the maximum). */
export async function milestoneLines(ctx: Context, jobId: bigint, job: Job, token: TokenInfo, now: number) {
  if (!job.inMilestones) return { data: null, lines: [] as string[] };
  const plan = (await ctx.read.milestones({ jobId }))!;
  const stages = sdk.milestoneStages(plan, job.status);
  const rows = plan.milestones.map((m, i) => ({
    index: i,
    shareBps: m.shareBps,
    amount: sdk.milestoneGross(job.price, plan.milestones, i),
    deliveryWindow: m.deliveryWindow,
    stage: stages[i]!,
  }));
  const inProgress = stages[plan.current] === "awarded" || stages[plan.current] === "delivered" || stages[plan.current] === "disputed";
  const deadlineLabel = { awarded: "deliver by", delivered: "review ends", disputed: "dispute deadline" } as Record<string, string>;
  const header = `Milestones (${sdk.describeMilestones(plan, job.status)}${job.status === sdk.JobStatus.Open ? "; amounts of the maximum price until the award" : ""}):`;
  const lines = [
    "",
    header,
    ...rows.map(
      (r) =>
        `  ${r.index === plan.current && inProgress ? "▶" : " "} ${r.index + 1}. ${formatBps(r.shareBps).padStart(6)}  ${formatAmount(r.amount, token).padEnd(14)}  ${formatDuration(r.deliveryWindow).padEnd(6)}  ${STAGE_WORDS[r.stage]}${r.index === plan.current && inProgress ? ` — ${deadlineLabel[r.stage]} ${formatTime(job.deadline, now)}` : ""}`,
    ),
  ];
  return {
    data: { count: plan.count, current: plan.current, settledBps: plan.settledBps, settled: plan.settled, deadline: inProgress ? job.deadline : null, milestones: rows },
    lines,
  };
}
