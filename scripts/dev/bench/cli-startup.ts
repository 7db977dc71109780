// `npm run bench:cli`: the wall time of starting the CLI through its bin (scripts/cli/tender.cjs, the launcher), best
// of 5 runs each: `tender --help` under the machine's old Node (20: the launcher hands over to the cached Node 24)
// and under Node 24 (the launcher imports the CLI in-process), the same through `npx tender`, the CLI without the
// launcher for comparison, and `tender job show N` (a read over RPC) when TENDER_RPC_URL names a running chain
// (e.g. the one `npm start` runs; N is TENDER_BENCH_JOB, default 1; TENDER_DEPLOYMENTS_DIR as for the CLI). The CLI
// keeps Node's compile cache in node_modules/.cache/tender-cli, filled by the first run of each module: the rows
// "no compile cache" (NODE_DISABLE_COMPILE_CACHE=1) show what a run costs without it.
//   TENDER_BENCH_NODE20  the old Node to measure (default /usr/bin/node; its rows are skipped when it is missing or >= 22)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "scripts/cli/tender.cjs");
const runs = 5;

const version = (node: string) => spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
const major = (v: string) => Number(v.replace(/^v/, "").split(".")[0]);
const node24 = process.execPath;
const node20 = process.env.TENDER_BENCH_NODE20 ?? "/usr/bin/node";
const old = existsSync(node20) && major(version(node20)) < 22 ? node20 : undefined;
const basePath = (process.env.PATH ?? "").split(delimiter).filter((dir) => !existsSync(join(dir, "node")) || dir === "/usr/bin" || dir === "/bin");
/** PATH with `node`'s folder first, so that the bin's `#!/usr/bin/env node` and npx pick that Node. */
const pathFor = (node: string) => [dirname(node), ...basePath.filter((dir) => dir !== dirname(node))].join(delimiter);

interface Row {
  label: string;
  command: string[];
  node: string;
  env?: Record<string, string>;
}
const rows: Row[] = [];
for (const [name, node] of [
  ["Node 20", old],
  ["Node 24", node24],
] as const) {
  if (!node) continue;
  rows.push({ label: `tender --help       bin, ${name} (${version(node)})`, command: [bin, "--help"], node });
  rows.push({ label: `npx tender --help   ${name}`, command: ["npx", "tender", "--help"], node });
}
rows.push({ label: `node tender.ts --help  Node 24, no launcher`, command: [node24, join(root, "scripts/cli/tender.ts"), "--help"], node: node24 });
const uncached = { NODE_DISABLE_COMPILE_CACHE: "1" };
rows.push({ label: `tender --help       bin, Node 24, no compile cache`, command: [bin, "--help"], node: node24, env: uncached });
const rpcUrl = process.env.TENDER_RPC_URL;
const job = process.env.TENDER_BENCH_JOB ?? "1";
if (rpcUrl) {
  for (const [name, node] of [
    ["Node 20", old],
    ["Node 24", node24],
  ] as const) {
    if (!node) continue;
    rows.push({ label: `tender job show ${job}   bin, ${name}`, command: [bin, "job", "show", job], node });
  }
  rows.push({ label: `npx tender job show ${job}  Node 24`, command: ["npx", "tender", "job", "show", job], node: node24 });
  rows.push({ label: `tender job show ${job}   bin, Node 24, no compile cache`, command: [bin, "job", "show", job], node: node24, env: uncached });
}

console.log(`CLI start-up, wall time, best of ${runs} (${rpcUrl ? `reads against ${rpcUrl}` : "set TENDER_RPC_URL to a running chain to time a read"}):`);
if (!old) console.log(`  (no Node < 22 at ${node20}: the Node 20 rows are skipped; TENDER_BENCH_NODE20 names one)`);
for (const row of rows) {
  const times: number[] = [];
  let failed = "";
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const run = spawnSync(row.command[0]!, row.command.slice(1), {
      cwd: root,
      env: { ...process.env, PATH: pathFor(row.node), ...row.env },
      encoding: "utf8",
    });
    times.push(performance.now() - started);
    if (run.status !== 0) failed = ` (exit ${run.status}: ${(run.stderr || run.stdout).trim().split("\n")[0]})`;
  }
  console.log(`  ${row.label.padEnd(50)} ${(Math.min(...times) / 1000).toFixed(2)} s${failed}`);
}
