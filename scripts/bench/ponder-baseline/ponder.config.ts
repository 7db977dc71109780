// The baseline's config is the indexer's, unchanged: same chain settings (polling, cache), same contracts, ABIs and
// start blocks from the SDK, same database selection (DATABASE_URL or PGlite).
export { default } from "../../../indexer/ponder.config.ts";
