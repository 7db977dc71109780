import * as sdk from "@tender/sdk";
import { CliError, defineCommand } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { formatAmount } from "../../format.ts";

export default defineCommand({
  path: ["bid", "forfeit"],
  summary: "anyone: send the bond of a sealed bid never revealed to the buyer, once the reveal window ended",
  args: "<jobId> <supplier>",
  options: {},
  examples: ["tender bid forfeit 7 0x90F79bf6EB2c4f870365E785982E1f101E93b906"],
  run: (parsed, globals) => {
    const supplier = parsed.positionals[1];
    if (supplier === undefined) throw new CliError("give the supplier whose unrevealed bond to forfeit: tender bid forfeit <jobId> <supplier>");
    sdk.checkAddress("supplier", supplier);
    let bond = 0n;
    return jobTransaction(parsed, globals, "Forfeiting the unrevealed bond", async (ctx, t, _job, jobId) => {
      bond = (await ctx.read.bid({ jobId, supplier })).bond;
      return t.forfeitBond({ jobId, supplier });
    }, async (ctx, jobId, job) => ({ data: { supplier, bond }, lines: [`${supplier}'s unrevealed bond of ${formatAmount(bond, await ctx.tokenAt(job.token))} went to job ${jobId}'s buyer.`] }));
  },
});
