// SQL over HTTP (`/sql/*`, for @ponder/client): Ponder's `client` middleware runs the queries — its own check first
// (one read-only SELECT, allowed functions only), then the query, cached until the tables it reads change — and this
// module bounds and answers them. Ponder's middleware answers a refused or failed query with a 500 in plain text and
// lets a query run as long as it likes; here:
//   GET /sql            a JSON note on how to query (200)
//   /sql/db, /sql/live  the `sql` parameter must be JSON of superjson's shape { json: { sql, params } } (else 400);
//                       Ponder's check refuses with 403; a query error is a 400
//   time                every query Ponder runs for /sql/db and /sql/live (a live query's first run and each re-run)
//                       is bounded: on PostgreSQL by `SET LOCAL statement_timeout` in its read-only transaction (the
//                       server cancels it: 503); PGlite runs queries on this thread, where neither a timer nor its
//                       statement_timeout can interrupt them, so there a query whose planned cost is above the bound
//                       is refused before it runs (422)
//   anything else       under /sql/: 404 JSON
//
// Why the 503 used to come ~73 s late on PostgreSQL: Ponder's read-only query builder (`readonlyQB`, which its
// client middleware and the former guard both used) wraps `transaction()` in a retry loop — 9 retries, waiting
// 125 ms × 2^i between them (63.9 s in all) — and retries any error but a few "user" ones, a cancelled statement
// included. The server did cancel each attempt at the timeout: 10 attempts × ~1 s + 63.9 s of waits ≈ 74 s. The
// queries here go through drizzle's own transaction on the same pool (the session's), which does not retry.
import type { MiddlewareHandler } from "hono";
import { HttpError } from "./http.ts";

/** How long a /sql query may take on PostgreSQL, its wait for a connection included. */
export const SQL_TIMEOUT_MS = Number(process.env.TENDER_SQL_TIMEOUT_MS ?? 5_000);
/** The highest planned cost (EXPLAIN's total cost) a /sql query may have on PGlite: about a second here. */
export const SQL_MAX_COST = Number(process.env.TENDER_SQL_MAX_COST ?? 2_000_000);

interface Query {
  sql: string;
  params: unknown[];
  typings?: unknown[];
}
interface Session {
  prepareQuery: (query: Query, fields: undefined, name: undefined, arrayMode: boolean) => { execute: () => Promise<unknown> };
  /** Drizzle's transaction (node-postgres: a connection of the pool, BEGIN … COMMIT or ROLLBACK; no retry). */
  transaction: <T>(run: (tx: Tx) => Promise<T>, config: { accessMode: "read only" }) => Promise<T>;
}
interface Tx {
  _: { session: Session };
}
interface Db {
  _: { session: Session };
}
/** The parts of Ponder's database (`globalThis.PONDER_DATABASE`, as its client middleware reads it) used here. */
interface PonderDatabase {
  driver: { dialect: "pglite" | "postgres" };
  /** `raw` is the drizzle database over the read-only pool (`db` of ponder:api); Ponder's client middleware runs
   * each PostgreSQL query as `readonlyQB.raw.transaction(tx => …, { accessMode: "read only" })`. */
  readonlyQB: { raw: Db & { transaction: (...args: unknown[]) => Promise<unknown>; [BOUNDED]?: true } };
}
const BOUNDED = Symbol.for("tender.sql.bounded");

const ponderDatabase = () => (globalThis as unknown as { PONDER_DATABASE: PonderDatabase }).PONDER_DATABASE;

// The errors of a bounded query. Ponder's /sql/db answers a failed query with its message as text (500), so the
// guard tells them apart by their first words; thrown where Ponder does not catch (a live query's first run), the
// API's onError answers them with their status.
const TIMED_OUT = "The query ran longer than";
const TOO_COSTLY = "Refused: the query's planned cost";
const FAILED = "The query failed:";
const timedOut = () => new HttpError(503, `${TIMED_OUT} ${SQL_TIMEOUT_MS} ms and was cancelled.`);

/** A database error's message, without anything but its first line (never a stack or a path). */
const messageOf = (error: unknown) => {
  const cause = (error as { cause?: unknown })?.cause;
  const inner = cause instanceof Error ? cause : error;
  return String((inner as Error)?.message ?? inner).split("\n")[0]!.slice(0, 300);
};
const codeOf = (error: unknown): string | undefined => {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  return typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
};
/** A query's failure as the API tells it: a cancelled statement a 503, anything else a 400 with the database's
 * own first line (a column that does not exist, a division by zero). */
