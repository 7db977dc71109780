// The Ponder indexer (indexer/) as a child process: `ponder start` on a port of its own, waited for until it has
// indexed the chain's head. Tests use it; so can `npm start` (nothing here is test-only: the defaults are a fresh
// in-memory database, a free port on 127.0.0.1 and the chain's current head).
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.ts";
import { groupStopper } from "./process-group.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const indexerDir = join(root, "indexer");
const ponderBin = join(root, "node_modules/ponder/dist/esm/bin/ponder.js");

export interface IndexerOptions {
  /** The chain's JSON-RPC URL. */
  rpcUrl: string;
  /** Folder holding deployments/<chainId>.json's file (`<chainId>.json`); the SDK's default folder if omitted. */
  deploymentsDir?: string;
  /** Default 31337. */
  chainId?: number;
  /** Port for the HTTP API; default a free one. */
  port?: number;
  /** Hostname to listen on; default 127.0.0.1. */
  hostname?: string;
  /** PostgreSQL URL; default none: PGlite in memory (`memory://`), a fresh index every start. */
  databaseUrl?: string;
  /** PGlite folder when there is no databaseUrl; default "memory://". */
  pgliteDir?: string;
  /** Database schema Ponder writes to (`--schema`); default "tender". */
  schema?: string;
  /** How long to wait for the first full sync; default 90 s. */
  timeoutMs?: number;
  /** Each line Ponder logs (JSON lines), e.g. to print them; they are also kept for error messages. */
  onLog?: (line: string) => void;
}

export interface RunningIndexer {
  /** Base URL of the API, e.g. http://127.0.0.1:42069 */
  url: string;
  port: number;
  /** Waits until the indexer has indexed block `n` (default: the chain's head now). */
  waitForBlock: (n?: number | bigint, timeoutMs?: number) => Promise<void>;
  /** The last block the indexer has indexed (from /status), or -1 before its first. */
  indexedBlock: () => Promise<number>;
  /** What Ponder logged so far. */
  log: () => string;
  /** Settles when Ponder's process has exited (stopped, or died): with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops Ponder and everything it started (its process group); resolves once they are gone. */
  stop: () => Promise<void>;
}

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startIndexer(options: IndexerOptions): Promise<RunningIndexer> {
  const chainId = options.chainId ?? 31337;
  const hostname = options.hostname ?? "127.0.0.1";
  const requestedPort = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Ponder reads these itself and they would override what is asked for here.
  delete env.PORT;
  delete env.DATABASE_URL;
  delete env.DATABASE_PRIVATE_URL;
  delete env.DATABASE_SCHEMA;
  delete env[`PONDER_RPC_URL_${chainId}`];
  Object.assign(env, {
    TENDER_CHAIN_ID: String(chainId),
    TENDER_RPC_URL: options.rpcUrl,
    PONDER_PGLITE_DIR: options.pgliteDir ?? "memory://",
    ...(options.deploymentsDir ? { TENDER_DEPLOYMENTS_DIR: options.deploymentsDir } : {}),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });

  // Its own process group (detached), so that stop() reaches whatever Ponder starts (esbuild's service).
  // cwd is the app's folder: Ponder writes generated/schema.graphql under the working directory.
  const child: ChildProcess = spawn(
    process.execPath,
    [ponderBin, "--log-format", "json", "start", "--schema", options.schema ?? "tender", "--port", String(requestedPort), "--hostname", hostname],
    { cwd: indexerDir, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let log = "";
  let pending = "";
  let port: number | undefined;
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    log += text;
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      options.onLog?.(line);
      // Ponder takes the next free port when the one asked for is taken: believe what it says it listens on.
      if (line.includes("Created HTTP server")) {
        try {
          port = (JSON.parse(line) as { port?: number }).port ?? port;
        } catch {
          // not JSON
        }
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const tail = () => log.split("\n").slice(-40).join("\n");
  // Ponder exits on SIGTERM; anything left in its group goes after.
  const stop = groupStopper(child);

  const status = async (): Promise<number> => {
    const res = await fetch(`http://127.0.0.1:${port}/status`);
    if (!res.ok) return -1;
    const body = (await res.json()) as Record<string, { id: number; block: { number: number } }>;
    const chain = Object.values(body).find((c) => c.id === chainId);
    return chain ? chain.block.number : -1;
  };

  const waitForBlock = async (n?: number | bigint, timeoutMs = 30_000) => {
    let target = n === undefined ? undefined : Number(n);
    let rpcError: unknown;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ponder exited (${child.exitCode ?? child.signalCode}):\n${tail()}`);
      if (target === undefined) {
        try {
          target = Number(BigInt(await rpc<string>(options.rpcUrl, "eth_blockNumber")));
        } catch (error) {
          rpcError = error;
        }
      }
      if (target !== undefined && port !== undefined) {
        try {
          if ((await status()) >= target) return;
        } catch {
          // not listening yet
        }
      }
      if (Date.now() > deadline) {
        const why = target === undefined ? `the chain at ${options.rpcUrl} did not answer (${(rpcError as Error)?.message})` : `the indexer did not reach block ${target}`;
        throw new Error(`${why} in ${timeoutMs} ms; ponder's log ends:\n${tail()}`);
      }
      await sleep(50);
    }
  };

  try {
    // Synced means: /status has reached the head (ready alone answers while the last ~30 blocks, Ponder's finality
    // depth on unknown chains, are still being indexed live).
    await waitForBlock(undefined, options.timeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port: port!,
    waitForBlock,
    indexedBlock: () => status(),
    log: () => log,
    exited,
    stop,
  };
}
