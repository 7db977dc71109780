// The job spec: its published JSON Schema (job-spec.schema.json, draft 2020-12), its TypeScript type, and the check
// that turns posted text into a typed spec or names the first bad field (`spec.<json path>`) in a sentence.
// This module imports nothing from the SDK's other modules: validate.ts builds its TenderInputError on top of it.
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
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

/** A refused spec: the field (`spec`, `spec.acceptance[0].regex`, …) and why. */
export interface SpecProblem {
  field: string;
  message: string;
}

/** What parseSpec throws. (The SDK's checkSpec throws the same problem as a TenderInputError.) */
export class SpecError extends Error {
  override name = "SpecError";
  readonly field: string;

  constructor(problem: SpecProblem) {
    super(`${problem.field}: ${problem.message}`);
    this.field = problem.field;
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

const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
ajv.addFormat("regex", { type: "string", validate: compiles });
const validateSchema = ajv.compile(schema);

/** Checks buyers' `jsonSchema` rules against the draft 2020-12 meta-schema (without compiling them). */
const metaAjv = new Ajv2020({ strict: false, logger: false, validateFormats: false });

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
 * The first problem with a posted spec, or undefined when it is a valid version 1 spec of `category` (when given):
 * at most 8 KiB of UTF-8, a JSON object, version 1, nonempty title and task, the job's category, then the schema,
 * then what the schema cannot say (unique names and ids, regexes that compile with their flags, references to inputs,
 * valid embedded JSON Schemas).
 */
export function specProblem(text: string, category?: string): SpecProblem | undefined {
  const result = examine(text, category);
  return "problem" in result ? result.problem : undefined;
}

/** The typed spec, or a SpecError naming the first bad field. `category`: the job's, when known. */
export function parseSpec(text: string, category?: string): JobSpec {
  const result = examine(text, category);
  if ("problem" in result) throw new SpecError(result.problem);
  return result.spec;
}

function examine(text: string, category: string | undefined): { spec: JobSpec } | { problem: SpecProblem } {
  const problem = (field: string, message: string) => ({ problem: { field, message } });
  const bytes = new TextEncoder().encode(text).length; // not Buffer: the web app checks specs in the browser
  if (bytes === 0) return problem("spec", "is empty");
  if (bytes > MAX_SPEC_BYTES) return problem("spec", `is ${bytes} bytes; at most ${MAX_SPEC_BYTES}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return problem("spec", `is not JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return problem("spec", "must be a JSON object");
  const doc = parsed as Record<string, unknown>;
  if (doc.version !== 1) return problem("spec.version", "must be 1");
  for (const key of ["title", "task"] as const) {
    if (typeof doc[key] !== "string" || (doc[key] as string).trim() === "") return problem(`spec.${key}`, "must be a nonempty string");
  }
  if (category !== undefined && doc.category !== category) {
    return problem("spec.category", `is ${JSON.stringify(doc.category)}, not the job's category ${JSON.stringify(category)}`);
  }
  if (!validateSchema(doc)) return { problem: explain(validateSchema.errors ?? []) };
  const spec = doc as unknown as JobSpec;
  const semantic = semanticProblem(spec);
  return semantic ? { problem: semantic } : { spec };
}

function semanticProblem(spec: JobSpec): SpecProblem | undefined {
  const inputs = spec.inputs ?? [];
  const firstInput = new Map<string, number>();
  for (const [i, input] of inputs.entries()) {
    const seen = firstInput.get(input.name);
    if (seen !== undefined) return { field: `spec.inputs[${i}].name`, message: `${JSON.stringify(input.name)} is already the name of inputs[${seen}]; input names are unique` };
    firstInput.set(input.name, i);
  }
  const textInput = (name: string) => {
    const i = firstInput.get(name);
    if (i === undefined) return `names no input (inputs: ${inputs.map((x) => x.name).join(", ") || "none"})`;
    return "text" in inputs[i]! ? undefined : `names input ${JSON.stringify(name)}, which has no inline text`;
  };
  const firstRule = new Map<string, number>();
  for (const [i, rule] of (spec.acceptance ?? []).entries()) {
    const at = `spec.acceptance[${i}]`;
    const seen = firstRule.get(rule.id);
    if (seen !== undefined) return { field: `${at}.id`, message: `${JSON.stringify(rule.id)} is already the id of acceptance[${seen}]; rule ids are unique` };
    firstRule.set(rule.id, i);
    if ("regex" in rule) {
      if (rule.flags !== undefined && new Set(rule.flags).size !== rule.flags.length) {
        return { field: `${at}.flags`, message: `${JSON.stringify(rule.flags)} repeats a flag` };
      }
      const error = regexError(rule.regex, rule.flags);
      if (error) return { field: `${at}.regex`, message: `does not compile with flags ${JSON.stringify(rule.flags ?? "")}: ${error}` };
    }
    if ("sameLinesAs" in rule) {
      const error = textInput(rule.sameLinesAs);
      if (error) return { field: `${at}.sameLinesAs`, message: error };
    }
    if ("lines" in rule && rule.lines.min !== undefined && rule.lines.max !== undefined && rule.lines.min > rule.lines.max) {
      return { field: `${at}.lines`, message: `min ${rule.lines.min} is above max ${rule.lines.max}` };
    }
    if ("jsonSchema" in rule) {
      let valid: boolean;
      try {
        valid = metaAjv.validateSchema(rule.jsonSchema) as boolean;
      } catch (error) {
        return { field: `${at}.jsonSchema`, message: `is not a JSON Schema (${(error as Error).message})` };
      }
      if (!valid) return { field: `${at}.jsonSchema`, message: `is not a valid JSON Schema (${metaAjv.errorsText(metaAjv.errors?.slice(0, 1), { dataVar: "schema" })})` };
    }
  }
  if (spec.transform) {
    const error = textInput(spec.transform.input);
    if (error) return { field: "spec.transform.input", message: error };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Ajv's errors, as one sentence about one field

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

const PATTERN_WORDS: Record<string, string> = {
  "^[a-z0-9][a-z0-9._-]{0,63}$": 'is not a category name: 1–64 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "text.transform")',
  "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$": 'must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  "\\S": "must not be blank",
  "^[imsu]{0,4}$": "may only hold the flags i, m, s and u",
  "^[A-Za-z][A-Za-z0-9+.-]*:\\S+$": "is not a URI (scheme:rest, no spaces)",
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

function explain(errors: readonly ErrorObject[]): SpecProblem {
  // `if` only says its then/else failed (their own errors come too); a oneOf branch's errors only say why that branch
  // did not match (the oneOf error itself is explained from the data).
  // An unknown key comes first: it is most often a typo, which also explains a "required" error next to it.
  const useful = errors.filter((e) => e.keyword !== "if" && !/\/oneOf\/\d+\//.test(e.schemaPath));
  const error = useful.find((e) => e.keyword === "additionalProperties") ?? useful[0] ?? errors[0];
  if (!error) return { field: "spec", message: "does not match the job spec schema" };
  return explainOne(error);
}

function explainOne(error: ErrorObject): SpecProblem {
  const path = error.instancePath;
  const field = fieldOf(path);
  const params = error.params as Record<string, unknown>;
  const data = error.data;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      const why = error.schemaPath === "#/then/required" ? ` in category ${TRANSFORM_CATEGORY}` : "";
      return { field: fieldOf(`${path}/${missing}`), message: `is required${why}` };
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = known.map((k) => ({ k, d: editDistance(key, k) })).sort((a, b) => a.d - b.d)[0];
      const hint = near && near.d <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean ${JSON.stringify(near.k)}?)` : "";
      return {
        field: fieldOf(`${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`),
        message: `is not a field of ${nounOf(path)}${hint}; known: ${known.join(", ")}${path.endsWith("/lines") ? "" : '; extensions go under keys starting with "x-"'}`,
      };
    }
    case "oneOf": {
      if (/^\/acceptance\/\d+$/.test(path)) {
        const present = RULE_KINDS.filter((k) => typeof data === "object" && data !== null && k in data);
        return present.length === 0
          ? { field, message: `has no check; a rule has exactly one of ${RULE_KINDS.join(", ")}` }
          : { field, message: `has ${present.length} checks (${present.join(", ")}); a rule has exactly one: split it into ${present.length} rules` };
      }
      if (/^\/inputs\/\d+$/.test(path)) {
        const both = typeof data === "object" && data !== null && "text" in data && "uri" in data;
        return { field, message: `${both ? "has both text and uri" : "has neither text nor uri"}; an input has exactly one of them` };
      }
      return { field, message: "must match exactly one of its alternatives" };
    }
    case "not":
      if (error.schemaPath === "#/else/not") return { field: "spec.transform", message: `is only for category ${TRANSFORM_CATEGORY}` };
      return { field, message: "is not allowed here" };
    case "type":
      return { field, message: `must be ${TYPE_WORDS[String(params.type)] ?? params.type}, not ${shown(data)}` };
    case "const":
      return { field, message: `must be ${JSON.stringify(params.allowedValue)}, not ${shown(data)}` };
    case "enum":
      return { field, message: `is ${shown(data)}; must be one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(", ")}` };
    case "pattern": {
      const pattern = String(params.pattern);
      if (path === "/deliverable/mediaType" || /^\/inputs\/\d+\/mediaType$/.test(path)) {
        return { field, message: `is ${shown(data)}, not a media type such as text/plain` };
      }
      return { field, message: `${PATTERN_WORDS[pattern] ?? `must match ${pattern}`}; got ${shown(data)}` };
    }
    case "format":
      if (params.format === "regex") {
        return { field, message: `is not a valid regular expression: ${regexError(String(data)) ?? "it does not compile"}` };
      }
      return { field, message: `is not a valid ${params.format}` };
    case "minLength":
      return { field, message: params.limit === 1 ? "must not be empty" : `must be at least ${params.limit} characters` };
    case "maxLength":
      return { field, message: `is ${[...String(data)].length} characters; at most ${params.limit}` };
    case "minItems":
      return { field, message: params.limit === 1 ? "must not be empty" : `must have at least ${params.limit} items` };
    case "minimum":
      return { field, message: `is ${shown(data)}; must be at least ${params.limit}` };
    case "minProperties":
      return { field, message: path.endsWith("/lines") ? "needs min, max or both" : `must have at least ${params.limit} fields` };
    case "dependentRequired":
      return { field: fieldOf(`${path}/${params.property}`), message: `goes with ${params.missingProperty}: add a ${params.missingProperty} check or drop it` };
    default:
      return { field, message: error.message ?? "is invalid" };
  }
}
