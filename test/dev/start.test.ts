// `npm start` end to end: the real orchestrator, a real `hardhat node` on a free port, the seeded demo read back
// over RPC through the SDK, and a clean stop on Ctrl-C (SIGINT); and an agent that dies stops the whole stack.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { http, createPublicClient } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { freePort, isListening } from "../../scripts/dev/lib/ports.ts";
import { groupStopper } from "../../scripts/dev/lib/process-group.ts";

describe("npm start", () => {
  let child: ChildProcess | undefined;
  let stopGroup: (() => Promise<void>) | undefined;
  afterAll(async () => {
    child?.kill("SIGKILL");
    await stopGroup?.();
  });

  it("starts a chain, deploys, seeds jobs in every reachable state, and stops on Ctrl-C", async () => {
    const port = await freePort();
    const indexerPort = await freePort();
    const webPort = await freePort();
    const relayPorts = [await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), "tender-dev-"));
    const stateDir = mkdtempSync(join(tmpdir(), "tender-state-"));
    child = spawn(process.execPath, ["scripts/dev/start.ts"], {
      env: {
        ...process.env,
        TENDER_PORT: String(port),
        TENDER_INDEXER_PORT: String(indexerPort),
        TENDER_WEB_PORT: String(webPort),
        TENDER_RELAY_PORT: String(relayPorts[0]),
        TENDER_RELAY_PORT_2: String(relayPorts[1]),
        TENDER_DEPLOYMENTS_DIR: dir,
        TENDER_STATE_DIR: stateDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready after 240 s:\n${output}`)), 240_000);
      const check = () => {
        if (output.includes("Ready. Press Ctrl-C to stop.")) {
          clearTimeout(timer);
          resolve();
        }
      };
      child!.stdout!.on("data", check);
      void exited.then(() => reject(new Error(`exited early:\n${output}`)));
    });

    expect(output).toContain(`http://127.0.0.1:${port}`);
    expect(output).toMatch(/MetricFloorNotMet/); // a demo bid refused on-chain by the floors
    expect(output).toMatch(/RecordFloorNotMet/);
    // Two agents competed for each of the demo buyer's three RFQs; its verifier confirmed every delivery.
    expect(output.match(/2 bids, won by 0x[0-9a-fA-F]{40} at [0-9.]+ mUSD — confirmed: all \d acceptance rules passed/g)).toHaveLength(3);
    // A job in 3 milestones the cost-plus agent works one milestone at a time: the first confirmed, the second delivered.
    expect(output).toMatch(/\(in 3 milestones\): hired 0x[0-9a-fA-F]{40} at 9 mUSD; the first milestone confirmed: all \d acceptance rules passed; now milestone 2 of 3 delivered/);
    const deployment = sdk.readDeployment(31337, dir);
    const reader = createPublicClient({ chain: hardhat, transport: http(`http://127.0.0.1:${port}`) }) as sdk.Reader;
    const statuses = new Set<number>();
    const last = await reader.readContract({ address: deployment.escrow, abi: sdk.tenderEscrowAbi, functionName: "lastJobId" });
    for (let jobId = 1n; jobId <= last; jobId++) {
      statuses.add((await sdk.readJob(reader, { escrow: deployment.escrow, jobId })).status);
    }
    for (const status of ["Open", "Awarded", "Delivered", "Disputed", "Settled", "Refunded", "Cancelled"] as const) {
      expect(statuses.has(sdk.JobStatus[status]), status).toBe(true);
    }

    // The indexer serves what the demo did: the open RFQs, and the agents' three settled rounds.
    expect(output).toContain(`http://127.0.0.1:${indexerPort}`);
    const open = (await (await fetch(`http://127.0.0.1:${indexerPort}/api/jobs?status=open`)).json()) as { items: { id: string }[] };
    expect(open.items.length).toBeGreaterThanOrEqual(2);
    const { markets } = (await (await fetch(`http://127.0.0.1:${indexerPort}/api/markets`)).json()) as { markets: { name: string; settledJobs: number }[] };
    expect(markets.find((m) => m.name === "text.transform")?.settledJobs).toBe(3);

    // The web app's production build serves the same market: the open-jobs page lists the demo's open RFQs.
    expect(output).toContain(`Web app      http://127.0.0.1:${webPort}`);
    const page = await (await fetch(`http://127.0.0.1:${webPort}/jobs`)).text();
    for (const { id } of open.items) expect(page).toContain(`href="/jobs/${id}"`);

    // The stack's coordinates for the CLI, in the agreed format; the closing note with accounts and next steps.
    expect(JSON.parse(readFileSync(join(stateDir, "stack.json"), "utf8"))).toEqual({
      rpcUrl: `http://127.0.0.1:${port}`,
      chainId: 31337,
      indexerUrl: `http://127.0.0.1:${indexerPort}`,
      webUrl: `http://127.0.0.1:${webPort}`,
      relayers: relayPorts.map((p) => `http://127.0.0.1:${p}`),
      deploymentsDir: dir,
      pid: child.pid,
    });
    // The agents hold no ETH and never sent a transaction: the relayers carried their bids, deliveries and reclaims.
    const agentAddresses = [...output.matchAll(/^ {4}(?:sorter-undercut|sorter-cost-plus|undercut|cost-plus)\s+(0x[0-9a-fA-F]{40}) {2}\(0 ETH\)$/gm)].map((m) => m[1] as `0x${string}`);
    expect(agentAddresses).toHaveLength(2);
    for (const agent of agentAddresses) {
      expect(await reader.getBalance({ address: agent })).toBe(0n);
      expect(await reader.getTransactionCount({ address: agent })).toBe(0);
    }
    const relayLog = readFileSync(join(stateDir, "logs/relay-1.log"), "utf8") + readFileSync(join(stateDir, "logs/relay-2.log"), "utf8");
    expect(relayLog).toMatch(/carried bid for 0x/);
    expect(relayLog).toMatch(/carried deliver for 0x/);
    expect(output).toContain(`Relayers     http://127.0.0.1:${relayPorts[0]}, http://127.0.0.1:${relayPorts[1]}`);
    expect(output).toContain("use them on this local chain only");
    expect(output).toMatch(/#2 +arbitrator +0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC +0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a/);
    expect(output).toContain("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"); // account #0's well-known key
    expect(output).toContain(`1. Open the market:         http://127.0.0.1:${webPort}/jobs`);
    expect(output).toMatch(new RegExp(`2\\. Read a job in the shell: TENDER_RPC_URL=http://127\\.0\\.0\\.1:${port} TENDER_DEPLOYMENTS_DIR=\\S+ npx tender job show 1`));
    expect(output).toContain(`3. Follow the agents:       tail -f ${join(stateDir, "logs/agent-undercut.log")}`);
    expect(readFileSync(join(stateDir, "logs/agent-undercut.log"), "utf8")).not.toBe("");

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("Stopping the web app, the agents, the relayers, the indexer and the local chain");
    for (const p of relayPorts) expect(await isListening(p)).toBe(false);
    expect(await isListening(webPort)).toBe(false);
    expect(await isListening(indexerPort)).toBe(false);
    expect(await isListening(port)).toBe(false);
    expect(existsSync(join(stateDir, "stack.json"))).toBe(false);
  }, 300_000);

  it("stops the whole stack when an agent dies, and says so", async () => {
    const ports = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), "tender-start-"));
    const agentChild = spawn(process.execPath, ["scripts/dev/start.ts"], {
      env: {
        ...process.env,
        TENDER_PORT: String(ports[0]),
        TENDER_INDEXER_PORT: String(ports[1]),
        TENDER_WEB_PORT: String(ports[2]),
        TENDER_RELAY_PORT: String(ports[3]),
        TENDER_RELAY_PORT_2: String(ports[4]),
        TENDER_DEPLOYMENTS_DIR: join(dir, "deployments"),
        TENDER_STATE_DIR: join(dir, "state"),
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    stopGroup = groupStopper(agentChild);
    let output = "";
    agentChild.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    agentChild.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const run = { child: agentChild, dir, exited: new Promise<number | null>((resolve) => agentChild.once("exit", (code) => resolve(code))), output: () => output };
    // Wait for the agents to be running, then kill one of them (a child of the start script running `agent run`).
    const deadline = Date.now() + 180_000;
    let agentPid: number | undefined;
    while (agentPid === undefined) {
      if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`no agent seen:\n${run.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!run.output().includes("Supplier agents are bidding")) continue;
      const ps = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(run.child.pid)], { encoding: "utf8" });
      const line = ps.split("\n").find((l) => l.includes("agent run"));
      if (line) agentPid = Number(line.trim().split(/\s+/)[0]);
    }
    process.kill(agentPid, "SIGKILL");
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/The agent \S+ stopped unexpectedly \(SIGKILL\)/);
    expect(run.output()).toContain("Stopping the web app, the agents, the relayers, the indexer and the local chain");
    for (const port of ports) expect(await isListening(port)).toBe(false);
    expect(existsSync(join(run.dir, "state/stack.json"))).toBe(false);
  }, 240_000);
});
