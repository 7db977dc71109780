// Runs as npm's preinstall script. Hardhat's native EDR package, Ponder and vitest need Node >= 22, and npm on an
// older Node skips EDR, leaving a broken Hardhat. npm runs a project's own preinstall only after it has unpacked the
// dependencies, so this cannot stop the download; it makes the install fail with a message that says what to do
// (`engine-strict` would stop earlier, but with npm's generic EBADENGINE, so .npmrc does not set it).
// `npx tender` also runs this, when npm links the project into its npx cache (npm_command is "exec"): nothing is
// installed then, and the bin's launcher brings the Node it needs.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22 && process.env.npm_command !== "exec") {
  console.error(
    `\nTender needs Node >= 22; this is Node ${process.versions.node}, so this install is incomplete.\n` +
      `Either run  npm start  or  npm test  as they are (they bring a Node 24 and install under it themselves),\n` +
      `or put a Node 24 first on PATH for this shell and install again:\n\n` +
      `  eval "$(sh scripts/dev/node24.sh)"\n  npm install\n`,
  );
  // npm has already rewritten node_modules without Hardhat's native package: mark it as needing an install.
  require("node:fs").rmSync(require("node:path").join(__dirname, "../../node_modules/.tender-install"), { force: true });
  process.exit(1);
}
