// The "Post a job" form as data: what a person types (text, rows, token units, percentages, stars, "2 d") → the
// SDK's RFQParams or DirectHireParams and the spec JSON, with every problem at the form field it belongs to. Pure: no
// React, no I/O; the form component and the tests share it.
//
// The rules and their sentences are the SDK's own (specProblems, then rfqProblems / directHireProblems on the whole
// call, the checks postRFQ / postDirectHire run again before sending): this module only reads what was typed (an
// amount, a duration, a percentage that cannot be read is refused here) and puts each SDK problem at its field.
import type { Address, Hash } from "viem";
import { type DirectHireParams, ETH, type Warranty, specHash } from "@tender/sdk/escrow";
import { AwardMode, Comparison, type Floors, type MetricFloor, type RFQParams, bondFor } from "@tender/sdk/market";
import { METRICS, metricId } from "@tender/sdk/registry";
import { type JobSpec, type Problem, RULE_KINDS, type RuleKind, TRANSFORM_CATEGORY, TRANSFORM_OPS, type TransformOp, specProblems } from "@tender/sdk/spec";
import { directHireProblems, rfqProblems } from "@tender/sdk/validate";
import { MAX_MILESTONES, type Milestone, milestoneProblems } from "@tender/sdk/milestones";
import { type TokenInfo, parseAmount } from "./format.ts";

// What the form's controls offer, from the SDK.
export { AwardMode, Comparison, ETH, MAX_MILESTONES, METRICS, RULE_KINDS, TRANSFORM_CATEGORY, TRANSFORM_OPS };
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

/** One milestone as typed: its share of the price in percent and its delivery window (the first milestone's is the
 * job's delivery window). */
export interface MilestoneRow {
  share: string;
  window: DurationInput;
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
  // holdback under warranty
  /** Percent of each payment held back under warranty (0–50); 0: none, the supplier is paid in full. */
  holdback: string;
  /** How long a held share stays claimable after its payment; read only with a holdback. */
  warrantyWindow: DurationInput;
  /** RFQ: the winner's bond stays in escrow with the held share until the warranty ends. */
  holdBond: boolean;
  // who may bid (RFQ)
  minCompleted: string;
  /** Token units; empty: no floor. */
  minVolume: string;
  /** Percent; 100: no limit. */
  maxLossShare: string;
  /** Percent of the warranty claims faced that were clawed back; 100: no limit. */
  maxClawbackShare: string;
  /** Stars, 0–5 with up to two decimals; empty: no floor. */
  minRating: string;
  minRatings: string;
  /** Percent of the maximum price each bidder posts. */
  bond: string;
  metrics: MetricRow[];
  /** The job paid in parts: none (paid at once), or 2 to MAX_MILESTONES rows whose shares sum to 100%. */
  milestones: MilestoneRow[];
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
    holdback: "0",
    warrantyWindow: { amount: "30", unit: "d" },
    holdBond: false,
    minCompleted: "0",
    minVolume: "",
    maxLossShare: "100",
    maxClawbackShare: "100",
    minRating: "",
    minRatings: "0",
    bond: "0",
    metrics: [],
    milestones: [],
  };
}

export const emptyInput = (): InputRow => ({ name: "", source: "text", value: "", mediaType: "" });

/** A new rule row; its id defaults to the first free "rule-N". */
export function emptyRule(existing: readonly RuleRow[]): RuleRow {
  let n = existing.length + 1;
  while (existing.some((r) => r.id === `rule-${n}`)) n++;
  return { id: `rule-${n}`, description: "", kind: "regex", value: "", flags: "", min: "", max: "" };
}

/** The rows a job starts with when it is paid in milestones: two halves, each with the job's delivery window. */
export const startMilestones = (deliveryWindow: DurationInput): MilestoneRow[] => [
  { share: "50", window: { ...deliveryWindow } },
  { share: "50", window: { ...deliveryWindow } },
];

/** A new milestone row: the share left to reach 100% (if any), the last row's window. */
export function emptyMilestone(existing: readonly MilestoneRow[]): MilestoneRow {
  const given = existing.reduce((sum, row) => sum + (percentBps(row.share) ?? 0), 0);
  const left = Math.max(0, 10_000 - given);
  return { share: left > 0 ? String(left / 100) : "", window: { ...(existing.at(-1)?.window ?? { amount: "1", unit: "d" }) } };
}

