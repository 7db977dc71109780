// The indexer's benchmarks (issue 6). Run: `npm run bench:indexer` (the full sizes take a while: see the README).
// Everything it needs it starts and stops itself: a `hardhat node` on a free port, Ponder apps, a private PostgreSQL
// cluster (scripts/dev/lib/postgres.ts).
//
// 1. Backfill: a chain of TENDER_BENCH_EVENTS (20,000) Tender events of every kind, ~100 to a block, written through
//    the SDK by 40 buyers, 60 suppliers, 3 arbitrators, an attestor and the owner (scripts/dev/bench/indexer-seed.ts),
//    then 35 empty blocks so that every event lies below Ponder's finalized block (head − 30) and is backfilled. It
//    is indexed from zero by the indexer and by an app with the same config and empty handlers
//    (scripts/dev/bench/ponder-baseline/), on each database; events/s = events / backfill time, start-up excluded.
// 2. Realtime: the indexer as `npm start` runs it (startIndexer: PGlite in memory, polling every 100 ms),
//    TENDER_BENCH_LAG_TXS (200) direct hires sent one at a time with automine on, a random 0–100 ms apart; the lag is
//    from the send returning (the block is mined) to GET /api/jobs/:id answering 200 (polled every 5 ms). Then a
//    burst: 10 blocks of 100 events mined back to back, timed until /status reaches the last.
// 3. API: TENDER_BENCH_JOBS (100,000) more jobs (4 RFQs to 1 direct hire, 10 categories, 200 a block), indexed from
//    zero on each database; then `GET /api/jobs?category=code&sort=newest&limit=50` from 10 concurrent clients,
//    TENDER_BENCH_REQUESTS (2,000) requests after 100 to warm up: median, p95, p99 (and 200 from one client, for
//    what one request costs without queueing).
//
// Environment: TENDER_BENCH_EVENTS, TENDER_BENCH_JOBS, TENDER_BENCH_LAG_TXS, TENDER_BENCH_REQUESTS;
// TENDER_BENCH_PARTS (default "backfill,realtime,api"), TENDER_BENCH_DATABASES (default "pglite,postgres");
// TENDER_BENCH_JSON=<file> also writes the figures as JSON.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import * as sdk from "@tender/sdk";
import { startIndexer } from "../lib/indexer.ts";
import { type RunningPostgres, startPostgres } from "../lib/postgres.ts";
import { type BenchChain, startChain } from "./indexer-chain.ts";
import { BASELINE_APP, type BackfillTiming, INDEXER_APP, profileOf, runPonder } from "./indexer-ponder.ts";
import { countEvents, mineEmpty, seedJobs, seedMarket, setupMarket, specFor } from "./indexer-seed.ts";

const int = (name: string, fallback: number) => {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, not ${JSON.stringify(value)}`);
  return n;
};
const list = (name: string, fallback: string, allowed: string[]) => {
  const items = (process.env[name] ?? fallback).split(",").map((s) => s.trim()).filter(Boolean);
  for (const item of items) if (!allowed.includes(item)) throw new Error(`${name}: "${item}" is not one of ${allowed.join(", ")}`);
  return items;
};
const sizes = {
  events: int("TENDER_BENCH_EVENTS", 20_000),
  jobs: int("TENDER_BENCH_JOBS", 100_000),
  lagTxs: int("TENDER_BENCH_LAG_TXS", 200),
  requests: int("TENDER_BENCH_REQUESTS", 2_000),
};
const parts = list("TENDER_BENCH_PARTS", "backfill,realtime,api", ["backfill", "realtime", "api"]);
const databases = list("TENDER_BENCH_DATABASES", "pglite,postgres", ["pglite", "postgres"]) as ("pglite" | "postgres")[];
const CLIENTS = 10;
const API_PATH = "/api/jobs?category=code&sort=newest&limit=50";
const FINALITY = 30; // Ponder's finalized block on an unknown chain: head − 30
const DB_NAME = { pglite: "PGlite", postgres: "PostgreSQL" } as const;

const began = Date.now();
const say = (line: string) => {
  load();
  console.log(`[${((Date.now() - began) / 1000).toFixed(0).padStart(5)} s] ${line}`);
};
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1)!,
  };
};

// Whatever runs is stopped on the way out, Ctrl-C included.
const cleanups: (() => Promise<void>)[] = [];
const cleanup = async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop().catch(() => undefined);
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping what the benchmark started…`);
    void cleanup().finally(() => process.exit(130));
  });
}

