// The shapes of the indexer's REST answers: the indexer's own types (indexer/src/api/types.ts, derived from its
// route code and its tables), re-exported type-only so that nothing of the indexer reaches a bundle.
export type * from "@tender/indexer/api-types";
