import { defineCommand, str } from "../../command.ts";
import { connect, send } from "../../context.ts";
import { formatBps, formatDuration, parseBps, parseDuration } from "../../format.ts";
import { checkUri } from "../../inputs.ts";

export const termsOptions = {
  fee: { type: "string", value: "PCT", description: "your fee, % of the job's price, paid by each side of a dispute", required: true },
  "rule-window": { type: "string", value: "DURATION", description: "how long you take to rule after an answer", required: true },
  terms: { type: "string", value: "URI", description: "your terms: how you judge, what evidence you read", required: true },
} as const;

export function readTerms(values: Parameters<typeof str>[0]) {
  return {
    feeBps: parseBps("--fee", str(values, "fee")!),
    ruleWindow: parseDuration("--rule-window", str(values, "rule-window")!),
    termsURI: checkUri("--terms", str(values, "terms")!),
  };
}

export default defineCommand({
  path: ["arbitrator", "register"],
  summary: "arbitrator: register with your first terms, so buyers can name you",
  options: { ...termsOptions },
  examples: ["tender arbitrator register --fee 3% --rule-window 3d --terms https://arbiter.example/terms --account arbitrator"],
  async run(parsed, globals) {
    const terms = readTerms(parsed);
    const ctx = await connect(globals);
    const t = await ctx.tender();
    const receipt = await send(ctx, "Registering as an arbitrator", () => t.registerArbitrator({ ...terms }));
    return {
      data: { arbitrator: t.account, ...terms, transactionHash: receipt.transactionHash },
      lines: [`Registered ${t.account}: fee ${formatBps(terms.feeBps)}, rules within ${formatDuration(terms.ruleWindow)}, terms ${terms.termsURI}.`],
    };
  },
});
