// A supplier's actions done on its EIP-712 signature (the escrow's signed-actions module): the supplier signs, nothing
// is sent from its account, and anyone — a relayer — submits the action and pays the gas. A signed action names its
// signer, an optional relayer (the only one allowed to submit it), an unordered nonce (a bit of the signer's bitmap,
// used once, in any order) and a deadline. This module signs actions, picks free nonces, and submits signed actions
// after simulating them (so a refusal comes back as the escrow's named error, with no transaction sent).
import { type Address, type Hash, type Hex, type TypedDataDomain, getAddress, zeroAddress } from "viem";
import { tenderEscrowAbi } from "./generated.ts";
import type { Reader, Writer } from "./escrow.ts";
import { ETH, disputeFee, readJob } from "./escrow.ts";
import { readPosting } from "./history.ts";
import { readMilestones } from "./milestones.ts";
import { type Floors, bondFor, encodeFloors } from "./market.ts";
import type { Permit } from "./permit.ts";
import { permitFor } from "./token.ts";
import {
  TenderInputError,
  addressProblems,
  amountProblems,
  hashProblems,
  jobIdProblems,
  type Problem,
  throwProblems,
  uriProblems,
} from "./validate.ts";

/** How long an action the SDK signs stays good by default: enough for a relayer to get it mined. */
export const SIGNED_LIFETIME = 3_600n;

/** Who signed an action and on what terms, as the escrow takes it (`Tender.Signed`). */
export interface SignedTerms {
  signer: Address;
  /** The only address that may submit the action, or the zero address for anyone. */
  relayer: Address;
  nonce: bigint;
  /** Refused from this time on (`block.timestamp >= deadline`), in seconds. */
  deadline: bigint;
  signature: Hex;
}

/** What a supplier can sign. */
export type SignableAction =
  /** `milestone`: the job's milestone in progress (0-based; `milestonesOf(jobId).current`), 0 for a job paid at once:
   * a delivery signed for one milestone cannot deliver another. */
  | { kind: "deliver"; jobId: bigint; milestone?: number; deliverableHash: Hash; uri: string }
  /** A bid: the price, the RFQ's token and its bond are signed (token and bond read from its posting when absent:
   * a signature is good only for the bond it names); `floors` (the RFQ's, as posted) and `bondPermit` (the signer's
   * ERC-2612 permit for the bond, when its allowance is short) are carried, not signed. */
  | { kind: "bid"; jobId: bigint; price: bigint; token?: Address; bond?: bigint; floors?: Floors; bondPermit?: Permit }
  /** A sealed bid's commitment (sealed.ts sealBid), carried and signed as a bid is: the RFQ's token and bond signed,
   * its floors and the bond's permit carried. */
  | { kind: "commit"; jobId: bigint; commitment: Hash; token?: Address; bond?: bigint; floors?: Floors; bondPermit?: Permit }
  /** An answer to the dispute on the job (of the milestone in progress): the milestone, the job's token and the
   * dispute's fee are signed (read from the chain when absent); `feePermit` (the signer's ERC-2612 permit for the
   * fee, when its allowance is short) is carried, not signed. */
  | { kind: "respond"; jobId: bigint; responseURI: string; milestone?: number; token?: Address; fee?: bigint; feePermit?: Permit }
  | { kind: "improveBid"; jobId: bigint; price: bigint }
  | { kind: "reclaimBond"; jobId: bigint }
  | { kind: "withdraw"; token: Address; to: Address };

/** A signed action: what to do, for which escrow, and the signer's terms — all a relayer needs to submit it. */
export interface SignedAction {
  escrow: Address;
  action: SignableAction;
  signed: SignedTerms;
}

/** A sealed bid's reveal: it needs no signature (the commitment names the supplier, so the opening is the authority),
 * and anyone — a relayer — may submit it. */
export interface RevealAction {
  escrow: Address;
  action: { kind: "reveal"; jobId: bigint; supplier: Address; price: bigint; salt: Hash };
  signed?: undefined;
}

/** What a relayer carries: a signed action, or a reveal. */
export type RelayedAction = SignedAction | RevealAction;

/** Whose action it is: the signer, or the supplier whose bid a reveal opens. */
export function actorOf(s: RelayedAction): Address {
  return s.signed ? s.signed.signer : s.action.supplier;
}

