// The indexer's HTTP edges: every failure answers JSON with its real status and no internals (no stack, no file
// path), `/sql` itself explains how to query, a refused write through /sql is a 403, malformed input a 400, GraphQL
// errors without data a 400, a /sql query is bounded in time, /sql/live's too (PGlite: by its planned cost, refused
// before it runs; PostgreSQL: a statement timeout, cancelled by the server, answered at once), and open RFQs whose bidding closed are told apart from
// those still taking bids (/api/jobs?biddingOpen=, /api/markets' counts). A real hardhat node, Tender deployed
// through the SDK, two RFQs (one past its bid deadline), then `ponder start` on PGlite and on PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Address, Hash } from "viem";
import { parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { type RunningIndexer, startIndexer } from "../../scripts/dev/lib/indexer.ts";
import { type RunningPostgres, startPostgres } from "../../scripts/dev/lib/postgres.ts";
import { type RunningNode, startNode } from "../helpers/node.ts";

const DEPLOYER = 0, TREASURY = 1, JUDGE = 2, BUYER = 3;
type Json = Record<string, any>;

/** No stack frame, no file path, no Ponder wording of its internals. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(/\.(?:ts|js|mjs|cjs)\b|\/work\/|\/root\/|node_modules|\bat \S+ \(|occurred in/);
}

describe("indexer HTTP", () => {
  let node: RunningNode;
  let indexer: RunningIndexer;
  let pgIndexer: RunningIndexer | undefined;
  let postgres: RunningPostgres | undefined;
  let dir: string;
  let escrow: Address;
  const ids: Record<string, bigint> = {};
  const timeout = process.env.TENDER_SQL_TIMEOUT_MS;

  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(node.reader, await hash);
  const now = async () => Number((await node.reader.getBlock()).timestamp);
  const addr = (index: number) => node.writer(index).account.address;

  async function call(path: string, init?: RequestInit, from = indexer): Promise<{ status: number; type: string; text: string; body: Json }> {
    const res = await fetch(`${from.url}${path}`, init);
    const text = await res.text();
    let body: Json = {};
    try {
      body = JSON.parse(text) as Json;
    } catch {}
    return { status: res.status, type: res.headers.get("content-type") ?? "", text, body };
  }
  /** A query that is cheap to state and costly to run: 40⁶ rows counted. */
  const VALUES = `(values ${Array.from({ length: 40 }, (_, i) => `(${i})`).join(", ")})`;
  const HEAVY = `select count(*) from ${["a", "b", "c", "d", "e", "f"].map((t) => `${VALUES} ${t}(x)`).join(", ")}`;
  const sqlPath = (sqlText: string, endpoint = "db") => `/sql/${endpoint}?sql=${encodeURIComponent(JSON.stringify({ json: { sql: sqlText, params: [] } }))}`;
  /** A live query: its status and type once its stream opens (then closed), or its whole answer if it is an error.
   * Ponder refuses live queries (503) until its backfill is done: asked again until it is. */
  async function live(sqlText: string, from: RunningIndexer): Promise<{ status: number; type: string; text: string; body: Json; ms: number }> {
    for (let tries = 0; ; tries++) {
      const started = Date.now();
      const abort = new AbortController();
      const res = await fetch(`${from.url}${sqlPath(sqlText, "live")}`, { signal: abort.signal });
      const type = res.headers.get("content-type") ?? "";
      const ms = Date.now() - started;
      if (type.includes("event-stream")) {
        abort.abort();
        return { status: res.status, type, text: "", body: {}, ms };
      }
      const text = await res.text();
      let body: Json = {};
      try {
        body = JSON.parse(text) as Json;
      } catch {}
      if (res.status === 503 && /backfill/.test(text) && tries < 30) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      return { status: res.status, type, text, body, ms };
    }
  }
  const graphql = (body: string) => call("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body });
  /** An answer that is an error: JSON `{ error }` of that status, nothing internal in it. */
  function expectError(answer: { status: number; type: string; text: string; body: Json }, status: number) {
    expect(answer.status, answer.text).toBe(status);
    expect(answer.type).toContain("application/json");
    expect(typeof answer.body.error, answer.text).toBe("string");
    expectNoInternals(answer.text);
  }

  beforeAll(async () => {
    // PostgreSQL's bound, short for the test (the indexers inherit the environment).
    process.env.TENDER_SQL_TIMEOUT_MS = "1000";
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-indexer-http-"));
    const deployer = node.writer(DEPLOYER);
    const deployment = await sdk.deployEscrow(deployer, node.reader, { owner: deployer.account.address, treasury: addr(TREASURY), feeBps: 100 });
    escrow = deployment.escrow;
    sdk.writeDeployment(deployment, dir);
    await ok(sdk.registerArbitrator(node.writer(JUDGE), { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));
    const rfq = async (title: string, hours: number) =>
      sdk.waitForJobId(
        node.reader,
        await sdk.postRFQ(node.writer(BUYER), {
          escrow, token: "0x0000000000000000000000000000000000000000", maxPrice: parseUnits("1", 18), bidDeadline: (await now()) + hours * sdk.HOUR,
          awardWindow: sdk.HOUR, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode: sdk.AwardMode.BuyerChoice, arbitrator: addr(JUDGE),
          defaultBuyerShareBps: 0, category: "code", floors: sdk.NO_FLOORS, spec: JSON.stringify({ version: 1, title, category: "code", task: title }),
        }),
      );
    ids.closing = await rfq("Closes soon", 2);
    ids.open = await rfq("Open for long", 5);
    // Past the first one's bid deadline: it awaits its award, the second still takes bids.
    await node.reader.request({ method: "evm_increaseTime" as never, params: [3 * sdk.HOUR] as never });
    await node.reader.request({ method: "evm_mine" as never, params: [] as never });
    indexer = await startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir });
  }, 180_000);

  afterAll(async () => {
    if (timeout === undefined) delete process.env.TENDER_SQL_TIMEOUT_MS;
    else process.env.TENDER_SQL_TIMEOUT_MS = timeout;
    await Promise.allSettled([indexer?.stop(), pgIndexer?.stop()]);
    await postgres?.stop();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("answers /sql itself with a note on how to query, whose example runs", async () => {
    for (const path of ["/sql", "/sql/"]) {
      const note = await call(path);
      expect(note.status, note.text).toBe(200);
      expect(note.type).toContain("application/json");
      expect(note.body.about).toMatch(/SELECT/);
      const example = await call(note.body.example);
      expect(example.status, example.text).toBe(200);
      expect(example.body.rows.map((r: Json) => r.title).sort()).toEqual(["Closes soon", "Open for long"]);
    }
    expectError(await call("/sql/nothing"), 404);
  });

  it("refuses writes and other statements through /sql with a 403 in JSON", async () => {
    for (const statement of [
      "insert into job (id) values (999)",
      "update job set title = 'x'",
      "delete from job",
      "drop table job",
      "select 1; delete from job",
      "select pg_sleep(10)",
    ]) {
      // Twice: Ponder's check keeps only its verdict, the second time without its reason.
      for (const _ of [1, 2]) {
        const answer = await call(sqlPath(statement));
        expectError(answer, 403);
        expect(answer.body.error).toMatch(/^Refused: .*not supported/);
      }
    }
    // Nothing was written.
    expect((await call(sqlPath("select count(*)::int as n from job"))).body.rows).toEqual([{ n: 2 }]);
  });

  it("answers malformed input with a 400 in JSON, without internals", async () => {
    const cases = [
      "/sql/db",
      "/sql/db?sql=notjson",
      `/sql/db?sql=${encodeURIComponent("{")}`,
      `/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: 5 }))}`,
      `/sql/db?sql=${encodeURIComponent(JSON.stringify({ json: { sql: 1 } }))}`,
      `/sql/db?sql=1&sql=2`,
      "/sql/live?sql=notjson",
      sqlPath("select nope from job"),
      sqlPath("select from where"),
      "/api/jobs?status=%ZZ",
      "/api/jobs?limit=0",
      "/api/jobs/abc",
    ];
    for (const path of cases) expectError(await call(path), 400);
    // A body where none is read, or broken JSON where a body is read.
    expectError(await call("/api/jobs", { method: "POST", body: "{" }), 404);
  });

  it("answers GraphQL errors without data with a 400, a result with a 200", async () => {
    const good = await graphql(JSON.stringify({ query: "{ jobs { totalCount } }" }));
    expect(good.status, good.text).toBe(200);
    expect(good.body.data.jobs.totalCount).toBe(2);
    for (const body of ["{", "not json", JSON.stringify({ query: "{ jobs { nope } }" }), JSON.stringify({ query: "{ jobs" }), JSON.stringify({})]) {
      const answer = await graphql(body);
      expect(answer.status, `${body}: ${answer.text}`).toBe(400);
      expect(answer.type).toContain("application/json");
      expect(answer.body.errors?.length, answer.text).toBeGreaterThan(0);
      expect(answer.body.data ?? null).toBeNull();
      expectNoInternals(answer.text);
    }
  });

  it("refuses a /sql query too costly to run on PGlite, before it runs, live queries too", async () => {
    const started = Date.now();
    const answer = await call(sqlPath(HEAVY));
    expectError(answer, 422);
    expect(answer.body.error).toMatch(/planned cost/);
    expect(Date.now() - started).toBeLessThan(5_000);
    const costly = await live(HEAVY.replace("count(*)", "count(*) + 1"), indexer);
    expectError(costly, 422);
    expect(costly.body.error).toMatch(/planned cost/);
    expect(costly.ms).toBeLessThan(5_000);
    expect(await live("select count(*) from job", indexer)).toMatchObject({ status: 200, type: expect.stringContaining("text/event-stream") });
    expectError(await live("delete from job", indexer), 403);
    // The server still answers.
    expect((await call("/api/jobs")).status).toBe(200);
  });

  it("tells open RFQs still taking bids from those whose bidding closed", async () => {
    const all = await call("/api/jobs");
    expect(all.body.items.map((j: Json) => j.id).sort()).toEqual([String(ids.closing), String(ids.open)].sort());
    expect(all.body.asOf).toBeUndefined();
    const open = await call("/api/jobs?biddingOpen=true");
    expect(open.status, open.text).toBe(200);
    expect(open.body.items.map((j: Json) => j.id)).toEqual([String(ids.open)]);
    expect(open.body.asOf).toBe(await now());
    const closed = await call("/api/jobs?biddingOpen=false&status=all");
    expect(closed.body.items.map((j: Json) => j.id)).toEqual([String(ids.closing)]);
    expectError(await call("/api/jobs?biddingOpen=yes"), 400);
    // A cursor is tied to the filter.
    const page = await call("/api/jobs?biddingOpen=true&limit=1");
    expect(page.body.nextCursor).toBeNull();
    const first = await call("/api/jobs?limit=1");
    expectError(await call(`/api/jobs?limit=1&biddingOpen=true&cursor=${first.body.nextCursor}`), 400);

    const { body } = await call("/api/markets");
    expect(body.asOf).toBe(await now());
    expect(body.markets.find((m: Json) => m.name === "code")).toMatchObject({ openJobs: 2, biddingOpenJobs: 1, biddingClosedJobs: 1 });
  });

  it("cancels a /sql query that runs past the statement timeout on PostgreSQL (503) within the timeout, live queries too", { timeout: 180_000 }, async () => {
    postgres = await startPostgres({ fast: true });
    pgIndexer = await startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir, databaseUrl: postgres.url });
    const quick = await call(sqlPath("select count(*)::int as n from job"), undefined, pgIndexer);
    expect(quick.status, quick.text).toBe(200);
    expect(quick.body.rows).toEqual([{ n: 2 }]);
    expectError(await call(sqlPath("update job set title = 'x'"), undefined, pgIndexer), 403);
    expectError(await call(sqlPath("select nope from job"), undefined, pgIndexer), 400);
    // A query error that Ponder's query builder would have retried nine times (about a minute): at once.
    let started = Date.now();
    const zero = await call(sqlPath("select 1 / (count(*) - count(*)) from job"), undefined, pgIndexer);
    expectError(zero, 400);
    expect(zero.body.error).toMatch(/division by zero/);
    expect(Date.now() - started).toBeLessThan(3_000);
    // The runaway query: cancelled by the server after 1 s and answered then (it came after ~73 s when it went
    // through Ponder's retrying transaction). Twice, as two texts: Ponder answers the same text from its cache.
    for (const round of [1, 2]) {
      started = Date.now();
      const slow = await call(sqlPath(HEAVY.replace("count(*)", `count(*) + ${round}`)), undefined, pgIndexer);
      const ms = Date.now() - started;
      expectError(slow, 503);
      expect(slow.body.error).toMatch(/longer than 1000 ms/);
      console.log(`/sql/db on PostgreSQL, round ${round}: 503 after ${ms} ms (timeout 1000 ms)`);
      expect(ms).toBeLessThan(4_000);
    }
    // /sql/live runs under the same bound: a runaway live query is a 503 as fast; a cheap one opens its stream.
    expect(await live("select count(*) from job", pgIndexer)).toMatchObject({ status: 200, type: expect.stringContaining("text/event-stream") });
    const slowLive = await live(HEAVY.replace("count(*)", "count(*) + 3"), pgIndexer);
    expectError(slowLive, 503);
    expect(slowLive.body.error).toMatch(/longer than 1000 ms/);
    console.log(`/sql/live on PostgreSQL: 503 after ${slowLive.ms} ms (timeout 1000 ms)`);
    expect(slowLive.ms).toBeLessThan(4_000);
    // Ponder logged no retry of a cancelled query.
    expect(pgIndexer.log().split("\n").filter((line) => /retry_count/.test(line) && /statement timeout/.test(line))).toEqual([]);
    expect((await call("/api/markets", undefined, pgIndexer)).status).toBe(200);
  });
});
