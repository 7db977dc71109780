// SQL over HTTP (`/sql/*`, for @ponder/client) behind a guard: Ponder's `client` middleware answers a refused or
// failed query with a 500 in plain text and a malformed one with a 500 that names its files, and lets a query run as
// long as it likes. In front of it:
//   GET /sql            a JSON note on how to query (200)
//   /sql/db, /sql/live  the `sql` parameter must be superjson of { sql, params } (else 400); Ponder's own check
//                       (one read-only SELECT, allowed functions only) refuses with 403; a query error is a 400
//   time                on PostgreSQL, /sql/db runs in a read-only transaction with `SET LOCAL statement_timeout`
//                       (the server cancels it; 503); PGlite runs queries on this thread, where neither a timer
//                       nor its statement_timeout can interrupt them, so there a query whose planned cost is above
//                       the bound is refused before it runs (422)
//   anything else       under /sql/: 404 JSON
import type { Context as HonoContext, MiddlewareHandler } from "hono";
import { existsSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import superjson from "superjson";

/** How long a /sql query may run on PostgreSQL. */
export const SQL_TIMEOUT_MS = Number(process.env.TENDER_SQL_TIMEOUT_MS ?? 5_000);
/** The highest planned cost (EXPLAIN's total cost) a /sql query may have on PGlite: about a second here. */
export const SQL_MAX_COST = Number(process.env.TENDER_SQL_MAX_COST ?? 2_000_000);

interface Query {
  sql: string;
  params: unknown[];
  typings?: unknown[];
}

/** The parts of Ponder's database (`globalThis.PONDER_DATABASE`, as its client middleware reads it) used here. */
interface PonderDatabase {
  driver: { dialect: "pglite" | "postgres" };
  readonlyQB: {
    raw: {
      transaction: <T>(run: (tx: { _: { session: Session } }) => Promise<T>, config: { accessMode: "read only" }) => Promise<T>;
    };
  };
}
interface Session {
  prepareQuery: (query: Query, fields: undefined, name: undefined, arrayMode: boolean) => { execute: () => Promise<unknown> };
}

const ponderDatabase = () => (globalThis as unknown as { PONDER_DATABASE: PonderDatabase }).PONDER_DATABASE;

/** Ponder's own check of a query (one statement, a SELECT, allowed node types and functions): the module its client
 * middleware uses, which the package does not export. Loaded once, from beside Ponder's entry. */
let validator: Promise<(sql: string) => Promise<void>> | undefined;
function loadValidator(): Promise<(sql: string) => Promise<void>> {
  validator ??= (async () => {
    // The running Ponder's own copy (its bin is process.argv[1]), else the nearest node_modules/ponder up from here.
    const candidates = process.argv[1] ? [join(dirname(process.argv[1]), "../utils/sql-parse.js")] : [];
    for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
      candidates.push(join(dir, "node_modules/ponder/dist/esm/utils/sql-parse.js"));
      if (dirname(dir) === dir) break;
    }
    const found = candidates.find((path) => path.includes(`${sep}ponder${sep}`) && existsSync(path));
    if (!found) throw new Error("Ponder's SQL check (ponder/dist/esm/utils/sql-parse.js) was not found.");
    const mod = (await import(/* @vite-ignore */ pathToFileURL(found).href)) as { validateAllowableSQLQuery: (sql: string) => Promise<void> };
    return mod.validateAllowableSQLQuery;
  })();
  return validator;
}

const NOTE = {
  about: "SQL over HTTP for @ponder/client: read-only SELECTs on the indexer's tables.",
  endpoints: {
    "GET /sql/db?sql=<superjson of { sql, params }>": "runs one query and answers { rows, ... }",
    "GET /sql/live?sql=<same>": "the same as server-sent events, re-sent when the tables it reads change",
  },
  example: `/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: "select id, title from job order by id desc limit 5", params: [] } }))}`,
  client: 'import { createClient } from "@ponder/client"; createClient("<this indexer>/sql", { schema })',
  limits: `one SELECT, no writes, Ponder's allowed functions only; at most ${SQL_TIMEOUT_MS} ms on PostgreSQL, a planned cost of at most ${SQL_MAX_COST} on PGlite`,
  docs: "indexer/README.md",
};

/** A database error's message, without anything but its first line (never a stack or a path). */
const messageOf = (error: unknown) => {
  // Drizzle wraps a database's error ("Failed query: …") with the database's own as its cause.
  const cause = (error as { cause?: unknown })?.cause;
  const inner = cause instanceof Error ? cause : error;
  return String((inner as Error)?.message ?? inner).split("\n")[0]!.slice(0, 300);
};
const codeOf = (error: unknown): string | undefined => {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  return typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
};

