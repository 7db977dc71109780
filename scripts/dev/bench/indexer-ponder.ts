// A Ponder app (the indexer, or the empty-handlers baseline) started for a benchmark and timed: `ponder start` with
// the flags and environment startIndexer uses (scripts/dev/lib/indexer.ts), for any app folder. The backfill is timed
// from Ponder's own JSON log lines (wall-clock milliseconds) and /status:
// - start-up: spawn → "Started backfill indexing" (build, database connection, tables, HTTP server);
// - backfill: "Started backfill indexing" → "Completed backfill indexing across all chains" (fetching and indexing
//   every block up to Ponder's finalized block, the head − 30 on an unknown chain like 31337);
// - fetch: the duration Ponder reports for "Finished fetching backfill JSON-RPC data" (eth_getLogs and the blocks,
//   through its RPC rate limiter);
// - indexing: the sum of "Indexed block range" durations (prefetch, handlers, flush, commit), fetch excluded.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../lib/ports.ts";
import { groupStopper } from "../lib/process-group.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const ponderBin = join(root, "node_modules/ponder/dist/esm/bin/ponder.js");
export const INDEXER_APP = join(root, "indexer");
export const BASELINE_APP = join(root, "scripts/dev/bench/ponder-baseline");

export interface PonderRunOptions {
  appDir: string;
  rpcUrl: string;
  deploymentsDir: string;
  /** PostgreSQL; default PGlite in memory. */
  databaseUrl?: string;
  schema?: string;
  /** `start` (default): index and serve; `serve`: only serve the API from an index another process keeps
   * (PostgreSQL only), Ponder's way to scale reads apart from indexing. */
  command?: "start" | "serve";
}

export interface BackfillTiming {
  startupMs: number;
  backfillMs: number;
  fetchMs: number;
  indexingMs: number;
  /** Events Ponder says it indexed during the backfill (sum of "Indexed block range" event counts). */
  indexedEvents: number;
  /** "Started backfill indexing" → /status at the head (the last 30 blocks are indexed live). */
  toHeadMs: number;
  /** The backfill's block range, as Ponder logged it. */
  blockRange: string;
}

export interface PonderRun {
  url: string;
  /** The PostgreSQL database it uses, if any. */
  databaseUrl?: string;
  /** Waits until GET `path` answers 200 (a `serve` process has no backfill to wait for). */
  ready: (timeoutMs: number, path: string) => Promise<void>;
  /** The last indexed block per /status, or -1. */
  status: () => Promise<number>;
  /** Waits for the backfill to complete and /status to reach `head`, then reads the timing from the log. */
  backfill: (head: number, timeoutMs: number) => Promise<BackfillTiming>;
  /** Waits until /status reaches `block`, polling every `everyMs`; resolves with Date.now() at that moment. */
  waitForBlock: (block: number, timeoutMs: number, everyMs?: number) => Promise<number>;
  /** Ponder's Prometheus metrics, parsed (see profileOf). */
  metrics: () => Promise<Metric[]>;
  log: () => string;
  stop: () => Promise<void>;
}

