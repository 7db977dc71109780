// The SDK pieces the browser needs to send a transaction, in one module the pages load only when someone acts
// (the SDK's input checks bring the spec validator, which no page needs for its first paint). Each module
// re-exported here imports nothing from node:* (checked by web/lib/boundaries.test.ts).
export {
  ETH,
  categoryId,
  checkDirectHire,
  confirm,
  decline,
  deliver,
  dispute,
  disputeFee,
  finalize,
  postDirectHire,
  refund,
  respond,
  rule,
  settleDispute,
  specHash,
  submitEvidence,
} from "@tender/sdk/escrow";
export type { Reader, Writer } from "@tender/sdk/escrow";
export { AwardMode, Comparison, NO_FLOORS, award, bid, bondFor, cancel, checkRFQ, floorsFromJson, improveBid, pick, postRFQ, reclaimBond } from "@tender/sdk/market";
export { approve, ensureAllowance } from "@tender/sdk/token";
export { describeError } from "@tender/sdk/errors";
export { parseSpec, specProblem } from "@tender/sdk/spec";
export {
  TenderInputError,
  checkAddress,
  checkAmount,
  checkBps,
  checkHash,
  checkRating,
  checkSpec,
  checkUri,
  checkWindow,
} from "@tender/sdk/validate";
