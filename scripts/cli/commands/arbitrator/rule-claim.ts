import { keccak256, toBytes } from "viem";
import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { parseBps } from "../../format.ts";
import { MILESTONE_OPTION, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["arbitrator", "rule-claim"],
  summary: "arbitrator: rule an answered warranty claim — the share of the amount asked that goes back to the buyer",
  args: "<jobId>",
  options: {
    "buyer-share": { type: "string", value: "PCT", description: "share of the amount asked to the buyer, 0%–100% (the rest of the held share to the supplier)", required: true },
    reason: { type: "string", value: "TEXT", description: "your reasons; their keccak256 goes on-chain (publish the text alongside)", required: true },
    ...MILESTONE_OPTION,
  },
  examples: ['tender arbitrator rule-claim 12 --buyer-share 70% --reason "the summary broke the style guide after delivery" --account arbitrator'],
  run: (parsed, globals) => {
    const buyerShareBps = parseBps("--buyer-share", str(parsed, "buyer-share")!);
    const reasonHash = keccak256(toBytes(str(parsed, "reason")!));
    return jobTransaction(parsed, globals, "Ruling the claim", async (ctx, t, job, jobId) => t.ruleClaim({ jobId, buyerShareBps, reasonHash, payment: await paymentArg(ctx, parsed, jobId, job) }), (ctx, jobId, after, _t, receipt) =>
      warrantyReport(ctx, jobId, after, receipt),
    );
  },
});
