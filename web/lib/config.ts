// Where the app finds the chain and the indexer. Read on the server at request time (dynamic keys, so Next does not
// inline build-time values): one production build serves any ports `npm start` picks. Client components receive
// the public part as props (see app/layout.tsx), never from process.env.
import "server-only";

export interface PublicConfig {
  chainId: number;
  rpcUrl: string;
  indexerUrl: string;
}

const env = (name: string): string | undefined => {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
};

export function publicConfig(): PublicConfig {
  const chainId = Number(env("NEXT_PUBLIC_TENDER_CHAIN_ID") ?? 31337);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new Error(`NEXT_PUBLIC_TENDER_CHAIN_ID must be a positive whole number, not ${env("NEXT_PUBLIC_TENDER_CHAIN_ID")}`);
  }
  return {
    chainId,
    rpcUrl: env("NEXT_PUBLIC_TENDER_RPC_URL") ?? "http://127.0.0.1:8545",
    indexerUrl: (env("NEXT_PUBLIC_TENDER_INDEXER_URL") ?? "http://127.0.0.1:42069").replace(/\/+$/, ""),
  };
}

/** Where deployments/<chainId>.json is: TENDER_DEPLOYMENTS_DIR, else the repository's deployments/. */
export function deploymentsDir(): string | undefined {
  return env("TENDER_DEPLOYMENTS_DIR");
}
