// ERC-20 operations the flows need (approval before posting; the demo's mock stablecoin).
import { type Address, type Hash, erc20Abi } from "viem";
import { mockErc20Abi } from "./generated.ts";
import type { Reader, Writer } from "./escrow.ts";

export function approve(writer: Writer, p: { token: Address; spender: Address; amount: bigint }): Promise<Hash> {
  return writer.writeContract({ address: p.token, abi: erc20Abi, functionName: "approve", args: [p.spender, p.amount] });
}

export function balanceOf(reader: Reader, p: { token: Address; account: Address }): Promise<bigint> {
  return reader.readContract({ address: p.token, abi: erc20Abi, functionName: "balanceOf", args: [p.account] });
}

/** Mints the demo stablecoin (MockERC20 only: minting is open on it). */
export function mintMock(writer: Writer, p: { token: Address; to: Address; amount: bigint }): Promise<Hash> {
  return writer.writeContract({ address: p.token, abi: mockErc20Abi, functionName: "mint", args: [p.to, p.amount] });
}
