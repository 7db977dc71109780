// The shape most job commands share: check the job exists, send one transaction, report the job's new state.
import type { Address, TransactionReceipt } from "viem";
import * as sdk from "@tender/sdk";
import type { Globals, Output, Parsed } from "./command.ts";
import { jobIdArg } from "./command.ts";
import { type Context, connect, existingJob, send } from "./context.ts";
import { settlementReport } from "./payouts.ts";

export const STATUS_NAMES = sdk.STATUS_NAMES;

/** Sends `action` for the job named by the first argument and reports its status afterwards. */
export async function jobTransaction(
  parsed: Parsed,
  globals: Globals,
  what: string,
  action: (ctx: Context, t: sdk.TenderClient, job: Awaited<ReturnType<typeof existingJob>>, jobId: bigint) => Promise<`0x${string}`>,
  /** What to tell the person once it is done (default: the job's new status). */
  report?: (ctx: Context, jobId: bigint, after: Awaited<ReturnType<typeof existingJob>>, t: sdk.TenderClient, receipt: TransactionReceipt) => Promise<string | { data?: Record<string, unknown>; lines: string[] }>,
): Promise<Output> {
  const jobId = jobIdArg(parsed);
  const ctx = await connect(globals);
  const job = await existingJob(ctx, jobId);
  const t = await ctx.tender();
  const receipt = await send(ctx, `${what} (job ${jobId})`, () => action(ctx, t, job, jobId));
  const after = await ctx.read.job({ jobId });
  const status = STATUS_NAMES[after.status]!;
  const told = report ? await report(ctx, jobId, after, t, receipt) : `${what}: done. Job ${jobId} is now ${status}.`;
  const { data = {}, lines } = typeof told === "string" ? { lines: [told] } : told;
  return {
    data: { jobId, status, transactionHash: receipt.transactionHash, blockNumber: receipt.blockNumber, by: t.account, ...data },
    lines: [...lines, `tx ${receipt.transactionHash}`],
  };
}

/** The report of a transaction that may settle a dispute: the status, then who got what. */
export async function settledReport(ctx: Context, jobId: bigint, after: Awaited<ReturnType<typeof existingJob>>, receipt: TransactionReceipt) {
  const settlement = await settlementReport(ctx, jobId, after, receipt);
  const status = `Job ${jobId} is now ${STATUS_NAMES[after.status]!}.`;
  return settlement ? { data: { settlement: settlement.data }, lines: [`${settlement.lines[0]!} ${status}`, ...settlement.lines.slice(1)] } : { lines: [status] };
}

export function short(address: Address): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
