// Sealed bids (AwardMode.SealedLowestPrice): a bidder commits to a hidden price before the bid deadline — the hash of
// (chain id, escrow, job, supplier, price, salt) — posting the bond and meeting the floors then, and reveals the price
// and salt in the reveal window after it (the RFQ's award window); anyone then awards the lowest revealed price (the
// lower commit number on a tie). A commitment never revealed forfeits its bond to the buyer, so the opening (price and
// salt) must be kept until the reveal: sealed-store.ts keeps it on disk for programs that may restart.
//
// What a sealed bid hides: its price, until the reveal. What it does not: that a bid was made, by whom (the commit's
// sender or signer), its bond and its time; and after the reveal, everything.
import { type Address, type Hash, encodeAbiParameters, getAddress, keccak256, toHex } from "viem";
import { tenderEscrowAbi } from "./generated.ts";
import type { Reader, Writer } from "./escrow.ts";
import { ETH } from "./escrow.ts";
import { type Floors, encodeFloors } from "./market.ts";
import { TenderInputError, checkAddress, checkAmount, checkHash, checkJobId } from "./validate.ts";

/** What opens a sealed bid: everything its commitment hashes. Keep it until the reveal; losing it loses the bond. */
export interface SealedOpening {
  chainId: number;
  escrow: Address;
  jobId: bigint;
  supplier: Address;
  price: bigint;
  salt: Hash;
}

/** The commitment the escrow keeps for a sealed bid: keccak256(abi.encode(chainId, escrow, jobId, supplier, price,
 * salt)), as TenderSigned's reveal checks it. Bound to one chain, escrow, job and supplier: it opens nothing else. */
export function sealedCommitment(o: SealedOpening): Hash {
  return keccak256(
    encodeAbiParameters(
      [{ type: "uint256" }, { type: "address" }, { type: "uint256" }, { type: "address" }, { type: "uint96" }, { type: "bytes32" }],
      [BigInt(o.chainId), getAddress(o.escrow), o.jobId, getAddress(o.supplier), o.price, o.salt],
    ),
  );
}

/** 32 random bytes from the platform's CSPRNG: a salt nobody can guess, so the commitment hides the price. */
export function newSalt(): Hash {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

/** A new opening for `supplier`'s sealed bid at `price` (a fresh salt unless given), and its commitment. */
export function sealBid(p: Omit<SealedOpening, "salt"> & { salt?: Hash }): { opening: SealedOpening; commitment: Hash } {
  checkJobId(p.jobId);
  checkAmount("price", p.price);
  checkAddress("supplier", p.supplier);
  const opening: SealedOpening = { ...p, escrow: getAddress(p.escrow), supplier: getAddress(p.supplier), salt: p.salt ?? newSalt() };
  return { opening, commitment: sealedCommitment(opening) };
}

/** Commits a sealed bid, posting the bond the RFQ's floors ask for (ETH as value; an ERC-20 approved beforehand —
 * the bound client approves). */
export async function commit(
  writer: Writer,
  p: { escrow: Address; jobId: bigint; commitment: Hash; floors: Floors; token: Address; bond: bigint },
): Promise<Hash> {
  checkJobId(p.jobId);
  checkHash("commitment", p.commitment);
  if (p.bond <= 0n) throw new TenderInputError("bond", "A sealed bid posts a bond (the RFQ asks one).");
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "commit",
    args: [p.jobId, p.commitment, encodeFloors(p.floors)],
    value: p.token === ETH ? p.bond : 0n,
  });
}

/** Reveals a sealed bid in the reveal window. Anyone may send it: the commitment names the supplier, so the opening
 * is all the authority a reveal needs (a relayer carries it for a supplier with no ETH). */
export async function reveal(writer: Writer, p: { escrow: Address; jobId: bigint; supplier: Address; price: bigint; salt: Hash }): Promise<Hash> {
  checkJobId(p.jobId);
  checkAddress("supplier", p.supplier);
  checkHash("salt", p.salt);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "reveal",
    args: [p.jobId, p.supplier, p.price, p.salt],
  });
}

/** Sends the bond of `supplier`'s never-revealed commitment to the buyer (anyone, once the reveal window ended). */
export async function forfeitBond(writer: Writer, p: { escrow: Address; jobId: bigint; supplier: Address }): Promise<Hash> {
  checkJobId(p.jobId);
  checkAddress("supplier", p.supplier);
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "forfeitBond",
    args: [p.jobId, p.supplier],
  });
}

/** A sealed bid's commitment until its reveal (the zero hash before the commit, after the reveal, once forfeited). */
export function readCommitment(reader: Reader, p: { escrow: Address; jobId: bigint; supplier: Address }): Promise<Hash> {
  return reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "commitmentOf", args: [p.jobId, p.supplier] });
}

/** How many sealed bids a sealed-bid RFQ has had. */
export function readCommitCount(reader: Reader, p: { escrow: Address; jobId: bigint }): Promise<bigint> {
  return reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "commitCount", args: [p.jobId] });
}
