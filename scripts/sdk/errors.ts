// Reverts, decoded: the contracts' named custom errors, as viem reports them, and a sentence for a person.
import { BaseError, ContractFunctionRevertedError, type ContractErrorName, formatUnits, hexToString, trim } from "viem";
import type { supplierRegistryAbi, tenderEscrowAbi } from "./generated.ts";
import { metricName } from "./registry.ts";

/** The custom error a contract call reverted with, and its arguments; undefined for any other failure. */
export function revertOf(error: unknown): { name: string; args: readonly unknown[] } | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data?.errorName) return undefined;
  return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
}

/** How to show amounts of the job's token: its symbol and decimals (default: raw units). */
export interface AmountFormat {
  symbol?: string;
  decimals?: number;
}

type ErrorName = ContractErrorName<typeof tenderEscrowAbi> | ContractErrorName<typeof supplierRegistryAbi>;
type Explain = (args: readonly unknown[], amount: (value: unknown) => string) => string;

const STATUS = ["None", "Open", "Awarded", "Delivered", "Disputed", "Settled", "Refunded", "Cancelled"];
const when = (t: unknown) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
const bps = (v: unknown) => `${Number(v) / 100}%`;
const name32 = (v: unknown) => hexToString(trim(v as `0x${string}`, { dir: "right" }));

