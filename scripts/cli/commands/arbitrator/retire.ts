import * as sdk from "@tender/sdk";
import { defineCommand } from "../../command.ts";
import { connect, send } from "../../context.ts";

export default defineCommand({
  path: ["arbitrator", "retire"],
  summary: "arbitrator: stop being named in new jobs (jobs that named you keep you)",
  options: {},
  examples: ["tender arbitrator retire --account arbitrator"],
  async run(_parsed, globals) {
    const ctx = await connect(globals);
    const writer = await ctx.writer();
    const receipt = await send(ctx, "Retiring", () => sdk.retireArbitrator(writer, { escrow: ctx.deployment.escrow }));
    return {
      data: { arbitrator: writer.account.address, transactionHash: receipt.transactionHash },
      lines: [`${writer.account.address} no longer takes new jobs.`],
    };
  },
});
