// The shape most job commands share: check the job exists, send one transaction, report the job's new state.
import type { Address } from "viem";
import * as sdk from "@tender/sdk";
import type { Globals, Output, Parsed } from "./command.ts";
import { jobIdArg } from "./command.ts";
import { type Context, connect, existingJob, send } from "./context.ts";

export const STATUS_NAMES = sdk.STATUS_NAMES;

/** Sends `action` for the job named by the first argument and reports its status afterwards. */
export async function jobTransaction(
  parsed: Parsed,
  globals: Globals,
  what: string,
  action: (ctx: Context, t: sdk.TenderClient, job: Awaited<ReturnType<typeof existingJob>>, jobId: bigint) => Promise<`0x${string}`>,
  /** What to tell the person once it is done (default: the job's new status). */
  report?: (ctx: Context, jobId: bigint, after: Awaited<ReturnType<typeof existingJob>>, t: sdk.TenderClient) => Promise<string>,
): Promise<Output> {
  const jobId = jobIdArg(parsed);
  const ctx = await connect(globals);
  const job = await existingJob(ctx, jobId);
  const t = await ctx.tender();
  const receipt = await send(ctx, `${what} (job ${jobId})`, () => action(ctx, t, job, jobId));
  const after = await ctx.read.job({ jobId });
  const status = STATUS_NAMES[after.status]!;
  return {
    data: { jobId, status, transactionHash: receipt.transactionHash, blockNumber: receipt.blockNumber, by: t.account },
    lines: [report ? await report(ctx, jobId, after, t) : `${what}: done. Job ${jobId} is now ${status}.`, `tx ${receipt.transactionHash}`],
  };
}

export function short(address: Address): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
