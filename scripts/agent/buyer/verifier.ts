// The buyer's side of a delivery: check the deliverable against the spec's acceptance rules, then confirm or dispute.
//
// The rule: the auto-reviewer confirms (rating 5) only when the spec has at least one rule, every rule is mechanical
// and every one passes. A mechanical rule that fails, a deliverable whose bytes do not hash to the delivered hash, or
// one that cannot be fetched → dispute, with a statement naming what failed. A spec with no rules, or with a rule no
// program can check (`command`) and no failing mechanical rule, is left to a person: no transaction is sent.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import type { Address, Hash } from "viem";
import { type FetchOptions, checkDeliverable, deliverableHash, encodeDeliverable, fetchDeliverable } from "@tender/sdk/deliverable";
import { simulatingWriter } from "@tender/sdk/client";
import {
  JobStatus,
  type Reader,
  type Writer,
  categoryId,
  confirm,
  dispute,
  disputeFee,
  readJob,
  specHash,
  waitForSuccess,
} from "@tender/sdk/escrow";
import { readDelivery, readPosting } from "@tender/sdk/history";
import { isLastMilestone, readMilestones } from "@tender/sdk/milestones";
import {
  type AcceptanceRule,
  type JobSpec,
  MANUAL_RULE_KINDS,
  type RuleKind,
  inputText,
  parseSpec,
  ruleKind,
  splitLines,
} from "@tender/sdk/spec";
import { ensureAllowance } from "@tender/sdk/token";
import { statusName } from "@tender/sdk/units";

export interface RuleResult {
  id: string;
  passed: boolean;
  kind: RuleKind;
  /** Why it passed or failed, in a few words (quotes of the output are cut short). */
  detail: string;
}

export interface Verdict {
  /** True only when there is at least one rule, none is manual, and every one passed: safe to confirm unattended. */
  passed: boolean;
  /** The mechanical rules' results, in the spec's order. */
  results: RuleResult[];
  /** The ids of the rules a person must check (kind `command`). */
  manual: string[];
}

// Buyers' JSON Schemas are their own: lenient about unknown keywords and formats, all errors reported.
const outputAjv = new Ajv2020({ strict: false, logger: false, validateFormats: false, allErrors: true });
const compiled = new WeakMap<object, ValidateFunction>();

const quote = (text: string, max = 40) => JSON.stringify(text.length > max ? `${text.slice(0, max - 1)}…` : text);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Checks a deliverable's bytes against every acceptance rule of a spec. The output is the bytes as UTF-8 text. */
export function verifyDeliverable(spec: JobSpec, bytes: Uint8Array): Verdict {
  let text: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  const results: RuleResult[] = [];
  const manual: string[] = [];
  for (const rule of spec.acceptance ?? []) {
    const kind = ruleKind(rule);
    if (MANUAL_RULE_KINDS.includes(kind)) {
      manual.push(rule.id);
      continue;
    }
    if (text === undefined) {
      results.push({ id: rule.id, kind, passed: false, detail: "the deliverable is not UTF-8 text" });
      continue;
    }
    const outcome = check(spec, rule, text);
    results.push({ id: rule.id, kind, ...outcome });
  }
  const passed = results.length > 0 && manual.length === 0 && results.every((r) => r.passed);
  return { passed, results, manual };
}

