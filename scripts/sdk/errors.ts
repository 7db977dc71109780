// Reverts, decoded: the escrow's named custom errors, as viem reports them.
import { BaseError, ContractFunctionRevertedError } from "viem";

/** The custom error a contract call reverted with, and its arguments; undefined for any other failure. */
export function revertOf(error: unknown): { name: string; args: readonly unknown[] } | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(reverted instanceof ContractFunctionRevertedError) || !reverted.data?.errorName) return undefined;
  return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
}
