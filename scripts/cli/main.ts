// Dispatch: finds the command named by argv, prints help, loads and runs it, prints its output, and turns every
// failure into one readable line (a refused input: a line per problem) and an exit code (explain.ts). Nothing here
// loads a command's module, viem or the SDK before a command runs: `tender --help` and `tender <group>` read
// commands.ts alone.
import { CliError, type CommandEntry, EXIT, GLOBAL_OPTIONS, commandHelp, parseCommand } from "./command.ts";

const GROUPS: Record<string, string> = {
  job: "buyers and suppliers: post, inspect and move jobs through their life",
  bid: "suppliers: bid on RFQs",
  supplier: "supplier profiles and attested metrics",
  arbitrator: "arbitrators: terms, disputes, rulings",
  account: "encrypted keys in the local keystore",
  agent: "run a supplier agent that bids, works and delivers on its own",
  dev: "development chain only: move its clock, mine blocks",
};

/** JSON with bigints as strings. */
function toJson(data: unknown): string {
  return JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2);
}

function overview(commands: CommandEntry[]): string {
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

export async function main(commands: CommandEntry[], argv: string[]): Promise<number> {
  // Command words are the arguments that are neither options nor the values of options that take one.
  const valued = new Set([
    ...Object.entries(GLOBAL_OPTIONS).filter(([, o]) => o.type === "string").map(([name]) => `--${name}`),
    ...commands.flatMap((c) => c.valued.map((name) => `--${name}`)),
  ]);
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
    const command = await match.load();
    const { parsed, globals, help } = parseCommand(command, rest);
    if (help) {
      process.stdout.write(`${commandHelp(command)}\n`);
      return EXIT.ok;
    }
    const output = await command.run(parsed, globals);
    process.stdout.write(`${globals.json ? toJson(output.data) : output.lines.join("\n")}\n`);
    return EXIT.ok;
  } catch (error) {
    const { message, code } = error instanceof CliError ? { message: error.message, code: error.code } : (await import("./explain.ts")).explain(error);
    process.stderr.write(`error: ${message}\n`);
    return code;
  }
}
