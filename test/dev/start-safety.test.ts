// `npm start` must never deploy onto a chain it did not start: a taken port (chain, indexer, web) stops it before
// anything is started, sent or written, naming the port and the variable that moves it. (A part of the stack that
// dies stopping the whole stack is in start.test.ts: it may build the web app, which one file at a time must do.)
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, isListening } from "../../scripts/dev/lib/ports.ts";
import { groupStopper } from "../../scripts/dev/lib/process-group.ts";

const stoppers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(stoppers.map((stop) => stop()));
});

/** `node scripts/dev/start.ts` in its own process group, with the ports given and everything else in temp folders. */
function start(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "tender-start-"));
  const child = spawn(process.execPath, ["scripts/dev/start.ts"], {
    env: { ...process.env, TENDER_DEPLOYMENTS_DIR: join(dir, "deployments"), TENDER_STATE_DIR: join(dir, "state"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  stoppers.push(groupStopper(child));
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, dir, exited, output: () => output };
}

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  return ((await res.json()) as { result: T }).result;
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("npm start: safety", () => {
  it("refuses a chain port where a foreign hardhat node runs: nothing sent to it, no deployment written", async () => {
    const port = await freePort();
    const foreign: ChildProcess = spawn(join(process.cwd(), "node_modules/.bin/hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    stoppers.push(groupStopper(foreign));
    let log = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`foreign node not up:\n${log}`)), 60_000);
      foreign.stdout!.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes("JSON-RPC server at")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 3; i++) await rpc(url, "evm_mine");
    const before = await rpc<string>(url, "eth_blockNumber");
    expect(Number(before)).toBe(3);

    const [indexerPort, webPort, relayPort, relayPort2] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const run = start({ TENDER_PORT: String(port), TENDER_INDEXER_PORT: String(indexerPort), TENDER_WEB_PORT: String(webPort), TENDER_RELAY_PORT: String(relayPort), TENDER_RELAY_PORT_2: String(relayPort2) });
    // A deployments file that was there before must be left as it was.
    execFileSync("mkdir", ["-p", join(run.dir, "deployments")]);
    const file = join(run.dir, "deployments/31337.json");
    writeFileSync(file, '{"sentinel":true}\n');

    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${port} on 127.0.0.1, for the local chain, is taken`);
    expect(run.output()).toContain(`TENDER_PORT=${port + 1} npm start`);
    expect(await rpc<string>(url, "eth_blockNumber")).toBe(before);
    // Account #0 (the deployer) sent nothing, and nothing is deployed where its first contract would go.
    expect(await rpc<string>(url, "eth_getTransactionCount", ["0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "latest"])).toBe("0x0");
    expect(await rpc<string>(url, "eth_getCode", ["0x5FbDB2315678afecb367f032d93F642f64180aa3", "latest"])).toBe("0x");
    expect(readFileSync(file, "utf8")).toBe('{"sentinel":true}\n');
    expect(existsSync(join(run.dir, "state/stack.json"))).toBe(false);
    expect(await isListening(indexerPort)).toBe(false);
    expect(await isListening(webPort)).toBe(false);
  }, 90_000);

  it.each([
    ["TENDER_INDEXER_PORT", "the indexer"],
    ["TENDER_WEB_PORT", "the web app"],
    ["TENDER_RELAY_PORT", "the first relayer"],
    ["TENDER_RELAY_PORT_2", "the second relayer"],
  ])("refuses a taken %s before it starts anything", async (variable, what) => {
    const ports = { TENDER_PORT: await freePort(), TENDER_INDEXER_PORT: await freePort(), TENDER_WEB_PORT: await freePort(), TENDER_RELAY_PORT: await freePort(), TENDER_RELAY_PORT_2: await freePort() } as Record<string, number>;
    const server = await listen(ports[variable]!);
    try {
      const run = start(Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])));
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${ports[variable]} on 127.0.0.1, for ${what}, is taken`);
      expect(run.output()).toContain(`${variable}=`);
      expect(await isListening(ports.TENDER_PORT!)).toBe(false); // no chain was started
      expect(existsSync(join(run.dir, "deployments"))).toBe(false);
    } finally {
      server.close();
    }
  }, 30_000);
});
