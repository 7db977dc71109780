"use client";
// The wallet and query providers around every page. The config is built once per browser tab from the server's
// public configuration (the chain id and RPC URL read at request time).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, createContext, useContext, useState } from "react";
import { WagmiProvider } from "wagmi";
import { makeWagmiConfig } from "../lib/wagmi.ts";

export interface ClientConfig {
  chainId: number;
  rpcUrl: string;
  chainName: string;
}

const ConfigContext = createContext<ClientConfig | null>(null);

/** The chain the app works on, as the server configured it. */
export function useTenderConfig(): ClientConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error("useTenderConfig needs <Providers>");
  return config;
}

export function Providers({ config, children }: { config: ClientConfig; children: ReactNode }) {
  const [wagmiConfig] = useState(() => makeWagmiConfig(config));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <ConfigContext.Provider value={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </WagmiProvider>
    </ConfigContext.Provider>
  );
}
