// ERC-2612 permits: whether a token takes them (its EIP-5267 domain and its permit nonces can be read), and the
// writer's permit for the escrow, signed off-chain (EIP-712) so that a job is funded in the one transaction that posts
// it. A token without them is funded through the allowance policy (token.ts) instead.
import { type Address, type Hex, hexToNumber, parseAbi, size, slice, zeroAddress } from "viem";
import type { Reader, Writer } from "./escrow.ts";

/** A permit as the escrow's `…WithPermit` calls take it. */
export interface Permit {
  value: bigint;
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/** How long a permit the SDK signs stays good: enough for the transaction that carries it to be mined. */
export const PERMIT_LIFETIME = 3_600n;

const permitAbi = parseAbi([
  "function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)",
  "function nonces(address owner) view returns (uint256)",
]);

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/** The token's EIP-712 domain and `owner`'s next permit nonce, or undefined when the token does not say them (no
 * EIP-5267 `eip712Domain`, or no `nonces`): then it is funded by approval. ETH has none. */
export async function permitDomain(reader: Reader, p: { token: Address; owner: Address }) {
  if (p.token.toLowerCase() === zeroAddress) return undefined;
  try {
    const [[fields, name, version, chainId, verifyingContract, salt], nonce] = await Promise.all([
      reader.readContract({ address: p.token, abi: permitAbi, functionName: "eip712Domain" }),
      reader.readContract({ address: p.token, abi: permitAbi, functionName: "nonces", args: [p.owner] }),
    ]);
    // EIP-5267's fields bitmap: name, version, chainId, verifyingContract, salt; extensions are not supported.
    const f = hexToNumber(fields);
    const domain = {
      ...(f & 1 ? { name } : {}),
      ...(f & 2 ? { version } : {}),
      ...(f & 4 ? { chainId: Number(chainId) } : {}),
      ...(f & 8 ? { verifyingContract } : {}),
      ...(f & 16 ? { salt } : {}),
    };
    return { domain, nonce };
  } catch {
    return undefined;
  }
}

/** The writer's ERC-2612 permit letting `spender` pull `value` of `token`, good for PERMIT_LIFETIME from the chain's
 * latest block; undefined when the token takes no permits (see permitDomain). Nothing is sent: the wallet signs. */
export async function signPermit(
  writer: Writer,
  reader: Reader,
  p: { token: Address; spender: Address; value: bigint },
): Promise<Permit | undefined> {
  const owner = writer.account.address;
  const [known, block] = await Promise.all([permitDomain(reader, { token: p.token, owner }), reader.getBlock()]);
  if (!known) return undefined;
  const deadline = block.timestamp + PERMIT_LIFETIME;
  const signature = await writer.signTypedData({
    account: writer.account,
    domain: known.domain,
    types: PERMIT_TYPES,
    primaryType: "Permit",
    message: { owner, spender: p.spender, value: p.value, nonce: known.nonce, deadline },
  });
  return { value: p.value, deadline, ...splitSignature(signature) };
}

/** A 65-byte signature's r, s and v (v as 27 or 28). */
export function splitSignature(signature: Hex): { v: number; r: Hex; s: Hex } {
  if (size(signature) !== 65) throw new Error(`a signature is 65 bytes, not ${size(signature)}`);
  const v = hexToNumber(slice(signature, 64, 65));
  return { r: slice(signature, 0, 32), s: slice(signature, 32, 64), v: v < 27 ? v + 27 : v };
}
