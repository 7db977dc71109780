// The SDK pieces the browser needs to send a transaction, in one module the job page loads only when someone acts
// (the SDK's input checks bring the spec schema validator, which no page needs for its first paint). Each module
// re-exported here imports nothing from node:* (checked by web/lib/boundaries.test.ts).
export { confirm, deliver, finalize, refund } from "../../scripts/sdk/escrow.ts";
export type { Writer } from "../../scripts/sdk/escrow.ts";
export { describeError } from "../../scripts/sdk/errors.ts";
export { TenderInputError, checkHash, checkRating, checkUri } from "../../scripts/sdk/validate.ts";
