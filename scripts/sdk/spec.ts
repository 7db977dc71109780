// The job spec: its published JSON Schema (job-spec.schema.json, draft 2020-12), its TypeScript type, and the check
// that turns posted text into a typed spec or names every bad field (`spec.<json path>`), each in a sentence.
// This module imports nothing from the SDK's other modules: validate.ts builds its TenderInputError on top of it.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import schema from "./job-spec.schema.json" with { type: "json" };

/** The published schema of a version 1 job spec. */
export const JOB_SPEC_SCHEMA = schema;
export const JOB_SPEC_SCHEMA_ID = "https://tender.market/schemas/job-spec/v1.json";
/** The largest spec the escrow takes, in UTF-8 bytes. */
export const MAX_SPEC_BYTES = 8_192;
/** The category whose jobs carry a `transform` and that the built-in text-transform worker does. */
export const TRANSFORM_CATEGORY = "text.transform";

export const TRANSFORM_OPS = [
  "sort-lines",
  "dedupe-lines",
  "uppercase",
  "lowercase",
  "reverse-lines",
  "word-count",
  "csv-to-json",
] as const;
export type TransformOp = (typeof TRANSFORM_OPS)[number];

/** Every kind of acceptance check, in the schema's order. All but `command` are mechanical. */
export const RULE_KINDS = [
  "regex",
  "exact",
  "contains",
  "notContains",
  "maxChars",
  "minChars",
  "lines",
  "sortedLines",
  "sameLinesAs",
  "uniqueLines",
  "json",
  "jsonSchema",
  "command",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
/** The kinds a verifier cannot check from the deliverable alone. */
export const MANUAL_RULE_KINDS: readonly RuleKind[] = ["command"];

/** Keys starting with "x-" are free for extensions, everywhere the schema has an object. */
export type Extensions = { [key: `x-${string}`]: unknown };

export type SpecInput = Extensions & { name: string; mediaType?: string } & ({ text: string } | { uri: string });

interface RuleBase extends Extensions {
  id: string;
  description: string;
}
export type AcceptanceRule = RuleBase &
  (
    | { regex: string; flags?: string }
    | { exact: string }
    | { contains: string[] }
    | { notContains: string[] }
    | { maxChars: number }
    | { minChars: number }
    | { lines: { min?: number; max?: number } }
    | { sortedLines: true }
    | { sameLinesAs: string }
    | { uniqueLines: true }
    | { json: true }
    | { jsonSchema: Record<string, unknown> }
    | { command: string }
  );

/** A version 1 job spec, as job-spec.schema.json describes it. */
export interface JobSpec extends Extensions {
  version: 1;
  title: string;
  category: string;
  task: string;
  notes?: string;
  inputs?: SpecInput[];
  acceptance?: AcceptanceRule[];
  deliverable?: Extensions & { mediaType: string; via: "uri" };
  /** Category text.transform only. */
  transform?: Extensions & { op: TransformOp; input: string };
}

/** One thing wrong with an input: where (a field path such as "maxPrice", "floors.bondBps",
 * "spec.acceptance[0].regex") and why, in a sentence for the person who typed it. */
export interface Problem {
  path: string;
  message: string;
}

/** A refused spec: the field (`spec`, `spec.acceptance[0].regex`, …) and why. (The first of specProblems.) */
export interface SpecProblem {
  field: string;
  message: string;
}

/** What parseSpec throws: the first problem as its field and message, and all of them. */
export class SpecError extends Error {
  override name = "SpecError";
  readonly field: string;
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const [first] = problems;
    super(`${first?.path}: ${first?.message}`);
    this.field = first?.path ?? "spec";
    this.problems = problems;
  }
}

/** The kind of check a rule makes (a valid rule has exactly one). */
export function ruleKind(rule: AcceptanceRule): RuleKind {
  const kind = RULE_KINDS.find((k) => k in rule);
  if (!kind) throw new Error(`rule ${rule.id} has no check`);
  return kind;
}

/** The input a spec names, if any. */
export function specInput(spec: JobSpec, name: string): SpecInput | undefined {
  return spec.inputs?.find((input) => input.name === name);
}

