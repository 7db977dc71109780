// What an indexer of Tender needs to know: which chain, which contracts with their ABIs and start blocks, which
// database. The Ponder app (indexer/ponder.config.ts) and the benchmark's empty-handler app both build their
// config from this, so the two index exactly the same thing.
//
// Environment:
//   TENDER_CHAIN_ID            chain to index (default 31337, the local chain `npm start` runs)
//   PONDER_RPC_URL_<chainId>   its RPC URL; else TENDER_RPC_URL; else http://127.0.0.1:8545
//   TENDER_DEPLOYMENTS_DIR     where deployments/<chainId>.json lives (the SDK's default otherwise)
//   DATABASE_URL               PostgreSQL connection string; without it, PGlite
//   PONDER_PGLITE_DIR          PGlite's folder, or "memory://"; default memory:// on the local chain (a restarted
//                              chain needs a fresh index), .ponder/pglite elsewhere
import { readDeployment } from "./deployments.ts";
import { supplierRegistryAbi, tenderEscrowAbi } from "./generated.ts";

const LOCAL_CHAIN_ID = 31337;

/** The Ponder config (the argument of its `createConfig`) for Tender on the chain the environment names. */
export function indexerConfig(env: Record<string, string | undefined> = process.env) {
  const chainId = Number(env.TENDER_CHAIN_ID ?? LOCAL_CHAIN_ID);
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new Error(`TENDER_CHAIN_ID must be a positive integer, not ${JSON.stringify(env.TENDER_CHAIN_ID)}`);
  }
  const local = chainId === LOCAL_CHAIN_ID;
  const rpc = env[`PONDER_RPC_URL_${chainId}`] ?? env.TENDER_RPC_URL ?? "http://127.0.0.1:8545";
  const deployment = readDeployment(chainId, env.TENDER_DEPLOYMENTS_DIR);
  const databaseUrl = env.DATABASE_URL ?? env.DATABASE_PRIVATE_URL;
  const database = databaseUrl
    ? ({ kind: "postgres", connectionString: databaseUrl } as const)
    : ({ kind: "pglite", directory: env.PONDER_PGLITE_DIR ?? (local ? "memory://" : ".ponder/pglite") } as const);
  return {
    database,
    chains: {
      tender: {
        id: chainId,
        rpc,
        // The local chain mines on demand: poll often so the API follows within ~0.1 s. Its blocks are never final
        // across restarts (same chain id, new history), so Ponder's RPC cache must not outlive a run.
        ...(local ? { pollingInterval: 100, disableCache: true } : {}),
      },
    },
    contracts: {
      TenderEscrow: { chain: "tender", abi: tenderEscrowAbi, address: deployment.escrow, startBlock: deployment.startBlock },
      SupplierRegistry: { chain: "tender", abi: supplierRegistryAbi, address: deployment.registry, startBlock: deployment.startBlock },
    },
  } as const;
}