const TERMS = [
  { name: "relayer", type: "address" },
  { name: "nonce", type: "uint256" },
  { name: "deadline", type: "uint256" },
] as const;

const SIGNER = { name: "signer", type: "address" } as const;

/** The typed data of each signed action, as TenderSigned hashes it: the signer first (a signature is good for one
 * account only, even when a contract wallet accepts its owner's signatures), the action, then the terms. */
export const SIGNED_ACTION_TYPES = {
  Deliver: [
    SIGNER,
    { name: "jobId", type: "uint256" },
    { name: "milestone", type: "uint256" },
    { name: "deliverableHash", type: "bytes32" },
    { name: "uri", type: "string" },
    ...TERMS,
  ],
  Bid: [
    SIGNER,
    { name: "jobId", type: "uint256" },
    { name: "price", type: "uint96" },
    { name: "token", type: "address" },
    { name: "bond", type: "uint96" },
    ...TERMS,
  ],
  Commit: [
    SIGNER,
    { name: "jobId", type: "uint256" },
    { name: "commitment", type: "bytes32" },
    { name: "token", type: "address" },
    { name: "bond", type: "uint96" },
    ...TERMS,
  ],
  Respond: [
    SIGNER,
    { name: "jobId", type: "uint256" },
    { name: "milestone", type: "uint256" },
    { name: "responseURI", type: "string" },
    { name: "token", type: "address" },
    { name: "fee", type: "uint96" },
    ...TERMS,
  ],
  ImproveBid: [SIGNER, { name: "jobId", type: "uint256" }, { name: "price", type: "uint96" }, ...TERMS],
  ReclaimBond: [SIGNER, { name: "jobId", type: "uint256" }, ...TERMS],
  Withdraw: [SIGNER, { name: "token", type: "address" }, { name: "to", type: "address" }, ...TERMS],
} as const;

const PRIMARY_TYPE = {
  deliver: "Deliver",
  bid: "Bid",
  commit: "Commit",
  respond: "Respond",
  improveBid: "ImproveBid",
  reclaimBond: "ReclaimBond",
  withdraw: "Withdraw",
} as const satisfies Record<SignableAction["kind"], keyof typeof SIGNED_ACTION_TYPES>;

/** The EIP-712 domain of an escrow's signed actions: "Tender" version "1" on its chain and address (what the escrow's
 * EIP-5267 `eip712Domain()` says). */
export function signedDomain(chainId: number, escrow: Address): TypedDataDomain {
  return { name: "Tender", version: "1", chainId, verifyingContract: getAddress(escrow) };
}

/** Refuses an action whose arguments the escrow would refuse anyway, before anything is signed. */
function checkAction(action: SignableAction | RevealAction["action"]): void {
  const problems: Problem[] =
    action.kind === "withdraw"
      ? [...addressProblems("token", action.token, { nonZero: false }), ...addressProblems("to", action.to)]
      : [
          ...jobIdProblems(action.jobId),
          ...(action.kind === "deliver" ? [...hashProblems("deliverableHash", action.deliverableHash), ...uriProblems("uri", action.uri)] : []),
          ...(action.kind === "improveBid" || action.kind === "bid" ? amountProblems("price", action.price) : []),
          ...(action.kind === "commit" ? hashProblems("commitment", action.commitment) : []),
          ...(action.kind === "respond" ? uriProblems("responseURI", action.responseURI) : []),
          ...(action.kind === "reveal" ? [...addressProblems("supplier", action.supplier), ...hashProblems("salt", action.salt)] : []),
        ];
  throwProblems(problems);
}

/** The typed data's message: the signer, the action's signed fields (named by its type), the terms. */
function messageOf(signer: Address, action: SignableAction, terms: Pick<SignedTerms, "relayer" | "nonce" | "deadline">) {
  const values: Record<string, unknown> = { ...action, milestone: action.kind === "deliver" || action.kind === "respond" ? BigInt(action.milestone ?? 0) : undefined, signer, ...terms };
  return Object.fromEntries(SIGNED_ACTION_TYPES[PRIMARY_TYPE[action.kind]].map(({ name }) => [name, values[name]]));
}

/** An empty permit: the escrow tries it, it fails, and the allowance already there is used. */
export const NO_PERMIT: Permit = { value: 0n, deadline: 0n, v: 0, r: `0x${"00".repeat(32)}`, s: `0x${"00".repeat(32)}` };

