// A fake browser wallet for component tests: an EIP-1193 provider that announces itself over EIP-6963, holds one
// account, starts on a chosen chain, switches chains on request (emitting chainChanged), and records every request.
// It answers `eth_accounts` with [] until `eth_requestAccounts`, as a real wallet does before the user connects.
export interface FakeWallet {
  provider: { request: (args: { method: string; params?: unknown }) => Promise<unknown>; on: Function; removeListener: Function };
  requests: { method: string; params?: unknown }[];
  chainId: number;
  connected: boolean;
  /** Announce (again) over EIP-6963; also done on every eip6963:requestProvider. */
  announce: () => void;
  /** Stop answering requestProvider events. */
  remove: () => void;
}

export function installFakeWallet({ account, chainId, name = "Test Wallet" }: { account: `0x${string}`; chainId: number; name?: string }): FakeWallet {
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  const emit = (event: string, value: unknown) => listeners.get(event)?.forEach((fn) => fn(value));
  const wallet: FakeWallet = {
    requests: [],
    chainId,
    connected: false,
    provider: {
      async request({ method, params }) {
        wallet.requests.push({ method, params });
        switch (method) {
          case "eth_chainId":
            return `0x${wallet.chainId.toString(16)}`;
          case "eth_accounts":
            return wallet.connected ? [account] : [];
          case "eth_requestAccounts":
            wallet.connected = true;
            emit("accountsChanged", [account]);
            return [account];
          case "wallet_requestPermissions":
            return [{ parentCapability: "eth_accounts" }];
          case "wallet_revokePermissions":
            wallet.connected = false;
            return null;
          case "wallet_switchEthereumChain": {
            const [{ chainId: next }] = params as [{ chainId: string }];
            wallet.chainId = Number(next);
            emit("chainChanged", next);
            return null;
          }
          case "eth_sendTransaction":
            return `0x${"ab".repeat(32)}`;
          default:
            throw Object.assign(new Error(`The fake wallet does not do ${method}`), { code: 4200 });
        }
      },
      on(event: string, fn: (value: unknown) => void) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(fn);
      },
      removeListener(event: string, fn: (value: unknown) => void) {
        listeners.get(event)?.delete(fn);
      },
    },
    announce() {
      const info = { uuid: "3c9b8d1e-0000-4000-8000-000000000001", name, icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E", rdns: "test.tender.wallet" };
      window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider: wallet.provider }) }));
    },
    remove() {
      window.removeEventListener("eip6963:requestProvider", onRequest);
    },
  };
  const onRequest = () => wallet.announce();
  window.addEventListener("eip6963:requestProvider", onRequest);
  return wallet;
}
