import { CliError, defineCommand } from "../../command.ts";
import { devChain, moveChain } from "../../devchain.ts";
import { formatDuration, parseDuration } from "../../format.ts";

export default defineCommand({
  path: ["dev", "advance"],
  summary: "development chain: move the clock forward (evm_increaseTime) and mine a block",
  args: "<duration>",
  options: {},
  details:
    "For trying deadlines out on the local chain (`npm start`, `hardhat node`): bidding windows, delivery and review\n" +
    "windows, dispute deadlines. It runs only on a node that answers hardhat_metadata (Hardhat's node, Anvil); on any\n" +
    "other chain it is refused (exit 2) and nothing is sent. The duration: 90m, 2h, 3d, 1w, or seconds.",
  examples: ["tender dev advance 2h", "tender dev advance 1d --json"],
  async run(parsed, globals) {
    const seconds = parseDuration("<duration>", parsed.positionals[0]!);
    if (seconds === 0) throw new CliError("<duration>: give a duration above zero (e.g. 2h)");
    const { ctx } = await devChain(globals, "dev advance");
    const head = await moveChain(ctx, seconds);
    return {
      data: { advancedBy: seconds, blockNumber: head.blockNumber, timestamp: head.timestamp },
      lines: [`Advanced the chain's clock by ${formatDuration(seconds)}: ${head.line}.`],
    };
  },
});