/** A signed bid (or sealed commit) completed with what it carries: the RFQ's floors (from its posting) and, when the
 * bond needs it and the signer's allowance is short, the signer's permit for the bond. */
async function completeBid<A extends Extract<SignableAction, { kind: "bid" | "commit" }>>(writer: Writer, reader: Reader, escrow: Address, action: A): Promise<A> {
  const posting = await readPosting(reader, { escrow, jobId: action.jobId });
  if (!posting?.rfq) throw new TenderInputError("jobId", `Job ${action.jobId} is not an RFQ of this escrow.`);
  const floors = action.floors ?? posting.rfq.floors;
  const bond = bondFor(posting.price, floors);
  const known = { ...action, token: posting.token, bond, floors };
  if (action.bondPermit) return known;
  // The allowance policy's permit branch: nothing when the allowance covers the bond, the balance checked first.
  const bondPermit = await permitFor(writer, reader, { token: posting.token, spender: escrow, amount: bond });
  return { ...known, ...(bondPermit ? { bondPermit } : {}) };
}

/** A signed answer completed with what it signs and carries: the milestone in progress, the job's token, the
 * dispute's fee (as the escrow computes it) and, when the signer's allowance is short of the fee, its permit. */
async function completeRespond(writer: Writer, reader: Reader, escrow: Address, action: Extract<SignableAction, { kind: "respond" }>) {
  const job = await readJob(reader, { escrow, jobId: action.jobId });
  const [fee, plan] = await Promise.all([
    action.fee ?? disputeFee(reader, { escrow, jobId: action.jobId }),
    action.milestone === undefined && job.inMilestones ? readMilestones(reader, { escrow, jobId: action.jobId }) : undefined,
  ]);
  const known = { ...action, milestone: action.milestone ?? plan?.current ?? 0, token: job.token, fee };
  if (action.feePermit || fee === 0n || job.token === ETH) return known;
  const feePermit = await permitFor(writer, reader, { token: job.token, spender: escrow, amount: fee });
  return { ...known, ...(feePermit ? { feePermit } : {}) };
}

/** The first nonce of `signer` not yet spent, from `from` on (default 0): reads its bitmap a word (256 nonces) at a
 * time. Nonces are unordered, so an action signed with a nonce and never submitted holds up nothing; pass `from` past
 * nonces handed out but not yet mined to sign several actions at once. */
export async function freeNonce(reader: Reader, p: { escrow: Address; signer: Address; from?: bigint }): Promise<bigint> {
  let nonce = p.from ?? 0n;
  for (;;) {
    const word = nonce >> 8n;
    const bits = await reader.readContract({
      address: p.escrow,
      abi: tenderEscrowAbi,
      functionName: "nonceBitmap",
      args: [p.signer, word],
    });
    for (let bit = nonce & 255n; bit < 256n; bit++) {
      if ((bits & (1n << bit)) === 0n) return (word << 8n) | bit;
    }
    nonce = (word + 1n) << 8n;
  }
}

/** Whether `signer`'s `nonce` is spent (its action was submitted, or the nonce invalidated). */
export async function isNonceSpent(reader: Reader, p: { escrow: Address; signer: Address; nonce: bigint }): Promise<boolean> {
  const bits = await reader.readContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "nonceBitmap",
    args: [p.signer, p.nonce >> 8n],
  });
  return (bits & (1n << (p.nonce & 255n))) !== 0n;
}

/** The writer's signature over `action` on `escrow`: nothing is sent. Without a nonce the first free one is read;
 * without a deadline it is good for SIGNED_LIFETIME from the chain's latest block; without a relayer anyone may
 * submit it. */
