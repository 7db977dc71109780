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

// Jobs paid in milestones. The SDK's bound client has no milestone posting yet and its confirm takes only a rating
// of 1 to 5, so these two stand in (asked of the SDK in this slice's report): each runs the SDK's own function or
// check, the allowance policy as the bound client does, and nothing else.
import type { Hash } from "viem";
import type { TenderClient } from "@tender/sdk/client";
import { simulatingWriter } from "@tender/sdk/client";
import type { DirectHireParams } from "@tender/sdk/escrow";
import { tenderEscrowAbi } from "@tender/sdk/generated";
import type { RFQParams } from "@tender/sdk/market";
import { type Milestone, postDirectHireInMilestones, postRFQInMilestones } from "@tender/sdk/milestones";
import { type AllowanceParams, ensureAllowance } from "@tender/sdk/token";
import type { Writer } from "@tender/sdk/escrow";

export interface SendOptions {
  onApproval?: AllowanceParams["onApproval"];
}

/** Posts a job paid in milestones through the SDK (its checks first: a bad schedule throws and sends nothing); an
 * ERC-20 job applies the allowance policy first, as the bound client's postDirectHire / postRFQ do. */
export async function postInMilestones(
  t: TenderClient,
  p: ({ kind: "rfq"; params: RFQParams } | { kind: "direct"; params: DirectHireParams }) & { milestones: readonly Milestone[] },
  options: SendOptions = {},
): Promise<Hash> {
  const escrow = t.deployment.escrow;
  const post = (writer: Writer) =>
    p.kind === "rfq"
      ? postRFQInMilestones(writer, { ...p.params, escrow, milestones: p.milestones })
      : postDirectHireInMilestones(writer, { ...p.params, escrow, milestones: p.milestones });
  const amount = p.kind === "rfq" ? p.params.maxPrice : p.params.price;
  await ensureAllowance(t.writer, t.reader, { token: p.params.token, amount, spender: escrow, simulate: () => post(simulatingWriter(t.writer, t.reader)), onApproval: options.onApproval });
  return post(t.writer);
}

/** Confirms a milestone before the last: the escrow takes rating 0 then (the rating comes with the last milestone),
 * which the SDK's confirm, checking 1 to 5, refuses. useSend tries the call against the chain before the wallet is
 * asked, so on the last milestone (InvalidRating) or a job not in milestones the escrow's refusal is shown and
 * nothing is sent. */
export function confirmMilestone(t: TenderClient, p: { jobId: bigint }): Promise<Hash> {
  return t.writer.writeContract({ address: t.deployment.escrow, abi: tenderEscrowAbi, functionName: "confirm", args: [p.jobId, 0] });
}
