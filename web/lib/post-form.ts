// The "Post a job" form as data: what a person types (text, rows, token units, percentages, stars, "2 d") → the
// SDK's RFQParams or DirectHireParams and the spec JSON, with every problem keyed by the form field it belongs to and
// written as a sentence. Pure: no React, no I/O; the form component and the tests share it.
//
// The rules are the SDK's own (checkAddress, checkAmount, checkBps, checkWindow, the spec's specProblem, then
// checkRFQ / checkDirectHire on the whole): this module only reads the form's units and words the SDK's refusals
// for the field a person sees. A refusal in units the person did not type (bps, seconds) is reworded in theirs.
import type { Address, Hash, TransactionReceipt } from "viem";
import { parseEventLogs } from "viem";
import { type DirectHireParams, ETH, checkDirectHire, specHash } from "@tender/sdk/escrow";
import { tenderEscrowAbi } from "@tender/sdk/generated";
import { AwardMode, Comparison, type Floors, type MetricFloor, type RFQParams, bondFor, checkRFQ } from "@tender/sdk/market";
import { METRICS, metricId } from "@tender/sdk/registry";
import { type JobSpec, RULE_KINDS, type RuleKind, type SpecProblem, TRANSFORM_CATEGORY, TRANSFORM_OPS, type TransformOp, specProblem } from "@tender/sdk/spec";
import { DEFAULT_WINDOW_BOUNDS, TenderInputError, checkAddress, checkAmount, checkBps, checkWindow } from "@tender/sdk/validate";
import { type TokenInfo, formatDuration, parseAmount } from "./format.ts";

// What the form's controls offer, from the SDK.
export { AwardMode, Comparison, ETH, METRICS, RULE_KINDS, TRANSFORM_CATEGORY, TRANSFORM_OPS };
export type { RuleKind, TransformOp };

// ---------------------------------------------------------------------------------------------------------------
// The form's state: strings as typed, rows as lists

export type JobKind = "rfq" | "direct";
export type AwardChoice = "lowest" | "choice";

export const DURATION_UNITS = [
  { value: "min", label: "minutes", seconds: 60 },
  { value: "h", label: "hours", seconds: 3_600 },
  { value: "d", label: "days", seconds: 86_400 },
] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number]["value"];
export interface DurationInput {
  amount: string;
  unit: DurationUnit;
}

export interface InputRow {
  name: string;
  /** Inline text, or a URI to fetch it from. */
  source: "text" | "uri";
  value: string;
  /** Optional, e.g. text/csv. */
  mediaType: string;
}

export interface RuleRow {
  id: string;
  description: string;
  kind: RuleKind;
  /** The check's argument: a pattern, a text, strings one per line, a number, an input's name, a JSON Schema or a
   * command (unused by sortedLines, uniqueLines and json). */
  value: string;
  /** regex only. */
  flags: string;
  /** lines only. */
  min: string;
  max: string;
}

export interface MetricRow {
  attestor: string;
  /** The metric's name, e.g. benchmark.swe-bench; the escrow compares keccak256 of it, as the CLI does. */
  metric: string;
  comparison: "atLeast" | "atMost";
  threshold: string;
}

export interface PostForm {
  kind: JobKind;
  mode: AwardChoice;
  // the spec
  title: string;
  category: string;
  task: string;
  notes: string;
  inputs: InputRow[];
  rules: RuleRow[];
  /** Empty: the spec names no deliverable. */
  deliverableMediaType: string;
  /** Category text.transform only. */
  transformOp: TransformOp | "";
  transformInput: string;
  // money
  token: string;
  /** RFQ: the most the buyer pays, in token units. */
  maxPrice: string;
  /** Direct hire: whom, and for how much. */
  supplier: string;
  price: string;
  // time
  bidWindow: DurationInput;
  awardWindow: DurationInput;
  deliveryWindow: DurationInput;
  reviewWindow: DurationInput;
  // disputes
  arbitrator: string;
  /** Percent of the price the buyer gets back if the arbitrator never rules (0–50). */
  defaultBuyerShare: string;
  // who may bid (RFQ)
  minCompleted: string;
  /** Token units; empty: no floor. */
  minVolume: string;
  /** Percent; 100: no limit. */
  maxLossShare: string;
  /** Stars, 0–5 with up to two decimals; empty: no floor. */
  minRating: string;
  minRatings: string;
  /** Percent of the maximum price each bidder posts. */
  bond: string;
  metrics: MetricRow[];
}

