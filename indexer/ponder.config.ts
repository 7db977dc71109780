// Tender's indexer: which chain, which contracts, which database, all from the SDK's indexerConfig (ABIs, addresses
// and start blocks from the build and the deployment, never pasted; the environment it reads is documented there).
import { indexerConfig } from "@tender/sdk/indexing";
import { createConfig } from "ponder";

export default createConfig(indexerConfig());
