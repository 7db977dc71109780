// A real `hardhat node` on a free port, for tests that talk to the chain over TCP (the CLI, subscriptions, agents).
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { http, createPublicClient, createWalletClient, defineChain } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import * as sdk from "@tender/sdk";
import { freePort } from "../../scripts/dev/lib/ports.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** Hardhat's development mnemonic: the node funds its first 20 accounts with 10,000 ETH each. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export interface RunningNode {
  port: number;
  rpcUrl: string;
  chain: ReturnType<typeof defineChain>;
  reader: sdk.Reader;
  /** A wallet client for development account `index`, over `rpcUrl` (or another URL, e.g. a proxy's). */
  writer: (index: number, url?: string) => sdk.Writer;
  /** The private key of development account `index`. */
  privateKey: (index: number) => `0x${string}`;
  stop: () => Promise<void>;
}

export async function startNode(): Promise<RunningNode> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(join(root, "node_modules/.bin/hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited:\n${log}`);
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`hardhat node not up after 60 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const chain = defineChain({
    id: 31337,
    name: "Tender test node",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const reader = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 50 }) as sdk.Reader;
  const account = (index: number) => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
  return {
    port,
    rpcUrl,
    chain,
    reader,
    writer: (index, url = rpcUrl) =>
      createWalletClient({ chain, transport: http(url), account: account(index), pollingInterval: 50 }) as sdk.Writer,
    privateKey: (index) => `0x${Buffer.from(account(index).getHdKey().privateKey!).toString("hex")}`,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
    },
  };
}

/** Tender on a running node, as the demo has it: the escrow (owner account 0, treasury 1, a 1% fee), the mUSD mock
 * recorded as the deployment's stablecoin, the deployment written to `dir` for the CLI, and account 2 registered as an
 * arbitrator (2%, a 3-day ruling window). */
export async function deployOnNode(node: RunningNode, dir: string): Promise<{ deployment: sdk.Deployment; token: `0x${string}` }> {
  const deployer = node.writer(0);
  const deployment = await sdk.deployEscrow(deployer, node.reader, { owner: deployer.account.address, treasury: node.writer(1).account.address, feeBps: 100 });
  const token = await sdk.deployMockToken(deployer, node.reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow: deployment.escrow });
  deployment.stablecoin = token;
  sdk.writeDeployment(deployment, dir);
  await sdk.waitForSuccess(node.reader, await sdk.registerArbitrator(node.writer(2), { escrow: deployment.escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));
  return { deployment, token };
}