function check(spec: JobSpec, rule: AcceptanceRule, text: string): { passed: boolean; detail: string } {
  const ok = (detail: string) => ({ passed: true, detail });
  const fail = (detail: string) => ({ passed: false, detail });
  if ("regex" in rule) {
    return new RegExp(rule.regex, rule.flags ?? "").test(text) ? ok("matches") : fail(`does not match /${rule.regex}/${rule.flags ?? ""}`);
  }
  if ("exact" in rule) {
    if (text === rule.exact || text === `${rule.exact}\n` || text === `${rule.exact}\r\n`) return ok("equal");
    const [want, got] = [[...rule.exact], [...text]];
    const at = want.findIndex((c, i) => got[i] !== c);
    return fail(`differs from the expected text at character ${at < 0 ? want.length : at} (${plural(got.length, "character")}, expected ${want.length})`);
  }
  if ("contains" in rule) {
    const missing = rule.contains.filter((s) => !text.includes(s));
    return missing.length === 0 ? ok("contains all") : fail(`missing ${missing.map((s) => quote(s)).join(", ")}`);
  }
  if ("notContains" in rule) {
    const found = rule.notContains.filter((s) => text.includes(s));
    return found.length === 0 ? ok("contains none") : fail(`contains ${found.map((s) => quote(s)).join(", ")}`);
  }
  if ("maxChars" in rule) {
    const n = [...text].length;
    return n <= rule.maxChars ? ok(plural(n, "character")) : fail(`${plural(n, "character")}; at most ${rule.maxChars}`);
  }
  if ("minChars" in rule) {
    const n = [...text].length;
    return n >= rule.minChars ? ok(plural(n, "character")) : fail(`${plural(n, "character")}; at least ${rule.minChars}`);
  }
  if ("lines" in rule) {
    const n = splitLines(text).length;
    const { min = 0, max = Infinity } = rule.lines;
    const range = `${rule.lines.min ?? 0}–${rule.lines.max ?? "∞"}`;
    return n >= min && n <= max ? ok(plural(n, "line")) : fail(`${plural(n, "line")}; expected ${range}`);
  }
  if ("sortedLines" in rule) {
    const lines = splitLines(text);
    const at = lines.findIndex((line, i) => i > 0 && lines[i - 1]! > line);
    return at < 0 ? ok("sorted") : fail(`line ${at + 1} ${quote(lines[at]!)} comes before line ${at} ${quote(lines[at - 1]!)}`);
  }
  if ("sameLinesAs" in rule) {
    const source = inputText(spec, rule.sameLinesAs);
    if (source === undefined) return fail(`input ${quote(rule.sameLinesAs)} has no inline text`);
    const counts = new Map<string, number>();
    for (const line of splitLines(source)) counts.set(line, (counts.get(line) ?? 0) + 1);
    const extra: string[] = [];
    for (const line of splitLines(text)) {
      const left = counts.get(line) ?? 0;
      if (left === 0) extra.push(line);
      else counts.set(line, left - 1);
    }
    const missing = [...counts].filter(([, n]) => n > 0).map(([line]) => line);
    if (extra.length === 0 && missing.length === 0) return ok(`the lines of ${rule.sameLinesAs}, permuted`);
    const parts = [];
    if (missing.length > 0) parts.push(`${plural(missing.length, "line")} of ${rule.sameLinesAs} missing (first ${quote(missing[0]!)})`);
    if (extra.length > 0) parts.push(`${plural(extra.length, "line")} not in ${rule.sameLinesAs} (first ${quote(extra[0]!)})`);
    return fail(parts.join("; "));
  }
  if ("uniqueLines" in rule) {
    const seen = new Set<string>();
    const duplicate = splitLines(text).find((line) => (seen.has(line) ? true : (seen.add(line), false)));
    return duplicate === undefined ? ok("no line repeats") : fail(`${quote(duplicate)} appears twice`);
  }
  if ("json" in rule || "jsonSchema" in rule) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return fail(`not JSON (${(error as Error).message})`);
    }
    if ("json" in rule) return ok("JSON");
    let validate = compiled.get(rule.jsonSchema);
    if (!validate) {
      try {
        validate = outputAjv.compile(rule.jsonSchema);
      } catch (error) {
        return fail(`the rule's schema does not compile (${(error as Error).message})`);
      }
      compiled.set(rule.jsonSchema, validate);
    }
    return validate(value) ? ok("valid") : fail(outputAjv.errorsText(validate.errors?.slice(0, 3), { dataVar: "output" }));
  }
  return fail("not a mechanical rule");
}