export async function signAction(
  writer: Writer,
  reader: Reader,
  p: { escrow: Address; action: SignableAction; relayer?: Address; nonce?: bigint; deadline?: bigint },
): Promise<SignedAction> {
  checkAction(p.action);
  const action =
    p.action.kind === "bid" || p.action.kind === "commit"
      ? await completeBid(writer, reader, p.escrow, p.action)
      : p.action.kind === "respond"
        ? await completeRespond(writer, reader, p.escrow, p.action)
        : p.action;
  const signer = writer.account.address;
  const [nonce, deadline] = await Promise.all([
    p.nonce ?? freeNonce(reader, { escrow: p.escrow, signer }),
    p.deadline ?? reader.getBlock().then((block) => block.timestamp + SIGNED_LIFETIME),
  ]);
  const terms = { relayer: p.relayer ?? zeroAddress, nonce, deadline };
  const signature = await writer.signTypedData({
    account: writer.account,
    domain: signedDomain(reader.chain.id, p.escrow),
    types: SIGNED_ACTION_TYPES,
    primaryType: PRIMARY_TYPE[action.kind],
    message: messageOf(signer, action, terms),
  } as Parameters<Writer["signTypedData"]>[0]);
  return { escrow: p.escrow, action, signed: { signer, ...terms, signature } };
}

/** The escrow call that carries a signed action (or a reveal). */
export function signedCall(s: RelayedAction) {
  const base = { address: s.escrow, abi: tenderEscrowAbi } as const;
  if (!s.signed) {
    const { action } = s;
    return { ...base, functionName: "reveal", args: [action.jobId, action.supplier, action.price, action.salt] } as const;
  }
  const { action, signed } = s;
  switch (action.kind) {
    case "deliver":
      return { ...base, functionName: "deliverBySig", args: [action.jobId, action.deliverableHash, action.uri, signed] } as const;
    case "bid":
      if (!action.floors) throw new TenderInputError("floors", "A signed bid carries the RFQ's floors (submitSigned reads them).");
      return { ...base, functionName: "bidBySig", args: [action.jobId, action.price, encodeFloors(action.floors), action.bondPermit ?? NO_PERMIT, signed] } as const;
    case "commit":
      if (!action.floors) throw new TenderInputError("floors", "A signed commit carries the RFQ's floors (submitSigned reads them).");
      return { ...base, functionName: "commitBySig", args: [action.jobId, action.commitment, encodeFloors(action.floors), action.bondPermit ?? NO_PERMIT, signed] } as const;
    case "respond":
      return { ...base, functionName: "respondBySig", args: [action.jobId, action.responseURI, action.feePermit ?? NO_PERMIT, signed] } as const;
    case "improveBid":
      return { ...base, functionName: "improveBidBySig", args: [action.jobId, action.price, signed] } as const;
    case "reclaimBond":
      return { ...base, functionName: "reclaimBondBySig", args: [action.jobId, signed] } as const;
    case "withdraw":
      return { ...base, functionName: "withdrawBySig", args: [action.token, action.to, signed] } as const;
  }
}

/** Submits a signed action from the writer's account (a relayer), which pays the gas: simulated first, so a refusal
 * (a spent nonce, an expired or invalid signature, another relayer named, or the job's own rules) throws the
 * escrow's named error and nothing is sent. */
export async function submitSigned(writer: Writer, reader: Reader, s: RelayedAction): Promise<Hash> {
  checkAction(s.action);
  const call = signedCall(await withFloors(reader, s));
  await reader.simulateContract({ ...call, account: writer.account } as Parameters<Reader["simulateContract"]>[0]);
  // The whole ABI again (a simulation's request keeps only the function): a refusal between the simulation and the
  // block (another relayer carried the same action first) is decoded by name too.
  return writer.writeContract(call as Parameters<Writer["writeContract"]>[0]);
}

/** A signed bid or commit with the RFQ's floors filled in from its posting (a relayer receives one without them). */
export async function withFloors<S extends RelayedAction>(reader: Reader, s: S): Promise<S> {
  if (!s.signed || (s.action.kind !== "bid" && s.action.kind !== "commit") || s.action.floors) return s;
  const posting = await readPosting(reader, { escrow: s.escrow, jobId: s.action.jobId });
  if (!posting?.rfq) throw new TenderInputError("jobId", `Job ${s.action.jobId} is not an RFQ of this escrow.`);
  return { ...s, action: { ...s.action, floors: posting.rfq.floors } };
}

/** Spends the writer's nonces set in `mask` of word `word`, so actions signed with them can never be submitted
 * (for instance a signed action handed to a relayer that did not submit it, before signing it again). */
export async function invalidateNonces(writer: Writer, p: { escrow: Address; word: bigint; mask: bigint }): Promise<Hash> {
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "invalidateNonces",
    args: [p.word, p.mask],
  });
}
