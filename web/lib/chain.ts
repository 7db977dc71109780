// The chain object every viem and wagmi client uses. The RPC URL sits on the chain itself (rpcUrls.default): some
// connectors read it from there, e.g. when asking a wallet to add the network.
import { type Chain, defineChain } from "viem";

export function tenderChain(chainId: number, rpcUrl: string): Chain {
  return defineChain({
    id: chainId,
    name: chainId === 31337 ? "Tender local" : `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    testnet: chainId === 31337,
  });
}
