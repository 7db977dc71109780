// `npm start`: a local chain (hardhat node on 127.0.0.1, port 8545 unless TENDER_PORT says otherwise), Tender
// deployed on it, a seeded demo market, two supplier agents, the indexer (42069, TENDER_INDEXER_PORT) and the web
// app's production build (3000, TENDER_WEB_PORT), and a summary; runs until Ctrl-C, then stops what it started.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { http, createPublicClient, createWalletClient, defineChain } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import * as sdk from "@tender/sdk";
import { seedDemo } from "./demo/seed.ts";
import { type DemoAgent, runRounds, startAgents } from "./demo/agents.ts";
import { type RunningIndexer, startIndexer } from "./lib/indexer.ts";
import { type RunningWeb, buildWeb, startWeb } from "./lib/web.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const port = Number(process.env.TENDER_PORT ?? 8545);
const rpcUrl = `http://127.0.0.1:${port}`;
// Hardhat's well-known development accounts: never use them on a real network.
const MNEMONIC = "test test test test test test test test test test test junk";

const chain = defineChain({
  id: 31337,
  name: "Tender local",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});

function startNode(): ChildProcess {
  const bin = join(root, "node_modules/.bin/hardhat");
  const child = spawn(bin, ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`hardhat node exited (${signal ?? code}):\n${log.slice(-2000)}`);
      process.exit(1);
    }
  });
  return child;
}

async function waitForRpc(timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no RPC at ${rpcUrl} after ${timeoutMs / 1000}s (is port ${port} taken? set TENDER_PORT)`);
}

let stopping = false;
let agents: DemoAgent[] = [];
let indexer: RunningIndexer | undefined;
let web: RunningWeb | undefined;
const node = startNode();
// The web app's production build runs beside the chain's setup (it is redone only when a source changed).
const webBuild = buildWeb().then(
  (ms) => ({ ms }),
  (error: Error) => ({ error }),
);
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the web app, the agents, the indexer and the local chain…");
  const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  for (const agent of agents) agent.child.kill("SIGTERM");
  void Promise.all([...agents.map((agent) => exited(agent.child)), indexer?.stop(), web?.stop()]).then(() => {
    node.once("exit", () => process.exit(code));
    node.kill("SIGTERM");
  });
  setTimeout(() => process.exit(code), 8_000).unref();
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

try {
  await waitForRpc();
  const transport = http(rpcUrl);
  const reader = createPublicClient({ chain, transport }) as sdk.Reader;
  const writer = (index: number) =>
    createWalletClient({ chain, transport, account: mnemonicToAccount(MNEMONIC, { addressIndex: index }) });
  const seeded = await seedDemo(
    reader,
    {
      deployer: writer(0),
      treasury: writer(1),
      arbitrator: writer(2),
      attestor: writer(8),
      buyers: [writer(3), writer(4)],
      suppliers: [writer(5), writer(6), writer(7)],
    },
    async (seconds) => {
      await reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
      await reader.request({ method: "evm_mine" as never, params: [] as never });
    },
  );
  const file = sdk.writeDeployment(seeded.deployment, process.env.TENDER_DEPLOYMENTS_DIR);

  // Two supplier agents (accounts #9 and #10) compete for the demo buyer's text.transform RFQs.
  const agentAccounts = [9, 10].map((index) => mnemonicToAccount(MNEMONIC, { addressIndex: index }));
  for (const account of agentAccounts) {
    await sdk.waitForSuccess(reader, await sdk.mintMock(writer(0), { token: seeded.stablecoin, to: account.address, amount: 1_000_000_000n }));
  }
  agents = startAgents(
    {
      rpcUrl,
      deploymentsDir: process.env.TENDER_DEPLOYMENTS_DIR,
      agents: ["undercut", "cost-plus"].map((name, i) => ({
        config: join(root, `scripts/agent/examples/${name}.json`),
        privateKey: `0x${Buffer.from(agentAccounts[i]!.getHdKey().privateKey!).toString("hex")}`,
        address: agentAccounts[i]!.address,
      })),
    },
    (name, line) => console.log(`  agent ${name.padEnd(9)} ${line.replace(/^\S+ \[[^\]]+\] /, "")}`),
  );
  console.log("\nSupplier agents are bidding on the demo buyer's text.transform RFQs:");
  const rounds = await runRounds(reader, {
    buyer: writer(3),
    arbitrator: writer(2).account.address,
    deployment: seeded.deployment,
    token: seeded.stablecoin,
    count: 3,
    bidders: agents.length,
    advanceTime: async (seconds) => {
      await reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
      await reader.request({ method: "evm_mine" as never, params: [] as never });
    },
  });

  // The indexer, on a fresh in-memory database: it backfills what the demo did and follows the chain from there.
  indexer = await startIndexer({
    rpcUrl,
    deploymentsDir: process.env.TENDER_DEPLOYMENTS_DIR,
    port: Number(process.env.TENDER_INDEXER_PORT ?? 42069),
  });

  const built = await webBuild;
  if ("error" in built) throw built.error;
  web = await startWeb({
    rpcUrl,
    indexerUrl: indexer.url,
    deploymentsDir: process.env.TENDER_DEPLOYMENTS_DIR,
    port: Number(process.env.TENDER_WEB_PORT ?? 3000),
  });

  console.log(`\nTender is running on a local chain.\n`);
  console.log(`  Web app      ${web.url}  (production build${built.ms ? `, built in ${(built.ms / 1000).toFixed(0)} s` : ", current"})`);
  console.log(`  RPC          ${rpcUrl}  (chain id ${chain.id})`);
  console.log(`  TenderEscrow ${seeded.deployment.escrow}  (escrow and RFQ market)`);
  console.log(`  Registry     ${seeded.deployment.registry}  (supplier profiles and attestations; from block ${seeded.deployment.startBlock})`);
  console.log(`  Mock USD     ${seeded.stablecoin}  (mUSD, 6 decimals)`);
  console.log(`  Deployment   ${file}`);
  console.log(`  Indexer      ${indexer.url}  (REST ${indexer.url}/api/jobs, GraphQL ${indexer.url}/graphql, SQL ${indexer.url}/sql)`);
  console.log(`  Accounts     mnemonic "${MNEMONIC}": #0 owner, #1 treasury, #2 arbitrator, #3-4 buyers, #5-7 suppliers, #8 attestor, #9-10 agents\n`);
  console.log("  Demo jobs:");
  for (const job of [...seeded.jobs].sort((a, b) => Number(a.jobId - b.jobId))) {
    console.log(
      `    #${String(job.jobId).padEnd(3)} ${job.status.padEnd(10)} ${job.kind.padEnd(19)} ${job.price.padEnd(16)} ${job.title}`,
    );
  }
  console.log("\n  Bids refused on-chain by the floors:");
  for (const { jobId, supplier, reason } of seeded.refused) console.log(`    job #${jobId}: ${supplier} — ${reason}`);
  console.log("\n  Agents (scripts/agent/examples; they keep bidding on new text.transform RFQs while this runs):");
  for (const agent of agents) console.log(`    ${agent.name.padEnd(10)} ${agent.address}`);
  console.log("  Rounds the demo buyer ran with them (its verifier decided each review):");
  for (const r of rounds) console.log(`    #${String(r.jobId).padEnd(3)} ${r.title.padEnd(24)} ${r.bids} bids, won by ${r.winner} at ${r.price} — ${r.decision}`);
  console.log("\nReady. Press Ctrl-C to stop.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
}
