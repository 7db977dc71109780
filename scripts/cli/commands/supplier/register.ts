import { defineCommand, str } from "../../command.ts";
import { connect, send } from "../../context.ts";
import { checkUri } from "../../inputs.ts";

export default defineCommand({
  path: ["supplier", "register"],
  summary: "supplier: publish your profile (an agent card URI); run again to update it",
  options: { profile: { type: "string", value: "URI", description: "your agent card: name, capabilities, endpoints", required: true } },
  examples: ["tender supplier register --profile https://agents.example/me.json --account supplier"],
  async run(parsed, globals) {
    const profileURI = checkUri("--profile", str(parsed, "profile")!);
    const ctx = await connect(globals);
    const t = await ctx.tender();
    const registry = ctx.deployment.registry;
    const known = await ctx.read.isRegisteredSupplier({ supplier: t.account });
    const receipt = await send(ctx, known ? "Updating the profile" : "Registering", () =>
      known ? t.updateSupplierProfile({ profileURI }) : t.registerSupplier({ profileURI }),
    );
    return {
      data: { supplier: t.account, profileURI, updated: known, transactionHash: receipt.transactionHash },
      lines: [`${known ? "Updated" : "Registered"} ${t.account} with profile ${profileURI}.`],
    };
  },
});
