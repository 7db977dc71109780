// What the dispute and warranty benchmarks share: an escrow with a 100 bps protocol fee, a 6-decimal mock token,
// an arbitrator charging 200 bps with a 3-day ruling window, a buyer and a supplier funded and approved, and the
// escrow benchmark's 256-byte spec.
import hre from "hardhat";
import type { Hash } from "viem";
import * as sdk from "@tender/sdk";

export async function benchParties() {
  const { viem, networkHelpers } = await hre.network.create();
  const reader = (await viem.getPublicClient()) as unknown as sdk.Reader;
  const [deployer, buyer, supplier, arbitrator, treasury] = (await viem.getWalletClients()) as unknown as sdk.Writer[] as [
    sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer,
  ];
  const gasOf = async (hash: Promise<Hash>) => (await sdk.waitForSuccess(reader, await hash)).gasUsed;

  const { escrow } = await sdk.deployEscrow(deployer, reader, { owner: deployer.account.address, treasury: treasury.account.address, feeBps: 100 });
  const token = await sdk.deployMockToken(deployer, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
  await gasOf(sdk.registerArbitrator(arbitrator, { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));
  for (const who of [buyer, supplier]) {
    await gasOf(sdk.mintMock(deployer, { token, to: who.account.address, amount: 10n ** 15n }));
    await gasOf(sdk.approve(who, { token, spender: escrow, amount: 2n ** 255n }));
  }
  const base = { version: 1, title: "Summarize", category: "text", task: "Summarize the input", inputs: [], acceptance: [] };
  const spec = JSON.stringify({ ...base, notes: "x".repeat(256 - JSON.stringify({ ...base, notes: "" }).length) });
  return { networkHelpers, reader, deployer, buyer, supplier, arbitrator, gasOf, escrow, token, spec };
}

/** Prints a benchmark's rows (cold and warm runs) under its title. */
export function printRows(title: string, rows: [string, bigint, bigint][]): void {
  const width = Math.max(title.length, ...rows.map(([name]) => name.length));
  console.log(`${title.padEnd(width)}  ${"cold".padStart(9)}  ${"warm".padStart(9)}`);
  for (const [name, cold, warm] of rows) {
    console.log(`${name.padEnd(width)}  ${cold.toLocaleString("en-US").padStart(9)}  ${warm.toLocaleString("en-US").padStart(9)}`);
  }
}