/** A sentence for every error the escrow and the registry can revert with (the compiler checks none is missing). */
const SENTENCES = {
  AlreadyAnswered: ([job]) => `The dispute on job ${job} was already answered.`,
  AlreadyBid: ([job]) => `You already bid on job ${job}; you can only lower your bid (improve).`,
  ArbitratorAlreadyRegistered: () => "This address is already registered as an arbitrator; update its terms instead.",
  ArbitratorFeeTooHigh: ([fee, max]) => `An arbitrator's fee of ${bps(fee)} is above the ${bps(max)} cap.`,
  ArbitratorIsParty: ([who]) => `${who} is the job's arbitrator, so it cannot also be a party to it.`,
  ArbitratorNotActive: ([who]) => `${who} is not a registered, active arbitrator.`,
  AwardWindowClosed: ([job, t]) => `The award window of job ${job} closed at ${when(t)}.`,
  BidAboveMaximum: ([job, price, max], amount) => `Your ${amount(price)} is above job ${job}'s maximum of ${amount(max)}.`,
  BiddingClosed: ([job, t]) => `Bidding on job ${job} closed at ${when(t)}.`,
  BiddingOpen: ([job, t]) => `Job ${job} takes bids until ${when(t)}; it can be awarded after that.`,
  BondNotReclaimable: ([job]) => `There is no bond of yours to take back on job ${job} (none posted, already taken back, the winner's, or the RFQ is still open).`,
  CannotCancelYet: ([job, since]) => Number(since) === 0 ? `Job ${job} has bids and is awarded to the lowest one; it cannot be cancelled.` : `Job ${job} cannot be cancelled by you before ${when(since)}.`,
  DeadlineNotReached: ([job, t]) => `Too early: job ${job}'s deadline is ${when(t)}.`,
  DeadlinePassed: ([job, t]) => `Too late: job ${job}'s deadline passed at ${when(t)}.`,
  DefaultSplitTooHigh: ([share]) => `The default split gives the buyer ${bps(share)}; it may give at most 50%.`,
  EmptyDeliverable: () => "A delivery needs a hash of the deliverable and a URI to fetch it.",
  EmptySpec: () => "The job spec is empty.",
  EthTransferFailed: ([to, value]) => `Sending ${formatUnits(value as bigint, 18)} ETH to ${to} failed.`,
  FloorsMismatch: ([job]) => `These are not the floors job ${job} was posted with; read them from its RFQPosted event.`,
  InvalidFloor: ([floor, value]) => `The floor ${name32(floor)} = ${value} is out of range.`,
  InvalidRating: ([rating]) => `A rating is a whole number from 1 to 5, not ${rating}.`,
  InvalidRecipient: () => "Withdrawals need a nonzero recipient.",
  InvalidRuling: ([share]) => `A ruling gives the buyer at most 100%, not ${bps(share)}.`,
  InvalidSupplier: ([who]) => `${who} cannot be this job's supplier (zero address, or the buyer itself).`,
  InvalidTreasury: () => "The treasury must be a nonzero address.",
  InvalidWindowBounds: ([min, max]) => `Window bounds ${min}–${max} s are inconsistent.`,
  MetricFloorNotMet: ([job, index, metric, threshold, attested]) => `Your attested ${metricName(metric as `0x${string}`)} (metric floor #${index} of job ${job}) is ${Number(attested) === 0 ? "missing or expired" : String(attested)}; the floor is ${threshold}.`,
  NoBid: ([job, who]) => `${who} has no bid on job ${job}.`,
  NoBids: ([job]) => `Nobody bid on job ${job}; the buyer can cancel it.`,
  NotAnImprovement: ([job, price, current], amount) => `An improvement on job ${job} must be below your current ${amount(current)}, not ${amount(price)}.`,
  NotAnswered: ([job]) => `The supplier has not answered the dispute on job ${job} yet; the arbitrator rules after the answer.`,
  NotArbitrator: ([job, who]) => `${who} is not job ${job}'s arbitrator.`,
  NotBuyer: ([job, who]) => `${who} is not job ${job}'s buyer.`,
  NotParty: ([job, who]) => `${who} is neither the buyer nor the supplier of job ${job}.`,
  NotSupplier: ([job, who]) => `${who} is not job ${job}'s supplier.`,
  NothingToWithdraw: ([, token]) => `Nothing to withdraw in ${token === "0x0000000000000000000000000000000000000000" ? "ETH" : token}.`,
  OwnableInvalidOwner: ([who]) => `${who} cannot be the owner.`,
  OwnableUnauthorizedAccount: ([who]) => `${who} is not the owner.`,
  OwnershipCannotBeRenounced: () => "Ownership cannot be renounced: someone must be able to move the treasury.",
  PauseUnchanged: ([paused]) => `Posting is already ${paused ? "paused" : "open"}.`,
  PostingPaused: () => "Posting new jobs is paused; running jobs go on.",
  ProtocolFeeTooHigh: ([fee, max]) => `A protocol fee of ${bps(fee)} is above the ${bps(max)} cap.`,
  RecordFloorNotMet: ([job, floor, required, actual]) => `Job ${job} requires ${name32(floor)} of ${required}; your record has ${actual}.`,
  ReentrancyGuardReentrantCall: () => "A call re-entered the escrow and was refused.",
  SafeERC20FailedOperation: ([token]) => `The token ${token} refused the transfer (check balance and approval).`,
  SpecTooLarge: ([length, max]) => `The spec is ${length} bytes; at most ${max} are allowed.`,
  TokenAmountMismatch: ([token, expected, received]) => `The token ${token} delivered ${received} instead of ${expected}: fee-on-transfer tokens are not accepted.`,
  TokenNotContract: ([token]) => `${token} is not a token contract.`,
  TooManyMetricFloors: ([count, max]) => `An RFQ names at most ${max} metric floors, not ${count}.`,
  UnknownJob: ([job]) => `There is no job ${job}.`,
  WindowOutOfRange: ([window, min, max]) => `A window of ${window} s is outside ${min}–${max} s.`,
  WrongAwardMode: ([job, mode]) => Number(mode) === 0 ? `Job ${job} is awarded to the lowest bid by anyone (award), not picked.` : `Job ${job} is the buyer's choice (pick), not awarded to the lowest bid.`,
  WrongEthValue: ([sent, expected]) => `This call needs exactly ${formatUnits(expected as bigint, 18)} ETH; ${formatUnits(sent as bigint, 18)} was sent.`,
  WrongStatus: ([job, expected, actual]) => `Job ${job} is ${STATUS[Number(actual)]}; this needs it ${STATUS[Number(expected)]}.`,
  ZeroPrice: () => "The price must be above zero.",
  AlreadyRegistered: () => "You already registered a profile; update it instead.",
  AttestationExpired: ([t]) => `An attestation must be valid until a future time, not ${when(t)}.`,
  EmptyProfile: () => "The profile URI is empty.",
  NoAttestation: ([, supplier, metric]) => `You have no attestation of ${metricName(metric as `0x${string}`)} for ${supplier} to revoke.`,
  NotRegistered: ([who]) => `${who} has no profile yet; register first.`,
} satisfies Record<ErrorName, Explain>;

/** The sentence for a revert (`ErrorName: sentence`), or the error's own message for anything else. */
export function describeError(error: unknown, format: AmountFormat = {}): string {
  const revert = revertOf(error);
  if (!revert) return error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  const explain = (SENTENCES as Record<string, Explain>)[revert.name];
  if (!explain) return `${revert.name}(${revert.args.map(String).join(", ")})`;
  const amount = (value: unknown) =>
    format.decimals === undefined ? String(value) : `${formatUnits(value as bigint, format.decimals)}${format.symbol ? ` ${format.symbol}` : ""}`;
  return `${revert.name}: ${explain(revert.args, amount)}`;
}