interface BackfillRow {
  database: string;
  app: "baseline" | "indexer";
  events: number;
  timing: BackfillTiming;
  profile: ReturnType<typeof profileOf>;
}
const results: {
  conditions: Record<string, unknown>;
  chain?: Record<string, unknown>;
  backfill: BackfillRow[];
  realtime: { database: string; lag: ReturnType<typeof stats>; burst: { events: number; blocks: number; ms: number } }[];
  jobsChain?: Record<string, unknown>;
  api: {
    database: string;
    server: "ponder start" | "ponder serve";
    bytes: number;
    backfill: BackfillTiming;
    events: number;
    latency: ReturnType<typeof stats>;
    single: ReturnType<typeof stats>;
    seconds: number;
    items: number;
  }[];
  loadavg: number[][];
} = { conditions: {}, backfill: [], realtime: [], api: [], loadavg: [] };
/** The machine's load average (1 min) at each step: the figures are only as quiet as the machine was. */
const load = () => results.loadavg.push([Math.round((Date.now() - began) / 1000), Number(loadavg()[0]!.toFixed(2))]);

/** The indexer's code the figures belong to: the commit, and a hash of indexer/ as it is on disk (it may have
 * uncommitted changes). */
function indexerVersion() {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: INDEXER_APP, encoding: "utf8" }).trim();
  try {
    // The whole app: its config, schema, and every handler and route module under src/ (git's list, in its order).
    const files = ["ponder.config.ts", "ponder.schema.ts", ...git("ls-files", "src").split("\n")].map((f) => readFileSync(join(INDEXER_APP, f)));
    const hash = createHash("sha256");
    for (const file of files) hash.update(file);
    return { commit: git("rev-parse", "--short", "HEAD"), dirty: git("status", "--porcelain", "--", ".") !== "", sha256: hash.digest("hex").slice(0, 12) };
  } catch {
    return undefined;
  }
}

const pgVersion = () => {
  try {
    return readFileSync("/usr/share/postgresql-common/supported_versions", "utf8").trim().split("\n").at(-1);
  } catch {
    return undefined;
  }
};

