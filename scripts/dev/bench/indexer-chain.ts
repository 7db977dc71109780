// The indexer benchmarks' chain: its own `hardhat node` on a free port, and writers for any address (the node's
// own 20 accounts sign; other addresses are impersonated and given a balance), over a transport that sends the calls
// of one tick as a JSON-RPC batch, answers eth_chainId itself, sets the fees (100 gwei cap, 1 gwei tip; the base fee
// is pinned at 0 when blocks are mined) and the gas limit: a fixed one when asked (no estimate), else the estimate
// plus a margin.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Address, type Hash, createPublicClient, createWalletClient, custom, defineChain, numberToHex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type * as sdk from "@tender/sdk";
import { freePort } from "../lib/ports.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const MNEMONIC = "test test test test test test test test test test test junk";

export interface BenchChain {
  rpcUrl: string;
  reader: sdk.Reader;
  /** A writer sending as `address` (eth_sendTransaction: the node signs). `gas`: a fixed limit, no estimate. */
  writer: (address: Address, options?: { gas?: bigint }) => sdk.Writer;
  /** The address of mnemonic account `index` (the node's own for 0–19). */
  account: (index: number) => Address;
  /** Makes `address` usable by writer() with `balance` wei (impersonation; the node's own 20 need nothing). */
  enable: (address: Address, balance?: bigint) => Promise<void>;
  rpc: <T = unknown>(method: string, params?: unknown[]) => Promise<T>;
  setAutomine: (on: boolean) => Promise<void>;
  /** Mines one block; returns its number and how many transactions it holds. */
  mine: () => Promise<{ number: number; txs: number }>;
  /** Moves the next block's time `seconds` ahead of the latest block's. */
  advance: (seconds: number) => Promise<void>;
  blockNumber: () => Promise<number>;
  stop: () => Promise<void>;
}

export async function startChain(): Promise<BenchChain> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(join(root, "node_modules/.bin/hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The node prints every call it serves: keep only the tail, for error messages.
  let tail = "";
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-8_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  // Calls made in the same tick go to the node as one JSON-RPC batch (up to 100): many SDK calls in flight cost a
  // few HTTP requests, not one each (the node drops connections when hundreds are opened at once).
  type Pending = { body: { jsonrpc: "2.0"; id: number; method: string; params: unknown[] }; resolve: (v: unknown) => void; reject: (e: unknown) => void };
  let id = 0;
  let queue: Pending[] = [];
  const flush = async (batch: Pending[]) => {
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(batch.map((p) => p.body)),
      });
      const answers = (await res.json()) as { id: number; result?: unknown; error?: { message: string; code?: number; data?: unknown } }[];
      const byId = new Map(answers.map((answer) => [answer.id, answer]));
      for (const p of batch) {
        const answer = byId.get(p.body.id);
        if (!answer) p.reject(new Error(`${p.body.method}: no answer in the batch`));
        else if (answer.error) {
          const error = new Error(`${p.body.method}: ${answer.error.message}`) as Error & { code?: number; data?: unknown };
          Object.assign(error, { code: answer.error.code, data: answer.error.data });
          p.reject(error);
        } else p.resolve(answer.result);
      }
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  const rpc = <T = unknown>(method: string, params: unknown[] = []): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) {
        setImmediate(() => {
          const all = queue;
          queue = [];
          for (let i = 0; i < all.length; i += 100) void flush(all.slice(i, i + 100));
        });
      }
      queue.push({ body: { jsonrpc: "2.0", id: ++id, method, params }, resolve: resolve as (v: unknown) => void, reject });
    });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited:\n${tail}`);
    try {
      await rpc("eth_chainId");
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`hardhat node not up after 60 s:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const chain = defineChain({
    id: 31337,
    name: "Tender bench node",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const chainIdHex = numberToHex(31337);
  const FEE = numberToHex(100n * 10n ** 9n);
  const TIP = numberToHex(10n ** 9n);
  const transport = (gas?: bigint) =>
    custom(
      {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          if (method === "eth_chainId") return chainIdHex;
          if (method === "eth_sendTransaction") {
            // Fees set here: left to the node, each send with automine off slowed down as the pending block grew.
            const [tx] = params as [Record<string, unknown>];
            const fees = { maxFeePerGas: tx.maxFeePerGas ?? FEE, maxPriorityFeePerGas: tx.maxPriorityFeePerGas ?? TIP };
            let limit = tx.gas as string | undefined;
            if (limit === undefined) {
              // The estimate (which fails for a transaction that would revert) plus a margin: it is made before the
              // other transactions of the block run, and they may turn a cheap storage write into a dear one.
              limit = gas !== undefined ? numberToHex(gas) : numberToHex((BigInt(await rpc<string>("eth_estimateGas", [{ ...tx, ...fees }])) * 5n) / 4n + 25_000n);
            }
            params = [{ ...tx, ...fees, gas: limit }];
          }
          return rpc(method, params ?? []);
        },
      },
      { retryCount: 0 },
    );
  const reader = createPublicClient({ chain, transport: transport(), pollingInterval: 20 }) as sdk.Reader;
  const writers = new Map<string, sdk.Writer>();
  const accounts = new Map<number, Address>();

  return {
    rpcUrl,
    reader,
    writer: (address, options = {}) => {
      const key = `${address}:${options.gas ?? ""}`;
      let writer = writers.get(key);
      if (!writer) {
        writer = createWalletClient({ chain, transport: transport(options.gas), account: address, pollingInterval: 20 }) as sdk.Writer;
        writers.set(key, writer);
      }
      return writer;
    },
    account: (index) => {
      // Deriving from the mnemonic costs ~70 ms (PBKDF2): once per index.
      let address = accounts.get(index);
      if (!address) accounts.set(index, (address = mnemonicToAccount(MNEMONIC, { addressIndex: index }).address));
      return address;
    },
    enable: async (address, balance = 10n ** 24n) => {
      await rpc("hardhat_impersonateAccount", [address]);
      await rpc("hardhat_setBalance", [address, numberToHex(balance)]);
    },
    rpc,
    setAutomine: async (on) => {
      await rpc("evm_setAutomine", [on]);
    },
    mine: async () => {
      // Full blocks raise the base fee 12.5% a block: hundreds of them would price every account out. Pinned at 0.
      await rpc("hardhat_setNextBlockBaseFeePerGas", ["0x0"]);
      await rpc("evm_mine");
      const block = await rpc<{ number: Hash; transactions: Hash[] }>("eth_getBlockByNumber", ["latest", false]);
      return { number: Number(BigInt(block.number)), txs: block.transactions.length };
    },
    advance: async (seconds) => {
      const block = await rpc<{ timestamp: Hash }>("eth_getBlockByNumber", ["latest", false]);
      await rpc("evm_setNextBlockTimestamp", [Number(BigInt(block.timestamp)) + seconds]);
    },
    blockNumber: async () => Number(BigInt(await rpc<string>("eth_blockNumber"))),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  };
}
