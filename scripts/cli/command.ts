// What a `tender` command is: a name, a one-line summary, its options, examples, and a run function that returns
// data (printed as JSON with --json) and the lines a person reads. The entry wires commands; this file parses.
import { type ParseArgsConfig, parseArgs } from "node:util";

/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** Anything unexpected (a bug, an RPC failure mid-way). */
  failure: 1,
  /** Bad usage or a bad input: nothing was sent. */
  usage: 2,
  /** The contract refused (a decoded custom error): nothing was sent, or the transaction reverted. */
  refused: 3,
  /** The chain is unreachable, or Tender is not deployed on it. */
  network: 4,
  /** What was asked for does not exist (an unknown job, account or file). */
  notFound: 5,
} as const;

/** An error the CLI explains in one sentence and exits with `code`. */
export class CliError extends Error {
  override name = "CliError";
  readonly code: number;

  constructor(message: string, code: number = EXIT.usage) {
    super(message);
    this.code = code;
  }
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** What the value is, for --help: e.g. "AMOUNT" or "DURATION". */
  value?: string;
  description: string;
  /** Must be given (checked before anything is read from the chain). */
  required?: boolean;
}

export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** What a command returns: `data` for --json, `lines` for a person. */
export interface Output {
  data: unknown;
  lines: string[];
}

export interface Command {
  /** Words after `tender`, e.g. ["job", "post"]. */
  path: string[];
  summary: string;
  /** Positional arguments as shown in usage, e.g. "<jobId>". */
  args?: string;
  options: Record<string, OptionSpec>;
  examples: string[];
  /** Extra paragraphs for --help. */
  details?: string;
  run: (parsed: Parsed, globals: Globals) => Promise<Output>;
}

/** A command as the dispatcher knows it before loading its module (commands.ts): enough to list it and to find it
 * in argv. */
export interface CommandEntry {
  path: string[];
  summary: string;
  /** Its options that take a value (type "string"): an argument after one of them is that value, not a command word. */
  valued: string[];
  load: () => Promise<Command>;
}

/** Options every command takes. */
export interface Globals {
  json: boolean;
  rpc?: string;
  account?: string;
}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  rpc: { type: "string", value: "URL", description: "JSON-RPC endpoint (env TENDER_RPC_URL; default: the chain `npm start` runs, else TENDER_PORT, else port 8545)" },
  account: {
    type: "string",
    value: "NAME",
    description: "keystore account to sign with (env TENDER_ACCOUNT); or set TENDER_PRIVATE_KEY",
  },
  json: { type: "boolean", description: "print the result as JSON (amounts in base units, as strings)" },
  help: { type: "boolean", short: "h", description: "show this help" },
};

export function defineCommand(command: Command): Command {
  return command;
}

export function parseCommand(command: Command, argv: string[]): { parsed: Parsed; globals: Globals; help: boolean } {
  const options: ParseArgsConfig["options"] = {};
  for (const [name, spec] of Object.entries({ ...GLOBAL_OPTIONS, ...command.options })) {
    options[name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
  }
  const specs = { ...GLOBAL_OPTIONS, ...command.options };
  let result;
  try {
    result = parseArgs({ args: negativeValues(argv, specs), options, allowPositionals: true, strict: true });
  } catch (error) {
    const see = `(see \`tender ${command.path.join(" ")} --help\`)`;
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec((error as Error).message.replace(/^.*?: /, ""));
    if (unknown) {
      const guess = closest(unknown[1]!.replace(/^-+/, ""), Object.keys(specs));
      throw new CliError(`Unknown option '${unknown[1]}'${guess ? `: did you mean --${guess}?` : ""} ${see}`);
    }
    throw new CliError(`${(error as Error).message.replace(/^.*?: /, "")} ${see}`);
  }
  const values = result.values as Parsed["values"];
  const help = values.help === true;
  if (!help) {
    for (const [name, spec] of Object.entries(command.options)) {
      if (spec.required && values[name] === undefined) throw new CliError(`--${name} is required (see \`tender ${command.path.join(" ")} --help\`)`);
    }
    const wanted = (command.args ?? "").split(" ").filter((a) => a.startsWith("<")).length;
    const allowed = (command.args ?? "").split(" ").filter(Boolean).length;
    if (result.positionals.length < wanted) throw new CliError(`missing ${command.args} (see \`tender ${command.path.join(" ")} --help\`)`);
    if (result.positionals.length > allowed) throw new CliError(`unexpected argument ${JSON.stringify(result.positionals[allowed])}`);
  }
  const globals: Globals = {
    json: values.json === true,
    rpc: values.rpc as string | undefined,
    account: values.account as string | undefined,
  };
  return { parsed: { values, positionals: result.positionals }, globals, help };
}

/** `--max-price -5` → `--max-price=-5`: node's parser takes a value that starts with "-" for an option and calls the
 * argument ambiguous; a value that reads as a negative number is the option's value (and refused by its own check). */
function negativeValues(argv: string[], specs: Record<string, OptionSpec>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && specs[name]?.type === "string" && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** The option name nearest `name` (a typo, a prefix, or a missing/extra dash), or undefined when none is close. */
export function closest(name: string, names: string[]): string | undefined {
  const scored = names
    .map((candidate) => ({ candidate, d: candidate.startsWith(name) && name.length >= 3 ? 0 : distance(name.replaceAll("_", "-"), candidate) }))
    .sort((a, b) => a.d - b.d);
  const best = scored[0];
  return best && best.d <= Math.max(1, Math.floor(best.candidate.length / 3)) ? best.candidate : undefined;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    const notes = [spec.required ? "required" : "", spec.multiple ? "repeatable" : ""].filter(Boolean).join(", ");
    return [flag, `${spec.description}${notes ? ` (${notes})` : ""}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`);
}

export function commandHelp(command: Command): string {
  const name = `tender ${command.path.join(" ")}`;
  const lines = [`${name} — ${command.summary}`, "", `Usage: ${name}${command.args ? ` ${command.args}` : ""} [options]`];
  if (command.details) lines.push("", command.details);
  if (Object.keys(command.options).length > 0) lines.push("", "Options:", ...optionLines(command.options));
  lines.push("", "Global options:", ...optionLines(GLOBAL_OPTIONS));
  lines.push("", "Examples:", ...command.examples.map((example) => `  ${example}`));
  return lines.join("\n");
}

/** Reads a required string option (already checked present when `required`). */
export function str(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === "string" ? value : undefined;
}

export function list(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

/** A job id from the first positional argument. */
export function jobIdArg(parsed: Parsed): bigint {
  const raw = parsed.positionals[0] ?? "";
  if (!/^[0-9]+$/.test(raw) || BigInt(raw) === 0n) throw new CliError(`job id must be a positive whole number, not ${JSON.stringify(raw)}`);
  // Job ids are uint256 on-chain: a larger number is no job id at all (bad input), not something to ask the chain.
  if (BigInt(raw) >= 2n ** 256n) throw new CliError(`job id ${raw.length > 24 ? `${raw.slice(0, 12)}…(${raw.length} digits)` : raw} is too large to be a job id (ids count up from 1)`);
  return BigInt(raw);
}