const answerOf = (error: unknown) =>
  error instanceof HttpError ? error : codeOf(error) === "57014" ? timedOut() : new HttpError(400, `${FAILED} ${messageOf(error)}`);

const run = (session: Session, sql: string, params: unknown[] = []) =>
  session.prepareQuery({ sql, params }, undefined, undefined, false).execute();

/** One query on PostgreSQL: a read-only transaction of drizzle's on the read-only pool, whose statement timeout is
 * what is left of SQL_TIMEOUT_MS once it has a connection, without JIT (LLVM compiling a costly plan does not check
 * for the timeout's interrupt), and without Ponder's retries. */
async function boundedTransaction<T>(session: Session, query: (tx: Tx) => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await session.transaction(
      async (tx) => {
        const left = Math.ceil(SQL_TIMEOUT_MS - (Date.now() - started));
        // The whole time went waiting for a connection: not worth starting.
        if (left < 1) throw timedOut();
        await run(tx._.session, `set local statement_timeout = ${left}`);
        await run(tx._.session, "set local jit = off");
        return query(tx);
      },
      { accessMode: "read only" },
    );
  } catch (error) {
    throw answerOf(error);
  }
}

/** On PGlite, a session whose queries are planned first (EXPLAIN of the query Ponder's check let through) and
 * refused when their planned cost is above SQL_MAX_COST. */
function costBounded(session: Session): Session {
  const bounded = Object.create(session) as Session;
  bounded.prepareQuery = (query, fields, name, arrayMode) => ({
    execute: async () => {
      let cost: number;
      try {
        const plan = (await session
          .prepareQuery({ sql: `explain (format json) ${query.sql}`, params: query.params, typings: query.typings }, undefined, undefined, false)
          .execute()) as { rows: { "QUERY PLAN": unknown }[] };
        const first = plan.rows[0]?.["QUERY PLAN"];
        const parsed = (typeof first === "string" ? JSON.parse(first) : first) as { Plan: { "Total Cost": number } }[];
        cost = parsed[0]!.Plan["Total Cost"];
      } catch (error) {
        throw answerOf(error);
      }
      if (cost > SQL_MAX_COST) {
        throw new HttpError(422, `${TOO_COSTLY} (${Math.round(cost)}) is above ${SQL_MAX_COST}; narrow it (a WHERE, a LIMIT, fewer joins).`);
      }
      return session.prepareQuery(query, fields, name, arrayMode).execute().catch((error: unknown) => {
        throw answerOf(error);
      });
    },
  });
  return bounded;
}

/** The `db` to give Ponder's client middleware, with every query it runs bounded in time: on PGlite, a copy of `db`
 * whose session refuses costly plans (Ponder runs PGlite queries on the `db` it is given); on PostgreSQL, `db`
 * itself, once Ponder's read-only `transaction` (which its middleware runs each query in) is the bounded one — it
 * is used by nothing else (the REST routes run plain selects; GraphQL, `readonlyQB.wrap`). */
export function boundedSqlDb<T>(db: T): T {
  const database = ponderDatabase();
  const given = db as unknown as Db;
  if (database.driver.dialect === "pglite") {
    const copy = Object.create(given) as Db;
    copy._ = { ...given._, session: costBounded(given._.session) };
    return copy as unknown as T;
  }
  const raw = database.readonlyQB.raw;
  if (!raw[BOUNDED]) {
    const session = raw._.session;
    const retried = raw.transaction.bind(raw);
    raw.transaction = (...args: unknown[]) =>
      typeof args[0] === "function" ? boundedTransaction(session, args[0] as (tx: Tx) => Promise<unknown>) : retried(...args);
    raw[BOUNDED] = true;
  }
  return db;
}

