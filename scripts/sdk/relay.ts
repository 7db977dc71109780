// Signed actions over HTTP: the JSON a relayer takes (amounts and nonces as decimal strings), read back with every
// problem named, and the client side — handing one signed action to several relayers (a relayer can censor: a
// deadline-bound action goes to at least two, and the sender checks it landed).
import { type Address, type Hash, type Hex, getAddress, isAddress, isHex } from "viem";
import type { RelayedAction, SignableAction } from "./signed.ts";
import { type Problem, TenderInputError, throwProblems } from "./validate.ts";

/** The largest signed action a relayer takes, in bytes of JSON (a delivery's URI may be a data: URI). */
export const MAX_RELAY_BODY_BYTES = 32_768;

/** A signed action as JSON: every bigint as a decimal string. */
export function signedActionToJson(s: RelayedAction): string {
  // A bid's (or commit's) floors are the RFQ's, read from its posting by whoever submits it: not carried.
  const action = s.action.kind === "bid" || s.action.kind === "commit" ? { ...s.action, floors: undefined } : s.action;
  return JSON.stringify({ ...s, action }, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

const KINDS = ["deliver", "bid", "commit", "respond", "improveBid", "reclaimBond", "withdraw", "reveal"] as const;

/** Reads a signed action (or a reveal, which carries no signature) from JSON (as signedActionToJson writes it); throws
 * a TenderInputError naming every problem. */
export function signedActionFromJson(text: string): RelayedAction {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new TenderInputError("body", "is not JSON");
  }
  const problems: Problem[] = [];
  const object = (value: unknown, path: string): Record<string, unknown> => {
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push({ path, message: "must be an object" });
    return {};
  };
  const address = (value: unknown, path: string): Address => {
    if (typeof value === "string" && isAddress(value, { strict: false })) return getAddress(value);
    problems.push({ path, message: `${JSON.stringify(value)} is not an address` });
    return "0x0000000000000000000000000000000000000000";
  };
  const uint = (value: unknown, path: string): bigint => {
    if (typeof value === "string" && /^[0-9]{1,78}$/.test(value)) return BigInt(value);
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    problems.push({ path, message: `${JSON.stringify(value)} is not a whole number (as a decimal string)` });
    return 0n;
  };
  const hex = (value: unknown, path: string, bytes?: number): Hex => {
    if (typeof value === "string" && isHex(value) && (bytes === undefined || value.length === 2 + 2 * bytes)) return value;
    problems.push({ path, message: `${JSON.stringify(value)} is not ${bytes ? `${bytes} bytes of hex` : "hex"}` });
    return "0x";
  };
  const string = (value: unknown, path: string): string => {
    if (typeof value === "string") return value;
    problems.push({ path, message: "must be a string" });
    return "";
  };

  const permit = (value: unknown, path: string) => {
    const p = object(value, path);
    return { value: uint(p.value, `${path}.value`), deadline: uint(p.deadline, `${path}.deadline`), v: Number(uint(p.v, `${path}.v`)), r: hex(p.r, `${path}.r`, 32), s: hex(p.s, `${path}.s`, 32) };
  };

  const top = object(raw, "body");
  const escrow = address(top.escrow, "escrow");
  const a = object(top.action, "action");
  const kind = a.kind as SignableAction["kind"] | "reveal";
  if (kind === "reveal") {
    const reveal = {
      kind,
      jobId: uint(a.jobId, "action.jobId"),
      supplier: address(a.supplier, "action.supplier"),
      price: uint(a.price, "action.price"),
      salt: hex(a.salt, "action.salt", 32) as Hash,
    };
    if (top.signed !== undefined) problems.push({ path: "signed", message: "a reveal carries no signature" });
    throwProblems(problems);
    return { escrow, action: reveal };
  }
  const s = object(top.signed, "signed");
  let action: SignableAction;
  if (!KINDS.includes(kind)) {
    problems.push({ path: "action.kind", message: `must be one of ${KINDS.join(", ")}` });
    action = { kind: "reclaimBond", jobId: 0n };
  } else if (kind === "withdraw") {
    action = { kind, token: address(a.token, "action.token"), to: address(a.to, "action.to") };
  } else {
    const jobId = uint(a.jobId, "action.jobId");
    if (kind === "deliver") {
      const milestone = a.milestone === undefined ? 0 : Number(uint(a.milestone, "action.milestone"));
      action = { kind, jobId, milestone, deliverableHash: hex(a.deliverableHash, "action.deliverableHash", 32) as Hash, uri: string(a.uri, "action.uri") };
    } else if (kind === "respond") {
      const feePermit = a.feePermit === undefined ? undefined : permit(a.feePermit, "action.feePermit");
      action = {
        kind,
        jobId,
        responseURI: string(a.responseURI, "action.responseURI"),
        ...(a.milestone === undefined ? {} : { milestone: Number(uint(a.milestone, "action.milestone")) }),
        ...(a.token === undefined ? {} : { token: address(a.token, "action.token") }),
        ...(a.fee === undefined ? {} : { fee: uint(a.fee, "action.fee") }),
        ...(feePermit ? { feePermit } : {}),
      };
    } else if (kind === "improveBid") {
      action = { kind, jobId, price: uint(a.price, "action.price") };
    } else if (kind === "bid" || kind === "commit") {
      const bondPermit = a.bondPermit === undefined ? undefined : permit(a.bondPermit, "action.bondPermit");
      const carried = {
        jobId,
        ...(a.token === undefined ? {} : { token: address(a.token, "action.token") }),
        ...(a.bond === undefined ? {} : { bond: uint(a.bond, "action.bond") }),
        ...(bondPermit ? { bondPermit } : {}),
      };
      action =
        kind === "bid"
          ? { kind, price: uint(a.price, "action.price"), ...carried }
          : { kind, commitment: hex(a.commitment, "action.commitment", 32) as Hash, ...carried };
    } else {
      action = { kind, jobId };
    }
  }
  const signed = {
    signer: address(s.signer, "signed.signer"),
    relayer: address(s.relayer, "signed.relayer"),
    nonce: uint(s.nonce, "signed.nonce"),
    deadline: uint(s.deadline, "signed.deadline"),
    signature: hex(s.signature, "signed.signature"),
  };
  throwProblems(problems);
  return { escrow, action, signed };
}

/** A relayer's answer: the transaction that carried the action, once mined. */
export interface RelayReceipt {
  relayer: string;
  hash: Hash;
  blockNumber: bigint;
  gasUsed: bigint;
}

/** Why a relayer did not carry an action: its sentence (a refusal of the escrow's, decoded), or no answer. */
export class RelayError extends Error {
  override name = "RelayError";
  readonly relayer: string;
  /** The relayer's HTTP status, when it answered. */
  readonly status: number | undefined;

  constructor(relayer: string, message: string, status?: number) {
    super(`${relayer}: ${message}`);
    this.relayer = relayer;
    this.status = status;
  }
}

/** Hands `s` to one relayer (POST {url}/actions) and waits for its answer: the mined transaction, or a RelayError. */
export async function sendToRelayer(url: string, s: RelayedAction, p: { timeoutMs?: number } = {}): Promise<RelayReceipt> {
  const base = url.replace(/\/+$/, "");
  let response: Response;
  try {
    response = await fetch(`${base}/actions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: signedActionToJson(s),
      signal: AbortSignal.timeout(p.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw new RelayError(base, `no answer (${(error as Error).message})`);
  }
  const body = (await response.json().catch(() => ({}))) as { hash?: Hash; blockNumber?: string; gasUsed?: string; error?: string };
  if (!response.ok || !body.hash) throw new RelayError(base, body.error ?? `HTTP ${response.status}`, response.status);
  return { relayer: base, hash: body.hash, blockNumber: BigInt(body.blockNumber ?? 0), gasUsed: BigInt(body.gasUsed ?? 0) };
}

/** Hands `s` to every relayer at once (a relayer can censor; give at least two for a deadline-bound action) and
 * returns each one's answer: the first to carry it mined it, the others were refused (`NonceUsed`, or the job had
 * moved on). Throws only when none carried it, with every relayer's reason. */
export async function sendToRelayers(
  urls: readonly string[],
  s: RelayedAction,
  p: { timeoutMs?: number } = {},
): Promise<{ carried: RelayReceipt; answers: PromiseSettledResult<RelayReceipt>[] }> {
  if (urls.length === 0) throw new TenderInputError("relayers", "name at least one relayer URL");
  const answers = await Promise.allSettled(urls.map((url) => sendToRelayer(url, s, p)));
  const carried = answers.find((a): a is PromiseFulfilledResult<RelayReceipt> => a.status === "fulfilled");
  if (!carried) {
    const reasons = answers.map((a) => ((a as PromiseRejectedResult).reason as Error).message);
    throw new RelayError(urls.join(", "), `no relayer carried the action: ${reasons.join("; ")}`);
  }
  return { carried: carried.value, answers };
}
