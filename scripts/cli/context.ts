// What commands share: the chain (--rpc, TENDER_RPC_URL or the running `npm start`: network.ts), Tender's deployment on it, the signing account
// (TENDER_PRIVATE_KEY or an encrypted keystore account), tokens, and sending a transaction with progress.
import {
  type Address,
  type Chain,
  type Hash,
  HttpRequestError,
  type TransactionReceipt,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  isAddress,
  isHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import * as sdk from "@tender/sdk";
import { CliError, EXIT, type Globals } from "./command.ts";
import { type TokenInfo, formatAmount } from "./format.ts";
import { decryptKey, loadAccount, password } from "./keystore.ts";
import { type Network, resolveNetwork } from "./network.ts";

export interface Context {
  rpcUrl: string;
  /** Where the chain's URL and the deployment record came from. */
  network: Network;
  chain: Chain;
  reader: sdk.Reader;
  deployment: sdk.Deployment;
  globals: Globals;
  /** The chain's latest block time, in seconds. */
  now: () => Promise<number>;
  /** The token by "ETH", the deployment's stablecoin symbol, or an address. */
  token: (nameOrAddress: string) => Promise<TokenInfo>;
  tokenAt: (address: Address) => Promise<TokenInfo>;
  /** Every read of Tender, bound to the deployment (`ctx.read.job({ jobId })`). */
  read: sdk.TenderReads["read"];
  /** The signing account; asks for the keystore password once. */
  writer: () => Promise<sdk.Writer>;
  /** Tender's actions as the signing account, bound to the deployment; ERC-20 approvals print their progress. */
  tender: () => Promise<sdk.TenderClient>;
  /** The signing account's address, without unlocking a keystore account (for reads about "me"). */
  me: () => Promise<Address>;
  /** How amounts read in reverts (set by a command once it knows the job's token). */
  amountFormat: sdk.AmountFormat;
}

const where = (network: Network) =>
  network.source === "default" ? "the default; no running `npm start` found" : network.source.startsWith("npm start") ? `the chain ${network.source} runs` : `from ${network.source}`;

/** The chain's id from eth_chainId, or a sentence: nothing answers (exit 4), or what answers is not a chain (exit 4). */
async function probeChainId(network: Network): Promise<number> {
  const url = network.rpcUrl;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    const why = (error as Error).name === "TimeoutError" ? "no answer within 10 s" : "no answer";
    throw new CliError(`cannot reach the chain at ${url} (${where(network)}: ${why}); start one with \`npm start\` or pass --rpc`, EXIT.network);
  }
  const text = await response.text();
  let body: { result?: unknown; error?: { message?: string } } | undefined;
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = undefined;
  }
  if (body && typeof body.result === "string" && /^0x[0-9a-f]+$/i.test(body.result)) return Number(BigInt(body.result));
  const answer = body?.error ? `its eth_chainId failed: ${body.error.message ?? "an error"}` : body ? "its answer to eth_chainId has no chain id" : `it answers HTTP ${response.status}${response.headers.get("content-type") ? ` with ${response.headers.get("content-type")!.split(";")[0]}` : ""}, not JSON-RPC`;
  throw new CliError(`${url} (${where(network)}) is not an Ethereum chain's JSON-RPC endpoint: ${answer}`, EXIT.network);
}

/** Whether an error means the RPC could not be reached. */
export function isNetworkError(error: unknown): boolean {
  if (error instanceof HttpRequestError) return true;
  if (error instanceof Error && error.cause) return isNetworkError(error.cause);
  return error instanceof Error && /fetch failed|ECONNREFUSED|ECONNRESET/.test(error.message);
}

