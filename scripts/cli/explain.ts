// Turns a failure into one readable line (a refused input: a line per problem) and an exit code (see EXIT in
// command.ts). The dispatcher loads this only when a command fails with something other than a CliError: it brings
// viem and the SDK's errors, which a command that never reached them (or --help) need not load.
import { BaseError } from "viem";
import * as sdk from "@tender/sdk";
import { CliError, EXIT } from "./command.ts";
import { isNetworkError } from "./context.ts";

/** A refused input: its one problem on the line, or every problem on a line of its own. */
function refusal(error: sdk.TenderInputError): string {
  if (error.problems.length <= 1) return error.message;
  return [`${error.problems.length} problems (nothing was sent):`, ...error.problems.map((p) => `  ${p.path}: ${p.message}`)].join("\n");
}

export function explain(error: unknown): { message: string; code: number } {
  if (error instanceof CliError) return { message: error.message, code: error.code };
  if (error instanceof sdk.TenderInputError) return { message: refusal(error), code: EXIT.usage };
  if (sdk.revertOf(error)) return { message: `refused: ${sdk.describeError(error)}`, code: EXIT.refused };
  if (isNetworkError(error)) return { message: `the chain did not answer: ${error instanceof BaseError ? error.shortMessage : (error as Error).message}`, code: EXIT.network };
  if (error instanceof BaseError) return { message: error.shortMessage, code: EXIT.refused };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error), code: EXIT.failure };
}
