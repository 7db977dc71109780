// Which chain a command talks to, and which deployment record it reads: --rpc, else TENDER_RPC_URL, else the stack
// `npm start` is running (its <repo>/.tender/stack.json, while the process that wrote it lives), else TENDER_PORT,
// else port 8545. The deployments folder: TENDER_DEPLOYMENTS_DIR, else the running stack's, else the SDK's default.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CliError } from "./command.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** What `npm start` writes while it runs. */
export interface Stack {
  rpcUrl: string;
  chainId?: number;
  indexerUrl?: string;
  webUrl?: string;
  deploymentsDir?: string;
  pid: number;
}

export interface Network {
  rpcUrl: string;
  deploymentsDir?: string;
  /** Where the URL came from, for messages: "--rpc", "TENDER_RPC_URL", "npm start (<file>)", "TENDER_PORT", "default". */
  source: string;
}

/** The stack file: TENDER_STACK_FILE, else <repo>/.tender/stack.json. */
export const stackFile = (): string => process.env.TENDER_STACK_FILE ?? join(root, ".tender", "stack.json");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The running stack, or undefined when there is no file, it is unreadable, or the process that wrote it is gone. */
export function runningStack(file = stackFile()): Stack | undefined {
  let stack: Partial<Stack>;
  try {
    stack = JSON.parse(readFileSync(file, "utf8")) as Partial<Stack>;
  } catch {
    return undefined;
  }
  if (typeof stack.rpcUrl !== "string" || !Number.isInteger(stack.pid) || !alive(stack.pid!)) return undefined;
  return stack as Stack;
}

/** A URL the CLI can send JSON-RPC to, or bad usage naming where it came from. */
export function checkRpcUrl(url: string, source: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^(https?):$/.test(parsed.protocol) || !parsed.hostname) {
    throw new CliError(`${source}: ${JSON.stringify(url)} is not a URL; give the chain's JSON-RPC endpoint, e.g. http://127.0.0.1:8545`);
  }
  return url;
}

export function resolveNetwork(rpc: string | undefined): Network {
  const deploymentsDir = process.env.TENDER_DEPLOYMENTS_DIR || undefined;
  if (rpc !== undefined) return { rpcUrl: checkRpcUrl(rpc, "--rpc"), deploymentsDir, source: "--rpc" };
  if (process.env.TENDER_RPC_URL) return { rpcUrl: checkRpcUrl(process.env.TENDER_RPC_URL, "TENDER_RPC_URL"), deploymentsDir, source: "TENDER_RPC_URL" };
  const file = stackFile();
  const stack = runningStack(file);
  if (stack) return { rpcUrl: checkRpcUrl(stack.rpcUrl, file), deploymentsDir: deploymentsDir ?? stack.deploymentsDir, source: `npm start (${file})` };
  const port = process.env.TENDER_PORT;
  if (port) {
    if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65_535) throw new CliError(`TENDER_PORT: ${JSON.stringify(port)} is not a port number`);
    return { rpcUrl: `http://127.0.0.1:${port}`, deploymentsDir, source: "TENDER_PORT" };
  }
  return { rpcUrl: "http://127.0.0.1:8545", deploymentsDir, source: "default" };
}