/** The inline text of the input a spec names, if it has one. */
export function inputText(spec: JobSpec, name: string): string | undefined {
  const input = specInput(spec, name);
  return input && "text" in input ? input.text : undefined;
}

/** A text's lines, as the line rules count them: without one trailing newline, split at \n or \r\n; "" has none. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const body = text.endsWith("\r\n") ? text.slice(0, -2) : text.endsWith("\n") ? text.slice(0, -1) : text;
  return body.split(/\r?\n/);
}

/** Lines back into text: each line ends with \n. */
export function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

// Compiled on the first check, not at import: a program that never checks a spec (the CLI's --help, a read) does
// not pay for it.
let compiled: ValidateFunction | undefined;
function validateSchema(doc: unknown): ValidateFunction["errors"] | undefined {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
    ajv.addFormat("regex", { type: "string", validate: compiles });
    compiled = ajv.compile(schema);
  }
  return compiled(doc) ? undefined : (compiled.errors ?? []);
}

/** Checks buyers' `jsonSchema` rules against the draft 2020-12 meta-schema (without compiling them); made on first use. */
let metaAjvInstance: Ajv2020 | undefined;
const metaAjv = (): Ajv2020 => (metaAjvInstance ??= new Ajv2020({ strict: false, logger: false, validateFormats: false }));

function compiles(pattern: string, flags = ""): boolean {
  return regexError(pattern, flags) === undefined;
}