/** A percentage as typed ("30", "12.5") in bps, or undefined when it cannot be read. */
export function percentBps(text: string): number | undefined {
  const t = text.trim();
  return /^\d{1,5}(\.\d{1,2})?$/.test(t) ? Math.round(Number(t) * 100) : undefined;
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
// Errors, by form field ("title", "inputs.0.name", "rules.2.value", "maxPrice", "metrics.1.attestor", …)

export type FieldErrors = Record<string, string>;

/** The form fields of the SDK's paths that are not the form's own names. */
const TERMS_KEYS: Record<string, string> = {
  bidDeadline: "bidWindow",
  defaultBuyerShareBps: "defaultBuyerShare",
  "floors.bondBps": "bond",
  "floors.maxLossShareBps": "maxLossShare",
  "floors.maxClawbackShareBps": "maxClawbackShare",
  "warranty.holdbackBps": "holdback",
  "warranty.warrantyWindow": "warrantyWindow",
  "warranty.holdBond": "holdBond",
  "floors.minAvgRating": "minRating",
  "floors.metrics": "metrics",
  "spec.inputs": "inputs",
  "spec.acceptance": "rules",
  "spec.transform.op": "transformOp",
};

/** The form field an SDK problem's path belongs to ("spec.acceptance[2].regex" → "rules.2.value"). */
export function formKey(path: string): string {
  const input = /^spec\.inputs\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (input) return `inputs.${input[1]}.${input[2] === "name" || input[2] === "mediaType" ? input[2] : "value"}`;
  const rule = /^spec\.acceptance\[(\d+)\](?:\.(\w+))?(?:\.(min|max))?/.exec(path);
  if (rule) {
    const part = rule[2];
    if (part === "id" || part === "description" || part === "flags") return `rules.${rule[1]}.${part}`;
    return `rules.${rule[1]}.${part === "lines" ? (rule[3] ?? "min") : "value"}`;
  }
  const milestone = /^milestones\[(\d+)\]\.(shareBps|deliveryWindow)$/.exec(path);
  if (milestone) return `milestones.${milestone[1]}.${milestone[2] === "shareBps" ? "share" : "window"}`;
  const metric = /^floors\.metrics\[(\d+)\]\.(\w+)$/.exec(path);
  if (metric) return `metrics.${metric[1]}.${metric[2]}`;
  if (TERMS_KEYS[path]) return TERMS_KEYS[path];
  if (path.startsWith("spec.deliverable")) return "deliverableMediaType";
  if (path.startsWith("spec.transform")) return "transformInput";
  return /^spec\.(title|category|task|notes)$/.exec(path)?.[1] ?? (path.startsWith("spec") ? "spec" : path);
}

/** Puts each problem at its field. A field keeps the first it gets (what could not be read is refused first), and the
 * `unread` fields none: their values are placeholders. */
function addProblems(errors: FieldErrors, problems: readonly Problem[], unread: ReadonlySet<string> = new Set()): void {
  for (const { path, message } of problems) {
    const key = formKey(path);
    if (!errors[key] && !unread.has(key)) errors[key] = message; // the SDK's sentence, written for the buyer
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The spec

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
function ruleOf(row: RuleRow, key: string, errors: FieldErrors): Json {
  const rule: Json = { id: row.id.trim(), description: row.description.trim() };
  const value = row.value;
  const whole = (text: string, field: string): number | undefined => {
    if (text.trim() === "") return undefined;
    if (WHOLE.test(text.trim())) return Number(text.trim());
    errors[`${key}.${field}`] = `Write a whole number, not ${JSON.stringify(text)}.`;
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
      if (value.trim() === "") errors[`${key}.value`] = "Give a number of characters.";
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
        errors[`${key}.value`] = `This is not JSON (${(error as Error).message}).`;
        rule.jsonSchema = {};
      }
      break;
    case "command":
      rule.command = value.trim();
      break;
  }
  return rule;
}

export interface BuiltSpec {
  spec: JobSpec;
  /** What is posted: compact JSON. */
  text: string;
  errors: FieldErrors;
}

/** The spec the form describes, and every problem the SDK finds in it, at the form's fields. */
export function buildSpec(form: PostForm): BuiltSpec {
  const errors: FieldErrors = {};
  const category = form.category.trim();
  const spec: Json = { version: 1, title: form.title.trim(), category, task: form.task.trim() };
  if (form.notes.trim()) spec.notes = form.notes.trim();
  if (form.inputs.length) spec.inputs = form.inputs.map(inputOf);
  if (form.rules.length) spec.acceptance = form.rules.map((row, i) => ruleOf(row, `rules.${i}`, errors));
  if (form.deliverableMediaType.trim()) spec.deliverable = { mediaType: form.deliverableMediaType.trim(), via: "uri" };
  if (category === TRANSFORM_CATEGORY) spec.transform = { op: form.transformOp, input: form.transformInput.trim() };
  const text = JSON.stringify(spec);
  addProblems(errors, specProblems(text, category));
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
  /** Paid in milestones (posted with postDirectHireInMilestones / postRFQInMilestones); absent: paid at once. */
  milestones?: Milestone[];
} & (
  | { kind: "rfq"; params: RFQParams; bond: bigint; /** floors.metrics' names, in order. */ metricNames: string[] }
  | { kind: "direct"; params: DirectHireParams }
);

export type Checked = { ok: true; plan: PostPlan } | { ok: false; errors: FieldErrors };

/** Checks the whole form; the exact parameters of the SDK call when it is right, else every problem found. */
export function checkPostForm(form: PostForm, ctx: PostContext): Checked {
  const built = buildSpec(form);
  const errors: FieldErrors = { ...built.errors };
  const unread = new Set<string>();
  const refuse = (key: string, message: string) => {
    if (!errors[key]) errors[key] = message;
  };
  const rfq = form.kind === "rfq";
  const choice = rfq && form.mode === "choice";

  const token = ctx.tokens.find((t) => t.address.toLowerCase() === form.token.toLowerCase());
  if (!token) refuse("token", "Choose one of the tokens offered.");

  // Amounts are read in the token's units; without a token, only the token's error is shown.
  const amount = (key: "maxPrice" | "price" | "minVolume", optional = false): bigint => {
    const text = form[key];
    if (!token) unread.add(key);
    else if (text.trim() === "") {
      if (!optional) refuse(key, `Give an amount in ${token.symbol}.`);
    } else {
      const parsed = parseAmount(text, token);
      if (parsed.ok) return parsed.value;
      refuse(key, /[.!?]$/.test(parsed.error) ? parsed.error : `${parsed.error}.`);
    }
    return 0n;
  };

  const window = (key: "bidWindow" | "awardWindow" | "deliveryWindow" | "reviewWindow" | "warrantyWindow"): number => {
    const seconds = durationSeconds(form[key]);
    if (seconds === undefined) refuse(key, `Write a whole number of ${DURATION_UNITS.find((u) => u.value === form[key].unit)?.label ?? "minutes, hours or days"}.`);
    return seconds ?? 0;
  };

  const percent = (key: "defaultBuyerShare" | "bond" | "maxLossShare" | "maxClawbackShare" | "holdback"): number => {
    const text = form[key].trim();
    if (/^\d{1,5}(\.\d{1,2})?$/.test(text)) return Math.round(Number(text) * 100);
    refuse(key, `Write a percentage such as 10 or 12.5, not ${JSON.stringify(form[key])}.`);
    return 0;
  };

  // An empty address is refused here in the form's words; anything else is the SDK's to check.
  const address = (key: "arbitrator" | "supplier", missing: string): Address => {
    const text = form[key].trim();
    if (text === "") refuse(key, missing);
    return text as Address;
  };

  const count = (key: "minCompleted" | "minRatings"): number => {
    const text = form[key].trim() || "0";
    if (WHOLE.test(text) && Number(text) <= 2 ** 32 - 1) return Number(text);
    refuse(key, `Write a whole number from 0 to ${(2 ** 32 - 1).toLocaleString("en-US")}.`);
    return 0;
  };

  // Paid in milestones: each row's share and window as typed; the first row's window is the job's delivery window
  // (the Deadlines section then shows no window of its own). What cannot be read is refused here; the rest is the
  // SDK's milestoneProblems, put at the rows.
  const inParts = form.milestones.length > 0;
  const milestones: Milestone[] = form.milestones.map((row, i) => {
    const key = `milestones.${i}`;
    let shareBps = percentBps(row.share);
    if (shareBps === undefined) {
      refuse(`${key}.share`, `Write a percentage such as 30 or 12.5, not ${JSON.stringify(row.share)}.`);
      shareBps = 0;
    }
    const seconds = durationSeconds(row.window);
    if (seconds === undefined) refuse(`${key}.window`, `Write a whole number of ${DURATION_UNITS.find((u) => u.value === row.window.unit)?.label ?? "minutes, hours or days"}.`);
    return { shareBps, deliveryWindow: seconds ?? 0 };
  });
  const deliveryWindow = inParts ? milestones[0]!.deliveryWindow : window("deliveryWindow");

  const terms = {
    escrow: ctx.escrow,
    token: token?.address ?? (form.token as Address),
    arbitrator: address("arbitrator", "Pick an arbitrator."),
    defaultBuyerShareBps: percent("defaultBuyerShare"),
    deliveryWindow,
    reviewWindow: window("reviewWindow"),
    category: form.category.trim(),
    spec: built.text,
  };

  // The holdback: its window is read only when something is held (the SDK refuses a window without a holdback); the
  // bond is held only on an RFQ (a direct hire has none), and the SDK says so when it is asked without a holdback.
  const holdbackBps = percent("holdback");
  const warranty: Warranty = {
    holdbackBps,
    warrantyWindow: holdbackBps > 0 ? window("warrantyWindow") : 0,
    holdBond: rfq && form.holdBond,
  };

  let params: { kind: "rfq"; params: RFQParams; metricNames: string[] } | { kind: "direct"; params: DirectHireParams };
  if (rfq) {
    const rating = form.minRating.trim();
    let minAvgRating = 0;
    if (/^\d{1,3}(\.\d{1,2})?$/.test(rating)) minAvgRating = Math.round(Number(rating) * 100);
    else if (rating !== "") refuse("minRating", `Write a rating from 0 to 5 stars such as 4.5, not ${JSON.stringify(form.minRating)}.`);
    const metrics: MetricFloor[] = form.metrics.map((row, i) => {
      const key = `metrics.${i}`;
      const attestor = row.attestor.trim();
      if (attestor === "") refuse(`${key}.attestor`, "Give the attestor: the address whose attestations count.");
      const name = row.metric.trim();
      if (name === "") refuse(`${key}.metric`, "Give the metric's name, e.g. benchmark.swe-bench.");
      const threshold = row.threshold.trim();
      const valid = /^\d{1,78}$/.test(threshold) && BigInt(threshold) < 2n ** 256n;
      if (!valid) refuse(`${key}.threshold`, `Write a whole number, not ${JSON.stringify(row.threshold)}.`);
      return {
        attestor: attestor as Address,
        comparison: row.comparison === "atMost" ? Comparison.AtMost : Comparison.AtLeast,
        metric: metricId(name),
        threshold: valid ? BigInt(threshold) : 0n,
      };
    });
    const floors: Floors = {
      minCompleted: count("minCompleted"),
      minVolume: amount("minVolume", true),
      maxLossShareBps: percent("maxLossShare"),
      maxClawbackShareBps: percent("maxClawbackShare"),
      minAvgRating,
      minRatings: count("minRatings"),
      bondBps: percent("bond"),
      metrics,
    };
    const rfqParams: RFQParams = {
      ...terms,
      maxPrice: amount("maxPrice"),
      bidDeadline: ctx.now + window("bidWindow"),
      awardWindow: choice ? window("awardWindow") : 0,
      mode: choice ? AwardMode.BuyerChoice : AwardMode.LowestPrice,
      warranty,
      floors,
    };
    params = { kind: "rfq", params: rfqParams, metricNames: form.metrics.map((m) => m.metric.trim()) };
  } else {
    const supplier = address("supplier", "Give the address of the supplier you hire.");
    params = { kind: "direct", params: { ...terms, supplier, price: amount("price"), warranty } };
  }

  // The SDK's check of the whole call, the one postRFQ / postDirectHire runs again before sending.
  const whole = params.kind === "rfq" ? rfqProblems(params.params, ctx.now) : directHireProblems(params.params, ctx.buyer);
  if (inParts) {
    // The schedule's own checks, the ones postDirectHireInMilestones / postRFQInMilestones run again; the job's
    // delivery window is the first row's, so a problem with it belongs there.
    const firstWindow = (problems: readonly Problem[]) => problems.map((p) => (p.path === "deliveryWindow" ? { ...p, path: "milestones[0].deliveryWindow" } : p));
    addProblems(errors, firstWindow([...milestoneProblems(milestones, deliveryWindow), ...whole]), unread);
  } else {
    addProblems(errors, whole, unread);
  }
  if (Object.keys(errors).length > 0 || !token) return { ok: false, errors };
  const shared = { specText: built.text, spec: built.spec, specHash: specHash(built.text), token, ...(inParts ? { milestones } : {}) };
  return {
    ok: true,
    plan:
      params.kind === "rfq"
        ? { ...shared, ...params, bond: bondFor(params.params.maxPrice, params.params.floors), escrowed: params.params.maxPrice }
        : { ...shared, ...params, escrowed: params.params.price },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// After the post

/** The new job's id, from the posting's receipt (the SDK reads the escrow's event). */
export { postedJobId } from "@tender/sdk/escrow";
