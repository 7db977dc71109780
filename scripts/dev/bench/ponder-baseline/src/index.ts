// Empty handlers for every event of both contracts, as the indexer registers them: Ponder fetches the same logs,
// blocks and transactions and runs its pipeline, and nothing is written. What the real indexer takes beyond this
// app is the cost of its handlers and schema. The events are those of the contracts the config indexes (the SDK's
// indexerConfig, the same as the indexer's), so no ABI is named here.
import { ponder } from "ponder:registry";
import config from "../ponder.config.ts";

const noop = async () => {};
for (const [contract, { abi }] of Object.entries(config.contracts)) {
  for (const item of abi) {
    if (item.type === "event") ponder.on(`${contract}:${item.name}` as Parameters<typeof ponder.on>[0], noop);
  }
}
