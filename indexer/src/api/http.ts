// What every REST endpoint shares: its answer as JSON (bigints as decimal strings), its errors (a 400 or 404 with a
// sentence naming the parameter or the thing), and the parsing of its parameters.
import type { Context as HonoContext, ErrorHandler, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { jobStatus } from "ponder:schema";
import { categoryId as categoryIdOf } from "@tender/sdk/escrow";

// ---------------------------------------------------------------------------------------------------------------
// Errors and JSON

/** An answer of the API's own: its status and sentence (onError writes it as `{ error }`). */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 422 | 503,
    message: string,
  ) {
    super(message);
  }
}
export const bad = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

/** JSON with bigints as decimal strings (a Date by its toJSON: ISO 8601). A replacer, not a copy of the value:
 * building a converted copy of every row cost more than the query itself (CPU profile of `ponder serve` under load). */
const bigintsAsStrings = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);
const toJson = (value: unknown) => JSON.stringify(value, bigintsAsStrings);

type Handler = (c: HonoContext) => Promise<unknown>;

export function route(handler: Handler) {
  return async (c: HonoContext) => {
    // A thrown HttpError (and anything else) is onError's: its 4xx, or a 500 without internals.
    return c.body(toJson(await handler(c)), 200, { "content-type": "application/json; charset=UTF-8" });
  };
}

/** The API's last word on an error no route caught (Ponder's own handler would answer 500 in plain text, naming the
 * file): known errors as their 4xx with a JSON sentence, anything else as 500 `{ error: "internal error" }`, never a
 * stack, a path or the error's own message. The error itself goes to the log. */
export const onError: ErrorHandler = (error, c) => {
  if (error instanceof HttpError) return c.json({ error: error.message }, error.status);
  if (error instanceof SyntaxError) return c.json({ error: "The request's JSON is malformed." }, 400);
  if (error instanceof URIError) return c.json({ error: "The request's URL has a malformed percent-encoding." }, 400);
  if (error instanceof HTTPException && error.status >= 400 && error.status < 500) {
    return c.json({ error: error.status === 400 ? "Malformed request." : `HTTP ${error.status}.` }, error.status);
  }
  console.error(`${c.req.method} ${c.req.path}:`, error);
  return c.json({ error: "internal error" }, 500);
};

/** GraphQL answers with its real status: Ponder's middleware turns every response into a 200, so a response with
 * errors and no data (a malformed body, a syntax or validation error) is made a 400 here; the errors lose any
 * `originalError` (a stack) the server added. A response with data and errors (a partial result) stays 200. */
export const graphqlStatus: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.method !== "POST" || !(c.res.headers.get("content-type") ?? "").includes("json")) return;
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] };
  try {
    body = (await c.res.clone().json()) as typeof body;
  } catch {
    return;
  }
  if (!Array.isArray(body.errors) || body.errors.length === 0) return;
  const errors = body.errors.map((e) => {
    const { originalError: _stack, ...extensions } = e.extensions ?? {};
    return { ...e, ...(Object.keys(extensions).length ? { extensions } : { extensions: undefined }) };
  });
  const status = body.data === undefined || body.data === null ? 400 : 200;
  c.res = undefined;
  c.res = c.json({ ...body, errors }, status);
};

// ---------------------------------------------------------------------------------------------------------------
// Parameters

/** The query string, refusing parameters the endpoint does not know and parameters given twice. */
export function query(c: HonoContext, known: readonly string[]): Record<string, string | undefined> {
  const all = c.req.queries();
  const out: Record<string, string | undefined> = {};
  for (const [name, values] of Object.entries(all)) {
    if (!known.includes(name)) {
      throw bad(`Unknown query parameter "${name}"; this endpoint takes ${known.map((k) => `"${k}"`).join(", ")}.`);
    }
    if (values.length > 1) throw bad(`Query parameter "${name}" is given ${values.length} times; give it once.`);
    out[name] = values[0];
  }
  return out;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export function address(name: string, value: string): `0x${string}` {
  if (!ADDRESS.test(value)) throw bad(`"${name}" must be an address (0x and 40 hex digits), not "${value}".`);
  return value.toLowerCase() as `0x${string}`;
}

export function token(value: string): `0x${string}` {
  if (value.toLowerCase() === "eth") return ZERO_ADDRESS;
  if (!ADDRESS.test(value)) throw bad(`"token" must be a token address (0x and 40 hex digits) or "ETH", not "${value}".`);
  return value.toLowerCase() as `0x${string}`;
}

export function amount(name: string, value: string): bigint {
  if (!/^\d{1,78}$/.test(value)) {
    throw bad(`"${name}" must be a whole number of the token's base units (e.g. 1500000 for 1.5 of a 6-decimal token), not "${value}".`);
  }
  return BigInt(value);
}

export function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw bad(`"${name}" must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return Number(value);
}

/** A category by name ("code") or by on-chain id (0x + 64 hex digits): its id. */
export function category(name: string, value: string): `0x${string}` {
  if (BYTES32.test(value)) return value.toLowerCase() as `0x${string}`;
  if (value === "" || value.length > 256) throw bad(`"${name}" must be a category name (e.g. "code") or its 32-byte id, not "${value}".`);
  return categoryIdOf(value);
}

const STATUSES = jobStatus.enumValues;
type Status = (typeof STATUSES)[number];

export function statuses(value: string | undefined): Status[] | undefined {
  if (value === undefined) return ["Open"];
  if (value.toLowerCase() === "all") return undefined;
  return value.split(",").map((part) => {
    const found = STATUSES.find((s) => s.toLowerCase() === part.trim().toLowerCase());
    if (!found) {
      throw bad(`"status" must be one or more of ${STATUSES.map((s) => s.toLowerCase()).join(", ")} (comma-separated), or "all"; "${part}" is none of them.`);
    }
    return found;
  });
}