export const MAX_METRIC_FLOORS = 8;

export function emptyForm(token: Address = ETH): PostForm {
  const day: DurationInput = { amount: "1", unit: "d" };
  return {
    kind: "rfq",
    mode: "lowest",
    title: "",
    category: "",
    task: "",
    notes: "",
    inputs: [],
    rules: [],
    deliverableMediaType: "text/plain",
    transformOp: "",
    transformInput: "",
    token,
    maxPrice: "",
    supplier: "",
    price: "",
    bidWindow: { ...day },
    awardWindow: { ...day },
    deliveryWindow: { ...day },
    reviewWindow: { ...day },
    arbitrator: "",
    defaultBuyerShare: "0",
    minCompleted: "0",
    minVolume: "",
    maxLossShare: "100",
    minRating: "",
    minRatings: "0",
    bond: "0",
    metrics: [],
  };
}

export const emptyInput = (): InputRow => ({ name: "", source: "text", value: "", mediaType: "" });

/** A new rule row; its id defaults to the first free "rule-N". */
export function emptyRule(existing: readonly RuleRow[]): RuleRow {
  let n = existing.length + 1;
  while (existing.some((r) => r.id === `rule-${n}`)) n++;
  return { id: `rule-${n}`, description: "", kind: "regex", value: "", flags: "", min: "", max: "" };
}

export const emptyMetric = (): MetricRow => ({ attestor: "", metric: "", comparison: "atLeast", threshold: "" });

/** What a rule kind's value is called, for its label and its errors ("" when the kind takes none). */
export function ruleValueNoun(kind: RuleKind): string {
  switch (kind) {
    case "regex":
      return "pattern";
    case "exact":
      return "exact text";
    case "contains":
    case "notContains":
      return "strings (one per line)";
    case "maxChars":
    case "minChars":
      return "number of characters";
    case "sameLinesAs":
      return "input name";
    case "jsonSchema":
      return "JSON Schema";
    case "command":
      return "command";
    default:
      return "";
  }
}

/** How each rule kind reads in the form's select. */
export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  regex: "matches a regular expression",
  exact: "is exactly a text",
  contains: "contains each of some strings",
  notContains: "contains none of some strings",
  maxChars: "has at most N characters",
  minChars: "has at least N characters",
  lines: "has a number of lines",
  sortedLines: "has its lines sorted",
  sameLinesAs: "has the same lines as an input",
  uniqueLines: "repeats no line",
  json: "is JSON",
  jsonSchema: "is JSON valid against a schema",
  command: "passes a command (checked by a person)",
};

