// What the server reads from the chain itself: where Tender is deployed, the chain's time, and token metadata.
// Everything else comes from the indexer (lib/indexer.ts).
import "server-only";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { http, type Address, type PublicClient, createPublicClient, zeroAddress } from "viem";
import { type Deployment, readDeployment } from "@tender/sdk/deployments";
import { type Reader, readJob } from "@tender/sdk/escrow";
import { readMilestones } from "@tender/sdk/milestones";
import { statusName } from "@tender/sdk/units";
import type { JobMilestones } from "./milestones.ts";
import { tender } from "@tender/sdk/client";
import { readToken } from "@tender/sdk/token";
import { tenderChain } from "./chain.ts";
import { type PublicConfig, deploymentsDir, publicConfig } from "./config.ts";
import { ETH_TOKEN, type TokenInfo } from "./format.ts";

let reader: { key: string; client: PublicClient } | undefined;

function client(config: PublicConfig): PublicClient {
  const key = `${config.chainId}@${config.rpcUrl}`;
  if (reader?.key !== key) {
    const chain = tenderChain(config.chainId, config.rpcUrl);
    reader = { key, client: createPublicClient({ chain, transport: http(config.rpcUrl, { timeout: 5_000, retryCount: 0 }) }) };
  }
  return reader.client;
}

/** The deployments folder: TENDER_DEPLOYMENTS_DIR, else the repository's deployments/ (found from the working
 * directory, which is web/ or the repository root). The SDK's own default points into its source folder, which a
 * bundled server does not have. */
function deploymentsFolder(chainId: number): string | undefined {
  const configured = deploymentsDir();
  if (configured) return configured;
  for (const dir of [join(process.cwd(), "deployments"), join(process.cwd(), "..", "deployments")]) {
    if (existsSync(join(dir, `${chainId}.json`))) return dir;
  }
  return undefined;
}

/** Where Tender lives on the configured chain, or the reason it cannot be found. */
export function deployment(): { ok: true; value: Deployment } | { ok: false; error: string } {
  const { chainId } = publicConfig();
  try {
    const dir = deploymentsFolder(chainId);
    return { ok: true, value: dir ? readDeployment(chainId, dir) : readDeployment(chainId, join(process.cwd(), "deployments")) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** The chain's latest block time (Unix seconds): "now" for deadlines. A development chain may run ahead of the wall
 * clock after time travel, so deadlines are never judged by the server's clock unless the chain cannot be read. */
export async function chainNow(): Promise<{ now: number; fromChain: boolean }> {
  try {
    const block = await client(publicConfig()).getBlock({ blockTag: "latest" });
    return { now: Number(block.timestamp), fromChain: true };
  } catch {
    return { now: Math.floor(Date.now() / 1000), fromChain: false };
  }
}

// Token metadata never changes for a deployed token; failures are not cached, so a later request tries again.
const tokens = new Map<string, Promise<TokenInfo>>();

/** Symbol and decimals of a token (ETH for the zero address). A token that cannot be read is shown in base units. */
export async function tokenInfo(address: string): Promise<TokenInfo> {
  const key = address.toLowerCase();
  if (key === zeroAddress) return ETH_TOKEN;
  const cached = tokens.get(key);
  if (cached) return cached;
  const pending = readToken(client(publicConfig()) as unknown as Reader, key as Address);
  tokens.set(key, pending);
  try {
    return await pending;
  } catch {
    tokens.delete(key);
    return { address: key as Address, symbol: "units", decimals: 0, unknown: true };
  }
}

/** Metadata for every distinct token in `addresses`, keyed by lowercase address. */
export async function tokenInfos(addresses: Iterable<string>): Promise<Record<string, TokenInfo>> {
  const unique = [...new Set([...addresses].map((a) => a.toLowerCase()))];
  const infos = await Promise.all(unique.map(tokenInfo));
  return Object.fromEntries(unique.map((a, i) => [a, infos[i]!]));
}

/** The tokens the app offers in filters: ETH and the deployment's demo stablecoin, when it has one. */
export async function knownTokens(): Promise<TokenInfo[]> {
  const found = deployment();
  const list = [ETH_TOKEN];
  if (found.ok && found.value.stablecoin) list.push(await tokenInfo(found.value.stablecoin));
  return list.filter((t) => !t.unknown);
}

let grace: { escrow: string; seconds: Promise<number> } | undefined;

/** The deployment's cancel grace period (seconds): a constant of the escrow, read once per escrow. Undefined when
 * the chain cannot be read (the job page then assumes the deployments' default). */
export async function cancelGracePeriod(): Promise<number | undefined> {
  const found = deployment();
  if (!found.ok) return undefined;
  if (grace?.escrow !== found.value.escrow) {
    grace = { escrow: found.value.escrow, seconds: tender({ reader: client(publicConfig()) as unknown as Reader }, found.value).read.cancelGracePeriod() };
  }
  try {
    return await grace.seconds;
  } catch {
    grace = undefined;
    return undefined;
  }
}

/** A job paid in milestones as the chain has it now (the escrow's job and milestonesOf): undefined for a job paid at
 * once, or when the chain cannot be read (then `problem` says why). The job's status and deadline on-chain are the
 * milestone in progress'; the indexer's job row is not relied on for them. */
export async function jobMilestones(jobId: string): Promise<{ value?: JobMilestones; problem?: string }> {
  const found = deployment();
  if (!found.ok) return { problem: found.error };
  const reader = client(publicConfig()) as unknown as Reader;
  const at = { escrow: found.value.escrow, jobId: BigInt(jobId) };
  try {
    const plan = await readMilestones(reader, at);
    if (!plan) return {};
    const job = await readJob(reader, at);
    return {
      value: {
        status: statusName(job.status) as JobMilestones["status"],
        deadline: Number(job.deadline),
        answered: job.answered,
        price: String(job.price),
        count: plan.count,
        current: plan.current,
        settledBps: plan.settledBps,
        settled: String(plan.settled),
        milestones: plan.milestones,
      },
    };
  } catch (error) {
    return { problem: `the job's milestones could not be read from the chain (${(error as Error).message.split("\n")[0]})` };
  }
}