function parseQuery(c: HonoContext): Query | Response {
  const raw = c.req.queries("sql");
  if (!raw || raw.length === 0) return c.json({ error: 'Missing "sql" query parameter: superjson of { sql, params }; GET /sql explains.' }, 400);
  if (raw.length > 1) return c.json({ error: 'Query parameter "sql" is given several times; give it once.' }, 400);
  let value: unknown;
  try {
    JSON.parse(raw[0]!);
    value = superjson.parse(raw[0]!);
  } catch {
    return c.json({ error: 'The "sql" parameter is not JSON: it must be superjson of { sql, params }; GET /sql explains.' }, 400);
  }
  const q = value as Partial<Query> | null;
  if (!q || typeof q !== "object" || typeof q.sql !== "string" || (q.params !== undefined && !Array.isArray(q.params))) {
    return c.json({ error: 'The "sql" parameter must hold { sql: string, params: array }.' }, 400);
  }
  return { sql: q.sql, params: q.params ?? [], typings: q.typings };
}

export function sqlGuard({ db }: { db: unknown }): MiddlewareHandler {
  const session = (db as { _: { session: Session } })._.session;
  return async (c, next) => {
    const path = c.req.path.replace(/\/+$/, "");
    if (path === "/sql") return c.json(NOTE, 200);
    if (path !== "/sql/db" && path !== "/sql/live") {
      return c.json({ error: `No endpoint ${c.req.method} ${c.req.path}; SQL is at /sql/db and /sql/live (GET /sql explains).` }, 404);
    }
    const query = parseQuery(c);
    if (query instanceof Response) return query;
    // Not finding Ponder's check is the indexer's fault (onError: a 500), not the query's.
    const validate = await loadValidator();
    try {
      await validate(query.sql);
    } catch (error) {
      // "… not supported" (a statement, a function, a system table, several statements) is a refusal; the rest is
      // SQL that does not parse ("Invalid query", or the parser's error object), or more than 5,000 characters.
      const message = messageOf(error);
      if (/not supported/.test(message)) return c.json({ error: `Refused: only one read-only SELECT is allowed here (${message}).` }, 403);
      return c.json({ error: "The query does not parse as one SQL statement of at most 5,000 characters." }, 400);
    }

    const database = ponderDatabase();
    if (database.driver.dialect === "pglite") {
      // Planned, not run: EXPLAIN of a validated SELECT.
      let cost: number;
      try {
        const plan = (await session
          .prepareQuery({ sql: `explain (format json) ${query.sql}`, params: query.params, typings: query.typings }, undefined, undefined, false)
          .execute()) as { rows: { "QUERY PLAN": unknown }[] };
        const first = plan.rows[0]?.["QUERY PLAN"];
        const parsed = (typeof first === "string" ? JSON.parse(first) : first) as { Plan: { "Total Cost": number } }[];
        cost = parsed[0]!.Plan["Total Cost"];
      } catch (error) {
        return c.json({ error: `The query failed: ${messageOf(error)}` }, 400);
      }
      if (cost > SQL_MAX_COST) {
        return c.json({ error: `Refused: the query's planned cost (${Math.round(cost)}) is above ${SQL_MAX_COST}; narrow it (a WHERE, a LIMIT, fewer joins).` }, 422);
      }
    } else if (path === "/sql/db") {
      // PostgreSQL: Ponder's read-only transaction, with the statement timeout set in it; and, should the server
      // not cancel it in time (seen under load with Ponder's connections), the API cancels its backend itself.
      let pid: number | undefined;
      let timer: NodeJS.Timeout | undefined;
      let timedOut = false;
      try {
        const result = await database.readonlyQB.raw.transaction(
          async (tx) => {
            const run = (text: string) => tx._.session.prepareQuery({ sql: text, params: [] }, undefined, undefined, false).execute();
            // No JIT either: LLVM compiling a costly plan does not check for the timeout's interrupt.
            await run(`set local statement_timeout = ${Math.floor(SQL_TIMEOUT_MS)}`);
            await run("set local jit = off");
            pid = ((await run("select pg_backend_pid() as pid")) as { rows: { pid: number }[] }).rows[0]?.pid;
            timer = setTimeout(() => {
              timedOut = true;
              if (pid !== undefined) void session.prepareQuery({ sql: `select pg_cancel_backend(${Number(pid)})`, params: [] }, undefined, undefined, false).execute().catch(() => {});
            }, SQL_TIMEOUT_MS + 250);
            return tx._.session.prepareQuery(query, undefined, undefined, false).execute();
          },
          { accessMode: "read only" },
        );
        return c.json(result as object);
      } catch (error) {
        if (timedOut || codeOf(error) === "57014") return c.json({ error: `The query ran longer than ${SQL_TIMEOUT_MS} ms and was cancelled.` }, 503);
        return c.json({ error: `The query failed: ${messageOf(error)}` }, 400);
      } finally {
        clearTimeout(timer);
      }
    }

    await next();
    // Ponder's client answers its failures in plain text with 500: as JSON, a query's failure as a 400.
    const res = c.res;
    if (res.status >= 400 && !(res.headers.get("content-type") ?? "").includes("json")) {
      const text = (await res.text()).split("\n")[0]!.slice(0, 300);
      c.res = undefined;
      c.res = c.json({ error: res.status === 503 ? text : `The query failed: ${text}` }, res.status === 503 ? 503 : 400);
    }
  };
}
