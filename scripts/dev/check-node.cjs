// Runs before `npm install`: Hardhat's native EDR package, Ponder and vitest
// need Node >= 22, and npm on an older Node silently skips EDR, leaving a
// broken Hardhat. Fail loudly instead, and say how to get a Node 24.
const major = Number(process.versions.node.split(".")[0]);
if (major < 22) {
  console.error(
    `\nTender needs Node >= 22; this is Node ${process.versions.node}.\n` +
      `Bring a Node 24 from the npm registry and put it first on PATH, then install again:\n\n` +
      `  eval "$(sh scripts/dev/node24.sh)"\n  npm install\n`,
  );
  process.exit(1);
}