const NOTE = {
  about: "SQL over HTTP for @ponder/client: read-only SELECTs on the indexer's tables.",
  endpoints: {
    "GET /sql/db?sql=<superjson of { sql, params }>": "runs one query and answers { rows, ... }",
    "GET /sql/live?sql=<same>": "the same as server-sent events, re-sent when the tables it reads change",
  },
  example: `/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: "select id, title from job order by id desc limit 5", params: [] } }))}`,
  client: 'import { createClient } from "@ponder/client"; createClient("<this indexer>/sql", { schema })',
  limits: `one SELECT, no writes, Ponder's allowed functions only; at most ${SQL_TIMEOUT_MS} ms a query on PostgreSQL (live queries' re-runs too), a planned cost of at most ${SQL_MAX_COST} on PGlite`,
  docs: "indexer/README.md",
};

/** The `sql` parameter's query text, or its problem if it is not one JSON text of superjson's shape holding
 * { sql, params }. */
function sqlOf(raw: string[] | undefined): { sql: string } | { problem: string } {
  if (!raw || raw.length === 0) return { problem: 'Missing "sql" query parameter: superjson of { sql, params }; GET /sql explains.' };
  if (raw.length > 1) return { problem: 'Query parameter "sql" is given several times; give it once.' };
  let value: unknown;
  try {
    value = JSON.parse(raw[0]!);
  } catch {
    return { problem: 'The "sql" parameter is not JSON: it must be superjson of { sql, params }; GET /sql explains.' };
  }
  // superjson's text is { json, meta? }; meta only annotates values (a bigint, a Date), never `sql` itself.
  const q = (value as { json?: Partial<Query> } | null)?.json;
  if (!q || typeof q !== "object" || typeof q.sql !== "string" || (q.params !== undefined && !Array.isArray(q.params))) {
    return { problem: 'The "sql" parameter must hold { sql: string, params: array }.' };
  }
  return { sql: q.sql };
}

/** Ponder's check keeps only its verdict on a query it has seen ("Invalid query" the second time a refused query
 * comes): the reasons of its refusals, by query text, so that the same query is refused alike each time. */
const refusals = new Map<string, string>();
const REFUSALS_KEPT = 1_000;

/** Ponder's text answer to a failed query, as JSON with its status. */
function translated(sql: string, text: string, status: number): { status: 400 | 403 | 422 | 503; error: string } {
  if (text.startsWith(TIMED_OUT)) return { status: 503, error: text };
  if (text.startsWith(TOO_COSTLY)) return { status: 422, error: text };
  if (text.startsWith(FAILED)) return { status: 400, error: text };
  // Ponder's own 503s: live queries before the backfill is done, or too many of them.
  if (status === 503) return { status: 503, error: text };
  // Its check: "… not supported" (a statement, a function, a system table, several statements) is a refusal; the
  // rest is SQL that does not parse ("Invalid query", the parser's message), or more than 5,000 characters.
  const refused = /not supported/.test(text) ? text : text === "Invalid query" ? refusals.get(sql) : undefined;
  if (refused !== undefined) {
    if (!refusals.has(sql)) {
      if (refusals.size >= REFUSALS_KEPT) refusals.delete(refusals.keys().next().value!);
      refusals.set(sql, refused);
    }
    return { status: 403, error: `Refused: only one read-only SELECT is allowed here (${refused}).` };
  }
  const parser = /^Invalid (query|CTE)$|^\[object Object\]$/.test(text) ? "" : ` (${text})`;
  return { status: 400, error: `The query does not parse as one SQL statement of at most 5,000 characters${parser}.` };
}

/** In front of Ponder's `client` middleware on /sql and /sql/*. */
export const sqlGuard: MiddlewareHandler = async (c, next) => {
  const path = c.req.path.replace(/\/+$/, "");
  if (path === "/sql") return c.json(NOTE, 200);
  if (c.req.path !== "/sql/db" && c.req.path !== "/sql/live") {
    return c.json({ error: `No endpoint ${c.req.method} ${c.req.path}; SQL is at /sql/db and /sql/live (GET /sql explains).` }, 404);
  }
  const query = sqlOf(c.req.queries("sql"));
  if ("problem" in query) return c.json({ error: query.problem }, 400);
  await next();
  const res = c.res;
  if (res.status >= 400 && !(res.headers.get("content-type") ?? "").includes("json")) {
    const { status, error } = translated(query.sql, (await res.text()).split("\n")[0]!.slice(0, 300), res.status);
    c.res = undefined;
    c.res = c.json({ error }, status);
  }
};
