import { parseEventLogs } from "viem";
import * as sdk from "@tender/sdk";
import { CliError, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { formatAmount, formatTime } from "../../format.ts";

export default defineCommand({
  path: ["job", "confirm"],
  summary: "buyer: accept a delivery with a 1–5 rating; the supplier is paid",
  args: "<jobId>",
  options: {
    rating: { type: "string", value: "1-5", description: "your rating of the work (a job in milestones: on its last milestone only; leave it out before)" },
  },
  details:
    "A job in milestones is confirmed one milestone at a time: before the last, leave --rating out (rating 0 is sent: the work is rated once, when you confirm the last milestone); the last takes a rating from 1 to 5.",
  examples: ["tender job confirm 12 --rating 5 --account buyer", "tender job confirm 14 --account buyer  # a milestone before the last"],
  run: (parsed, globals) => {
    const raw = str(parsed, "rating");
    if (raw !== undefined && !/^[1-5]$/.test(raw)) throw new CliError(`--rating: ${JSON.stringify(raw)} is not a whole number from 1 to 5`);
    let milestone: { count: number; current: number } | undefined;
    return jobTransaction(
      parsed,
      globals,
      "Confirming",
      async (ctx, t, job, jobId) => {
        const plan = job.inMilestones ? await ctx.read.milestones({ jobId }) : undefined;
        milestone = plan && { count: plan.count, current: plan.current };
        const last = !plan || sdk.isLastMilestone(plan);
        if (last && raw === undefined) {
          throw new CliError(plan ? `--rating: milestone ${plan.current + 1} of ${plan.count} is the last: rate the work from 1 to 5` : "--rating: give your rating of the work, 1 to 5");
        }
        if (!last && raw !== undefined) {
          throw new CliError(`--rating: milestone ${plan!.current + 1} of ${plan!.count} is not the last; the work is rated when you confirm the last milestone — leave --rating out now (nothing was sent)`);
        }
        return t.confirm({ jobId, rating: last ? Number(raw) : 0, milestone: milestone ?? { count: 1, current: 0 } });
      },
      async (ctx, jobId, after, _t, receipt) => {
        const status = `Job ${jobId} is now ${sdk.STATUS_NAMES[after.status]!}.`;
        if (!milestone) return `Confirming: done. ${status}`;
        const [settled] = parseEventLogs({ abi: sdk.tenderEscrowAbi, eventName: "MilestoneSettled", logs: receipt.logs });
        const token = await ctx.tokenAt(after.token);
        const paid = settled ? ` (${formatAmount(settled.args.gross, token)} gross, ${formatAmount(settled.args.toSupplier, token)} paid to the supplier now)` : "";
        const which = `milestone ${milestone.current + 1} of ${milestone.count}`;
        if (milestone.current + 1 === milestone.count) return { data: { milestone: milestone.current }, lines: [`Confirmed the last milestone (${which})${paid}. ${status}`] };
        return {
          data: { milestone: milestone.current, rating: 0, nextDeliverBy: after.deadline },
          lines: [
            `Confirmed ${which}${paid}, with rating 0: the rating is given when you confirm the last milestone.`,
            `${status} Milestone ${milestone.current + 2} is due ${formatTime(after.deadline, await ctx.now())}.`,
          ],
        };
      },
    );
  },
});