export interface Metric {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Where a backfill's indexing time went, from Ponder's metrics: its transform steps (prefetch, index: the
 * handlers, load: the flush of the indexing cache, finalize, commit) and the handlers' own time per event. */
export function profileOf(metrics: Metric[]) {
  const sum = (name: string, label: string) => {
    const out: Record<string, number> = {};
    for (const m of metrics) if (m.name === name && m.labels[label] !== undefined) out[m.labels[label]!] = (out[m.labels[label]!] ?? 0) + m.value;
    return out;
  };
  const steps = sum("ponder_historical_transform_duration", "step");
  const handlers = sum("ponder_indexing_function_duration_sum", "event");
  const counts = sum("ponder_indexing_function_duration_count", "event");
  return {
    steps,
    handlers: Object.entries(handlers)
      .map(([event, ms]) => ({ event, ms, count: counts[event] ?? 0 }))
      .sort((a, b) => b.ms - a.ms),
  };
}

type Line = { msg?: string; time?: number; duration?: number; event_count?: number; block_range?: string; port?: number; level?: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runPonder(options: PonderRunOptions): Promise<PonderRun> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["PORT", "DATABASE_URL", "DATABASE_PRIVATE_URL", "DATABASE_SCHEMA", "PONDER_RPC_URL_31337"]) delete env[key];
  Object.assign(env, {
    TENDER_CHAIN_ID: "31337",
    TENDER_RPC_URL: options.rpcUrl,
    TENDER_DEPLOYMENTS_DIR: options.deploymentsDir,
    PONDER_PGLITE_DIR: "memory://",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [ponderBin, "--log-format", "json", options.command ?? "start", "--schema", options.schema ?? "bench", "--port", String(port), "--hostname", "127.0.0.1"],
    { cwd: options.appDir, env, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let text = "";
  let pending = "";
  const lines: Line[] = [];
  let actualPort = port;
  const onData = (chunk: Buffer) => {
    const s = chunk.toString();
    text = (text + s).slice(-100_000);
    pending += s;
    const parts = pending.split("\n");
    pending = parts.pop()!;
    for (const part of parts) {
      try {
        const line = JSON.parse(part) as Line;
        if (line.msg === "Indexed block") continue; // live blocks, one line each: not needed here
        lines.push(line);
        if (line.msg === "Created HTTP server" && line.port) actualPort = line.port;
      } catch {
        // not JSON
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const tail = () => text.split("\n").slice(-30).join("\n");
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ponder exited (${child.exitCode ?? child.signalCode}):\n${tail()}`);
  };
  const find = (msg: string) => lines.find((line) => line.msg === msg);

  const status = async (): Promise<number> => {
    const res = await fetch(`http://127.0.0.1:${actualPort}/status`);
    if (!res.ok) return -1;
    const body = (await res.json()) as Record<string, { id: number; block: { number: number } | null }>;
    const chain = Object.values(body).find((c) => c.id === 31337);
    return chain?.block ? chain.block.number : -1;
  };

  const waitForBlock = async (block: number, timeoutMs: number, everyMs = 5) => {
    const deadline = Date.now() + timeoutMs;
    let last = -1;
    for (;;) {
      alive();
      try {
        last = await status();
        if (last >= block) return Date.now();
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`ponder did not reach block ${block} in ${timeoutMs} ms (at ${last}):\n${tail()}`);
      await sleep(everyMs);
    }
  };

  const backfill = async (head: number, timeoutMs: number): Promise<BackfillTiming> => {
    const deadline = Date.now() + timeoutMs;
    while (!find("Completed backfill indexing across all chains")) {
      alive();
      if (Date.now() > deadline) throw new Error(`ponder's backfill did not complete in ${timeoutMs} ms:\n${tail()}`);
      await sleep(50);
    }
    const atHead = await waitForBlock(head, Math.max(deadline - Date.now(), 60_000));
    const started = find("Started backfill indexing")!;
    const completed = find("Completed backfill indexing across all chains")!;
    const ranges = lines.filter((line) => line.msg === "Indexed block range" && line.time! <= completed.time!);
    return {
      startupMs: started.time! - spawnedAt,
      backfillMs: completed.time! - started.time!,
      fetchMs: find("Finished fetching backfill JSON-RPC data")?.duration ?? NaN,
      indexingMs: ranges.reduce((sum, line) => sum + (line.duration ?? 0), 0),
      indexedEvents: ranges.reduce((sum, line) => sum + (line.event_count ?? 0), 0),
      toHeadMs: atHead - started.time!,
      blockRange: started.block_range ?? "",
    };
  };

  const metrics = async (): Promise<Metric[]> => {
    const body = await (await fetch(`http://127.0.0.1:${actualPort}/metrics`)).text();
    const out: Metric[] = [];
    for (const line of body.split("\n")) {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) continue;
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
      out.push({ name: match[1]!, labels, value: Number(match[3]) });
    }
    return out;
  };

  const stop = groupStopper(child);

  const ready = async (timeoutMs: number, path: string) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      alive();
      try {
        if ((await fetch(`http://127.0.0.1:${actualPort}${path}`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`ponder did not answer ${path} in ${timeoutMs} ms:\n${tail()}`);
      await sleep(100);
    }
  };

  return {
    get url() {
      return `http://127.0.0.1:${actualPort}`;
    },
    databaseUrl: options.databaseUrl,
    ready,
    status,
    backfill,
    waitForBlock,
    metrics,
    log: () => text,
    stop,
  };
}
