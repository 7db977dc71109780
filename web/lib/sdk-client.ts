// The SDK pieces the browser needs to send a transaction, in one module the pages load only when someone acts
// (the SDK's input checks bring the spec validator, which no page needs for its first paint). Each module
// re-exported here imports nothing from node:* (checked by web/lib/boundaries.test.ts).
export {
  ETH,
  categoryId,
  checkDirectHire,
  confirm,
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
} from "../../scripts/sdk/escrow.ts";
export type { Reader, Writer } from "../../scripts/sdk/escrow.ts";
export { AwardMode, Comparison, NO_FLOORS, award, bid, bondFor, checkRFQ, improveBid, pick, postRFQ, reclaimBond } from "../../scripts/sdk/market.ts";
export { approve } from "../../scripts/sdk/token.ts";
export { describeError } from "../../scripts/sdk/errors.ts";
export { parseSpec, specProblem } from "../../scripts/sdk/spec.ts";
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
} from "../../scripts/sdk/validate.ts";
