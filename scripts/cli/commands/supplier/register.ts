import * as sdk from "@tender/sdk";
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
    const writer = await ctx.writer();
    const registry = ctx.deployment.registry;
    const known = await sdk.isRegisteredSupplier(ctx.reader, { registry, supplier: writer.account.address });
    const receipt = await send(ctx, known ? "Updating the profile" : "Registering", () =>
      known ? sdk.updateSupplierProfile(writer, { registry, profileURI }) : sdk.registerSupplier(writer, { registry, profileURI }),
    );
    return {
      data: { supplier: writer.account.address, profileURI, updated: known, transactionHash: receipt.transactionHash },
      lines: [`${known ? "Updated" : "Registered"} ${writer.account.address} with profile ${profileURI}.`],
    };
  },
});
