// The install stamp: node_modules/.tender-install holds the hash of the package-lock.json that node_modules was
// installed from. `npm install` / `npm ci` write it (the postinstall script runs this file); scripts/dev/run.cjs
// compares it to decide whether to install again. Plain CommonJS: Node 20 runs it.
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "../..");
const lockfile = join(root, "package-lock.json");
const stampFile = join(root, "node_modules/.tender-install");

/** The hash node_modules should be stamped with now: the lockfile's (or package.json's when there is none). */
function wantedStamp() {
  const file = existsSync(lockfile) ? lockfile : join(root, "package.json");
  return `sha256:${createHash("sha256").update(readFileSync(file)).digest("hex")}`;
}

/** Why node_modules must be (re)installed, or undefined when it is current. */
function installReason() {
  if (!existsSync(join(root, "node_modules"))) return "node_modules is missing";
  if (!existsSync(stampFile)) return "node_modules has no install stamp (node_modules/.tender-install)";
  if (readFileSync(stampFile, "utf8").trim() !== wantedStamp()) return "package-lock.json changed since the last install";
  return undefined;
}

function writeStamp() {
  if (existsSync(join(root, "node_modules"))) writeFileSync(stampFile, `${wantedStamp()}\n`);
}

module.exports = { installReason, writeStamp, stampFile };

// As npm's postinstall; not when `npx tender` links the project into npx's cache (npm_command "exec"): that
// installs nothing here.
if (require.main === module && process.env.npm_command !== "exec") writeStamp();
