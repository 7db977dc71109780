// Reverts, decoded: the contracts' named custom errors, as viem reports them, and a sentence for a person.
import {
  BaseError,
  ContractFunctionRevertedError,
  type ContractErrorName,
  InsufficientFundsError,
  decodeErrorResult,
  formatUnits,
  hexToString,
  trim,
} from "viem";
import { mockErc20Abi, type supplierRegistryAbi, type tenderEscrowAbi } from "./generated.ts";
import { metricName } from "./registry.ts";
import { STATUS_NAMES, formatAmount } from "./units.ts";

/** OpenZeppelin's ERC-20 errors (ERC-6093), as the build compiled them into the demo token: a token's refusal
 * bubbles up through the escrow's SafeERC20 call, and the escrow's ABI does not name it. */
const erc20ErrorsAbi = mockErc20Abi.filter((item) => item.type === "error" && item.name.startsWith("ERC20"));

/** The custom error a contract call reverted with, and its arguments; undefined for any other failure. */
export function revertOf(error: unknown): { name: string; args: readonly unknown[] } | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError)) return undefined;
  if (reverted.data?.errorName) return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
  if (!reverted.raw) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: erc20ErrorsAbi, data: reverted.raw });
    return { name: decoded.errorName, args: decoded.args ?? [] };
  } catch {
    return undefined; // an error no ABI of Tender's knows
  }
}

/** Whether a call failed because the token would not let the escrow pull it (allowance short, or the token's own
 * refusal that SafeERC20 reports, or a revert no ABI names — what a non-OpenZeppelin token says), rather than
 * because the escrow refused the call itself. */
export function isTokenPullFailure(error: unknown): boolean {
  if (!(error instanceof BaseError) || !error.walk((e) => e instanceof ContractFunctionRevertedError)) return false;
  const revert = revertOf(error);
  return !revert || revert.name === "SafeERC20FailedOperation" || revert.name === "ERC20InsufficientAllowance";
}

/** Whether a call failed because the permit it carried let the escrow take too little (the token checks permits in a
 * way the SDK's signature did not meet): the call can go again on an approval. */
export function isPermitRefused(error: unknown): boolean {
  return error instanceof BaseError && revertOf(error)?.name === "PermitAllowanceShort";
}

/** How to show amounts of the job's token: its symbol and decimals (default: raw units). */
export interface AmountFormat {
  symbol?: string;
  decimals?: number;
}

type ErrorName =
  | ContractErrorName<typeof tenderEscrowAbi>
  | ContractErrorName<typeof supplierRegistryAbi>
  | Extract<ContractErrorName<typeof mockErc20Abi>, `ERC20${string}`>;
type Explain = (args: readonly unknown[], amount: (value: unknown) => string) => string;

const when = (t: unknown) => new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
const bps = (v: unknown) => `${Number(v) / 100}%`;
const name32 = (v: unknown) => hexToString(trim(v as `0x${string}`, { dir: "right" }));

/** Tender.ClaimStatus's names, for a person. */
const CLAIM_STATUS = ["not filed", "filed", "answered", "ended"];

