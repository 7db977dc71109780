// Dispatch: finds the command named by argv, prints help, runs it, prints its output, and turns every failure into
// one readable line (a refused input: a line per problem) and an exit code (see EXIT in command.ts).
import { BaseError } from "viem";
import * as sdk from "@tender/sdk";
import { CliError, type Command, EXIT, GLOBAL_OPTIONS, commandHelp, parseCommand } from "./command.ts";
import { isNetworkError } from "./context.ts";
import { toJson } from "./format.ts";

const GROUPS: Record<string, string> = {
  job: "buyers and suppliers: post, inspect and move jobs through their life",
  bid: "suppliers: bid on RFQs",
  supplier: "supplier profiles and attested metrics",
  arbitrator: "arbitrators: terms, disputes, rulings",
  account: "encrypted keys in the local keystore",
  agent: "run a supplier agent that bids, works and delivers on its own",
  dev: "development chain only: move its clock, mine blocks",
};

function overview(commands: Command[]): string {
  const lines = ["tender — the command line of Tender, the on-chain market for machine labor", "", "Usage: tender <group> <command> [options]   (each command has --help)", ""];
  const width = Math.max(...commands.map((c) => c.path.join(" ").length));
  for (const [group, about] of Object.entries(GROUPS)) {
    lines.push(`${group} — ${about}`);
    for (const c of commands.filter((c) => c.path[0] === group)) lines.push(`  ${c.path.join(" ").padEnd(width)}  ${c.summary}`);
    lines.push("");
  }
  lines.push("other");
  for (const c of commands.filter((c) => !(c.path[0]! in GROUPS))) lines.push(`  ${c.path.join(" ").padEnd(width)}  ${c.summary}`);
  lines.push(
    "",
    "Network: --rpc URL or TENDER_RPC_URL; without either, the chain `npm start` is running (its .tender/stack.json,",
    "         and its deployments folder), else http://127.0.0.1:$TENDER_PORT, else http://127.0.0.1:8545.",
    "Signing: --account NAME / TENDER_ACCOUNT (keystore; password from TENDER_PASSWORD or a prompt), or TENDER_PRIVATE_KEY.",
    "Output: people by default; --json for programs.",
    "Exit codes: 0 done; 1 unexpected failure; 2 bad usage or input (nothing sent); 3 refused by the contract (reason shown);",
    "            4 chain unreachable or Tender not deployed; 5 not found.",
  );
  return lines.join("\n");
}

/** A refused input: its one problem on the line, or every problem on a line of its own. */
function refusal(error: sdk.TenderInputError): string {
  if (error.problems.length <= 1) return error.message;
  return [`${error.problems.length} problems (nothing was sent):`, ...error.problems.map((p) => `  ${p.path}: ${p.message}`)].join("\n");
}

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof CliError) return { message: error.message, code: error.code };
  if (error instanceof sdk.TenderInputError) return { message: refusal(error), code: EXIT.usage };
  if (sdk.revertOf(error)) return { message: `refused: ${sdk.describeError(error)}`, code: EXIT.refused };
  if (isNetworkError(error)) return { message: `the chain did not answer: ${error instanceof BaseError ? error.shortMessage : (error as Error).message}`, code: EXIT.network };
  if (error instanceof BaseError) return { message: error.shortMessage, code: EXIT.refused };
  return { message: error instanceof Error ? (error.stack ?? error.message) : String(error), code: EXIT.failure };
}

export async function main(commands: Command[], argv: string[]): Promise<number> {
  // Command words are the arguments that are neither options nor the values of options that take one.
  const valued = new Set(commands.flatMap((c) => Object.entries({ ...GLOBAL_OPTIONS, ...c.options }).filter(([, o]) => o.type === "string").map(([name]) => `--${name}`)));
  const words = argv.filter((a, i) => !a.startsWith("-") && !(i > 0 && valued.has(argv[i - 1]!)));
  const match = commands
    .filter((c) => c.path.every((word, i) => words[i] === word))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!match) {
    const group = words[0];
    if (group && group in GROUPS) {
      const lines = [`tender ${group} — ${GROUPS[group]}`, "", ...commands.filter((c) => c.path[0] === group).map((c) => `  tender ${c.path.join(" ")}  ${c.summary}`)];
      const unknown = words[1];
      process[unknown ? "stderr" : "stdout"].write(`${unknown ? `unknown command: tender ${group} ${unknown}\n\n` : ""}${lines.join("\n")}\n`);
      return unknown ? EXIT.usage : EXIT.ok;
    }
    if (group) {
      process.stderr.write(`unknown command: tender ${group}\n\n${overview(commands)}\n`);
      return EXIT.usage;
    }
    process.stdout.write(`${overview(commands)}\n`);
    return argv.length === 0 || argv.includes("--help") || argv.includes("-h") ? EXIT.ok : EXIT.usage;
  }
  // Drop the command's words (the first occurrences, in order) and parse the rest.
  const rest = [...argv];
  for (const word of match.path) rest.splice(rest.findIndex((a, i) => a === word && !(i > 0 && valued.has(rest[i - 1]!))), 1);
  try {
    const { parsed, globals, help } = parseCommand(match, rest);
    if (help) {
      process.stdout.write(`${commandHelp(match)}\n`);
      return EXIT.ok;
    }
    const output = await match.run(parsed, globals);
    process.stdout.write(`${globals.json ? toJson(output.data) : output.lines.join("\n")}\n`);
    return EXIT.ok;
  } catch (error) {
    const { message, code } = explain(error);
    process.stderr.write(`error: ${message}\n`);
    return code;
  }
}
