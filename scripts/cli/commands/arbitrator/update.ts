import { defineCommand } from "../../command.ts";
import { connect, send } from "../../context.ts";
import { formatBps, formatDuration } from "../../format.ts";
import { readTerms, termsOptions } from "./register.ts";

export default defineCommand({
  path: ["arbitrator", "update"],
  summary: "arbitrator: publish new terms for future jobs (running jobs keep the terms they named)",
  options: { ...termsOptions },
  examples: ["tender arbitrator update --fee 2.5% --rule-window 2d --terms https://arbiter.example/terms-v2 --account arbitrator"],
  async run(parsed, globals) {
    const terms = readTerms(parsed);
    const ctx = await connect(globals);
    const t = await ctx.tender();
    const receipt = await send(ctx, "Publishing new terms", () => t.updateArbitratorTerms({ ...terms }));
    const { termsId } = await ctx.read.arbitrator({ arbitrator: t.account });
    return {
      data: { arbitrator: t.account, termsId, ...terms, transactionHash: receipt.transactionHash },
      lines: [`Published terms #${termsId}: fee ${formatBps(terms.feeBps)}, rules within ${formatDuration(terms.ruleWindow)}, ${terms.termsURI}.`],
    };
  },
});
