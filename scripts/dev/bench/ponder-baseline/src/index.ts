// Empty handlers for every event of both contracts, as the indexer registers them: Ponder fetches the same logs,
// blocks and transactions and runs its pipeline, and nothing is written. What the real indexer takes beyond this
// app is the cost of its handlers and schema.
import { ponder } from "ponder:registry";
import { supplierRegistryAbi, tenderEscrowAbi } from "@tender/sdk/generated";

const noop = async () => {};
for (const [contract, abi] of [
  ["TenderEscrow", tenderEscrowAbi],
  ["SupplierRegistry", supplierRegistryAbi],
] as const) {
  for (const item of abi) {
    if (item.type === "event") ponder.on(`${contract}:${item.name}` as Parameters<typeof ponder.on>[0], noop);
  }
}
