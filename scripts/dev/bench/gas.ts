// Gas per escrow operation, cold and warm, on Hardhat's in-process EVM. Run: `npm run bench:gas`.
// Conditions: an OpenZeppelin ERC-20 mock (6 decimals), a 100 bps protocol fee, a 256-byte spec. "cold" is an
// operation's first run between these parties in this token; "warm" its second run (the second job with the same
// parties and token). Approvals are exact and excluded. A credit for `withdraw` comes from a push that failed: a
// supplier contract that refuses ETH, and a blocklisted supplier in a blocklisting ERC-20 (test mocks).
import hre from "hardhat";
import type { Address, Hash } from "viem";
import * as sdk from "@tender/sdk";
import { GasTable, formatGas } from "./table.ts";

const { viem, networkHelpers } = await hre.network.create();
const clients = (await viem.getWalletClients()) as unknown as sdk.Writer[];
const [deployer, buyer, supplier, arbitrator, treasury] = clients as [sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer];
const reader = (await viem.getPublicClient()) as unknown as sdk.Reader;
const gasOf = async (hash: Promise<Hash>) => (await sdk.waitForSuccess(reader, await hash)).gasUsed;

const { escrow } = await sdk.deployEscrow(deployer, reader, {
  owner: deployer.account.address,
  treasury: treasury.account.address,
  feeBps: 100,
});
const usd = await sdk.deployMockToken(deployer, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
await gasOf(sdk.registerArbitrator(arbitrator, { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));
await gasOf(sdk.mintMock(deployer, { token: usd, to: buyer.account.address, amount: 10n ** 15n }));

// A 256-byte spec, as the conditions fix.
const base = { version: 1, title: "Summarize", category: "text", task: "Summarize the input", inputs: [], acceptance: [] };
const spec = JSON.stringify({ ...base, notes: "x".repeat(256 - JSON.stringify({ ...base, notes: "" }).length) });
if (Buffer.byteLength(spec) !== 256) throw new Error("spec is not 256 bytes");
const PRICE = 100_000_000n; // 100 mUSD, or 100 gwei of ETH

async function post(token: Address, to: Address = supplier.account.address) {
  if (token !== sdk.ETH) await gasOf(sdk.approve(buyer, { token, spender: escrow, amount: PRICE }));
  const hash = await sdk.postDirectHire(buyer, {
    escrow,
    supplier: to,
    token,
    price: PRICE,
    deliveryWindow: sdk.DAY,
    reviewWindow: sdk.DAY,
    arbitrator: arbitrator.account.address,
    defaultBuyerShareBps: 5_000,
    category: "text",
    spec,
  });
  const receipt = await sdk.waitForSuccess(reader, hash);
  return { jobId: await sdk.waitForJobId(reader, hash), gas: receipt.gasUsed };
}
const deliver = (jobId: bigint, who = supplier) =>
  gasOf(sdk.deliver(who, { escrow, jobId, deliverableHash: sdk.specHash("out"), uri: "ipfs://bafy-deliverable" }));

const gasTable = new GasTable();
const record = (operation: string, gas: bigint) => gasTable.record(operation, gas);
const rows = gasTable.rows;

for (const [label, token] of [["ERC-20", usd], ["ETH", sdk.ETH]] as const) {
  for (let round = 0; round < 2; round++) {
    const happy = await post(token);
    const delivered = await deliver(happy.jobId);
    const confirmed = await gasOf(sdk.confirm(buyer, { escrow, jobId: happy.jobId, rating: 5 }));
    record(`post+fund (${label})`, happy.gas);
    record(`deliver (${label})`, delivered);
    record(`confirm (${label})`, confirmed);
    record(`happy path: post+fund, deliver, confirm (${label})`, happy.gas + delivered + confirmed);

    const declined = await post(token);
    record(`decline (${label})`, await gasOf(sdk.decline(supplier, { escrow, jobId: declined.jobId })));

    const missed = await post(token);
    const reviewed = await post(token);
    await deliver(reviewed.jobId);
    await networkHelpers.time.increase(sdk.DAY);
    record(`refund after the delivery deadline (${label})`, await gasOf(sdk.refund(deployer, { escrow, jobId: missed.jobId })));
    record(`finalize after the review window (${label})`, await gasOf(sdk.finalize(deployer, { escrow, jobId: reviewed.jobId })));
  }
}

// Funding an ERC-20 job without an approval transaction: the buyer's ERC-2612 permit carried by the post (the
// signed-actions module, reached through the admin module's fallback), beside the approval it saves.
for (let round = 0; round < 2; round++) {
  record("approve the price (ERC-20, its own transaction)", await gasOf(sdk.approve(buyer, { token: usd, spender: escrow, amount: PRICE })));
  await gasOf(sdk.approve(buyer, { token: usd, spender: escrow, amount: 0n }));
  const permit = (await sdk.signPermit(buyer, reader, { token: usd, spender: escrow, value: PRICE }))!;
  const hash = sdk.postDirectHireWithPermit(buyer, {
    escrow,
    supplier: supplier.account.address,
    token: usd,
    price: PRICE,
    deliveryWindow: sdk.DAY,
    reviewWindow: sdk.DAY,
    arbitrator: arbitrator.account.address,
    defaultBuyerShareBps: 5_000,
    category: "text",
    spec,
    permit,
  });
  record("post+fund with a permit, no approval (ERC-20)", await gasOf(hash));
}

// A supplier's signed action submitted by a relayer (the deployer here), beside the plain one above: the EIP-712
// check, the nonce's bit (cold: the first nonce of its word; warm: the next one) and two delegatecalls more.
const relayed = async (action: sdk.SignableAction) =>
  gasOf(sdk.submitSigned(deployer, reader, await sdk.signAction(supplier, reader, { escrow, action })));
for (let round = 0; round < 2; round++) {
  const job = await post(usd);
  record(
    "deliver by signature, relayed (ERC-20)",
    await relayed({ kind: "deliver", jobId: job.jobId, deliverableHash: sdk.specHash("out"), uri: "ipfs://bafy-deliverable" }),
  );
  await gasOf(sdk.confirm(buyer, { escrow, jobId: job.jobId, rating: 5 }));
}

// Fee collection last: it empties the escrow's fee balance, and the next job then pays to fill those slots again
// (about +37,000 gas on its post and confirm), which is not the warm condition above.
for (const [label, token] of [["ERC-20", usd], ["ETH", sdk.ETH]] as const) {
  for (let round = 0; round < 2; round++) {
    record(`collect protocol fees (${label})`, await gasOf(sdk.collectProtocolFees(deployer, { escrow, token })));
    const job = await post(token);
    await deliver(job.jobId);
    await gasOf(sdk.confirm(buyer, { escrow, jobId: job.jobId, rating: 5 }));
  }
}

// withdraw: credits left by pushes that failed.
const refusing = await viem.deployContract("RejectingParty");
const busd = await viem.deployContract("BlocklistToken");
await gasOf(sdk.setTokenAllowed(deployer, { escrow, token: busd.address, allowed: true }));
await busd.write.mint!([buyer.account.address, 10n ** 15n]);
await busd.write.setBlocked!([supplier.account.address, true]);
for (let round = 0; round < 2; round++) {
  const ethJob = await post(sdk.ETH, refusing.address);
  await refusing.write.exec!([escrow, 0n, sdk.encodeDeliver(ethJob.jobId, sdk.specHash("out"), "ipfs://out")]);
  await gasOf(sdk.confirm(buyer, { escrow, jobId: ethJob.jobId, rating: 5 }));
  const withdrawEth = await refusing.write.exec!([escrow, 0n, sdk.encodeWithdraw(sdk.ETH, treasury.account.address)]);
  record("withdraw a credit (ETH)", (await sdk.waitForSuccess(reader, withdrawEth)).gasUsed);

  const tokenJob = await post(busd.address);
  await deliver(tokenJob.jobId);
  await gasOf(sdk.confirm(buyer, { escrow, jobId: tokenJob.jobId, rating: 5 }));
  record("withdraw a credit (ERC-20)", await gasOf(sdk.withdraw(supplier, { escrow, token: busd.address, to: treasury.account.address })));

  const signedJob = await post(busd.address);
  await deliver(signedJob.jobId);
  await gasOf(sdk.confirm(buyer, { escrow, jobId: signedJob.jobId, rating: 5 }));
  record("withdraw a credit by signature, relayed (ERC-20)", await relayed({ kind: "withdraw", token: busd.address, to: treasury.account.address }));
}

const table = [...rows.values()];
const width = Math.max(...table.map((row) => row.operation.length));
console.log(`${"operation".padEnd(width)}  ${"cold".padStart(9)}  ${"warm".padStart(9)}`);
for (const row of table) console.log(`${row.operation.padEnd(width)}  ${formatGas(row.cold)}  ${formatGas(row.warm)}`);
const target = rows.get("happy path: post+fund, deliver, confirm (ERC-20)")!.warm!;
console.log(`\nERC-20 direct hire, warm happy path: ${target.toLocaleString("en-US")} gas (target 260,000)`);

// Every deployed contract's runtime size against EIP-170's 24,576-byte limit (the budget keeps 15% free: 20,889).
const EIP170 = 24_576;
const contracts: [string, Address][] = [
  ["TenderEscrow (custody)", escrow],
  ["TenderAdmin (module)", await reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "adminModule" })],
  ["TenderWarranty (module)", await reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "warrantyModule" })],
  ["TenderMilestones (module)", await reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "milestonesModule" })],
  ["TenderSigned (module)", await reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "signedModule" })],
  ["SupplierRegistry", (await reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "supplierRegistry" })) as Address],
];
console.log(`\n${"contract".padEnd(25)}  ${"bytes".padStart(6)}  ${"of 24,576".padStart(9)}  headroom`);
for (const [name, address] of contracts) {
  const size = ((await reader.getCode({ address }))!.length - 2) / 2;
  const headroom = ((EIP170 - size) / EIP170) * 100;
  console.log(`${name.padEnd(25)}  ${size.toLocaleString("en-US").padStart(6)}  ${((size / EIP170) * 100).toFixed(1).padStart(8)}%  ${headroom.toFixed(1)}%${headroom < 15 ? "  (below the 15% budget)" : ""}`);
}
