// The baseline's config is the indexer's: the same SDK function builds both (chain settings, contracts, ABIs,
// start blocks, database selection).
import { indexerConfig } from "@tender/sdk/indexing";
import { createConfig } from "ponder";

export default createConfig(indexerConfig());