export function durationSeconds(value: DurationInput): number | undefined {
  if (!/^\d{1,6}$/.test(value.amount.trim())) return undefined;
  const unit = DURATION_UNITS.find((u) => u.value === value.unit);
  return unit ? Number(value.amount.trim()) * unit.seconds : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors: keyed by form field ("title", "inputs.0.name", "rules.2.value", "maxPrice", "metrics.1.attestor", …)

export type FieldErrors = Record<string, string>;

/** The words a field's errors start with. */
export function fieldLabel(key: string, form?: Pick<PostForm, "rules" | "inputs">): string {
  const row = /^(inputs|rules|metrics)\.(\d+)\.(\w+)$/.exec(key);
  if (row) {
    const [, list, index, part] = row;
    const n = Number(index) + 1;
    if (list === "inputs") {
      const source = form?.inputs[Number(index)]?.source;
      const parts: Record<string, string> = { name: "name", value: source === "uri" ? "URI" : "text", mediaType: "media type" };
      return `Input ${n}'s ${parts[part!] ?? part}`;
    }
    if (list === "rules") {
      const kind = form?.rules[Number(index)]?.kind;
      const parts: Record<string, string> = { id: "id", description: "description", flags: "flags", min: "minimum", max: "maximum", value: (kind && ruleValueNoun(kind)) || "check" };
      return `Rule ${n}'s ${parts[part!] ?? part}`;
    }
    const parts: Record<string, string> = { attestor: "attestor", metric: "metric name", threshold: "threshold", comparison: "comparison" };
    return `Metric floor ${n}'s ${parts[part!] ?? part}`;
  }
  return LABELS[key] ?? key;
}

const LABELS: Record<string, string> = {
  kind: "The kind of job",
  mode: "The award mode",
  title: "The title",
  category: "The category",
  task: "The task",
  notes: "The notes",
  inputs: "The inputs",
  rules: "The acceptance rules",
  deliverableMediaType: "The deliverable's media type",
  transformOp: "The transform operation",
  transformInput: "The transform's input",
  spec: "The spec",
  token: "The token",
  maxPrice: "The maximum price",
  supplier: "The supplier",
  price: "The price",
  bidWindow: "The bid window",
  awardWindow: "The award window",
  deliveryWindow: "The delivery window",
  reviewWindow: "The review window",
  arbitrator: "The arbitrator",
  defaultBuyerShare: "Your share if the arbitrator never rules",
  minCompleted: "The minimum of completed jobs",
  minVolume: "The minimum volume",
  maxLossShare: "The largest share of disputes lost",
  minRating: "The minimum average rating",
  minRatings: "The minimum number of ratings",
  bond: "The bond",
  metrics: "The metric floors",
};

const PREDICATE = /^(must|is|are|has|have|goes|names|needs|may|does|at most)\b/;

/** "The title" + "must be a nonempty string" → "The title must be a nonempty string."; other messages follow a
 * colon. */
export function sentence(label: string, message: string): string {
  const text = PREDICATE.test(message) ? `${label} ${message}` : `${label}: ${message}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Runs one SDK check: the field it refused and why (its TenderInputError's message without the field's name), or
 * undefined when it passes. */
function refusalOf(check: () => void): { field: string; message: string } | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof TenderInputError) return { field: error.field, message: error.message.slice(error.field.length + 2) };
    throw error;
  }
}

const refusal = (check: () => void): string | undefined => refusalOf(check)?.message;

const WINDOW_RANGE = `${formatDuration(DEFAULT_WINDOW_BOUNDS.min)} to ${formatDuration(DEFAULT_WINDOW_BOUNDS.max)}`;

// ---------------------------------------------------------------------------------------------------------------
// The spec

/** The form key of a spec problem's field ("spec.acceptance[2].regex" → "rules.2.value"). */
export function specFieldKey(field: string): string {
  const input = /^spec\.inputs\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (input) return `inputs.${input[1]}.${input[2] === "name" || input[2] === "mediaType" ? input[2] : "value"}`;
  const rule = /^spec\.acceptance\[(\d+)\](?:\.(\w+))?(?:\.(min|max))?/.exec(field);
  if (rule) {
    const part = rule[2];
    if (part === "id" || part === "description" || part === "flags") return `rules.${rule[1]}.${part}`;
    if (part === "lines") return `rules.${rule[1]}.${rule[3] ?? "min"}`;
    return `rules.${rule[1]}.value`;
  }
  if (field === "spec.inputs") return "inputs";
  if (field === "spec.acceptance") return "rules";
  if (field.startsWith("spec.deliverable")) return "deliverableMediaType";
  if (field === "spec.transform.op") return "transformOp";
  if (field.startsWith("spec.transform")) return "transformInput";
  const top = /^spec\.(title|category|task|notes)$/.exec(field);
  return top ? top[1]! : "spec";
}

type Json = Record<string, unknown>;

function inputOf(row: InputRow): Json {
  const input: Json = { name: row.name.trim() };
  // Inline text is kept as typed (a sort job's trailing newline matters); a URI has no spaces around it.
  if (row.source === "text") input.text = row.value;
  else input.uri = row.value.trim();
  if (row.mediaType.trim()) input.mediaType = row.mediaType.trim();
  return input;
}

const WHOLE = /^\d{1,15}$/;

/** A rule row as a spec rule; what cannot be read (a number, JSON) is an error at its field. */
function ruleOf(row: RuleRow, key: string, errors: FieldErrors, form: PostForm): Json {
  const rule: Json = { id: row.id.trim(), description: row.description.trim() };
  const value = row.value;
  const whole = (text: string, field: string): number | undefined => {
    if (text.trim() === "") return undefined;
    if (WHOLE.test(text.trim())) return Number(text.trim());
    errors[`${key}.${field}`] = sentence(fieldLabel(`${key}.${field}`, form), `write a whole number, not ${JSON.stringify(text)}`);
    return 0;
  };
  switch (row.kind) {
    case "regex":
      rule.regex = value;
      if (row.flags.trim()) rule.flags = row.flags.trim();
      break;
    case "exact":
      rule.exact = value;
      break;
    case "contains":
    case "notContains":
      rule[row.kind] = value.split(/\r?\n/).filter((line) => line !== "");
      break;
    case "maxChars":
    case "minChars":
      if (value.trim() === "") errors[`${key}.value`] = sentence(fieldLabel(`${key}.value`, form), "must be given");
      rule[row.kind] = whole(value, "value") ?? 0;
      break;
    case "lines": {
      const lines: Json = {};
      const min = whole(row.min, "min");
      const max = whole(row.max, "max");
      if (min !== undefined) lines.min = min;
      if (max !== undefined) lines.max = max;
      rule.lines = lines;
      break;
    }
    case "sortedLines":
    case "uniqueLines":
    case "json":
      rule[row.kind] = true;
      break;
    case "sameLinesAs":
      rule.sameLinesAs = value.trim();
      break;
    case "jsonSchema":
      try {
        rule.jsonSchema = JSON.parse(value);
      } catch (error) {
        errors[`${key}.value`] = sentence(fieldLabel(`${key}.value`, form), `is not JSON (${(error as Error).message})`);
        rule.jsonSchema = {};
      }
      break;
    case "command":
      rule.command = value.trim();
      break;
  }
  return rule;
}

// Every part of the spec is checked by the SDK on its own, inside a minimal valid spec, so that all of the form's
// problems show at once (the SDK names only the first problem of a document); the whole spec is checked last.
const SHELL = { version: 1, title: "t", category: "c", task: "t" } as const;

function problemOf(doc: Json): SpecProblem | undefined {
  return specProblem(JSON.stringify(doc));
}

/** Moves a problem found in a one-element list ("spec.inputs[0].name") to the row it came from. */
const reindexed = (field: string, list: string, index: number) => field.replace(`spec.${list}[0]`, `spec.${list}[${index}]`);

export interface BuiltSpec {
  spec: JobSpec;
  /** What is posted: compact JSON. */
  text: string;
  errors: FieldErrors;
}

/** The spec the form describes, and every problem the SDK finds in it, at the form's fields. */
export function buildSpec(form: PostForm): BuiltSpec {
  const errors: FieldErrors = {};
  const add = (key: string, message: string) => {
    if (!errors[key]) errors[key] = sentence(fieldLabel(key, form), message);
  };
  const addProblem = (problem: SpecProblem | undefined) => {
    if (problem) add(specFieldKey(problem.field), problem.message);
  };
  const category = form.category.trim();
  const transform = category === TRANSFORM_CATEGORY;

  const head: Json = { version: 1, title: form.title.trim(), category, task: form.task.trim() };
  if (form.notes.trim()) head.notes = form.notes.trim();
  // Each of the head's fields alone (text.transform asks for more than a head, inputs and a transform: its own part
  // checks those).
  for (const key of ["title", "task", "notes", "category"] as const) {
    if (key in head && !(key === "category" && transform)) addProblem(problemOf({ ...SHELL, [key]: head[key] }));
  }

  const inputs = form.inputs.map(inputOf);
  const named = new Map<string, Json>();
  // Names refused on their own: a rule or the transform naming one is not wrong too (the input's error says it).
  const refusedNames = new Set<string>();
  inputs.forEach((input, i) => {
    const { name, ...rest } = input;
    // The name, then the rest beside a valid name.
    const nameProblem = problemOf({ ...SHELL, inputs: [{ name, text: "" }] });
    for (const problem of [nameProblem, problemOf({ ...SHELL, inputs: [{ name: "i", ...rest }] })]) {
      if (problem) addProblem({ ...problem, field: reindexed(problem.field, "inputs", i) });
    }
    // Rules and the transform may name any input whose name is valid, whatever else is wrong with it.
    const key = String(name);
    if (nameProblem) refusedNames.add(key);
    else if (!named.has(key)) named.set(key, "text" in input ? { name: key, text: "" } : { name: key, uri: "x:y" });
  });
  const refs = [...named.values()];

  const rules = form.rules.map((row, i) => ruleOf(row, `rules.${i}`, errors, form));
  rules.forEach((rule, i) => {
    const { id, description, ...check } = rule;
    // The id, the description, then the check beside a valid id and description.
    const parts = [{ id, description: "d", json: true }, { id: "r", description, json: true }, { id: "r", description: "d", ...check }];
    for (const part of parts) {
      const problem = problemOf({ ...SHELL, inputs: refs, acceptance: [part] });
      if (problem?.field.endsWith(".sameLinesAs") && refusedNames.has(String(rule.sameLinesAs))) continue;
      if (problem) addProblem({ ...problem, field: reindexed(problem.field, "acceptance", i) });
    }
  });

  const spec: Json = { ...head };
  if (inputs.length) spec.inputs = inputs;
  if (rules.length) spec.acceptance = rules;
  if (form.deliverableMediaType.trim()) {
    spec.deliverable = { mediaType: form.deliverableMediaType.trim(), via: "uri" };
    addProblem(problemOf({ ...SHELL, deliverable: spec.deliverable }));
  }
  if (transform) {
    if (form.transformOp === "") add("transformOp", `must be chosen for a ${TRANSFORM_CATEGORY} job`);
    if (form.transformInput.trim() === "") add("transformInput", `must name one of the inputs (with inline text) for a ${TRANSFORM_CATEGORY} job`);
    spec.transform = { op: form.transformOp, input: form.transformInput.trim() };
    if (form.transformOp !== "" && form.transformInput.trim() !== "" && !refusedNames.has(form.transformInput.trim())) {
      const problem = problemOf({ ...SHELL, category: TRANSFORM_CATEGORY, inputs: refs, transform: spec.transform });
      // Without any input, the schema says "inputs is required": that is the transform's input missing.
      if (problem) addProblem(problem.field === "spec.inputs" ? { field: "spec.transform.input", message: "names no input (add an input with inline text)" } : problem);
    }
  }

  const text = JSON.stringify(spec);
  // What only the whole can show: unique input names and rule ids, the 8 KiB limit.
  if (Object.keys(errors).length === 0) addProblem(specProblem(text, category));
  return { spec: spec as unknown as JobSpec, text, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// The whole form → the SDK's parameters

export interface PostContext {
  escrow: Address;
  /** The chain's time (Unix seconds): the bid deadline is counted from it, not from the browser's clock. */
  now: number;
  tokens: readonly TokenInfo[];
  /** The connected wallet: a direct hire must not name it as the supplier. */
  buyer?: Address;
}

export type PostPlan = {
  /** The spec as posted (compact JSON), as an object, and its keccak256 (what the escrow stores). */
  specText: string;
  spec: JobSpec;
  specHash: Hash;
  token: TokenInfo;
  /** What the post moves from the wallet into escrow: the maximum price of an RFQ, the price of a direct hire. */
  escrowed: bigint;
} & (
  | { kind: "rfq"; params: RFQParams; bond: bigint; /** floors.metrics' names, in order. */ metricNames: string[] }
  | { kind: "direct"; params: DirectHireParams }
);

export type Checked = { ok: true; plan: PostPlan } | { ok: false; errors: FieldErrors };

/** The SDK's field names → the form's. */
function sdkFieldKey(field: string): string {
  const metric = /^floors\.metrics\[(\d+)\]\.(\w+)$/.exec(field);
  if (metric) return `metrics.${metric[1]}.${metric[2]}`;
  if (field.startsWith("spec")) return specFieldKey(field);
  const keys: Record<string, string> = {
    "bidDeadline (from now)": "bidWindow",
    defaultBuyerShareBps: "defaultBuyerShare",
    "floors.bondBps": "bond",
    "floors.maxLossShareBps": "maxLossShare",
    "floors.minAvgRating": "minRating",
    "floors.metrics": "metrics",
  };
  return keys[field] ?? field;
}

/** Checks the whole form; the exact parameters of the SDK call when it is right, else every problem found. */
export function checkPostForm(form: PostForm, ctx: PostContext): Checked {
  const built = buildSpec(form);
  const errors: FieldErrors = { ...built.errors };
  const add = (key: string, message: string) => {
    if (!errors[key]) errors[key] = sentence(fieldLabel(key, form), message);
  };
  const rfq = form.kind === "rfq";
  const choice = rfq && form.mode === "choice";

  const token = ctx.tokens.find((t) => t.address.toLowerCase() === form.token.toLowerCase());
  if (!token) add("token", "must be one of the tokens offered");

  // Amounts are read in the token's units; without a token, only the token's error is shown.
  const amount = (key: "maxPrice" | "price" | "minVolume", sdkField: string, optional = false): bigint => {
    if (!token) return 0n;
    const units = token;
    const text = form[key];
    if (text.trim() === "") {
      if (!optional) add(key, `must be given, in ${units.symbol}`);
      return 0n;
    }
    const parsed = parseAmount(text, units);
    if (!parsed.ok) {
      add(key, parsed.error);
      return 0n;
    }
    if (!optional) {
      const refused = refusal(() => checkAmount(sdkField, parsed.value));
      if (refused) add(key, refused);
    }
    return parsed.value;
  };

  const window = (key: "bidWindow" | "awardWindow" | "deliveryWindow" | "reviewWindow", sdkField: string): number => {
    const seconds = durationSeconds(form[key]);
    if (seconds === undefined) {
      add(key, `must be a whole number of ${DURATION_UNITS.find((u) => u.value === form[key].unit)?.label ?? "minutes, hours or days"}`);
      return 0;
    }
    if (refusal(() => checkWindow(sdkField, seconds))) add(key, `must be from ${WINDOW_RANGE}; ${formatDuration(seconds)} is not`);
    return seconds;
  };

  const percent = (key: "defaultBuyerShare" | "bond" | "maxLossShare", sdkField: string, maxBps: number): number => {
    const text = form[key].trim();
    if (!/^\d{1,5}(\.\d{1,2})?$/.test(text)) {
      add(key, `must be a percentage such as 10 or 12.5, not ${JSON.stringify(form[key])}`);
      return 0;
    }
    const bps = Math.round(Number(text) * 100);
    if (refusal(() => checkBps(sdkField, bps, maxBps))) add(key, `must be from 0% to ${maxBps / 100}%`);
    return bps;
  };

  const address = (key: "arbitrator" | "supplier", missing: string): Address => {
    const text = form[key].trim();
    if (text === "") {
      add(key, missing);
      return ETH;
    }
    const refused = refusal(() => checkAddress(key, text));
    if (refused) add(key, refused);
    return text as Address;
  };

  const count = (key: "minCompleted" | "minRatings"): number => {
    const text = form[key].trim() || "0";
    if (!WHOLE.test(text) || Number(text) > 2 ** 32 - 1) {
      add(key, `must be a whole number from 0 to ${(2 ** 32 - 1).toLocaleString("en-US")}`);
      return 0;
    }
    return Number(text);
  };

  const arbitrator = address("arbitrator", "must be picked");
  const defaultBuyerShareBps = percent("defaultBuyerShare", "defaultBuyerShareBps", 5_000);
  const deliveryWindow = window("deliveryWindow", "deliveryWindow");
  const reviewWindow = window("reviewWindow", "reviewWindow");
  const category = form.category.trim();

  let plan: PostPlan | undefined;
  if (rfq) {
    const maxPrice = amount("maxPrice", "maxPrice");
    const bidWindow = window("bidWindow", "bidDeadline (from now)");
    const awardWindow = choice ? window("awardWindow", "awardWindow") : 0;
    const rating = form.minRating.trim();
    let minAvgRating = 0;
    if (rating !== "") {
      if (/^\d(\.\d{1,2})?$/.test(rating) && Number(rating) <= 5) minAvgRating = Math.round(Number(rating) * 100);
      else add("minRating", `must be from 0 to 5 stars, e.g. 4.5; not ${JSON.stringify(form.minRating)}`);
    }
    const metrics: MetricFloor[] = form.metrics.map((row, i) => {
      const key = `metrics.${i}`;
      const attestor = row.attestor.trim();
      if (attestor === "") add(`${key}.attestor`, "must be given: the address whose attestations count");
      else {
        const refused = refusal(() => checkAddress(`floors.metrics[${i}].attestor`, attestor));
        if (refused) add(`${key}.attestor`, refused);
      }
      const name = row.metric.trim();
      if (name === "") add(`${key}.metric`, "must be given, e.g. benchmark.swe-bench");
      const threshold = row.threshold.trim();
      const valid = /^\d{1,78}$/.test(threshold) && BigInt(threshold) < 2n ** 256n;
      if (!valid) add(`${key}.threshold`, `must be a whole number, not ${JSON.stringify(row.threshold)}`);
      return {
        attestor: attestor as Address,
        comparison: row.comparison === "atMost" ? Comparison.AtMost : Comparison.AtLeast,
        metric: metricId(name),
        threshold: valid ? BigInt(threshold) : 0n,
      };
    });
    if (metrics.length > MAX_METRIC_FLOORS) add("metrics", `are at most ${MAX_METRIC_FLOORS}`);
    const floors: Floors = {
      minCompleted: count("minCompleted"),
      minVolume: amount("minVolume", "floors.minVolume", true),
      maxLossShareBps: percent("maxLossShare", "floors.maxLossShareBps", 10_000),
      minAvgRating,
      minRatings: count("minRatings"),
      bondBps: percent("bond", "floors.bondBps", 10_000),
      metrics,
    };
    if (token) {
      const params: RFQParams = {
        escrow: ctx.escrow,
        token: token.address,
        maxPrice,
        bidDeadline: ctx.now + bidWindow,
        awardWindow,
        deliveryWindow,
        reviewWindow,
        mode: choice ? AwardMode.BuyerChoice : AwardMode.LowestPrice,
        arbitrator,
        defaultBuyerShareBps,
        category,
        floors,
        spec: built.text,
      };
      const metricNames = form.metrics.map((m) => m.metric.trim());
      plan = { kind: "rfq", params, bond: bondFor(maxPrice, floors), metricNames, specText: built.text, spec: built.spec, specHash: specHash(built.text), token, escrowed: maxPrice };
    }
  } else {
    const supplier = address("supplier", "must be given: the address of the supplier you hire");
    const price = amount("price", "price");
    if (token) {
      const params: DirectHireParams = {
        escrow: ctx.escrow,
        supplier,
        token: token.address,
        price,
        deliveryWindow,
        reviewWindow,
        arbitrator,
        defaultBuyerShareBps,
        category,
        spec: built.text,
      };
      plan = { kind: "direct", params, specText: built.text, spec: built.spec, specHash: specHash(built.text), token, escrowed: price };
    }
  }

  if (Object.keys(errors).length > 0 || !plan) return { ok: false, errors };
  // The SDK's check of the whole call, the one postRFQ / postDirectHire runs again before sending.
  const whole = plan;
  const refused = refusalOf(() => (whole.kind === "rfq" ? checkRFQ(whole.params, ctx.now) : checkDirectHire(whole.params, ctx.buyer)));
  if (refused) {
    const key = sdkFieldKey(refused.field);
    return { ok: false, errors: { [key]: sentence(fieldLabel(key, form), refused.message) } };
  }
  return { ok: true, plan };
}

// ---------------------------------------------------------------------------------------------------------------
// After the post

/** The new job's id, from the escrow's RFQPosted or DirectHirePosted event in the posting's receipt. */
export function postedJobId(receipt: Pick<TransactionReceipt, "logs">, escrow: Address): bigint | undefined {
  const ours = receipt.logs.filter((log) => log.address.toLowerCase() === escrow.toLowerCase());
  const [event] = parseEventLogs({ abi: tenderEscrowAbi, logs: ours, eventName: ["RFQPosted", "DirectHirePosted"] });
  return event?.args.jobId;
}