function regexError(pattern: string, flags = ""): string | undefined {
  try {
    new RegExp(pattern, flags);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Every problem with a posted spec ([] when it is a valid version 1 spec of `category`, when given): at most 8 KiB of
 * UTF-8 and a JSON object (else that one problem), version 1, a title and a task, the job's category, the schema, and
 * what the schema cannot say (unique names and ids, regexes that compile with their flags, references to inputs, valid
 * embedded JSON Schemas). At most one problem per field.
 */
export function specProblems(text: string, category?: string): Problem[] {
  const result = examine(text, category);
  return "problems" in result ? result.problems : [];
}

/** The first of specProblems, or undefined when the spec is valid. */
export function specProblem(text: string, category?: string): SpecProblem | undefined {
  const [first] = specProblems(text, category);
  return first && { field: first.path, message: first.message };
}

/** The typed spec, or a SpecError naming the first bad field (and carrying all). `category`: the job's, when known. */
export function parseSpec(text: string, category?: string): JobSpec {
  const result = examine(text, category);
  if ("problems" in result) throw new SpecError(result.problems);
  return result.spec;
}

type Doc = Record<string, unknown>;
const isDoc = (value: unknown): value is Doc => typeof value === "object" && value !== null && !Array.isArray(value);
const blank = (value: unknown) => typeof value !== "string" || value.trim() === "";
const NAME = new RegExp(schema.$defs.name.pattern);

function examine(text: string, category: string | undefined): { spec: JobSpec } | { problems: Problem[] } {
  const stop = (message: string) => ({ problems: [{ path: "spec", message }] });
  const bytes = new TextEncoder().encode(text).length; // not Buffer: the web app checks specs in the browser
  if (bytes === 0) return stop("The spec is empty.");
  if (bytes > MAX_SPEC_BYTES) return stop(`The spec is ${bytes} bytes; at most ${MAX_SPEC_BYTES}.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return stop(`The spec is not JSON (${(error as Error).message}).`);
  }
  if (!isDoc(doc)) return stop("The spec must be a JSON object.");
  const found: Problem[] = [];
  if (doc.version !== 1) found.push({ path: "spec.version", message: doc.version === undefined ? missing("version") : `The spec's version must be 1, not ${shown(doc.version)}.` });
  for (const key of ["title", "task"] as const) if (blank(doc[key])) found.push({ path: `spec.${key}`, message: missing(key) });
  if (category !== undefined && doc.category !== category) {
    found.push({ path: "spec.category", message: `The spec's category is ${shown(doc.category)}, not the job's category ${JSON.stringify(category)}.` });
  }
  const schemaErrors = validateSchema(doc);
  if (schemaErrors) found.push(...explain(schemaErrors, doc));
  found.push(...semanticProblems(doc));
  const problems = found.filter((p, i) => found.findIndex((q) => q.path === p.path) === i);
  return problems.length ? { problems } : { spec: doc as unknown as JobSpec };
}

/** What the schema cannot say. The document may be off-schema: only the parts of the right shape are looked at. */
function semanticProblems(doc: Doc): Problem[] {
  const found: Problem[] = [];
  const inputs = (Array.isArray(doc.inputs) ? doc.inputs : []).map((input) => (isDoc(input) ? input : {}));
  const named = new Map<string, Doc>();
  inputs.forEach((input, i) => {
    if (typeof input.name !== "string") return;
    if (named.has(input.name)) {
      found.push({ path: `spec.inputs[${i}].name`, message: `${JSON.stringify(input.name)} is already the name of an earlier input; give each input its own name.` });
    } else named.set(input.name, input);
  });
  // A reference that is not a valid name is the schema's to refuse (or, when an input has that name, the input's).
  const textInput = (name: unknown, path: string) => {
    if (typeof name !== "string" || !NAME.test(name)) return;
    const input = named.get(name);
    const names = [...named.keys()].join(", ");
    if (!input) found.push({ path, message: `No input is named ${JSON.stringify(name)}; ${names ? `the inputs are: ${names}` : "add an input with inline text"}.` });
    else if (!("text" in input)) found.push({ path, message: `The input ${JSON.stringify(name)} has no inline text; name an input with text.` });
  };
  const ids = new Set<string>();
  (Array.isArray(doc.acceptance) ? doc.acceptance : []).forEach((rule: unknown, i) => {
    if (!isDoc(rule)) return;
    const at = `spec.acceptance[${i}]`;
    if (typeof rule.id === "string") {
      if (ids.has(rule.id)) found.push({ path: `${at}.id`, message: `${JSON.stringify(rule.id)} is already the id of an earlier rule; give each rule its own id.` });
      ids.add(rule.id);
    }
    if (typeof rule.regex === "string") {
      const flags = typeof rule.flags === "string" ? rule.flags : undefined;
      if (flags !== undefined && new Set(flags).size !== flags.length) {
        found.push({ path: `${at}.flags`, message: `The flags ${JSON.stringify(flags)} repeat a flag; give each flag once.` });
      } else if (flags === undefined || /^[imsu]*$/.test(flags)) {
        const problem = regexProblem(rule.regex, flags);
        if (problem) found.push({ path: `${at}.regex`, message: problem });
      }
    }
    textInput(rule.sameLinesAs, `${at}.sameLinesAs`);
    const lines = isDoc(rule.lines) ? rule.lines : {};
    if (typeof lines.min === "number" && typeof lines.max === "number" && lines.min > lines.max) {
      found.push({ path: `${at}.lines`, message: `The minimum, ${lines.min}, is above the maximum, ${lines.max}.` });
    }
    if (isDoc(rule.jsonSchema)) {
      const problem = jsonSchemaProblem(rule.jsonSchema);
      if (problem) found.push({ path: `${at}.jsonSchema`, message: problem });
    }
  });
  if (isDoc(doc.transform)) textInput(doc.transform.input, "spec.transform.input");
  return found;
}

function regexProblem(pattern: string, flags?: string): string | undefined {
  const error = regexError(pattern, flags);
  if (!error) return undefined;
  return `The pattern does not compile${flags ? ` with the flags ${JSON.stringify(flags)}` : ""}: ${error}.`;
}

function jsonSchemaProblem(jsonSchema: Doc): string | undefined {
  try {
    if (metaAjv().validateSchema(jsonSchema) as boolean) return undefined;
  } catch (error) {
    return `This is not a JSON Schema (${(error as Error).message}).`;
  }
  return `This is not a valid JSON Schema (${metaAjv().errorsText(metaAjv().errors?.slice(0, 1), { dataVar: "schema" })}).`;
}

// ---------------------------------------------------------------------------------------------------------------
// Ajv's errors, as sentences about fields

/** "/acceptance/0/regex" → "spec.acceptance[0].regex". */
export function fieldOf(pointer: string, root = "spec"): string {
  if (pointer === "") return root;
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((field, part) => {
      if (/^(0|[1-9]\d*)$/.test(part)) return `${field}[${part}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(part)) return `${field}.${part}`;
      return `${field}[${JSON.stringify(part)}]`;
    }, root);
}

/** What to say of a field that is missing, empty or blank, by its key. */
const MISSING: Record<string, string> = {
  version: 'Add "version": 1 to the spec.',
  title: "Give the job a title.",
  category: 'Give the job a category, e.g. "code" or "text.transform".',
  task: "Describe the task: what the supplier is to do.",
  id: "Give the rule an id.",
  description: "Describe what the rule checks.",
  name: "Give the input a name.",
  mediaType: "Give a media type such as text/plain.",
  via: 'Add "via": "uri".',
  op: `Choose an operation: ${TRANSFORM_OPS.join(", ")}.`,
  input: "Name the input to transform (one with inline text).",
  sameLinesAs: "Name the input whose lines the output must have.",
  command: "Give the command to run.",
  transform: `A ${TRANSFORM_CATEGORY} job needs a transform: an operation and the input it applies to.`,
  inputs: `A ${TRANSFORM_CATEGORY} job needs an input with inline text.`,
};

function missing(key: string): string {
  return MISSING[key] ?? `Add ${key}.`;
}

const PATTERN_WORDS: Record<string, string> = {
  "^[a-z0-9][a-z0-9._-]{0,63}$": 'Write the category as 1–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "text.transform")',
  "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$": 'Use 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  "^[imsu]{0,4}$": "Use only the flags i, m, s and u",
  "^[A-Za-z][A-Za-z0-9+.-]*:\\S+$": "Give a URI such as https://… or ipfs://… (scheme:rest, no spaces)",
};
const TYPE_WORDS: Record<string, string> = {
  string: "a string",
  integer: "a whole number",
  number: "a number",
  object: "an object",
  array: "an array",
  boolean: "true or false",
};

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function nounOf(pointer: string): string {
  if (pointer === "") return "a job spec";
  if (/^\/acceptance\/\d+$/.test(pointer)) return "an acceptance rule";
  if (/^\/inputs\/\d+$/.test(pointer)) return "an input";
  if (/^\/acceptance\/\d+\/lines$/.test(pointer)) return "lines";
  return pointer.slice(pointer.lastIndexOf("/") + 1);
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The key a pointer ends with ("/acceptance/0/id" → "id"). */
const lastKey = (pointer: string) => pointer.slice(pointer.lastIndexOf("/") + 1);

function nearestKey(error: ErrorObject): { key: string; known: string[]; near?: string } {
  const key = String((error.params as { additionalProperty: unknown }).additionalProperty);
  const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  const best = known.map((k) => ({ k, d: editDistance(key, k) })).sort((a, b) => a.d - b.d)[0];
  return { key, known, near: best && best.d <= Math.max(2, Math.floor(key.length / 3)) ? best.k : undefined };
}

/** Ajv's errors (allErrors), one problem per real problem. */
function explain(errors: readonly ErrorObject[], doc: Doc): Problem[] {
  // `if` only says its then/else failed (their own errors come too); a oneOf branch's errors only say why that branch
  // did not match (the oneOf error itself is explained from the data).
  const useful = errors.filter((e) => e.keyword !== "if" && !/\/oneOf\/\d+\//.test(e.schemaPath));
  // An unknown key is most often a typo: its "did you mean" also explains a missing key or check beside it.
  const typos = useful.filter((e) => e.keyword === "additionalProperties").map((e) => ({ at: e.instancePath, near: nearestKey(e).near }));
  const alternatives: readonly string[] = [...RULE_KINDS, "text", "uri"];
  const inputNames = new Set((Array.isArray(doc.inputs) ? doc.inputs : []).map((input: unknown) => (isDoc(input) ? input.name : undefined)));
  const explained = (e: ErrorObject) => {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === "required") {
      if (typos.some((t) => t.at === e.instancePath && t.near === params.missingProperty)) return true;
      // A transform naming an input when there is none: the transform's own problem says so.
      return e.schemaPath === "#/then/required" && params.missingProperty === "inputs" && "transform" in doc;
    }
    if (e.keyword === "oneOf") return typos.some((t) => t.at === e.instancePath && t.near !== undefined && alternatives.includes(t.near));
    // A reference to an input whose own name is refused: the input's problem says it.
    return e.keyword === "pattern" && /\/(sameLinesAs|transform\/input)$/.test(e.instancePath) && inputNames.has(e.data);
  };
  return useful.filter((e) => !explained(e)).map(explainOne);
}

function explainOne(error: ErrorObject): Problem {
  const at = error.instancePath;
  const path = fieldOf(at);
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  const say = (message: string, where = path) => ({ path: where, message });
  if (["minLength", "pattern", "enum"].includes(error.keyword) && blank(data)) return say(missing(lastKey(at)));
  switch (error.keyword) {
    case "required": {
      const key = String(params.missingProperty);
      return say(missing(key), fieldOf(`${at}/${key}`));
    }
    case "additionalProperties": {
      const { key, known, near } = nearestKey(error);
      const hint = near ? ` (did you mean ${JSON.stringify(near)}?)` : "";
      const extensions = at.endsWith("/lines") ? "" : '; extensions go under keys starting with "x-"';
      return say(`${JSON.stringify(key)} is not a field of ${nounOf(at)}${hint}; known: ${known.join(", ")}${extensions}.`, fieldOf(`${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`));
    }
    case "oneOf": {
      if (/^\/acceptance\/\d+$/.test(at)) {
        const present = RULE_KINDS.filter((k) => isDoc(data) && k in data);
        return present.length === 0
          ? say(`The rule has no check; give it exactly one of ${RULE_KINDS.join(", ")}.`)
          : say(`The rule has ${present.length} checks (${present.join(", ")}); a rule has exactly one: split it into ${present.length} rules.`);
      }
      if (/^\/inputs\/\d+$/.test(at)) {
        const both = isDoc(data) && "text" in data && "uri" in data;
        return say(`The input has ${both ? "both text and a URI" : "neither text nor a URI"}; give it exactly one of them.`);
      }
      return say("This must match exactly one of its alternatives.");
    }
    case "not":
      if (error.schemaPath === "#/else/not") return say(`Only ${TRANSFORM_CATEGORY} jobs take a transform; drop it or change the category.`, "spec.transform");
      return say("This is not allowed here.");
    case "type":
      return say(`This must be ${TYPE_WORDS[String(params.type)] ?? params.type}, not ${shown(data)}.`);
    case "const":
      return say(`This must be ${JSON.stringify(params.allowedValue)}, not ${shown(data)}.`);
    case "enum":
      return say(`Choose one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(", ")}; ${shown(data)} is not one.`);
    case "pattern": {
      if (/(^\/deliverable|^\/inputs\/\d+)\/mediaType$/.test(at)) return say(`Give a media type such as text/plain; ${shown(data)} is not one.`);
      const pattern = String(params.pattern);
      return say(`${PATTERN_WORDS[pattern] ?? `Match the pattern ${pattern}`}; ${shown(data)} is not.`);
    }
    case "format":
      return say((params.format === "regex" && regexProblem(String(data))) || `This is not a valid ${params.format}.`);
    case "minLength":
      return say(params.limit === 1 ? "This must not be empty." : `Give at least ${params.limit} characters.`);
    case "maxLength":
      return say(`This is ${[...String(data)].length} characters; at most ${params.limit}.`);
    case "minItems":
      return say(params.limit === 1 ? "Give at least one string." : `Give at least ${params.limit} items.`);
    case "minimum":
      return say(`This must be at least ${params.limit}, not ${shown(data)}.`);
    case "minProperties":
      return say(at.endsWith("/lines") ? "Give a minimum, a maximum or both." : `Give at least ${params.limit} fields.`);
    case "dependentRequired":
      return say(`${params.property} goes with ${params.missingProperty}: add a ${params.missingProperty} check or drop the ${params.property}.`, fieldOf(`${at}/${params.property}`));
    default:
      return say(`${error.message ?? "This is invalid"}.`);
  }
}
