// The wallet side: one chain (the configured one), the generic injected connector, and EIP-6963 discovery, which
// adds a connector for every wallet that announces itself in the page. No wallet cloud services, no remote calls:
// reads go to the configured RPC, signatures to the wallet.
import { http, createConfig, injected } from "wagmi";
import { tenderChain } from "./chain.ts";

export function makeWagmiConfig({ chainId, rpcUrl }: { chainId: number; rpcUrl: string }) {
  const chain = tenderChain(chainId, rpcUrl);
  return createConfig({
    chains: [chain],
    connectors: [injected({ shimDisconnect: true })],
    multiInjectedProviderDiscovery: true,
    transports: { [chain.id]: http(rpcUrl) },
    // Rendered on the server first: the stored connection is restored after hydration, not during it.
    ssr: true,
  });
}

export type TenderWagmiConfig = ReturnType<typeof makeWagmiConfig>;