/** " (payment i)" for a milestone's payment; nothing for a job paid at once (payment 0). */
const paymentLabel = (payment: unknown): string => (Number(payment) === 0 ? "" : ` (payment ${payment})`);

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
  InvalidRecipient: ([to]) => Number(to) === 0 ? "Withdrawals need a nonzero recipient." : `${to} is the escrow itself: withdraw to an address that can hold the money.`,
  AlreadyInitialized: () => "The escrow's first settings were written when it was deployed; they cannot be written again.",
  NotDelegated: () => "This is a module of an escrow: call the escrow's address, not the module's.",
  TokenListingUnchanged: ([token, allowed]) => `${token} is already ${allowed ? "listed" : "not listed"} for new jobs.`,
  TokenNotAllowed: ([token]) => `New jobs cannot be posted in ${token}: the escrow lists only tokens known to move exact amounts (ETH always works).`,
  ArbitratorTermsChanged: ([who, pinned, current]) => `${who} changed its terms (now terms #${current}, you were shown #${pinned}) before the post was mined; review its new fee and ruling window and post again.`,
  PushGasTooLow: ([needed]) => `The transaction ran short of gas for a payment (it needs ${Number(needed).toLocaleString("en-US")} gas left at that point); send it again with more gas.`,
  InvalidRuling: ([share]) => `A ruling gives the buyer at most 100%, not ${bps(share)}.`,
  InvalidSupplier: ([who]) => `${who} cannot be this job's supplier (zero address, or the buyer itself).`,
  InvalidTreasury: ([to]) => Number(to) === 0 ? "The treasury must be a nonzero address." : `${to} is the escrow or its module: fees sent there could never leave again.`,
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
  WrongAwardMode: ([job, mode]) =>
    Number(mode) === 0
      ? `Job ${job} takes open bids, awarded to the lowest by anyone (bid, award): it is neither picked nor sealed.`
      : Number(mode) === 1
        ? `Job ${job} is the buyer's choice (bid, then the buyer picks): it is neither awarded to the lowest bid nor sealed.`
        : `Job ${job} takes sealed bids: commit a hidden price before the bid deadline and reveal it after (commit, reveal); it is awarded to the lowest revealed price, not picked.`,
  SealedBondTooLow: ([bps_, min]) => `Sealed bids need a bond of at least ${bps(min)} of the maximum price (and more than nothing), not ${bps(bps_)}: without one a bidder could commit under several names and reveal only the one that best undercuts the rest.`,
  EmptyCommitment: () => "A sealed bid commits to the hash of its price and salt, not to zero.",
  RevealOpen: ([job, t]) => `Job ${job}'s sealed bids are still being revealed until ${when(t)}; it is awarded after that.`,
  RevealClosed: ([job, t]) => `Job ${job}'s reveal window closed at ${when(t)}; an unrevealed bid's bond goes to the buyer.`,
  NothingToReveal: ([job, who]) => `${who} has no sealed bid waiting to be revealed on job ${job} (none committed, or revealed already).`,
  CommitmentMismatch: ([job, who]) => `That price and salt do not open ${who}'s sealed bid on job ${job} (on this chain and escrow): reveal with the opening kept when it committed.`,
  BondForfeit: ([job, who]) => `${who}'s sealed bid on job ${job} was never revealed: its bond goes to the buyer (forfeitBond), not back to the bidder.`,
  NotForfeitable: ([job, who]) => `${who} has no bond to forfeit on job ${job}: its bid was revealed, its bond already went, or the reveal window is still open.`,
  WrongEthValue: ([sent, expected]) => `This call needs exactly ${formatUnits(expected as bigint, 18)} ETH; ${formatUnits(sent as bigint, 18)} was sent.`,
  WrongStatus: ([job, expected, actual]) => `Job ${job} is ${STATUS_NAMES[Number(actual)]}; this needs it ${STATUS_NAMES[Number(expected)]}.`,
  ZeroPrice: () => "The price must be above zero.",
  InvalidHoldback: ([share, holdBond]) => Number(share) === 0 ? (holdBond ? "A bond can be held only with a holdback." : "A warranty window needs a holdback (give both, or neither).") : holdBond ? `A holdback of ${bps(share)} with the bond held is refused: either the holdback is above 50%, or this is a direct hire (no bond to hold).` : `A holdback of ${bps(share)} is refused: give at most 50%, with a warranty window inside the escrow's bounds.`,
  NothingHeld: ([job, payment]) => `Nothing is held on job ${job}${paymentLabel(payment)}: it had no holdback, or what was held has been paid out.`,
  ClaimAlreadyFiled: ([job, payment]) => `Job ${job}${paymentLabel(payment)} has had its warranty claim: a payment takes one.`,
  InvalidClaimAmount: ([asked, held], amount) => (held as bigint) === 0n ? "Nothing of the price is held to claim against." : `A claim asks for more than nothing (of the held ${amount(held)}), not ${amount(asked)}.`,
  InvalidMilestoneCount: ([count, max]) => `A job is paid in 2 to ${max} milestones, not ${count}.`,
  ZeroMilestoneShare: ([index]) => `Milestone ${Number(index) + 1} has no share of the price: give every milestone a share.`,
  MilestoneSharesMismatch: ([total]) => `The milestones' shares sum to ${bps(total)}, not 100%.`,
  MilestoneWindowMismatch: ([window, first]) => `The job's delivery window (${window} s) must be its first milestone's (${first} s).`,
  RatingOnlyOnLastMilestone: ([milestone, rating]) => `Milestone ${Number(milestone) + 1} is not the last: confirm it without a rating (0), and rate the work (${rating} given) when you confirm the last milestone.`,
  InvalidModule: ([module]) => `${module} is not a module (milestones or signed actions) built for this escrow's window bounds and response window.`,
  PermitForEth: () => "ETH comes only as the value of its owner's own call: a job in ETH takes no permit, and a bid with an ETH bond cannot be signed for a relayer (bid in a transaction of your own).",
  PermitAllowanceShort: ([token, owner, allowance, needed], amount) => `The permit did not let the escrow take enough of ${token} from ${owner}: it may take ${amount(allowance)}, this needs ${amount(needed)} (sign a permit for the amount, or approve it first).`,
  SignatureExpired: ([deadline]) => `The signed action expired at ${when(deadline)}; sign it again with a later deadline.`,
  InvalidSignature: ([signer]) => `The signature is not ${signer}'s over this action on this chain and escrow (a changed argument, another chain or escrow, another key, or a contract wallet that does not accept it).`,
  NotRelayer: ([relayer, sender]) => `This signed action may be submitted only by its relayer ${relayer}, not ${sender}.`,
  NonceUsed: ([signer, nonce]) => `Nonce ${nonce} of ${signer} is spent (the action was submitted already, or the nonce was invalidated); sign again with a free nonce.`,
  NonCanonicalPost: () => "The post's calldata is not laid out the way the ABI's standard encoding lays it out; encode it with a standard ABI encoder (viem, ethers, abi.encodeCall).",
  ClaimOpen: ([job, payment]) => `A warranty claim is open on job ${job}${paymentLabel(payment)}: it must end (agreed, ruled, settled or waived) first.`,
  WrongClaimStatus: ([job, payment, expected, actual]) => `The warranty claim on job ${job}${paymentLabel(payment)} is ${CLAIM_STATUS[Number(actual)]}; this needs it ${CLAIM_STATUS[Number(expected)]}${Number(expected) === 1 ? " (or answered)" : ""}.`,
  InvalidReturn: ([returned, held], amount) => `You can return more than nothing and at most the held ${amount(held)}, not ${amount(returned)}.`,
  AlreadyRegistered: () => "You already registered a profile; update it instead.",
  AttestationExpired: ([t]) => `An attestation must be valid until a future time, not ${when(t)}.`,
  EmptyProfile: () => "The profile URI is empty.",
  NoAttestation: ([, supplier, metric]) => `You have no attestation of ${metricName(metric as `0x${string}`)} for ${supplier} to revoke.`,
  NotRegistered: ([who]) => `${who} has no profile yet; register first.`,
  ERC20InsufficientBalance: ([who, balance, needed], amount) => `${who} holds ${amount(balance)} of the token; this needs ${amount(needed)}.`,
  ERC20InsufficientAllowance: ([spender, allowance, needed], amount) => `The token lets ${spender} take ${amount(allowance)}; this needs ${amount(needed)} (approve it first).`,
  ERC20InvalidApprover: ([who]) => `${who} cannot approve this token.`,
  ERC20InvalidReceiver: ([who]) => `The token refuses to send to ${who}.`,
  ERC20InvalidSender: ([who]) => `The token refuses to send from ${who}.`,
  ERC20InvalidSpender: ([who]) => `${who} cannot be approved to spend this token.`,
} satisfies Record<ErrorName, Explain>;

/** What nodes and wallets say when an account cannot pay a transaction's value and gas (viem names the geth wording
 * InsufficientFundsError; Hardhat's EDR says it its own way). */
const OUT_OF_ETH = /insufficient funds|doesn't have enough funds|exceeds transaction sender account balance/i;

/** The sentence for a revert (`ErrorName: sentence`), or the error's own message for anything else. */
export function describeError(error: unknown, format: AmountFormat = {}): string {
  const revert = revertOf(error);
  if (!revert) {
    if (error instanceof BaseError && error.walk((e) => e instanceof InsufficientFundsError || OUT_OF_ETH.test((e as BaseError).details ?? ""))) {
      return "InsufficientFunds: the account has too little ETH to pay for this transaction (its value and gas).";
    }
    return error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : String(error);
  }
  const explain = (SENTENCES as Record<string, Explain>)[revert.name];
  if (!explain) return `${revert.name}(${revert.args.map(String).join(", ")})`;
  const amount = (value: unknown) =>
    format.decimals === undefined ? `${String(value)} (base units)` : formatAmount(value as bigint, { symbol: format.symbol ?? "", decimals: format.decimals }).trimEnd();
  return `${revert.name}: ${explain(revert.args, amount)}`;
}
