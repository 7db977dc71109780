// The web app (web/) as `npm start` and the browser suite run it: its production build (`next build`, redone only
// when a source file is newer than the build), served by `next start` on a port of its own, configured at request
// time by the environment (the chain's RPC, the indexer, the deployments folder: one build serves any ports).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.ts";
import { groupStopper } from "./process-group.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const webDir = join(root, "web");
const nextBin = join(root, "node_modules/next/dist/bin/next");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest modification time among the files the build is made of. */
function newestSource(): number {
  let newest = 0;
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== "node_modules" && name !== ".next" && !name.endsWith(".test.ts") && !name.endsWith(".test.tsx")) walk(join(path, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const part of ["app", "components", "lib", "next.config.ts", "tsconfig.json"]) walk(join(webDir, part));
  walk(join(root, "scripts/sdk"));
  walk(join(root, "package-lock.json"));
  return newest;
}

/** Gathers a child's stdout and stderr, telling `onLog` each nonempty line; returns what was said so far. */
function collectOutput(child: ChildProcess, onLog?: (line: string) => void): () => string {
  let log = "";
  const onData = (chunk: Buffer) => {
    log += chunk.toString();
    for (const line of chunk.toString().split("\n")) if (line.trim()) onLog?.(line);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  return () => log;
}

/** Whether web/.next holds a production build newer than every source file. */
export function webBuildIsCurrent(): boolean {
  const id = join(webDir, ".next/BUILD_ID");
  return existsSync(id) && statSync(id).mtimeMs > newestSource();
}

/** Builds the app for production unless the build is current; resolves when done, with how long it took (0 when
 * there was nothing to do). */
export async function buildWeb(options: { force?: boolean; onLog?: (line: string) => void; signal?: AbortSignal } = {}): Promise<number> {
  if (!options.force && webBuildIsCurrent()) return 0;
  const started = Date.now();
  const child = spawn(process.execPath, [nextBin, "build", webDir], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    // With a signal: its own process group, so that an abort stops next's build workers too.
    detached: Boolean(options.signal),
  });
  const abort = () => void groupStopper(child)();
  options.signal?.addEventListener("abort", abort, { once: true });
  const output = collectOutput(child, options.onLog);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  options.signal?.removeEventListener("abort", abort);
  if (options.signal?.aborted) throw new Error("next build stopped");
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output().slice(-4000)}`);
  return Date.now() - started;
}

export interface WebOptions {
  rpcUrl: string;
  indexerUrl: string;
  /** Folder holding `<chainId>.json`; default the repository's deployments/. */
  deploymentsDir?: string;
  chainId?: number;
  /** Default a free one. */
  port?: number;
  hostname?: string;
  timeoutMs?: number;
  /** Each line `next start` prints (they are also kept for error messages). */
  onLog?: (line: string) => void;
}

export interface RunningWeb {
  url: string;
  port: number;
  log: () => string;
  /** Settles when the server's process has exited (stopped, or died): with its exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
}

/** Serves the production build (build it first: buildWeb) and waits until it answers. */
export async function startWeb(options: WebOptions): Promise<RunningWeb> {
  const port = options.port ?? (await freePort());
  const hostname = options.hostname ?? "127.0.0.1";
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_PUBLIC_TENDER_RPC_URL: options.rpcUrl,
    NEXT_PUBLIC_TENDER_INDEXER_URL: options.indexerUrl,
    NEXT_PUBLIC_TENDER_CHAIN_ID: String(options.chainId ?? 31337),
    ...(options.deploymentsDir ? { TENDER_DEPLOYMENTS_DIR: options.deploymentsDir } : {}),
  };
  delete env.PORT;
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", webDir, "-p", String(port), "-H", hostname], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = collectOutput(child, options.onLog);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const stop = groupStopper(child);
  const url = `http://${hostname}:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-3000)}`);
    try {
      const res = await fetch(`${url}/jobs`, { signal: AbortSignal.timeout(10_000) });
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web app did not answer at ${url} in time:\n${output().slice(-3000)}`);
    }
    await sleep(250);
  }
  return { url, port, log: output, exited, stop };
}
