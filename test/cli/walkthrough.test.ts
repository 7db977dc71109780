// README's "The command line" walkthrough, run as written against a real `npm start`: `node scripts/dev/start.ts`,
// the command `npm start` runs once its bootstrap (scripts/dev/run.cjs) has a Node and the dependencies, on free
// ports, in its own process group: chain, deploy, seed, the two demo agents (still running, as they do for a
// newcomer), indexer, web app. Its state folder and deployments folder are temporary (TENDER_STATE_DIR,
// TENDER_DEPLOYMENTS_DIR), so the repository's .tender/ and deployments/31337.json stay as they were. The fenced
// `sh` blocks each run in the shell their first line names ("# shell 2: …"), one long-lived bash per shell (so
// `export` and `JOB=…` carry on inside a shell and not across shells). The CLI finds the stack the way a user's does,
// through the stack file `npm start` writes (TENDER_STACK_FILE names where this one's is, instead of
// <repo>/.tender/stack.json), with no --rpc, no TENDER_RPC_URL, no TENDER_DEPLOYMENTS_DIR. Every step must exit 0,
// and each `# → …` line under a command must start a line of what it printed, in order (`…` matches anything; runs
// of spaces count as one). `npx tender` runs the package's bin (scripts/cli/tender.ts) directly: npx itself would
// only add its start-up time to each step. Then the stack is stopped as Ctrl-C stops it (SIGINT to its process
// group), and nothing it started may be left listening.
import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, isListening } from "../../scripts/dev/lib/ports.ts";
import { groupStopper } from "../../scripts/dev/lib/process-group.ts";

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

/** `node scripts/dev/start.ts` as `npm start` runs it, on free ports, in its own process group, its state and
 * deployments in `dir`; resolves once it says it is ready. */
async function startStack(dir: string) {
  const ports = { TENDER_PORT: await freePort(), TENDER_INDEXER_PORT: await freePort(), TENDER_WEB_PORT: await freePort(), TENDER_RELAY_PORT: await freePort(), TENDER_RELAY_PORT_2: await freePort() };
  const child: ChildProcess = spawn(process.execPath, ["scripts/dev/start.ts"], {
    cwd: root,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
      TENDER_DEPLOYMENTS_DIR: join(dir, "deployments"),
      TENDER_STATE_DIR: join(dir, "state"),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stopGroup = groupStopper(child);
  // Should this test's process end before afterAll (a killed run), the stack goes with it.
  const kill = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", kill);
  const stop = async () => {
    await stopGroup();
    process.removeListener("exit", kill);
  };
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start not ready after 280 s:\n${output}`)), 280_000);
      child.stdout!.on("data", () => {
        if (!output.includes("Ready. Press Ctrl-C to stop.")) return;
        clearTimeout(timer);
        resolve();
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, ports: Object.values(ports), exited, stop, output: () => output };
}

describe("README: the command-line walkthrough, against npm start", { timeout: 120_000 }, () => {
  const deploymentsFile = join(root, "deployments/31337.json");
  const deploymentsBefore = existsSync(deploymentsFile) ? readFileSync(deploymentsFile, "utf8") : undefined;
  const dir = mkdtempSync(join(tmpdir(), "tender-walkthrough-"));
  const stackFile = join(dir, "state/stack.json");
  let stack: Awaited<ReturnType<typeof startStack>>;
  const shells = new Map<string, Shell>();
  // What each of the user's shells has: no --rpc, no TENDER_RPC_URL, no TENDER_DEPLOYMENTS_DIR.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir, TENDER_STACK_FILE: stackFile, TENDER_KEYSTORE_DIR: join(dir, "keystore") };

  beforeAll(async () => {
    stack = await startStack(dir);
  }, 300_000);
  afterAll(async () => {
    for (const shell of shells.values()) shell.stop();
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finds the walkthrough's steps", () => {
    const steps = walkthroughSteps(readFileSync(join(root, "README.md"), "utf8"));
    expect(new Set(steps.map((s) => s.shell))).toEqual(new Set(["shell 1", "shell 2", "shell 3"]));
    for (const words of ["job post", "bid place", "dev advance 2h", "job award", "job deliver", "job dispute", "job respond", "arbitrator rule"]) {
      expect(steps.some((s) => s.command.includes(`npx tender ${words}`)), words).toBe(true);
    }
    expect(steps.some((s) => s.command.includes("examples/specs/free-text.json"))).toBe(true);
    expect(steps.some((s) => /--rpc|TENDER_RPC_URL|TENDER_DEPLOYMENTS_DIR|TENDER_STACK_FILE|evm_increaseTime/.test(s.command))).toBe(false);
  });

  it("runs as written, shell by shell, beside the running agents, and prints what the README shows", async () => {
    // npm start wrote its coordinates where the CLI looks, and its agents are still at work.
    expect(JSON.parse(readFileSync(stackFile, "utf8"))).toMatchObject({ pid: stack.child.pid, deploymentsDir: join(dir, "deployments") });
    expect(stack.child.exitCode).toBeNull();
    for (const step of walkthroughSteps(readFileSync(join(root, "README.md"), "utf8"))) {
      if (!shells.has(step.shell)) shells.set(step.shell, new Shell(env));
      const run = await shells.get(step.shell)!.run(step.command);
      const context = `${step.shell}$ ${step.command}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`;
      expect(run.code, context).toBe(0);
      expect(unmatched(step.expected, run.stdout), context).toBeUndefined();
    }
    // As the README says: the agents left this plain `text` job alone, so the supplier's bid was the only one.
    const bids = await shells.get("shell 1")!.run("npx tender bid list $JOB --json");
    expect(bids.code, bids.stderr).toBe(0);
    expect((JSON.parse(bids.stdout) as { supplier: string }[]).map((bid) => bid.supplier.toLowerCase()), bids.stdout).toEqual([
      "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc",
    ]);
    expect(stack.child.exitCode, stack.output()).toBeNull();
  });

  it("stops on Ctrl-C with nothing left listening, and leaves the repository's deployments file as it was", async () => {
    process.kill(-stack.child.pid!, "SIGINT"); // what Ctrl-C in its terminal does: SIGINT to the whole group
    expect(await stack.exited, stack.output()).toBe(0);
    await stack.stop(); // anything of its process group still there
    for (const port of stack.ports) expect(await isListening(port), `port ${port}`).toBe(false);
    expect(existsSync(stackFile)).toBe(false);
    expect(existsSync(deploymentsFile) ? readFileSync(deploymentsFile, "utf8") : undefined).toBe(deploymentsBefore);
  }, 30_000);
});
