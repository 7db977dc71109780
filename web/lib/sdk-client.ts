// The SDK pieces the browser needs to act, in one module the pages load only when someone acts (the SDK's bound
// client brings the input checks and the spec validator, which no page needs for its first paint). Each module
// re-exported here imports nothing from node:* (checked by web/lib/boundaries.test.ts).
export { type TenderClient, tender } from "@tender/sdk/client";
export type { Deployment } from "@tender/sdk/deployments";
export type { Reader, Writer } from "@tender/sdk/escrow";
export { bondFor, floorsFromJson } from "@tender/sdk/market";
export { describeError } from "@tender/sdk/errors";
export { checkHash, checkRating, checkUri } from "@tender/sdk/validate";
export { isLastMilestone, milestoneGross, readMilestones } from "@tender/sdk/milestones";
