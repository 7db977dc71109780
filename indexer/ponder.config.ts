// Tender's indexer: which chain, which contracts, which database. ABIs, addresses and start blocks come from the
// SDK (scripts/sdk), never from pasted values.
//
// Environment:
//   TENDER_CHAIN_ID            chain to index (default 31337, the local chain `npm start` runs)
//   PONDER_RPC_URL_<chainId>   its RPC URL; else TENDER_RPC_URL; else http://127.0.0.1:8545
//   TENDER_DEPLOYMENTS_DIR     where deployments/<chainId>.json lives (the SDK's default otherwise)
//   DATABASE_URL               PostgreSQL connection string; without it, PGlite
//   PONDER_PGLITE_DIR          PGlite's folder, or "memory://"; default memory:// on the local chain (a restarted
//                              chain needs a fresh index), .ponder/pglite elsewhere
import { createConfig } from "ponder";
import { readDeployment } from "../scripts/sdk/deployments.ts";
import { supplierRegistryAbi, tenderEscrowAbi } from "../scripts/sdk/generated.ts";

const LOCAL_CHAIN_ID = 31337;

const chainId = Number(process.env.TENDER_CHAIN_ID ?? LOCAL_CHAIN_ID);
if (!Number.isSafeInteger(chainId) || chainId <= 0) {
  throw new Error(`TENDER_CHAIN_ID must be a positive integer, not ${JSON.stringify(process.env.TENDER_CHAIN_ID)}`);
}
const local = chainId === LOCAL_CHAIN_ID;
const rpc = process.env[`PONDER_RPC_URL_${chainId}`] ?? process.env.TENDER_RPC_URL ?? "http://127.0.0.1:8545";
const deployment = readDeployment(chainId, process.env.TENDER_DEPLOYMENTS_DIR);
const databaseUrl = process.env.DATABASE_URL ?? process.env.DATABASE_PRIVATE_URL;

export default createConfig({
  database: databaseUrl
    ? { kind: "postgres", connectionString: databaseUrl }
    : { kind: "pglite", directory: process.env.PONDER_PGLITE_DIR ?? (local ? "memory://" : ".ponder/pglite") },
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
    TenderEscrow: {
      chain: "tender",
      abi: tenderEscrowAbi,
      address: deployment.escrow,
      startBlock: deployment.startBlock,
    },
    SupplierRegistry: {
      chain: "tender",
      abi: supplierRegistryAbi,
      address: deployment.registry,
      startBlock: deployment.startBlock,
    },
  },
});
