// Gas per escrow operation, cold and warm, on Hardhat's in-process EVM. Run: `npm run bench:gas`.
// Conditions: an OpenZeppelin ERC-20 mock, a 100 bps protocol fee, a 256-byte spec; "warm" is the second job with
// the same parties and token; approvals are exact and excluded from the figures.
import hre from "hardhat";
import type { Hash } from "viem";
import * as sdk from "../sdk/index.ts";

const { viem, networkHelpers } = await hre.network.create();
const [deployer, buyer, supplier, arbitrator, treasury] = await viem.getWalletClients();
const reader = (await viem.getPublicClient()) as unknown as sdk.Reader;
const writers = { deployer, buyer, supplier, arbitrator, treasury } as unknown as Record<string, sdk.Writer>;

const gasOf = async (hash: Promise<Hash>) => (await sdk.waitForSuccess(reader, await hash)).gasUsed;

const { escrow } = await sdk.deployEscrow(writers.deployer!, reader, {
  owner: deployer!.account.address,
  treasury: treasury!.account.address,
  feeBps: 100,
});
const token = await sdk.deployMockToken(writers.deployer!, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6 });
await gasOf(sdk.registerArbitrator(writers.arbitrator!, { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));
await gasOf(sdk.mintMock(writers.deployer!, { token, to: buyer!.account.address, amount: 10n ** 15n }));

// A 256-byte spec, as the conditions fix.
const base = { version: 1, title: "Summarize", category: "text", task: "Summarize the input", inputs: [], acceptance: [] };
const pad = 256 - JSON.stringify({ ...base, notes: "" }).length;
const spec = JSON.stringify({ ...base, notes: "x".repeat(pad) });
if (Buffer.byteLength(spec) !== 256) throw new Error("spec is not 256 bytes");

const price = 100_000_000n; // 100 mUSD
async function post(tokenAddress: typeof token | typeof sdk.ETH) {
  if (tokenAddress !== sdk.ETH) await gasOf(sdk.approve(writers.buyer!, { token, spender: escrow, amount: price }));
  const hash = await sdk.postDirectHire(writers.buyer!, {
    escrow,
    supplier: supplier!.account.address,
    token: tokenAddress,
    price,
    deliveryWindow: sdk.DAY,
    reviewWindow: sdk.DAY,
    arbitrator: arbitrator!.account.address,
    defaultBuyerShareBps: 5_000,
    category: "text",
    spec,
  });
  const receipt = await sdk.waitForSuccess(reader, hash);
  return { jobId: await sdk.waitForJobId(reader, hash), gas: receipt.gasUsed };
}
const deliver = (jobId: bigint) =>
  gasOf(sdk.deliver(writers.supplier!, { escrow, jobId, deliverableHash: sdk.specHash("out"), uri: "ipfs://bafy-deliverable" }));

const rows: [string, bigint, bigint | undefined][] = [];
for (const [label, tokenAddress] of [["ERC-20", token], ["ETH", sdk.ETH]] as const) {
  const runs = [];
  for (let i = 0; i < 2; i++) {
    const posted = await post(tokenAddress);
    const delivered = await deliver(posted.jobId);
    const confirmed = await gasOf(sdk.confirm(writers.buyer!, { escrow, jobId: posted.jobId, rating: 5 }));
    runs.push({ post: posted.gas, deliver: delivered, confirm: confirmed });
  }
  rows.push([`post+fund (${label})`, runs[0]!.post, runs[1]!.post]);
  rows.push([`deliver (${label})`, runs[0]!.deliver, runs[1]!.deliver]);
  rows.push([`confirm (${label})`, runs[0]!.confirm, runs[1]!.confirm]);
  rows.push([
    `happy path (${label}): post+deliver+confirm`,
    runs[0]!.post + runs[0]!.deliver + runs[0]!.confirm,
    runs[1]!.post + runs[1]!.deliver + runs[1]!.confirm,
  ]);
}

// The other transitions, on ERC-20 jobs between the same (now warm) parties.
const declined = await post(token);
rows.push(["decline (ERC-20)", await gasOf(sdk.decline(writers.supplier!, { escrow, jobId: declined.jobId })), undefined]);
const missed = await post(token);
await networkHelpers.time.increase(sdk.DAY);
rows.push(["refund after deadline (ERC-20)", await gasOf(sdk.refund(writers.deployer!, { escrow, jobId: missed.jobId })), undefined]);
const silent = await post(token);
await deliver(silent.jobId);
await networkHelpers.time.increase(sdk.DAY);
rows.push(["finalize after review (ERC-20)", await gasOf(sdk.finalize(writers.deployer!, { escrow, jobId: silent.jobId })), undefined]);
rows.push(["collect protocol fees (ERC-20)", await gasOf(sdk.collectProtocolFees(writers.deployer!, { escrow, token })), undefined]);
rows.push(["collect protocol fees (ETH)", await gasOf(sdk.collectProtocolFees(writers.deployer!, { escrow, token: sdk.ETH })), undefined]);

const width = Math.max(...rows.map(([name]) => name.length));
console.log(`${"operation".padEnd(width)}  ${"cold".padStart(8)}  ${"warm".padStart(8)}`);
for (const [name, cold, warm] of rows) {
  console.log(`${name.padEnd(width)}  ${cold.toString().padStart(8)}  ${(warm ?? "").toString().padStart(8)}`);
}
