import { keccak256, toBytes } from "viem";
import { defineCommand, str } from "../../command.ts";
import { jobTransaction, settledReport } from "../../actions.ts";
import { parseBps } from "../../format.ts";

export default defineCommand({
  path: ["arbitrator", "rule"],
  summary: "arbitrator: rule a split of the price — the share that goes back to the buyer",
  args: "<jobId>",
  options: {
    "buyer-share": { type: "string", value: "PCT", description: "share of the price to the buyer, 0%–100% (the rest to the supplier)", required: true },
    reason: { type: "string", value: "TEXT", description: "your reasons; their keccak256 goes on-chain (publish the text alongside)", required: true },
  },
  examples: ['tender arbitrator rule 12 --buyer-share 70% --reason "two of three acceptance checks failed" --account arbitrator'],
  run: (parsed, globals) => {
    const buyerShareBps = parseBps("--buyer-share", str(parsed, "buyer-share")!);
    const reasonHash = keccak256(toBytes(str(parsed, "reason")!));
    return jobTransaction(parsed, globals, "Ruling", (ctx, t, _job, jobId) =>
      t.rule({ jobId, buyerShareBps, reasonHash }),
      (ctx, jobId, after, _t, receipt) => settledReport(ctx, jobId, after, receipt),
    );
  },
});
