// The live part of the `npm start` demo: two supplier agents (the real `tender agent run`, as child processes)
// compete for a demo buyer's text.transform RFQs; the buyer's verifier checks each delivery and confirms it or
// disputes it, with no person in the loop.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Address, formatUnits, parseUnits } from "viem";
import { reviewDelivery } from "../../agent/buyer/verifier.ts";
import * as sdk from "@tender/sdk";
import type { AdvanceTime } from "./seed.ts";
import { TRANSFORM_SPECS } from "./transform-specs.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const USD = (amount: string) => parseUnits(amount, 6);

export interface DemoAgent {
  name: string;
  address: Address;
  child: ChildProcess;
}

/** Starts one `tender agent run` per config, each signing with its key, its state in a fresh directory: removed
 * once every agent has exited (or, at the latest, when this process exits). */
export function startAgents(
  p: { rpcUrl: string; deploymentsDir?: string; agents: { config: string; privateKey: `0x${string}`; address: Address }[]; relayers?: string[] },
  onLine: (name: string, line: string) => void,
): DemoAgent[] {
  const stateDir = mkdtempSync(join(tmpdir(), "tender-agents-"));
  const removeStateDir = () => rmSync(stateDir, { recursive: true, force: true });
  process.once("exit", removeStateDir);
  let running = p.agents.length;
  const exited = () => {
    if (--running > 0) return;
    removeStateDir();
    process.removeListener("exit", removeStateDir);
  };
  return p.agents.map(({ config, privateKey, address }) => {
    const name = config.replace(/^.*\//, "").replace(/\.json$/, "");
    const relay = p.relayers?.length ? ["--relay", p.relayers.join(",")] : [];
    const child = spawn(process.execPath, [join(root, "scripts/cli/tender.ts"), "agent", "run", "--config", config, "--state", join(stateDir, `${name}.json`), ...relay], {
      env: { ...process.env, TENDER_RPC_URL: p.rpcUrl, TENDER_PRIVATE_KEY: privateKey, ...(p.deploymentsDir ? { TENDER_DEPLOYMENTS_DIR: p.deploymentsDir } : {}) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffered = "";
    const split = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) if (line.trim()) onLine(name, line);
    };
    child.stdout!.on("data", split);
    child.stderr!.on("data", split);
    child.once("close", exited);
    return { name, address, child };
  });
}

export interface Round {
  jobId: bigint;
  title: string;
  bids: number;
  winner: Address;
  price: string;
  decision: string;
}

/**
 * The demo buyer posts `count` RFQs (lowest price, 10% bond, maximum 10 mUSD), waits for the agents' bids, lets
 * bidding close (moving the dev chain's clock), waits for the winner's delivery, and reviews it with the verifier.
 */
export async function runRounds(
  reader: sdk.Reader,
  p: { buyer: sdk.Writer; arbitrator: Address; deployment: sdk.Deployment; token: Address; count: number; bidders: number; advanceTime: AdvanceTime },
): Promise<Round[]> {
  const { escrow } = p.deployment;
  const market = sdk.tender({ reader }, p.deployment);
  const as = (writer: sdk.Writer) => sdk.tender({ reader, writer }, p.deployment);
  const rounds: Round[] = [];
  const until = async <T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  for (let i = 0; i < p.count; i++) {
    const demo = TRANSFORM_SPECS[i % TRANSFORM_SPECS.length]!;
    const now = Math.max(Number((await reader.getBlock()).timestamp), Math.floor(Date.now() / 1000));
    const bidding = sdk.HOUR + 120;
    const jobId = await market.waitForJobId(
      await as(p.buyer).postRFQ({
        token: p.token, maxPrice: USD("10"), bidDeadline: now + bidding, awardWindow: 0, deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: p.arbitrator, defaultBuyerShareBps: 0,
        category: demo.category, floors: { ...sdk.NO_FLOORS, bondBps: 1_000 }, spec: demo.spec,
      }),
    );
    // Bidding settles when every agent bid and the price stopped moving for a second.
    let last = "";
    let stableSince = Date.now();
    const bids = await until(`bids on job ${jobId}`, async () => {
      const bids = await market.read.bids({ jobId });
      const key = bids.map((b) => `${b.supplier}:${b.price}`).join();
      if (key !== last) [last, stableSince] = [key, Date.now()];
      return bids.length >= p.bidders && Date.now() - stableSince > 1_000 ? bids : undefined;
    });
    await p.advanceTime(bidding + 60);
    // Anyone may award a lowest-price RFQ once bidding closed; agents holding no ETH leave it to others: the buyer.
    if ((await market.read.job({ jobId })).status === sdk.JobStatus.Open) {
      const buyer = as(p.buyer);
      await buyer.wait(await buyer.award({ jobId }));
    }
    await until(`the delivery of job ${jobId}`, async () => (await market.read.job({ jobId })).status === sdk.JobStatus.Delivered);
    const job = await market.read.job({ jobId });
    const review = await reviewDelivery(p.buyer, reader, { escrow, jobId, fromBlock: BigInt(p.deployment.startBlock) });
    rounds.push({
      jobId,
      title: (JSON.parse(demo.spec) as { title: string }).title,
      bids: bids.length,
      winner: job.supplier,
      price: `${formatUnits(job.price, 6)} mUSD`,
      decision: `${review.decision}: ${review.reason}`,
    });
  }
  return rounds;
}

export interface MilestoneRound {
  jobId: bigint;
  title: string;
  supplier: Address;
  price: string;
  /** "milestone 2 of 3 delivered" once the demo leaves it. */
  progress: string;
  /** The verifier's decision on the first milestone. */
  decision: string;
}

/**
 * The demo buyer hires an agent directly for a text.transform job paid in 3 milestones (30%, 30%, 40%; 9 mUSD): the
 * agent works and delivers the first, the buyer's verifier confirms it (rating 0: the rating comes with the last),
 * the agent delivers the second, which is left in review while the demo runs.
 */
export async function runMilestoneJob(
  reader: sdk.Reader,
  p: { buyer: sdk.Writer; arbitrator: Address; supplier: Address; deployment: sdk.Deployment; token: Address },
): Promise<MilestoneRound> {
  const { escrow } = p.deployment;
  const market = sdk.tender({ reader }, p.deployment);
  const buyer = sdk.tender({ reader, writer: p.buyer }, p.deployment);
  const demo = TRANSFORM_SPECS[0]!;
  const jobId = await market.waitForJobId(
    await buyer.postDirectHireInMilestones({
      supplier: p.supplier, token: p.token, price: USD("9"), deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, arbitrator: p.arbitrator,
      defaultBuyerShareBps: 0, category: demo.category, spec: demo.spec,
      milestones: [{ shareBps: 3_000, deliveryWindow: sdk.DAY }, { shareBps: 3_000, deliveryWindow: sdk.DAY }, { shareBps: 4_000, deliveryWindow: 2 * sdk.DAY }],
    }),
  );
  const delivered = (milestone: number) => async () => {
    const [job, plan] = await Promise.all([market.read.job({ jobId }), market.read.milestones({ jobId })]);
    return job.status === sdk.JobStatus.Delivered && plan?.current === milestone;
  };
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`demo: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  await until(`the first milestone of job ${jobId}`, delivered(0));
  const review = await reviewDelivery(p.buyer, reader, { escrow, jobId, fromBlock: BigInt(p.deployment.startBlock) });
  await until(`the second milestone of job ${jobId}`, delivered(1));
  const [job, plan] = await Promise.all([market.read.job({ jobId }), market.read.milestones({ jobId })]);
  return {
    jobId,
    title: `${(JSON.parse(demo.spec) as { title: string }).title} (in 3 milestones)`,
    supplier: p.supplier,
    price: `${formatUnits(job.price, 6)} mUSD`,
    progress: sdk.describeMilestones(plan!, job.status),
    decision: `${review.decision}: ${review.reason}`,
  };
}
