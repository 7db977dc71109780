// A test wallet inside the page: an EIP-1193 provider announced over EIP-6963 (as a browser extension would), each
// request forwarded to this process (Playwright's exposeBinding), where a viem private-key account signs and sends
// transactions to the node and everything else goes to the node's JSON-RPC as it is. The app under test is the
// unmodified production build and goes through its real connect flow.
import type { BrowserContext } from "playwright-core";
import { http, type Hex, createWalletClient, defineChain } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export const TEST_WALLET_NAME = "Tender Test Wallet";

export interface TestWallet {
  address: `0x${string}`;
  /** Every method the page asked the wallet for, in order. */
  requests: string[];
  /** The transactions it sent. */
  sent: Hex[];
}

type Request = { method: string; params?: unknown[] };
type Answer = { result?: unknown; error?: { code: number; message: string; data?: unknown } };

export async function installTestWallet(context: BrowserContext, p: { rpcUrl: string; privateKey: Hex; chainId?: number }): Promise<TestWallet> {
  const chainId = p.chainId ?? 31337;
  const account = privateKeyToAccount(p.privateKey);
  const chain = defineChain({ id: chainId, name: "test", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [p.rpcUrl] } } });
  const client = createWalletClient({ account, chain, transport: http(p.rpcUrl) });
  const wallet: TestWallet = { address: account.address, requests: [], sent: [] };
  let connected = false;

  const forward = async (request: Request): Promise<Answer> => {
    const res = await fetch(p.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: request.method, params: request.params ?? [] }),
    });
    const body = (await res.json()) as Answer;
    return body.error ? { error: body.error } : { result: body.result };
  };

  const handle = async (request: Request): Promise<Answer> => {
    wallet.requests.push(request.method);
    const params = request.params ?? [];
    switch (request.method) {
      case "eth_requestAccounts":
        connected = true;
        return { result: [account.address] };
      case "eth_accounts":
        // [] until the page asks to connect: otherwise wagmi would reconnect on load by itself.
        return { result: connected ? [account.address] : [] };
      case "eth_chainId":
        return { result: `0x${chainId.toString(16)}` };
      case "net_version":
        return { result: String(chainId) };
      case "wallet_requestPermissions":
        connected = true;
        return { result: [{ parentCapability: "eth_accounts" }] };
      case "wallet_getPermissions":
        return { result: connected ? [{ parentCapability: "eth_accounts" }] : [] };
      case "wallet_revokePermissions":
        connected = false;
        return { result: null };
      case "wallet_switchEthereumChain":
      case "wallet_addEthereumChain":
        return Number((params[0] as { chainId: string }).chainId) === chainId ? { result: null } : { error: { code: 4902, message: "Unknown chain" } };
      case "eth_sendTransaction": {
        const tx = params[0] as { to?: Hex; data?: Hex; value?: Hex; gas?: Hex };
        try {
          const hash = await client.sendTransaction({
            to: tx.to ?? null,
            data: tx.data,
            value: tx.value ? BigInt(tx.value) : undefined,
            gas: tx.gas ? BigInt(tx.gas) : undefined,
          });
          wallet.sent.push(hash);
          return { result: hash };
        } catch (error) {
          return { error: { code: -32000, message: (error as Error).message } };
        }
      }
      case "eth_signTypedData_v4": {
        // An EIP-712 signature (an ERC-2612 permit the SDK asks for): the typed data comes as JSON, as wallets take it.
        const typed = JSON.parse(params[1] as string) as Parameters<typeof account.signTypedData>[0] & { types: Record<string, unknown> };
        const { EIP712Domain: _, ...types } = typed.types;
        return { result: await account.signTypedData({ ...typed, types } as Parameters<typeof account.signTypedData>[0]) };
      }
      case "personal_sign":
        return { result: await account.signMessage({ message: { raw: params[0] as Hex } }) };
      case "wallet_getCapabilities":
        return { error: { code: 4200, message: "Unsupported method" } };
      default:
        return forward(request);
    }
  };

  await context.exposeBinding("__tenderTestWallet", (_source, request: Request) => handle(request));
  // The page's side, as a string: it runs in the browser, not here.
  await context.addInitScript({
    content: `(() => {
      const listeners = {};
      const provider = {
        request: async (request) => {
          const answer = await window.__tenderTestWallet(request);
          if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
          if (request.method === "eth_requestAccounts") for (const fn of listeners.accountsChanged ?? []) fn(answer.result);
          return answer.result;
        },
        on: (event, fn) => { (listeners[event] ??= []).push(fn); },
        removeListener: (event, fn) => { listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn); },
      };
      const icon = "data:image/svg+xml;base64," + btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f6b5c"/></svg>');
      const info = { uuid: "0b6f4a2e-7d3c-4b5e-9a1f-2c8d6e4f1a3b", name: ${JSON.stringify(TEST_WALLET_NAME)}, icon, rdns: "dev.tender.testwallet" };
      const announce = () => window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    })();`,
  });
  return wallet;
}
