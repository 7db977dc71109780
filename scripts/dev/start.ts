// `npm start` (through scripts/dev/run.cjs, which brings Node 24 and the dependencies): a local chain (hardhat node
// on 127.0.0.1, port 8545 unless TENDER_PORT says otherwise), Tender deployed on it, a seeded demo market, two
// relayers (8600 and 8601, TENDER_RELAY_PORT and TENDER_RELAY_PORT_2), two supplier agents holding no ETH that act
// through them, the indexer (42069, TENDER_INDEXER_PORT) and the web app's production build (3000,
// TENDER_WEB_PORT), and a summary; runs until Ctrl-C, then stops what it started.
//
// Safety: it never sends a transaction to, or writes a deployment for, a chain it did not start. The three ports
// must be free before anything is started or written, and the chain it deploys on must be the hardhat node it
// launched (its own output says it listens on that port, and the chain is fresh: id 31337, block 0).
// When the indexer, the web app, a relayer or an agent dies, it says so and stops the whole stack (exit code 1).
// While it runs, <repo>/.tender/stack.json (TENDER_STATE_DIR moves the folder) holds the stack's coordinates for
// the CLI, and .tender/logs/ each process's log.
import { type ChildProcess, spawn } from "node:child_process";
import { type WriteStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { http, createPublicClient, createWalletClient, defineChain, formatEther } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import * as sdk from "@tender/sdk";
import { seedDemo } from "./demo/seed.ts";
import { type DemoAgent, runMilestoneJob, runRounds, startAgents } from "./demo/agents.ts";
import { type RunningIndexer, startIndexer } from "./lib/indexer.ts";
import { isListening } from "./lib/ports.ts";
import { type RunningWeb, buildWeb, startWeb, webBuildIsCurrent } from "./lib/web.ts";
import { type Relayer, startRelayer } from "../relay/server.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
// Hardhat's well-known development accounts: never use them on a real network.
const MNEMONIC = "test test test test test test test test test test test junk";
const CHAIN_ID = 31337;

function portFrom(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`${variable}=${raw} is not a port (a whole number from 1 to 65535).`);
    process.exit(1);
  }
  return port;
}
const ports = [
  { what: "the local chain", variable: "TENDER_PORT", port: portFrom("TENDER_PORT", 8545) },
  { what: "the indexer", variable: "TENDER_INDEXER_PORT", port: portFrom("TENDER_INDEXER_PORT", 42069) },
  { what: "the web app", variable: "TENDER_WEB_PORT", port: portFrom("TENDER_WEB_PORT", 3000) },
  { what: "the first relayer", variable: "TENDER_RELAY_PORT", port: portFrom("TENDER_RELAY_PORT", 8600) },
  { what: "the second relayer", variable: "TENDER_RELAY_PORT_2", port: portFrom("TENDER_RELAY_PORT_2", 8601) },
] as const;
const [chainPort, indexerPort, webPort, ...relayPorts] = ports.map((p) => p.port) as [number, number, number, number, number];
const rpcUrl = `http://127.0.0.1:${chainPort}`;
const deploymentsDir = process.env.TENDER_DEPLOYMENTS_DIR;
const stateDir = resolve(process.env.TENDER_STATE_DIR || join(root, ".tender"));
const stackFile = join(stateDir, "stack.json");
const logDir = join(stateDir, "logs");
/** A path as a person in the repository's folder would type it. */
const shown = (path: string) => (path.startsWith(root + "/") ? relative(process.cwd(), path) || "." : path);

const chain = defineChain({
  id: CHAIN_ID,
  name: "Tender local",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [rpcUrl] } },
});

// 1. Nothing is started, sent or written unless all its ports are free (and distinct).
{
  const clash = ports.find((p, i) => ports.findIndex((q) => q.port === p.port) !== i);
  if (clash) {
    console.error(`Port ${clash.port} is asked for twice (${ports.filter((p) => p.port === clash.port).map((p) => p.variable).join(" and ")}): give each a port of its own.`);
    process.exit(1);
  }
  let running = "";
  try {
    const stack = JSON.parse(readFileSync(stackFile, "utf8")) as { pid?: number };
    if (stack.pid && stack.pid !== process.pid) {
      process.kill(stack.pid, 0);
      running = ` (another \`npm start\`, pid ${stack.pid}, is running: ${shown(stackFile)}; Ctrl-C it in its shell)`;
    }
  } catch {
    // no stack file, or its process is gone
  }
  for (const { what, variable, port } of ports) {
    if (await isListening(port)) {
      console.error(
        `Port ${port} on 127.0.0.1, for ${what}, is taken: something else listens there${running}.\n` +
          `Nothing was started or written. Stop that process, or move ${what} with ${variable}, e.g.  ${variable}=${port + 1} npm start`,
      );
      process.exit(1);
    }
  }
}

