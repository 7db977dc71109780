// vitest does not compile contracts: build them first so the tests never run against stale artifacts.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync("npx", ["hardhat", "build", "--quiet"], { stdio: "inherit" });
}