async function main() {
  results.conditions = {
    date: new Date().toISOString(),
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
    node: process.version,
    ponder: JSON.parse(readFileSync(join(INDEXER_APP, "../node_modules/ponder/package.json"), "utf8")).version,
    sizes,
    parts,
    databases,
    indexer: indexerVersion(),
  };
  say(`sizes ${JSON.stringify(sizes)}; parts ${parts.join(", ")}; databases ${databases.join(", ")}`);

  const chain = await startChain();
  cleanups.push(chain.stop);
  const deploymentsDir = mkdtempSync(join(tmpdir(), "tender-bench-"));
  cleanups.push(async () => rmSync(deploymentsDir, { recursive: true, force: true }));
  let pg: RunningPostgres | undefined;
  if (databases.includes("postgres")) {
    pg = await startPostgres({ database: "bench" });
    cleanups.push(pg.stop);
    say(`PostgreSQL at ${pg.url}`);
  }
  let runs = 0;
  const databaseUrl = async (database: "pglite" | "postgres") => (database === "postgres" ? pg!.createDatabase(`run_${++runs}`) : undefined);

  say("setting up the market (deployment, 40 buyers, 60 suppliers, 3 arbitrators)…");
  const market = await setupMarket(chain, { buyers: 40, suppliers: 60 });
  sdk.writeDeployment(market.deployment, deploymentsDir);
  /** A 0.001 ETH direct hire of `supplier` in `category`, its spec made unique by `tag`. */
  const hire = (supplier: `0x${string}`, category: string, tag: string): sdk.DirectHireParams => ({
    escrow: market.escrow,
    supplier,
    token: sdk.ETH,
    price: 10n ** 15n,
    deliveryWindow: sdk.DAY,
    reviewWindow: sdk.DAY,
    arbitrator: market.arbitrators.a,
    defaultBuyerShareBps: 0,
    category,
    spec: specFor(category, tag),
  });

  // ---------------------------------------------------------------------------------------------------------------
  // 1. Backfill
  if (parts.includes("backfill") || parts.includes("realtime")) {
    say(`writing ≥ ${fmt(sizes.events)} Tender events through the SDK…`);
    const seeded = await seedMarket(chain, market, {
      targetEvents: sizes.events,
      onWave: (wave, events) => {
        if (wave % 5 === 0) say(`  wave ${wave}: ${fmt(events)} events`);
      },
    });
    await mineEmpty(chain, FINALITY + 5);
    const head = await chain.blockNumber();
    const kinds = Object.keys(seeded.byKind).length;
    const eventNames = [...sdk.tenderEscrowAbi, ...sdk.supplierRegistryAbi].filter((item) => item.type === "event").map((item) => item.name);
    const missing = eventNames.filter((name) => !seeded.byKind[name]);
    results.chain = { ...seeded, head, kinds, missing };
    say(
      `chain: ${fmt(seeded.events)} events of ${kinds}/${eventNames.length} kinds${missing.length ? ` (missing ${missing.join(", ")})` : ""} in ` +
        `${seeded.blocksWithEvents} blocks (${fmt(seeded.events / seeded.blocksWithEvents, 1)} a block), head ${head}, written in ${fmt(seeded.seconds, 1)} s`,
    );

    if (parts.includes("backfill")) {
      for (const database of databases) {
        for (const [app, appDir] of [
          ["baseline", BASELINE_APP],
          ["indexer", INDEXER_APP],
        ] as const) {
          say(`backfill: ${app} on ${DB_NAME[database]}…`);
          const run = await runPonder({ appDir, rpcUrl: chain.rpcUrl, deploymentsDir, databaseUrl: await databaseUrl(database) });
          cleanups.push(run.stop);
          try {
            const timing = await run.backfill(head, 30 * 60_000);
            const profile = profileOf(await run.metrics());
            results.backfill.push({ database: DB_NAME[database], app, events: seeded.events, timing, profile });
            say(
              `  ${fmt(seeded.events / (timing.backfillMs / 1000))} events/s: backfill ${fmt(timing.backfillMs / 1000, 1)} s ` +
                `(fetch ${fmt(timing.fetchMs / 1000, 1)} s, indexing ${fmt(timing.indexingMs / 1000, 1)} s, ${fmt(timing.indexedEvents)} events), ` +
                `start-up ${fmt(timing.startupMs / 1000, 1)} s, to head ${fmt(timing.toHeadMs / 1000, 1)} s`,
            );
            if (timing.indexedEvents !== seeded.events) {
              say(`  note: Ponder indexed ${timing.indexedEvents} events in its backfill, the chain holds ${seeded.events}`);
            }
          } finally {
            await run.stop();
          }
        }
      }
    }

    // -------------------------------------------------------------------------------------------------------------
    // 2. Realtime
    if (parts.includes("realtime")) {
      for (const database of databases) {
        say(`realtime: the indexer as npm start runs it, on ${DB_NAME[database]}; backfilling first…`);
        const indexer = await startIndexer({
          rpcUrl: chain.rpcUrl,
          deploymentsDir,
          databaseUrl: await databaseUrl(database),
          timeoutMs: 30 * 60_000,
        });
        cleanups.push(indexer.stop);
        try {
          let id = await chain.reader.readContract({ address: market.escrow, abi: sdk.tenderEscrowAbi, functionName: "lastJobId" });
          const lags: number[] = [];
          for (let i = 0; i < sizes.lagTxs; i++) {
            await sleep(Math.random() * 100);
            const buyer = market.buyers[i % market.buyers.length]!;
            await sdk.postDirectHire(chain.writer(buyer), hire(market.suppliers[i % market.suppliers.length]!, "code", `realtime ${database} ${i}`));
            const mined = performance.now();
            id++;
            for (;;) {
              const res = await fetch(`${indexer.url}/api/jobs/${id}`);
              await res.arrayBuffer();
              if (res.status === 200) break;
              if (res.status !== 404) throw new Error(`GET /api/jobs/${id}: HTTP ${res.status}`);
              if (performance.now() - mined > 30_000) throw new Error(`job ${id} not in the API 30 s after it was mined`);
              await sleep(5);
            }
            lags.push(performance.now() - mined);
          }
          const lag = stats(lags);
          say(`  lag over ${lag.n}: mean ${fmt(lag.mean)} ms, median ${fmt(lag.median)} ms, p95 ${fmt(lag.p95)} ms, max ${fmt(lag.max)} ms`);

          // A burst: 10 blocks of 100 postings mined back to back, indexed live.
          await chain.setAutomine(false);
          const burstBlocks = 10;
          let first = 0;
          let last = 0;
          try {
            for (let b = 0; b < burstBlocks; b++) {
              await Promise.all(
                Array.from({ length: 100 }, (_, k) =>
                  sdk.postDirectHire(
                    chain.writer(market.buyers[k % market.buyers.length]!, { gas: 600_000n }),
                    hire(market.suppliers[(k + b) % market.suppliers.length]!, "text", `burst ${database} ${b}.${k}`),
                  ),
                ),
              );
              if (b === 0) first = performance.now();
              const block = await chain.mine();
              if (block.txs !== 100) throw new Error(`burst block ${block.number} holds ${block.txs} transactions`);
              last = block.number;
            }
          } finally {
            await chain.setAutomine(true);
          }
          await indexer.waitForBlock(last, 5 * 60_000);
          const burst = { events: 100 * burstBlocks, blocks: burstBlocks, ms: performance.now() - first };
          say(`  burst: ${burst.events} events in ${burstBlocks} blocks indexed live in ${fmt(burst.ms / 1000, 2)} s (${fmt(burst.events / (burst.ms / 1000))} events/s)`);
          results.realtime.push({ database: DB_NAME[database], lag, burst });
        } finally {
          await indexer.stop();
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // 3. API
  if (parts.includes("api")) {
    say(`posting ${fmt(sizes.jobs)} jobs, 200 a block…`);
    const seeded = await seedJobs(chain, market, {
      count: sizes.jobs,
      onProgress: (posted) => {
        if (posted % 10_000 === 0) say(`  ${fmt(posted)} jobs`);
      },
    });
    await mineEmpty(chain, FINALITY + 5);
    const head = await chain.blockNumber();
    const counted = await countEvents(chain, market, market.deployment.startBlock, head);
    const lastJobId = await chain.reader.readContract({ address: market.escrow, abi: sdk.tenderEscrowAbi, functionName: "lastJobId" });
    results.jobsChain = { ...seeded, head, events: counted.total, lastJobId: Number(lastJobId) };
    say(`chain: ${fmt(Number(lastJobId))} jobs, ${fmt(counted.total)} events, head ${head}; posted in ${fmt(seeded.seconds, 1)} s`);

    for (const database of databases) {
      say(`api: indexing ${fmt(counted.total)} events on ${DB_NAME[database]}…`);
      const run = await runPonder({ appDir: INDEXER_APP, rpcUrl: chain.rpcUrl, deploymentsDir, databaseUrl: await databaseUrl(database) });
      cleanups.push(run.stop);
      try {
        const backfill = await run.backfill(head, 60 * 60_000);
        say(`  indexed: ${fmt(counted.total / (backfill.backfillMs / 1000))} events/s over ${fmt(backfill.backfillMs / 1000, 1)} s`);
        results.api.push({ database: DB_NAME[database], server: "ponder start", backfill, events: counted.total, ...(await measure(run.url)) });
        if (database === "postgres") {
          // The same index read by a second process that only serves (`ponder serve`), the indexer still running.
          const serve = await runPonder({ appDir: INDEXER_APP, rpcUrl: chain.rpcUrl, deploymentsDir, databaseUrl: run.databaseUrl, command: "serve" });
          cleanups.push(serve.stop);
          try {
            await serve.ready(60_000, API_PATH);
            results.api.push({ database: DB_NAME[database], server: "ponder serve", backfill, events: counted.total, ...(await measure(serve.url)) });
          } finally {
            await serve.stop();
          }
        }
      } finally {
        await run.stop();
      }
    }
  }
}

/** GET the open-jobs page: 100 requests to warm up, 200 from one client, then TENDER_BENCH_REQUESTS from 10. */
async function measure(base: string) {
  const path = API_PATH;
  const get = async () => {
    const t = performance.now();
    const res = await fetch(base + path);
    const text = await res.text();
    const ms = performance.now() - t;
    const body = JSON.parse(text) as { items?: unknown[]; error?: string };
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${body.error ?? ""}`);
    return { ms, items: body.items?.length ?? 0, bytes: text.length };
  };
  const warm = await Promise.all(Array.from({ length: 100 }, () => get()));
  // One client first: the time one request costs the server, without queueing behind others.
  const alone: number[] = [];
  for (let i = 0; i < 200; i++) alone.push((await get()).ms);
  const single = stats(alone);
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next++ < sizes.requests) latencies.push((await get()).ms);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const latency = stats(latencies);
  say(
    `  GET ${path} × ${latency.n} (${CLIENTS} clients, ${warm[0]!.items} items, ${fmt(warm[0]!.bytes)} bytes): median ${fmt(latency.median, 1)} ms, ` +
      `p95 ${fmt(latency.p95, 1)} ms, p99 ${fmt(latency.p99, 1)} ms, ${fmt(latency.n / seconds)} req/s; 1 client: median ${fmt(single.median, 1)} ms, p95 ${fmt(single.p95, 1)} ms`,
  );
  return { latency, single, seconds, items: warm[0]!.items, bytes: warm[0]!.bytes };
}

function report() {
  const c = results.conditions as { cpu: string; node: string; ponder: string; indexer?: { commit: string; dirty: boolean; sha256: string } };
  const lines: string[] = [];
  const row = (cells: string[], widths: number[]) =>
    lines.push(cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "));
  lines.push("", `Indexer benchmarks — ${c.cpu}, Node ${c.node}, Ponder ${c.ponder}, hardhat node (EDR)${pgVersion() ? `, PostgreSQL ${pgVersion()}` : ""}`);
  if (c.indexer) lines.push(`Indexer code: commit ${c.indexer.commit}${c.indexer.dirty ? " with uncommitted changes" : ""} (indexer/ sha256 ${c.indexer.sha256})`);
  const loads = results.loadavg.map(([, l]) => l!);
  lines.push(
    `Total run time: ${fmt((Date.now() - began) / 1000)} s; load average (1 min) during the run ${fmt(Math.min(...loads), 1)}–${fmt(Math.max(...loads), 1)} on ${cpus().length} cores`,
  );
  if (results.chain) {
    const ch = results.chain as { events: number; kinds: number; blocksWithEvents: number; head: number; missing: string[] };
    lines.push(
      "",
      `Chain: ${fmt(ch.events)} Tender events, ${ch.kinds} kinds${ch.missing.length ? ` (missing: ${ch.missing.join(", ")})` : " (all)"}, ` +
        `in ${ch.blocksWithEvents} blocks (${fmt(ch.events / ch.blocksWithEvents, 1)} events a block), head ${ch.head}`,
    );
  }
  if (results.backfill.length) {
    const w = [24, 8, 12, 10, 9, 11, 11, 10];
    lines.push("", "Backfill from zero (events / backfill time; start-up excluded)");
    row(["database, app", "events", "backfill s", "events/s", "fetch s", "indexing s", "start-up s", "× base"], w);
    for (const r of results.backfill) {
      const base = results.backfill.find((b) => b.database === r.database && b.app === "baseline");
      row(
        [
          `${r.database}, ${r.app}`,
          fmt(r.events),
          fmt(r.timing.backfillMs / 1000, 1),
          fmt(r.events / (r.timing.backfillMs / 1000)),
          fmt(r.timing.fetchMs / 1000, 1),
          fmt(r.timing.indexingMs / 1000, 1),
          fmt(r.timing.startupMs / 1000, 1),
          base ? fmt(r.timing.backfillMs / base.timing.backfillMs, 2) : "",
        ],
        w,
      );
    }
  }
  const profiled = results.backfill.filter((r) => r.app === "indexer");
  if (profiled.length) {
    lines.push("", "Where the indexer's backfill indexing time goes (Ponder's metrics; seconds)");
    for (const r of profiled) {
      const steps = Object.entries(r.profile.steps)
        .filter(([, ms]) => ms >= 1)
        .map(([step, ms]) => `${step} ${fmt(ms / 1000, 1)}`)
        .join(", ");
      lines.push(`  ${r.database}: ${steps}`);
      const top = r.profile.handlers.slice(0, 6);
      lines.push(
        `    handlers, most time first: ${top.map((h) => `${h.event.replace(/^\w+:/, "")} ${fmt(h.ms / 1000, 2)} s (${fmt(h.count)}, ${fmt(h.ms / Math.max(h.count, 1), 2)} ms each)`).join("; ")}`,
      );
    }
  }
  if (results.realtime.length) {
    const w = [24, 6, 9, 11, 8, 8, 16];
    lines.push("", "Realtime lag, mined → GET /api/jobs/:id 200 (polling 100 ms, as npm start)");
    row(["database", "txs", "mean ms", "median ms", "p95 ms", "max ms", "burst events/s"], w);
    for (const r of results.realtime) {
      row(
        [r.database, fmt(r.lag.n), fmt(r.lag.mean), fmt(r.lag.median), fmt(r.lag.p95), fmt(r.lag.max), fmt(r.burst.events / (r.burst.ms / 1000))],
        w,
      );
    }
  }
  if (results.api.length) {
    const j = results.jobsChain as { lastJobId: number; events: number };
    const w = [26, 9, 11, 8, 8, 8, 7, 16, 16];
    lines.push("", `API: GET ${API_PATH}, ${CLIENTS} clients, ${fmt(j.lastJobId)} jobs (${fmt(j.events)} events) indexed`);
    row(["database", "requests", "median ms", "p95 ms", "p99 ms", "max ms", "req/s", "1 client p50/95", "index events/s"], w);
    for (const r of results.api) {
      row(
        [
          `${r.database}, ${r.server}`,
          fmt(r.latency.n),
          fmt(r.latency.median, 1),
          fmt(r.latency.p95, 1),
          fmt(r.latency.p99, 1),
          fmt(r.latency.max, 1),
          fmt(r.latency.n / r.seconds),
          `${fmt(r.single.median, 1)} / ${fmt(r.single.p95, 1)}`,
          fmt(r.events / (r.backfill.backfillMs / 1000)),
        ],
        w,
      );
    }
  }
  console.log(lines.join("\n"));
  if (process.env.TENDER_BENCH_JSON) writeFileSync(process.env.TENDER_BENCH_JSON, JSON.stringify(results, null, 2) + "\n");
}

try {
  await main();
  report();
} catch (error) {
  report();
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
}
