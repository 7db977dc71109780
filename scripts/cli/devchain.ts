// The development chain's clock and blocks, for `tender dev …`: only on a node that says it is one. A Hardhat node
// (and Anvil) answers `hardhat_metadata`; a real network's endpoint does not, so its time is never touched.
import { CliError, EXIT, type Globals } from "./command.ts";
import { type Context, connect } from "./context.ts";
import { formatTime } from "./format.ts";

const request = (ctx: Context, method: string, params: unknown[] = []) => ctx.reader.request({ method: method as never, params: params as never });

/** The connected chain, when it is a development node; else bad usage, and nothing is sent. */
export async function devChain(globals: Globals, command: string): Promise<{ ctx: Context; client: string }> {
  const ctx = await connect(globals, { needDeployment: false });
  let metadata: { clientVersion?: string } | undefined;
  try {
    metadata = (await request(ctx, "hardhat_metadata")) as { clientVersion?: string };
  } catch {
    metadata = undefined;
  }
  if (!metadata?.clientVersion) {
    throw new CliError(
      `tender ${command} works only on a development chain (a Hardhat or Anvil node, which answers hardhat_metadata); the chain at ${ctx.rpcUrl} (chain id ${ctx.chain.id}) does not, so nothing was sent`,
      EXIT.usage,
    );
  }
  return { ctx, client: metadata.clientVersion };
}

/** Mines `blocks` blocks after moving the clock by `seconds` (0: just mine); returns the new head, in words. */
export async function moveChain(ctx: Context, seconds: number, blocks = 1): Promise<{ blockNumber: bigint; timestamp: number; line: string }> {
  if (seconds > 0) await request(ctx, "evm_increaseTime", [seconds]);
  for (let i = 0; i < blocks; i++) await request(ctx, "evm_mine");
  const block = await ctx.reader.getBlock();
  const timestamp = Number(block.timestamp);
  return { blockNumber: block.number, timestamp, line: `block ${block.number}, chain time ${formatTime(timestamp, Math.floor(Date.now() / 1000))}` };
}
