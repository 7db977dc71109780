import { existsSync } from "node:fs";
import * as sdk from "@tender/sdk";
import { CliError, defineCommand, list, str } from "../command.ts";
import { connect } from "../context.ts";
import { parseBps } from "../format.ts";
import { checkAddressArg } from "../inputs.ts";

export default defineCommand({
  path: ["deploy"],
  summary: "owner: deploy Tender (registry and escrow) and record the deployment for this chain",
  options: {
    treasury: { type: "string", value: "ADDRESS", description: "where protocol fees go (default: the deployer)" },
    fee: { type: "string", value: "PCT", description: "protocol fee, at most 5% (default 1%)" },
    "allow-token": { type: "string", multiple: true, value: "ADDRESS", description: "list an ERC-20 for new jobs (repeatable; only tokens that move exact amounts — no fee on transfer)" },
    "mock-token": { type: "boolean", description: "also deploy a mock stablecoin (mUSD, 6 decimals; anyone may mint) for development" },
    force: { type: "boolean", description: "replace an existing deployment record for this chain (the old contracts stay where they are)" },
  },
  details: "Writes deployments/<chainId>.json (or TENDER_DEPLOYMENTS_DIR), which every other command reads.",
  examples: ["tender deploy --mock-token --account deployer", "tender deploy --treasury 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --fee 0.5% --rpc https://rpc.example --account deployer"],
  async run(parsed, globals) {
    const feeBps = parseBps("--fee", str(parsed, "fee") ?? "1%", 500);
    const listed = list(parsed, "allow-token").map((token) => checkAddressArg("--allow-token", token));
    const ctx = await connect(globals, { needDeployment: false });
    if (parsed.values.force !== true && existsSync(sdk.deploymentFile(ctx.chain.id, ctx.network.deploymentsDir))) {
      throw new CliError(`Tender already has a deployment record for chain ${ctx.chain.id} (${sdk.deploymentFile(ctx.chain.id, ctx.network.deploymentsDir)}); pass --force to replace it`);
    }
    for (const token of listed) {
      if ((await ctx.reader.getCode({ address: token })) === undefined) throw new CliError(`--allow-token: ${token} is not a contract on chain ${ctx.chain.id}`);
    }
    const writer = await ctx.writer();
    const treasury = str(parsed, "treasury") === undefined ? writer.account.address : checkAddressArg("--treasury", str(parsed, "treasury")!);
    if ((await ctx.reader.getBalance({ address: writer.account.address })) === 0n) {
      throw new CliError(`${writer.account.address} has no ETH on chain ${ctx.chain.id} to pay for the deployment`);
    }
    process.stderr.write(`… deploying from ${writer.account.address} to chain ${ctx.chain.id}\n`);
    const deployment = await sdk.deployEscrow(writer, ctx.reader, { owner: writer.account.address, treasury, feeBps });
    if (parsed.values["mock-token"] === true) {
      deployment.stablecoin = await sdk.deployMockToken(writer, ctx.reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow: deployment.escrow });
    }
    for (const token of listed) {
      await sdk.waitForSuccess(ctx.reader, await sdk.setTokenAllowed(writer, { escrow: deployment.escrow, token, allowed: true }));
    }
    const file = sdk.writeDeployment(deployment, ctx.network.deploymentsDir);
    return {
      data: { ...deployment, file },
      lines: [
        `Deployed Tender on chain ${deployment.chainId}:`,
        `  escrow    ${deployment.escrow}`,
        `  registry  ${deployment.registry} (from block ${deployment.startBlock})`,
        ...(deployment.stablecoin ? [`  mUSD      ${deployment.stablecoin} (listed for new jobs)`] : []),
        ...listed.map((token) => `  listed    ${token} for new jobs`),
        `Recorded in ${file}.`,
      ],
    };
  },
});