// ---------------------------------------------------------------------------------------------------------------
// Reviewing a job on-chain

export interface ReviewOptions {
  escrow: Address;
  jobId: bigint;
  /** Where to start looking for the job's events (default 0; the deployment's startBlock is a good value). */
  fromBlock?: bigint | number;
  /** How to fetch the deliverable. By default only data:, http(s): and ipfs: (with a gateway) are fetched: a supplier
   * must not make the buyer's machine read its own files (file:) and quote them in a public statement. */
  fetch?: FetchOptions;
  /** The rating a passing delivery gets (default 5; a job in milestones: on its last milestone, the others 0). */
  rating?: number;
}

export interface Review {
  jobId: bigint;
  decision: "confirmed" | "disputed" | "manual";
  /** The confirm or dispute transaction (none for "manual"). */
  txHash?: Hash;
  /** One line: why. */
  reason: string;
  verdict?: Verdict;
  /** The dispute's statement (a data:application/json URI). */
  statementURI?: string;
}

/** The dispute statement reviewDelivery files, as JSON inside its data: URI. */
export interface DisputeStatement {
  type: "tender/dispute-statement";
  version: 1;
  jobId: string;
  reason: "failed-rules" | "hash-mismatch" | "unfetchable";
  summary: string;
  deliverableHash: Hash;
  /** Hash mismatch: the hash of the bytes fetched. */
  fetchedHash?: Hash;
  failed: { id: string; kind: RuleKind; description: string; detail: string }[];
}

const REVIEW_SCHEMES = ["data", "http", "https", "ipfs"] as const;

/**
 * The buyer reviews a delivered job: reads the job, its delivery and its spec from the chain, fetches the deliverable,
 * checks its hash and verifies it against the spec's rules; then confirms (rating 5) when the verdict passes, disputes
 * when a rule fails or the deliverable is wrong or missing (approving the arbitrator's fee first for an ERC-20 job), or
 * leaves it to a person. Waits for the transaction. Throws when the job is not Delivered or `writer` is not its buyer.
 */
