import { createRequire } from "node:module";
import { configVariable, defineConfig } from "hardhat/config";
import hardhatKeystore from "@nomicfoundation/hardhat-keystore";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatViem from "@nomicfoundation/hardhat-viem";

const require = createRequire(import.meta.url);

// TENDER_DEEP=1 selects the deep fuzz/invariant profile (`npm run test:deep`).
const deep = process.env.TENDER_DEEP === "1";
// TENDER_FAST=1 skips the IR pipeline for quicker local compiles while iterating. Tests, CI and the committed
// bytecode (scripts/sdk/generated.ts) use the default, so what is tested is what is deployed.
const viaIR = process.env.TENDER_FAST !== "1";

export default defineConfig({
  plugins: [hardhatViem, hardhatNetworkHelpers, hardhatKeystore],
  solidity: {
    // Compiled offline by the npm `solc` package (its wasm build); no download.
    version: require("solc/package.json").version,
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      viaIR,
    },
  },
  paths: {
    tests: { solidity: "test/solidity" },
  },
  test: {
    solidity: {
      fuzz: { runs: deep ? 5_000 : 256 },
      invariant: { runs: deep ? 10_000 : 256, depth: deep ? 60 : 40, failOnRevert: true },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: process.env.TENDER_RPC_URL ?? "http://127.0.0.1:8545" },
    // Any other network: RPC URL and deployer key come from config variables (environment or the encrypted
    // keystore: `npx hardhat keystore set TENDER_DEPLOYER_KEY`), never from the repository.
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("TENDER_REMOTE_RPC_URL"),
      accounts: [configVariable("TENDER_DEPLOYER_KEY")],
    },
  },
});