mkdirSync(logDir, { recursive: true });
const logs: WriteStream[] = [];
const logFile = (name: string) => {
  const stream = createWriteStream(join(logDir, `${name}.log`), { flags: "w" });
  logs.push(stream);
  return stream;
};

let stopping = false;
let agents: DemoAgent[] = [];
let relayers: Relayer[] = [];
let indexer: RunningIndexer | undefined;
let web: RunningWeb | undefined;
const abortBuild = new AbortController();

function removeStackFile() {
  try {
    if ((JSON.parse(readFileSync(stackFile, "utf8")) as { pid?: number }).pid === process.pid) rmSync(stackFile);
  } catch {
    // not ours, or not there
  }
}

function stop(code: number) {
  if (stopping) return;
  stopping = true;
  removeStackFile();
  console.log("\nStopping the web app, the agents, the relayers, the indexer and the local chain…");
  abortBuild.abort();
  const exited = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));
  for (const agent of agents) agent.child.kill("SIGTERM");
  const finish = () => {
    for (const stream of logs) stream.end();
    process.exit(code);
  };
  void Promise.all([...agents.map((agent) => exited(agent.child)), ...relayers.map((relayer) => relayer.close()), indexer?.stop(), web?.stop(), webBuild]).then(() => {
    if (node.exitCode !== null || node.signalCode !== null) return finish();
    node.once("exit", finish);
    node.kill("SIGTERM");
  });
  setTimeout(finish, 8_000).unref();
}

/** Says at once that a part of the stack died, with the end of its log, and stops the rest. */
function died(what: string, how: { code: number | null; signal: NodeJS.Signals | null }, tail: string) {
  if (stopping) return;
  console.error(`\n${what} stopped unexpectedly (${how.signal ?? `exit code ${how.code}`}); the stack cannot work without it. Its last lines:\n${tail.trimEnd().split("\n").slice(-15).join("\n")}`);
  stop(1);
}

// 2. The chain: our own hardhat node, believed only once its own output says it listens on the port asked for.
let nodeLog = "";
let up = false;
const nodeFile = logFile("chain");
const node = spawn(join(root, "node_modules/.bin/hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(chainPort)], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
});
const listening = new Promise<void>((resolve, reject) => {
  const onData = (chunk: Buffer) => {
    nodeLog += chunk.toString();
    nodeFile.write(chunk);
    if (!up && nodeLog.includes(`JSON-RPC server at http://127.0.0.1:${chainPort}/`)) {
      up = true;
      resolve();
    }
  };
  node.stdout!.on("data", onData);
  node.stderr!.on("data", onData);
  node.once("exit", (code, signal) => {
    if (!up) {
      const taken = /EADDRINUSE/.test(nodeLog) ? ` Port ${chainPort} was taken meanwhile: move the chain with TENDER_PORT.` : "";
      reject(new Error(`hardhat node exited (${signal ?? code}) before it listened; nothing was sent.${taken}\n${nodeLog.slice(-2000)}`));
    } else died("The local chain (hardhat node)", { code, signal }, nodeLog);
  });
  setTimeout(() => reject(new Error(`hardhat node did not say it listens on ${rpcUrl} within 90 s:\n${nodeLog.slice(-2000)}`)), 90_000).unref();
});


