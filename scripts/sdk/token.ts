// Tokens: their metadata, balances, and the one allowance policy every face uses before the escrow pulls an ERC-20
// (posting, a bonded bid, a dispute or its answer); and the demo's mock stablecoin.
import { type Address, type Hash, erc20Abi, zeroAddress } from "viem";
import { isTokenPullFailure } from "./errors.ts";
import type { Reader, Writer } from "./escrow.ts";
import { mockErc20Abi } from "./generated.ts";
import { type Permit, signPermit } from "./permit.ts";
import { ETH_TOKEN, type TokenInfo, formatAmount } from "./units.ts";

export function approve(writer: Writer, p: { token: Address; spender: Address; amount: bigint }): Promise<Hash> {
  return writer.writeContract({ address: p.token, abi: erc20Abi, functionName: "approve", args: [p.spender, p.amount] });
}

export function balanceOf(reader: Reader, p: { token: Address; account: Address }): Promise<bigint> {
  return reader.readContract({ address: p.token, abi: erc20Abi, functionName: "balanceOf", args: [p.account] });
}

export function allowanceOf(reader: Reader, p: { token: Address; owner: Address; spender: Address }): Promise<bigint> {
  return reader.readContract({ address: p.token, abi: erc20Abi, functionName: "allowance", args: [p.owner, p.spender] });
}

/** Mints the demo stablecoin (MockERC20 only: minting is open on it). */
export function mintMock(writer: Writer, p: { token: Address; to: Address; amount: bigint }): Promise<Hash> {
  return writer.writeContract({ address: p.token, abi: mockErc20Abi, functionName: "mint", args: [p.to, p.amount] });
}

/** A token that is not an ERC-20 the chain can read (no symbol or decimals). */
export class UnknownTokenError extends Error {
  override name = "UnknownTokenError";
  readonly token: Address;
  constructor(token: Address) {
    super(`${token} is not an ERC-20 token on this chain`);
    this.token = token;
  }
}

/** Symbol and decimals of a token (ETH for the zero address); throws UnknownTokenError for a non-token. */
export async function readToken(reader: Reader, token: Address): Promise<TokenInfo> {
  if (token.toLowerCase() === zeroAddress) return ETH_TOKEN;
  try {
    const [symbol, decimals] = await Promise.all([
      reader.readContract({ address: token, abi: erc20Abi, functionName: "symbol" }),
      reader.readContract({ address: token, abi: erc20Abi, functionName: "decimals" }),
    ]);
    return { address: token, symbol, decimals };
  } catch {
    throw new UnknownTokenError(token);
  }
}

/** An account holds less of a token than an action needs: nothing was sent. */
export class InsufficientBalanceError extends Error {
  override name = "InsufficientBalanceError";
  readonly owner: Address;
  readonly balance: bigint;
  readonly needed: bigint;
  constructor(owner: Address, balance: bigint, needed: bigint, token: TokenInfo) {
    super(`${owner} holds ${formatAmount(balance, token)}; this needs ${formatAmount(needed, token)}.`);
    this.owner = owner;
    this.balance = balance;
    this.needed = needed;
  }
}

/** The steps of an approval, for progress: about to ask the wallet, sent, mined; or a permit about to be signed
 * instead (no transaction of its own). */
export type ApprovalEvent =
  | { phase: "approving" | "permitting"; token: TokenInfo; amount: bigint }
  | { phase: "sent" | "mined"; hash: Hash; token: TokenInfo; amount: bigint };

export interface AllowanceParams {
  token: Address;
  /** Who pulls the tokens: the escrow. */
  spender: Address;
  amount: bigint;
  /** The action that needs the allowance, run against the chain without sending it. When the allowance is short it
   * is tried first: if the spender refuses it for any reason but the token pull (a floor, a deadline, the wrong
   * caller…), that refusal is thrown and no approval is sent. */
  simulate?: () => Promise<unknown>;
  /** Told before an approval is sent, when it is sent (its hash) and once it is mined: progress for a person. */
  onApproval?: (event: ApprovalEvent) => void;
}

/**
 * Lets `spender` pull `amount` of an ERC-20 from the writer's account — the one allowance policy of every face:
 * nothing for ETH or a zero amount; the balance is checked first (InsufficientBalanceError, nothing sent); an
 * allowance that already covers the amount is left alone; otherwise the action is simulated (see `simulate`), then
 * exactly `amount` is approved and the approval waited for. Returns the approval's hash, if one was sent.
 */
/** The policy's first steps, shared by approving and permitting: false for ETH, a zero amount, or an allowance that
 * covers it; the balance checked (InsufficientBalanceError); then the action simulated, where only the token pull
 * may fail with the allowance short (any other refusal is thrown, before anything is signed or sent). */
async function allowanceShort(writer: Writer, reader: Reader, p: AllowanceParams): Promise<boolean> {
  if (p.token.toLowerCase() === zeroAddress || p.amount === 0n) return false;
  const owner = writer.account.address;
  const [balance, allowance] = await Promise.all([
    balanceOf(reader, { token: p.token, account: owner }),
    allowanceOf(reader, { token: p.token, owner, spender: p.spender }),
  ]);
  if (balance < p.amount) throw new InsufficientBalanceError(owner, balance, p.amount, await readToken(reader, p.token));
  if (allowance >= p.amount) return false;
  if (p.simulate) {
    try {
      await p.simulate();
    } catch (error) {
      if (!isTokenPullFailure(error)) throw error;
    }
  }
  return true;
}

export async function ensureAllowance(writer: Writer, reader: Reader, p: AllowanceParams): Promise<Hash | undefined> {
  if (!(await allowanceShort(writer, reader, p))) return undefined;
  const token = p.onApproval ? await readToken(reader, p.token) : undefined;
  if (token) p.onApproval?.({ phase: "approving", token, amount: p.amount });
  const hash = await approve(writer, { token: p.token, spender: p.spender, amount: p.amount });
  if (token) p.onApproval?.({ phase: "sent", hash, token, amount: p.amount });
  const receipt = await reader.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`the approval ${hash} reverted in block ${receipt.blockNumber}`);
  if (token) p.onApproval?.({ phase: "mined", hash, token, amount: p.amount });
  return hash;
}

/**
 * The permit branch of the allowance policy, for a call that can carry an ERC-2612 permit: nothing for ETH or a zero
 * amount; the balance is checked first (InsufficientBalanceError, nothing signed); an allowance that already covers
 * the amount needs no permit; otherwise the plain action is simulated (see `simulate`: a refusal other than the token
 * pull is thrown before the wallet is asked), then the writer signs a permit for exactly `amount`. Undefined when no
 * permit is needed or the token takes none (then ensureAllowance approves).
 */
export async function permitFor(writer: Writer, reader: Reader, p: AllowanceParams): Promise<Permit | undefined> {
  if (!(await allowanceShort(writer, reader, p))) return undefined;
  if (p.onApproval) p.onApproval({ phase: "permitting", token: await readToken(reader, p.token), amount: p.amount });
  return signPermit(writer, reader, { token: p.token, spender: p.spender, value: p.amount });
}
