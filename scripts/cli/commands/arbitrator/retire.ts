import { defineCommand } from "../../command.ts";
import { connect, send } from "../../context.ts";

export default defineCommand({
  path: ["arbitrator", "retire"],
  summary: "arbitrator: stop being named in new jobs (jobs that named you keep you)",
  options: {},
  examples: ["tender arbitrator retire --account arbitrator"],
  async run(_parsed, globals) {
    const ctx = await connect(globals);
    const t = await ctx.tender();
    const receipt = await send(ctx, "Retiring", () => t.retireArbitrator());
    return {
      data: { arbitrator: t.account, transactionHash: receipt.transactionHash },
      lines: [`${t.account} no longer takes new jobs.`],
    };
  },
});