// One web build at a time in this checkout: another `npm start` on other ports (a test's, say) may be building it,
// and `next build` refuses a second one in the same folder. While a start builds, its pid is in
// node_modules/.cache/tender-web-build.pid; another waits for it, then builds only if the build is still stale.
const buildLock = join(root, "node_modules/.cache/tender-web-build.pid");
const lockHolder = () => {
  try {
    return Number(readFileSync(buildLock, "utf8"));
  } catch {
    return undefined;
  }
};
const running = (pid: number) => {
  try {
    return process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};
const releaseBuildLock = () => {
  if (lockHolder() === process.pid) rmSync(buildLock, { force: true });
};
async function buildWebAlone(options: { onLog: (line: string) => void; signal: AbortSignal }): Promise<number> {
  let waiting = false;
  let unreadable = 0;
  for (;;) {
    if (webBuildIsCurrent()) return 0;
    if (options.signal.aborted) throw new Error("next build stopped");
    mkdirSync(dirname(buildLock), { recursive: true });
    try {
      writeFileSync(buildLock, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = lockHolder();
    if (holder === undefined) continue; // released meanwhile
    if (!(holder > 0)) {
      // being written, or not a pid at all: a second look decides
      if (unreadable++ > 0) rmSync(buildLock, { force: true });
    } else if (!running(holder)) {
      rmSync(buildLock, { force: true }); // left by a start that was killed
      continue;
    } else if (!waiting) {
      waiting = true;
      options.onLog(`another process (pid ${holder}) is building the web app in this folder: waiting for it…`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.once("exit", releaseBuildLock);
  try {
    return await buildWeb(options);
  } finally {
    releaseBuildLock();
  }
}

// The web app's production build runs beside the chain's setup (it is redone only when a source changed).
const building = !webBuildIsCurrent();
const buildStarted = Date.now();
let buildDone = false;
if (building) {
  console.log("Building the web app (its first start, or its sources changed): `next build`, about 1–3 minutes, beside the chain's setup.");
}
const buildFile = logFile("web-build");
let routes = false;
const webBuild = buildWebAlone({
  signal: abortBuild.signal,
  onLog: (line) => {
    buildFile.write(line + "\n");
    // next's steps, not its closing table of routes (in .tender/logs/web-build.log)
    if (/^\s*Route \(/.test(line)) routes = true;
    if (!routes && !stopping) console.log(`  web build  ${line.trim()}`);
  },
}).then(
  (ms) => ({ ms }),
  (error: Error) => ({ error }),
).finally(() => {
  buildDone = true;
});
if (building) {
  const ticker = setInterval(() => {
    if (buildDone || stopping) return clearInterval(ticker);
    console.log(`  web build  still building… ${Math.round((Date.now() - buildStarted) / 1000)} s`);
  }, 20_000);
  ticker.unref();
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

async function rpc<T>(method: string): Promise<T> {
  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: [] }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

try {
  await listening;
  // The chain that answers must be the fresh one we launched: still running, chain id 31337, nothing mined yet.
  const [chainId, block] = [Number(BigInt(await rpc<string>("eth_chainId"))), Number(BigInt(await rpc<string>("eth_blockNumber")))];
  if (node.exitCode !== null || chainId !== CHAIN_ID || block !== 0) {
    throw new Error(`The chain answering at ${rpcUrl} is not the fresh chain this start launched (chain id ${chainId}, block ${block}); nothing was sent.`);
  }
  console.log(`Local chain up at ${rpcUrl} (chain id ${CHAIN_ID}); deploying Tender and seeding the demo market…`);

  const transport = http(rpcUrl);
  const reader = createPublicClient({ chain, transport }) as sdk.Reader;
  const writer = (index: number) =>
    createWalletClient({ chain, transport, account: mnemonicToAccount(MNEMONIC, { addressIndex: index }) });
  const advanceTime = async (seconds: number) => {
    await reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
    await reader.request({ method: "evm_mine" as never, params: [] as never });
  };
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
    advanceTime,
  );
  const file = resolve(sdk.writeDeployment(seeded.deployment, deploymentsDir));

  // Two relayers (accounts #11 and #12 pay their gas) carry the agents' signed actions.
  relayers = await Promise.all(
    relayPorts.map((port, i) => {
      const relayLog = logFile(`relay-${i + 1}`);
      return startRelayer({ reader, writer: writer(11 + i), escrow: seeded.deployment.escrow, port, log: (line) => relayLog.write(`${new Date().toISOString()} ${line}\n`) });
    }),
  );
  const relayUrls = relayers.map((r) => r.url);

  // Two supplier agents (accounts #9 and #10) compete for the demo buyer's text.transform RFQs, holding no ETH at all:
  // they sign their bids (bonds by permit), deliveries, reclaims and withdrawals for the two relayers.
  const agentAccounts = [9, 10].map((index) => mnemonicToAccount(MNEMONIC, { addressIndex: index }));
  for (const account of agentAccounts) {
    await sdk.waitForSuccess(reader, await sdk.mintMock(writer(0), { token: seeded.stablecoin, to: account.address, amount: 1_000_000_000n }));
    await reader.request({ method: "hardhat_setBalance" as never, params: [account.address, "0x0"] as never });
  }
  const agentLogs = new Map<string, { file: WriteStream; tail: string[] }>();
  agents = startAgents(
    {
      rpcUrl,
      deploymentsDir,
      agents: ["undercut", "cost-plus"].map((name, i) => ({
        config: join(root, `scripts/agent/examples/${name}.json`),
        privateKey: `0x${Buffer.from(agentAccounts[i]!.getHdKey().privateKey!).toString("hex")}`,
        address: agentAccounts[i]!.address,
      })),
      relayers: relayUrls,
    },
    (name, line) => {
      let log = agentLogs.get(name);
      if (!log) agentLogs.set(name, (log = { file: logFile(`agent-${name}`), tail: [] }));
      log.file.write(line + "\n");
      log.tail.push(line);
      if (log.tail.length > 15) log.tail.shift();
      if (!stopping) console.log(`  agent ${name.padEnd(9)} ${line.replace(/^\S+ \[[^\]]+\] /, "")}`);
    },
  );
  for (const agent of agents) {
    agent.child.once("exit", (code, signal) => died(`The agent ${agent.name}`, { code, signal }, (agentLogs.get(agent.name)?.tail ?? []).join("\n")));
  }
  console.log("\nSupplier agents are bidding on the demo buyer's text.transform RFQs:");
  const rounds = await runRounds(reader, {
    buyer: writer(3),
    arbitrator: writer(2).account.address,
    deployment: seeded.deployment,
    token: seeded.stablecoin,
    count: 3,
    bidders: agents.length,
    advanceTime,
  });
  // A job in milestones, hired directly from the cost-plus agent, which works it milestone by milestone: the first
  // confirmed by the buyer's verifier, the second delivered and in review while the demo runs.
  console.log("\nThe demo buyer hires the cost-plus agent for a job in 3 milestones:");
  const inMilestones = await runMilestoneJob(reader, {
    buyer: writer(3),
    arbitrator: writer(2).account.address,
    supplier: agents[1]!.address,
    deployment: seeded.deployment,
    token: seeded.stablecoin,
  });

  // The indexer, on a fresh in-memory database: it backfills what the demo did and follows the chain from there.
  console.log("\nStarting the indexer (it indexes the demo from block 0)…");
  const indexerFile = logFile("indexer");
  indexer = await startIndexer({ rpcUrl, deploymentsDir, port: indexerPort, onLog: (line) => indexerFile.write(line + "\n") });
  const runningIndexer = indexer;
  void indexer.exited.then((how) => died("The indexer (ponder)", how, runningIndexer.log()));
  if (indexer.port !== indexerPort) throw new Error(`The indexer listens on ${indexer.port}, not on ${indexerPort} as asked: port ${indexerPort} was taken meanwhile (TENDER_INDEXER_PORT moves it).`);

  if (!buildDone) console.log("Waiting for the web app's build to finish…");
  const built = await webBuild;
  if ("error" in built) throw built.error;
  const webFile = logFile("web");
  web = await startWeb({ rpcUrl, indexerUrl: indexer.url, deploymentsDir, port: webPort, onLog: (line) => webFile.write(line + "\n") });
  const runningWeb = web;
  void web.exited.then((how) => died("The web app (next start)", how, runningWeb.log()));
  if (stopping) throw new Error("stopped while starting");

  // The stack's coordinates, for the CLI (and anyone): written once everything is up, removed on the way out.
  mkdirSync(stateDir, { recursive: true });
  const stack = { rpcUrl, chainId: CHAIN_ID, indexerUrl: indexer.url, webUrl: web.url, relayers: relayUrls, deploymentsDir: dirname(file), pid: process.pid };
  writeFileSync(`${stackFile}.tmp`, JSON.stringify(stack, null, 2) + "\n");
  renameSync(`${stackFile}.tmp`, stackFile);

  console.log(`\nTender is running on a local chain.\n`);
  console.log(`  Web app      ${web.url}  (production build${built.ms ? `, built in ${(built.ms / 1000).toFixed(0)} s` : ", current"})`);
  console.log(`  RPC          ${rpcUrl}  (chain id ${chain.id})`);
  console.log(`  Indexer      ${indexer.url}  (REST ${indexer.url}/api/jobs, GraphQL ${indexer.url}/graphql, SQL ${indexer.url}/sql)`);
  console.log(`  Relayers     ${relayUrls.join(", ")}  (tender relay: they carry signed actions and pay their gas)`);
  console.log(`  TenderEscrow ${seeded.deployment.escrow}  (escrow and RFQ market)`);
  console.log(`  Registry     ${seeded.deployment.registry}  (supplier profiles and attestations; from block ${seeded.deployment.startBlock})`);
  console.log(`  Mock USD     ${seeded.stablecoin}  (mUSD, 6 decimals)`);
  console.log(`  Deployment   ${shown(file)}`);
  console.log(`  Stack        ${shown(stackFile)}  (these coordinates, for the CLI; removed on Ctrl-C)`);
  console.log("\n  Demo jobs:");
  for (const job of [...seeded.jobs].sort((a, b) => Number(a.jobId - b.jobId))) {
    console.log(
      `    #${String(job.jobId).padEnd(3)} ${job.status.padEnd(10)} ${job.kind.padEnd(19)} ${job.price.padEnd(16)} ${job.title}`,
    );
  }
  console.log("\n  Bids refused on-chain by the floors:");
  for (const { jobId, supplier, reason } of seeded.refused) console.log(`    job #${jobId}: ${supplier} — ${reason}`);
  console.log("\n  Agents (scripts/agent/examples; they keep bidding on new text.transform RFQs while this runs, with no ETH: the relayers pay):");
  for (const agent of agents) console.log(`    ${agent.name.padEnd(10)} ${agent.address}  (${formatEther(await reader.getBalance({ address: agent.address }))} ETH)`);
  console.log("  Rounds the demo buyer ran with them (its verifier decided each review):");
  for (const r of rounds) console.log(`    #${String(r.jobId).padEnd(3)} ${r.title.padEnd(24)} ${r.bids} bids, won by ${r.winner} at ${r.price} — ${r.decision}`);
  console.log(`    #${String(inMilestones.jobId).padEnd(3)} ${inMilestones.title}: hired ${inMilestones.supplier} at ${inMilestones.price}; the first milestone ${inMilestones.decision}; now ${inMilestones.progress}`);

  const roles = ["owner (deployer)", "treasury", "arbitrator", "buyer", "buyer", "supplier", "supplier", "supplier", "attestor", "agent undercut", "agent cost-plus", "relayer 1", "relayer 2"];
  console.log(`\n  Development accounts: Hardhat's public test keys (mnemonic "${MNEMONIC}").`);
  console.log("  Everyone knows them: use them on this local chain only, never on a real network.");
  roles.forEach((role, index) => {
    const account = mnemonicToAccount(MNEMONIC, { addressIndex: index });
    const key = `0x${Buffer.from(account.getHdKey().privateKey!).toString("hex")}`;
    console.log(`    #${String(index).padEnd(2)} ${role.padEnd(16)} ${account.address}  ${key}`);
  });

  const cliEnv = [
    ...(chainPort !== 8545 ? [`TENDER_RPC_URL=${rpcUrl}`] : []),
    ...(deploymentsDir ? [`TENDER_DEPLOYMENTS_DIR=${dirname(file)}`] : []),
  ].join(" ");
  const firstJob = [...seeded.jobs].sort((a, b) => Number(a.jobId - b.jobId))[0]?.jobId ?? 1n;
  console.log("\n  What now:");
  console.log(`    1. Open the market:         ${web.url}/jobs`);
  console.log(`    2. Read a job in the shell: ${cliEnv ? `${cliEnv} ` : ""}npx tender job show ${firstJob}`);
  console.log(`    3. Follow the agents:       tail -f ${agents.map((a) => shown(join(logDir, `agent-${a.name}.log`))).join(" ")}`);
  console.log(`\n  (Logs of the chain, the relayers, the indexer and the web app are beside them in ${shown(logDir)}.)`);
  console.log("\nReady. Press Ctrl-C to stop.");
} catch (error) {
  if (!stopping) {
    console.error(error instanceof Error ? error.message : error);
    stop(1);
  }
}
