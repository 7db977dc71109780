// README's "The command line" walkthrough, run as written: its fenced `sh` blocks, each in the shell its first line
// names ("# shell 2: …"), one long-lived bash per shell (so `export` and `JOB=…` carry on inside a shell and not
// across shells), against a real `hardhat node` seeded as `npm start` seeds it. The CLI finds that chain the way it
// finds `npm start`'s: through a stack file (TENDER_STACK_FILE), with no --rpc and no TENDER_RPC_URL. Every step
// must exit 0, and each `# → …` line under a command must start a line of what it printed, in order (`…` matches
// anything; runs of spaces count as one). `npx tender` runs the package's bin (scripts/cli/tender.ts) directly: npx
// itself would only add its start-up time to each step.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { seedDemo } from "../../scripts/dev/demo/seed.ts";
import { type RunningNode, startNode } from "../helpers/node.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

interface Step {
  shell: string;
  command: string;
  expected: string[];
}

/** The walkthrough's steps, from the fenced sh blocks of README's "The command line" section. */
export function walkthroughSteps(readme: string): Step[] {
  const start = readme.indexOf("## The command line\n");
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const steps: Step[] = [];
  for (const [, body] of section.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = body!.split("\n");
    const shell = /^# (shell \d+)\b/.exec(lines[0] ?? "")?.[1];
    if (!shell) throw new Error(`a walkthrough block must start with "# shell N: …", not ${JSON.stringify(lines[0])}`);
    for (let i = 1; i < lines.length; i++) {
      let line = lines[i]!;
      if (line.startsWith("# → ")) {
        const last = steps.at(-1);
        if (!last || last.shell !== shell) throw new Error(`"${line}" follows no command of ${shell}`);
        last.expected.push(line.slice("# → ".length));
        continue;
      }
      if (line.trim() === "" || line.startsWith("#")) continue;
      while (line.endsWith("\\") && i + 1 < lines.length) line = `${line.slice(0, -1)}${lines[++i]!}`;
      steps.push({ shell, command: line, expected: [] });
    }
  }
  return steps;
}

const squash = (text: string) => text.trim().replace(/\s+/g, " ");
const pattern = (expected: string) =>
  new RegExp(`^${squash(expected).split("…").map((part) => part.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")).join(".*?")}`);

/** Where each expected line matches a line of `output`, in order; the first that does not, as an error. */
function unmatched(expected: string[], output: string): string | undefined {
  const lines = output.split("\n").map(squash);
  let at = 0;
  for (const text of expected) {
    const re = pattern(text);
    const found = lines.findIndex((line, i) => i >= at && re.test(line));
    if (found === -1) return text;
    at = found + 1;
  }
  return undefined;
}

/** A bash that lives across steps; each step's exit code and output come back between markers. */
class Shell {
  private readonly child: ChildProcessWithoutNullStreams;
  private stdout = "";
  private stderr = "";
  private steps = 0;

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn("bash", ["--noprofile", "--norc"], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    // `npx tender` is the package's bin, run with this Node.
    this.child.stdin.write(
      `npx() { if [ "$1" = tender ]; then shift; "${process.execPath}" "${join(root, "scripts/cli/tender.ts")}" "$@"; else command npx "$@"; fi; }\n`,
    );
  }

  run(command: string): Promise<{ code: number; stdout: string; stderr: string }> {
    const marker = `__walkthrough_step_${++this.steps}__`;
    this.stdout = "";
    this.stderr = "";
    this.child.stdin.write(`${command}\nprintf '\\n${marker} %s\\n' "$?"; printf '\\n${marker}\\n' >&2\n`);
    return new Promise((resolve, reject) => {
      const poll = setInterval(() => {
        const done = new RegExp(`\\n${marker} (\\d+)\\n`).exec(this.stdout);
        if (this.child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`the shell exited during: ${command}\n${this.stdout}${this.stderr}`));
        } else if (done && this.stderr.includes(`\n${marker}\n`)) {
          clearInterval(poll);
          resolve({ code: Number(done[1]), stdout: this.stdout.slice(0, done.index), stderr: this.stderr.slice(0, this.stderr.indexOf(`\n${marker}\n`)) });
        }
      }, 20);
    });
  }

  stop(): void {
    this.child.stdin.end();
    this.child.kill("SIGTERM");
  }
}

describe("README: the command-line walkthrough", { timeout: 120_000 }, () => {
  let node: RunningNode;
  let env: NodeJS.ProcessEnv;
  const shells = new Map<string, Shell>();

  beforeAll(async () => {
    node = await startNode();
    const dir = mkdtempSync(join(tmpdir(), "tender-walkthrough-"));
    // The chain as `npm start` leaves it: Tender, the demo's mUSD, arbitrator #2 (3%), funded buyers and suppliers.
    const writer = (index: number) => node.writer(index);
    const seeded = await seedDemo(
      node.reader,
      { deployer: writer(0), treasury: writer(1), arbitrator: writer(2), attestor: writer(8), buyers: [writer(3), writer(4)], suppliers: [writer(5), writer(6), writer(7)] },
      async (seconds) => {
        await node.reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
        await node.reader.request({ method: "evm_mine" as never, params: [] as never });
      },
    );
    const deploymentsDir = join(dir, "deployments");
    sdk.writeDeployment(seeded.deployment, deploymentsDir);
    // What `npm start` writes while it runs; this test's own process stands in for its pid.
    const stackFile = join(dir, "stack.json");
    writeFileSync(stackFile, JSON.stringify({ rpcUrl: node.rpcUrl, chainId: 31337, indexerUrl: "http://127.0.0.1:1", webUrl: "http://127.0.0.1:1", deploymentsDir, pid: process.pid }));
    env = { PATH: process.env.PATH, HOME: dir, TENDER_STACK_FILE: stackFile, TENDER_KEYSTORE_DIR: join(dir, "keystore") };
  }, 120_000);
  afterAll(async () => {
    for (const shell of shells.values()) shell.stop();
    await node?.stop();
  });

  it("finds the walkthrough's steps", () => {
    const steps = walkthroughSteps(readFileSync(join(root, "README.md"), "utf8"));
    expect(new Set(steps.map((s) => s.shell))).toEqual(new Set(["shell 1", "shell 2", "shell 3"]));
    for (const words of ["job post", "bid place", "dev advance 2h", "job award", "job deliver", "job dispute", "job respond", "arbitrator rule"]) {
      expect(steps.some((s) => s.command.includes(`npx tender ${words}`)), words).toBe(true);
    }
    expect(steps.some((s) => s.command.includes("examples/specs/free-text.json"))).toBe(true);
    expect(steps.some((s) => /--rpc|TENDER_RPC_URL|evm_increaseTime/.test(s.command))).toBe(false);
  });

  it("runs as written, shell by shell, and prints what the README shows", async () => {
    for (const step of walkthroughSteps(readFileSync(join(root, "README.md"), "utf8"))) {
      if (!shells.has(step.shell)) shells.set(step.shell, new Shell(env));
      const run = await shells.get(step.shell)!.run(step.command);
      const context = `${step.shell}$ ${step.command}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
      expect(run.code, context).toBe(0);
      expect(unmatched(step.expected, run.stdout), context).toBeUndefined();
    }
  });
});
