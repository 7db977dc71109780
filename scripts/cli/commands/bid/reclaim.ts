import { defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";

export default defineCommand({
  path: ["bid", "reclaim"],
  summary: "supplier: take back your bond from an RFQ you did not win, or that was cancelled",
  args: "<jobId>",
  options: {},
  examples: ["tender bid reclaim 7 --account supplier"],
  run: (parsed, globals) =>
    jobTransaction(parsed, globals, "Reclaiming the bond", (ctx, t, _job, jobId) => t.reclaimBond({ jobId })),
});