export async function reviewDelivery(writer: Writer, reader: Reader, options: ReviewOptions): Promise<Review> {
  const { escrow, jobId } = options;
  const fromBlock = BigInt(options.fromBlock ?? 0n);
  const job = await readJob(reader, { escrow, jobId });
  if (job.status !== JobStatus.Delivered) {
    throw new Error(`job ${jobId} is ${statusName(job.status)}; only a Delivered job is reviewed`);
  }
  if (job.buyer.toLowerCase() !== writer.account.address.toLowerCase()) {
    throw new Error(`${writer.account.address} is not job ${jobId}'s buyer (${job.buyer})`);
  }

  const range = { escrow, jobId, fromBlock };
  const [delivered, posting] = await Promise.all([readDelivery(reader, range), readPosting(reader, range)]);
  if (!delivered) throw new Error(`job ${jobId}: no JobDelivered event from block ${fromBlock}`);
  if (!posting) throw new Error(`job ${jobId}: no ${job.direct ? "DirectHirePosted" : "RFQPosted"} event from block ${fromBlock}`);
  if (specHash(posting.spec) !== job.specHash) throw new Error(`job ${jobId}: the posted spec does not hash to the stored spec hash`);

  let spec: JobSpec;
  try {
    spec = parseSpec(posting.spec);
  } catch (error) {
    return { jobId, decision: "manual", reason: `the job's spec is not a valid v1 spec (${(error as Error).message}): review it yourself` };
  }
  if (categoryId(spec.category) !== posting.categoryId) {
    return { jobId, decision: "manual", reason: `the spec's category ${JSON.stringify(spec.category)} is not the job's: review it yourself` };
  }

  const { deliverableHash: hash, uri } = delivered;
  const base = { type: "tender/dispute-statement", version: 1, jobId: jobId.toString(), deliverableHash: hash } as const;
  let bytes: Uint8Array | undefined;
  let lastError: unknown;
  // A host that is down for a moment is not a bad delivery: three tries, 1 s and 3 s apart, before disputing.
  for (const wait of [0, 1_000, 3_000]) {
    if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      bytes = await fetchDeliverable(uri, { schemes: REVIEW_SCHEMES, ...options.fetch });
      break;
    } catch (error) {
      lastError = error;
      // Retrying helps only a remote fetch that failed for a passing reason (refused, timed out, 5xx).
      if (!/^(https?|ipfs):/i.test(uri) || /bytes|not fetched|ipfsGateway|HTTP 4\d\d/.test((error as Error).message)) break;
    }
  }
  if (bytes === undefined) {
    const summary = `the deliverable could not be fetched: ${(lastError as Error).message}`;
    return fileDispute(writer, reader, options, job.token, { ...base, reason: "unfetchable", summary, failed: [] });
  }
  if (!checkDeliverable(bytes, hash)) {
    const fetchedHash = deliverableHash(bytes);
    const summary = `the deliverable fetched hashes to ${fetchedHash}, not the delivered ${hash}`;
    return fileDispute(writer, reader, options, job.token, { ...base, reason: "hash-mismatch", summary, fetchedHash, failed: [] });
  }

  const verdict = verifyDeliverable(spec, bytes);
  const failed = verdict.results.filter((r) => !r.passed);
  if (failed.length > 0) {
    const descriptions = new Map((spec.acceptance ?? []).map((rule) => [rule.id, rule.description]));
    const summary = `${plural(failed.length, "acceptance rule")} failed: ${failed.map((r) => r.id).join(", ")}`;
    const review = await fileDispute(writer, reader, options, job.token, {
      ...base,
      reason: "failed-rules",
      summary,
      failed: failed.map((r) => ({ id: r.id, kind: r.kind, description: descriptions.get(r.id) ?? "", detail: r.detail })),
    });
    return { ...review, verdict };
  }
  if (!verdict.passed) {
    const reason = verdict.manual.length > 0
      ? `every mechanical rule passed, but ${verdict.manual.join(", ")} must be checked by a person`
      : "the spec has no acceptance rules to check";
    return { jobId, decision: "manual", reason, verdict };
  }
  // A job in milestones is reviewed milestone by milestone: the work is rated on the last, the others confirmed with 0.
  const plan = job.inMilestones ? await readMilestones(reader, { escrow, jobId }) : undefined;
  const rating = plan && !isLastMilestone(plan) ? 0 : (options.rating ?? 5);
  const txHash = await confirm(writer, { escrow, jobId, rating, milestone: plan ?? { count: 1, current: 0 } });
  await waitForSuccess(reader, txHash);
  return { jobId, decision: "confirmed", txHash, verdict, reason: `all ${plural(verdict.results.length, "acceptance rule")} passed` };
}

/** The statement a dispute files: its JSON in a data: URI. */
export function statementURI(statement: DisputeStatement): string {
  return encodeDeliverable(JSON.stringify(statement), "application/json", { maxBytes: 16 * 1024 }).uri;
}

async function fileDispute(writer: Writer, reader: Reader, options: ReviewOptions, token: Address, statement: DisputeStatement): Promise<Review> {
  const { escrow, jobId } = options;
  const uri = statementURI(statement);
  const fee = await disputeFee(reader, { escrow, jobId });
  const params = { escrow, jobId, statementURI: uri, token, fee };
  await ensureAllowance(writer, reader, { token, spender: escrow, amount: fee, simulate: () => dispute(simulatingWriter(writer, reader), params) });
  const txHash = await dispute(writer, params);
  await waitForSuccess(reader, txHash);
  return { jobId, decision: "disputed", txHash, reason: statement.summary, statementURI: uri };
}
