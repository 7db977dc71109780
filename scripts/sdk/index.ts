// The only door from TypeScript to Tender's contracts: the CLI, the indexer config, the web and the tests import
// from here, never from artifacts or Solidity sources.
export * from "./client.ts";
export * from "./units.ts";
export * from "./escrow.ts";
export * from "./market.ts";
export * from "./sealed.ts";
export * from "./warranty.ts";
export * from "./milestones.ts";
export * from "./registry.ts";
export * from "./token.ts";
export * from "./permit.ts";
export * from "./signed.ts";
export * from "./relay.ts";
export * from "./deploy.ts";
export * from "./deployments.ts";
export * from "./errors.ts";
export * from "./validate.ts";
export * from "./time.ts";
export * from "./history.ts";
export * from "./floors.ts";
export * from "./spec.ts";
export * from "./deliverable.ts";
export * from "./watch.ts";
export * from "./lifecycle.ts";
export * from "./job-state.ts";
export { tenderEscrowAbi, supplierRegistryAbi, mockErc20Abi } from "./generated.ts";