export async function connect(globals: Globals, { needDeployment = true } = {}): Promise<Context> {
  const network = resolveNetwork(globals.rpc);
  const url = network.rpcUrl;
  const chainId = await probeChainId(network);
  const chain = defineChain({
    id: chainId,
    name: chainId === 31337 ? "Tender local" : `chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  });
  const transport = http(url);
  const reader = createPublicClient({ chain, transport, pollingInterval: chainId === 31337 ? 100 : 4_000 }) as sdk.Reader;
  let deployment: sdk.Deployment;
  try {
    deployment = sdk.readDeployment(chainId, network.deploymentsDir);
  } catch (error) {
    if (needDeployment) throw new CliError((error as Error).message, EXIT.network);
    deployment = { chainId, escrow: "0x0000000000000000000000000000000000000000", registry: "0x0000000000000000000000000000000000000000", startBlock: 0 };
  }
  if (needDeployment && (await reader.getCode({ address: deployment.escrow })) === undefined) {
    throw new CliError(`no Tender escrow at ${deployment.escrow} on chain ${chainId} (a stale deployment record? restart \`npm start\` or redeploy)`, EXIT.network);
  }

  const tokens = new Map<string, Promise<TokenInfo>>();
  const tokenAt = (address: Address): Promise<TokenInfo> => {
    const key = address.toLowerCase();
    if (!tokens.has(key)) {
      tokens.set(
        key,
        sdk.readToken(reader, address).catch(() => {
          throw new CliError(`${address} is not an ERC-20 token on chain ${chainId}`);
        }),
      );
    }
    return tokens.get(key)!;
  };
  const token = async (name: string): Promise<TokenInfo> => {
    if (name.toUpperCase() === "ETH") return tokenAt(sdk.ETH);
    if (isAddress(name, { strict: false })) return tokenAt(name);
    if (deployment.stablecoin) {
      const stable = await tokenAt(deployment.stablecoin);
      if (stable.symbol.toLowerCase() === name.toLowerCase()) return stable;
    }
    throw new CliError(`unknown token ${JSON.stringify(name)}: use ETH, ${deployment.stablecoin ? "the demo stablecoin's symbol, " : ""}or a token address`);
  };

  let signer: Promise<sdk.Writer> | undefined;
  const writer = () => {
    signer ??= (async () => {
      const account = privateKeyToAccount(await privateKey(globals));
      return createWalletClient({ chain, transport, account, pollingInterval: chainId === 31337 ? 100 : 4_000 }) as sdk.Writer;
    })();
    return signer;
  };

  let client: Promise<sdk.TenderClient> | undefined;
  const tender = () => {
    client ??= writer().then((w) =>
      sdk.tender({ reader, writer: w }, deployment, {
        onApproval: (event) => {
          if (event.phase === "permitting") progress(`Signing a permit for ${formatAmount(event.amount, event.token)}: the escrow takes it with the post, no approval transaction`);
          else if (event.phase !== "approving") progress(`Approving ${formatAmount(event.amount, event.token)} for the escrow: ${event.phase === "sent" ? `sent ${event.hash}, waiting for confirmation…` : "confirmed"}`);
        },
      }),
    );
    return client;
  };

  const me = async (): Promise<Address> => {
    const name = globals.account ?? process.env.TENDER_ACCOUNT;
    if (name) return getAddress(`0x${loadAccount(name).address}`);
    if (process.env.TENDER_PRIVATE_KEY) return (await writer()).account.address;
    throw new CliError("give an address, or say whose with --account NAME (or TENDER_PRIVATE_KEY)");
  };

  const context: Context = {
    rpcUrl: url,
    network,
    me,
    chain,
    reader,
    deployment,
    globals,
    // The next block's time is at least the wall clock's (a development chain may run ahead of it, after time
    // travel): deadlines computed from this are not already short when the transaction is mined.
    now: async () => Math.max(Number((await reader.getBlock()).timestamp), Math.floor(Date.now() / 1000)),
    token: async (name) => {
      const info = await token(name);
      // Amounts in a refusal read in the token the command named (a post, a balance) unless a job says otherwise.
      context.amountFormat = info;
      return info;
    },
    tokenAt,
    read: sdk.tender({ reader }, deployment).read,
    writer,
    tender,
    amountFormat: {},
  };
  return context;
}

/** The signing key: TENDER_PRIVATE_KEY, or the keystore account from --account / TENDER_ACCOUNT. */
async function privateKey(globals: Globals): Promise<`0x${string}`> {
  const name = globals.account ?? process.env.TENDER_ACCOUNT;
  if (name) return decryptKey(loadAccount(name), await password(`Password for ${name}: `));
  const key = process.env.TENDER_PRIVATE_KEY;
  if (key) {
    if (!isHex(key) || key.length !== 66) throw new CliError("TENDER_PRIVATE_KEY is not a 32-byte hex private key");
    return key;
  }
  throw new CliError("this command signs a transaction: pass --account NAME (see `tender account new`) or set TENDER_PRIVATE_KEY");
}

/** Sends one transaction: prints progress on stderr, waits for its receipt, and returns it. */
export async function send(ctx: Context, what: string, action: () => Promise<Hash>): Promise<TransactionReceipt> {
  let hash: Hash;
  try {
    hash = await action();
  } catch (error) {
    // A revert in the gas estimate, or a balance too small for the amount: nothing was sent. Say why, with amounts
    // in the job's token.
    if (sdk.revertOf(error) || error instanceof sdk.InsufficientBalanceError) throw new CliError(`refused: ${sdk.describeError(error, ctx.amountFormat)}`, EXIT.refused);
    throw error;
  }
  progress(`${what}: sent ${hash}, waiting for confirmation…`);
  const receipt = await ctx.reader.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new CliError(`${what}: transaction ${hash} reverted`, EXIT.refused);
  progress(`${what}: confirmed in block ${receipt.blockNumber} (gas ${receipt.gasUsed.toLocaleString("en-US")})`);
  return receipt;
}

export function progress(message: string): void {
  process.stderr.write(`… ${message}\n`);
}

/** Reads a job or fails with "no such job". */
export async function existingJob(ctx: Context, jobId: bigint) {
  const job = await ctx.read.job({ jobId });
  if (job.status === sdk.JobStatus.None) throw new CliError(`there is no job ${jobId}`, EXIT.notFound);
  ctx.amountFormat = await ctx.tokenAt(job.token);
  return job;
}
