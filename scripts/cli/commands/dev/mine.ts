import { CliError, defineCommand } from "../../command.ts";
import { devChain, moveChain } from "../../devchain.ts";
import { checkCount } from "../../inputs.ts";

export default defineCommand({
  path: ["dev", "mine"],
  summary: "development chain: mine blocks (evm_mine) without moving the clock on purpose",
  args: "[count]",
  options: {},
  details: "Runs only on a node that answers hardhat_metadata (Hardhat's node, Anvil); refused elsewhere (exit 2).",
  examples: ["tender dev mine", "tender dev mine 5"],
  async run(parsed, globals) {
    const count = checkCount("[count]", parsed.positionals[0] ?? "1");
    if (count < 1 || count > 1_000) throw new CliError(`[count]: mine from 1 to 1000 blocks at a time, not ${count}`);
    const { ctx } = await devChain(globals, "dev mine");
    const head = await moveChain(ctx, 0, count);
    return { data: { blockNumber: head.blockNumber, timestamp: head.timestamp }, lines: [`Mined: ${head.line}.`] };
  },
});
