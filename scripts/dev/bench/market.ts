// Gas of the RFQ market on Hardhat's in-process EVM. Run: `npm run bench:gas` (after the escrow's table).
// Conditions as the escrow's benchmark (OpenZeppelin ERC-20 mock, 100 bps fee, 256-byte spec, warm = the second job
// with the same parties and token), with floors = the record floors plus two attestation floors, and a 10% bond
// where a row says "bonded". Then the scaling check: the k-th bid (each a new best, bonded, against two attestation
// floors) and the award, for k = 2, 10, 100 and 1,000 bids on one job.
import hre from "hardhat";
import { type Address, type Hash, keccak256, toHex } from "viem";
import * as sdk from "@tender/sdk";
import { GasTable, formatGas } from "./table.ts";

const { viem, networkHelpers } = await hre.network.create();
const reader = (await viem.getPublicClient()) as unknown as sdk.Reader;
const [deployer, buyer, arbitrator, treasury, attestor, s1, s2, s3] = (await viem.getWalletClients()) as unknown as sdk.Writer[] as [
  sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer,
];
const gasOf = async (hash: Promise<Hash>) => (await sdk.waitForSuccess(reader, await hash)).gasUsed;
const ok = gasOf;

const deployment = await sdk.deployEscrow(deployer, reader, { owner: deployer.account.address, treasury: treasury.account.address, feeBps: 100 });
const { escrow, registry } = deployment;
const usd = await sdk.deployMockToken(deployer, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
await ok(sdk.registerArbitrator(arbitrator, { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));

const base = { version: 1, title: "Fix a bug", category: "code", task: "Fix the failing test", inputs: [], acceptance: [] };
const spec = JSON.stringify({ ...base, notes: "x".repeat(256 - JSON.stringify({ ...base, notes: "" }).length) });
if (Buffer.byteLength(spec) !== 256) throw new Error("spec is not 256 bytes");
const MAX = 1_000_000_000n; // 1,000 mUSD
const HUGE = 2n ** 255n;
const now = async () => Number((await reader.getBlock()).timestamp);

async function fund(who: sdk.Writer) {
  await ok(sdk.mintMock(deployer, { token: usd, to: who.account.address, amount: 10n ** 15n }));
  await ok(sdk.approve(who, { token: usd, spender: escrow, amount: HUGE }));
}
async function qualify(who: Address) {
  const validUntil = (await now()) + 365 * sdk.DAY;
  await ok(sdk.attest(attestor, { registry, supplier: who, metric: sdk.METRICS.sweBench, value: 70n, validUntil }));
  await ok(sdk.attest(attestor, { registry, supplier: who, metric: sdk.METRICS.latencyP95Ms, value: 900n, validUntil }));
}
const metricFloors: sdk.MetricFloor[] = [
  { attestor: attestor.account.address, comparison: sdk.Comparison.AtLeast, metric: sdk.metricId(sdk.METRICS.sweBench), threshold: 60n },
  { attestor: attestor.account.address, comparison: sdk.Comparison.AtMost, metric: sdk.metricId(sdk.METRICS.latencyP95Ms), threshold: 1_000n },
];
const recordFloors = { minCompleted: 1, minVolume: 1n, maxLossShareBps: 5_000, minAvgRating: 300, minRatings: 1 };
const floorsOf = (bondBps: number): sdk.Floors => ({ ...recordFloors, bondBps, metrics: metricFloors });

await fund(buyer);
for (const who of [s1, s2, s3]) {
  await fund(who);
  await qualify(who.account.address);
  // A record to meet the record floors: one direct hire, delivered and rated.
  const jobId = await sdk.waitForJobId(reader, await sdk.postDirectHire(buyer, {
    escrow, supplier: who.account.address, token: usd, price: 10_000_000n, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
    arbitrator: arbitrator.account.address, defaultBuyerShareBps: 0, category: "code", spec,
  }));
  await ok(sdk.deliver(who, { escrow, jobId, deliverableHash: sdk.specHash("w"), uri: "ipfs://w" }));
  await ok(sdk.confirm(buyer, { escrow, jobId, rating: 5 }));
}

async function postRFQ(floors: sdk.Floors, mode: number = sdk.AwardMode.LowestPrice) {
  const hash = await sdk.postRFQ(buyer, {
    escrow, token: usd, maxPrice: MAX, bidDeadline: (await now()) + sdk.DAY, awardWindow: mode === sdk.AwardMode.LowestPrice ? 0 : sdk.DAY,
    deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode, arbitrator: arbitrator.account.address, defaultBuyerShareBps: 0,
    category: "code", floors, spec,
  });
  const receipt = await sdk.waitForSuccess(reader, hash);
  return { jobId: await sdk.waitForJobId(reader, hash), gas: receipt.gasUsed };
}
const bid = (who: sdk.Writer, jobId: bigint, price: bigint, floors: sdk.Floors) =>
  gasOf(sdk.bid(who, { escrow, jobId, price, floors, token: usd, bond: sdk.bondFor(MAX, floors) }));

const gasTable = new GasTable();
const record = (operation: string, gas: bigint) => gasTable.record(operation, gas);
const rows = gasTable.rows;

/** One RFQ from post to payment with `bidders` bids; returns the path's total. */
async function path(bidders: sdk.Writer[], bondBps: number, label: string) {
  const floors = floorsOf(bondBps);
  const posted = await postRFQ(floors);
  let total = posted.gas;
  record(`post RFQ (${label})`, posted.gas);
  for (const [i, who] of bidders.entries()) {
    const gas = await bid(who, posted.jobId, MAX - 100n * BigInt(i + 1), floors);
    total += gas;
    record(`${i === 0 ? "first bid, empty best slot" : "another bidder's first bid, new best"} (${label})`, gas);
  }
  await networkHelpers.time.increase(sdk.DAY);
  const awarded = await gasOf(sdk.award(deployer, { escrow, jobId: posted.jobId }));
  record(`award (${label})`, awarded);
  const winner = bidders[bidders.length - 1]!;
  const delivered = await gasOf(sdk.deliver(winner, { escrow, jobId: posted.jobId, deliverableHash: sdk.specHash("w"), uri: "ipfs://bafy-deliverable" }));
  const confirmed = await gasOf(sdk.confirm(buyer, { escrow, jobId: posted.jobId, rating: 5 }));
  record(`deliver (RFQ)`, delivered);
  record(`confirm${bondBps ? ", bond returned with the payment" : ""} (${label})`, confirmed);
  total += awarded + delivered + confirmed;
  for (const loser of bondBps === 0 ? [] : bidders.slice(0, -1)) {
    record("reclaim a losing bond", await gasOf(sdk.reclaimBond(loser, { escrow, jobId: posted.jobId })));
  }
  return total;
}

const paths: [string, bigint, bigint][] = [];
for (const [label, bidders, bondBps] of [["1 bid, bonded", [s1], 1_000], ["3 bids, bonded", [s1, s2, s3], 1_000], ["1 bid, no bond", [s2], 0], ["2 bids, no bond", [s2, s3], 0]] as const) {
  const cold = await path([...bidders], bondBps, bondBps ? "bonded" : "no bond");
  const warm = await path([...bidders], bondBps, bondBps ? "bonded" : "no bond");
  paths.push([`RFQ happy path, ${label}: post, bids, award, deliver, confirm`, cold, warm]);
}
{
  const floors = floorsOf(1_000);
  const { jobId } = await postRFQ(floors);
  await bid(s1, jobId, MAX - 1_000n, floors);
  record("improve a bid (leader)", await gasOf(sdk.improveBid(s1, { escrow, jobId, price: MAX - 2_000n })));
  await bid(s2, jobId, MAX - 3_000n, floors);
  record("improve a bid (takes the lead)", await gasOf(sdk.improveBid(s1, { escrow, jobId, price: MAX - 4_000n })));
  record("improve a bid (takes the lead)", await gasOf(sdk.improveBid(s2, { escrow, jobId, price: MAX - 5_000n })));
  record("improve a bid (leader)", await gasOf(sdk.improveBid(s2, { escrow, jobId, price: MAX - 6_000n })));
}

// Signed bids carried by a relayer (the deployer), beside the plain first bid above: the EIP-712 check, the nonce's bit,
// two delegatecalls, and for a bidder with no allowance its ERC-2612 permit for the bond.
const relayed = async (who: sdk.Writer, action: sdk.SignableAction) =>
  gasOf(sdk.submitSigned(deployer, reader, await sdk.signAction(who, reader, { escrow, action })));
for (let round = 0; round < 2; round++) {
  const floors = floorsOf(1_000);
  const { jobId } = await postRFQ(floors);
  record("first bid by signature, bond from an allowance, relayed (bonded)", await relayed(s1, { kind: "bid", jobId, price: MAX - 1_000n }));
  await ok(sdk.approve(s2, { token: usd, spender: escrow, amount: 0n }));
  record("another bidder's first bid by signature, bond by its permit, relayed (bonded)", await relayed(s2, { kind: "bid", jobId, price: MAX - 2_000n }));
  await ok(sdk.approve(s2, { token: usd, spender: escrow, amount: HUGE }));
  record("improve a bid by signature, relayed (takes the lead)", await relayed(s1, { kind: "improveBid", jobId, price: MAX - 3_000n }));
}

// Sealed bids, beside the open ones: commits (bond and floors at commit), reveals after the bid deadline (anyone may
// send one), the award after the reveal window, and a never-revealed bond forfeited to the buyer; a commit by
// signature too.
const chainId = reader.chain.id;
const sealedTotal = [0n, 0n];
for (let round = 0; round < 2; round++) {
  const floors = floorsOf(1_000);
  const posted = await postRFQ(floors, sdk.AwardMode.SealedLowestPrice);
  record("post RFQ (sealed, bonded)", posted.gas);
  let total = posted.gas;
  const bond = sdk.bondFor(MAX, floors);
  const openings: sdk.SealedOpening[] = [];
  for (const [i, who] of [s1, s2, s3].entries()) {
    const { opening, commitment } = sdk.sealBid({ chainId, escrow, jobId: posted.jobId, supplier: who.account.address, price: MAX - 100n * BigInt(i + 1) });
    openings.push(opening);
    const gas = await gasOf(sdk.commit(who, { escrow, jobId: posted.jobId, commitment, floors, token: usd, bond }));
    record(i === 0 ? "first commit of a sealed bid (bonded)" : "another bidder's commit (bonded)", gas);
    if (i < 2) total += gas;
  }
  await networkHelpers.time.increase(sdk.DAY);
  for (const [i, o] of openings.slice(0, 2).entries()) {
    const gas = await gasOf(sdk.reveal(deployer, o));
    record(i === 0 ? "first reveal, empty best slot" : "another reveal, new best", gas);
    total += gas;
  }
  await networkHelpers.time.increase(sdk.DAY);
  const awarded = await gasOf(sdk.award(deployer, { escrow, jobId: posted.jobId }));
  record("award (sealed, after the reveal window)", awarded);
  record("forfeit a never-revealed bond to the buyer", await gasOf(sdk.forfeitBond(deployer, { escrow, jobId: posted.jobId, supplier: s3.account.address })));
  record("reclaim a revealed losing bond (sealed)", await gasOf(sdk.reclaimBond(s1, { escrow, jobId: posted.jobId })));
  const delivered = await gasOf(sdk.deliver(s2, { escrow, jobId: posted.jobId, deliverableHash: sdk.specHash("w"), uri: "ipfs://bafy-deliverable" }));
  const confirmed = await gasOf(sdk.confirm(buyer, { escrow, jobId: posted.jobId, rating: 5 }));
  sealedTotal[round] = total + awarded + delivered + confirmed;
  const signed = await postRFQ(floors, sdk.AwardMode.SealedLowestPrice);
  const { commitment } = sdk.sealBid({ chainId, escrow, jobId: signed.jobId, supplier: s1.account.address, price: MAX - 1_000n });
  record("commit by signature, bond from an allowance, relayed (bonded)", await relayed(s1, { kind: "commit", jobId: signed.jobId, commitment }));
}
paths.push(["RFQ happy path, 2 sealed bids, bonded: post, commits, reveals, award, deliver, confirm", sealedTotal[0]!, sealedTotal[1]!]);

// Every path runs twice; the second run (same parties, token and floors) is the warm figure printed.
const table = [...rows.values(), ...paths.map(([operation, cold, warm]) => ({ operation, cold, warm }))];
const width = Math.max(...table.map((row) => row.operation.length));
console.log(`${"operation (warm)".padEnd(width)}  ${"gas".padStart(9)}`);
for (const row of table) console.log(`${row.operation.padEnd(width)}  ${formatGas(row.warm ?? row.cold)}`);

// Scaling: k bids on one job, each a new best, bonded, against two attestation floors.
console.log("\nScaling (each bid a new best, bonded, two attestation floors; k-th bid and award)");
console.log(`${"k".padStart(5)}  ${"k-th bid".padStart(9)}  ${"award".padStart(9)}`);
const scalingFloors: sdk.Floors = { ...sdk.NO_FLOORS, bondBps: 1_000, metrics: metricFloors };
let firstBid: bigint | undefined;
let seed = 0;
for (const k of [2, 10, 100, 1_000]) {
  const { jobId } = await postRFQ(scalingFloors);
  let last = 0n;
  for (let i = 0; i < k; i++) {
    const address = `0x${keccak256(toHex(`bidder-${seed++}`)).slice(26)}` as Address;
    await networkHelpers.impersonateAccount(address);
    await networkHelpers.setBalance(address, 10n ** 20n);
    const who = (await viem.getWalletClient(address)) as unknown as sdk.Writer;
    await ok(sdk.mintMock(deployer, { token: usd, to: address, amount: MAX }));
    await ok(sdk.approve(who, { token: usd, spender: escrow, amount: HUGE }));
    await qualify(address);
    last = await bid(who, jobId, MAX - BigInt(i + 1), scalingFloors);
    if (i === 0 && firstBid === undefined) firstBid = last;
  }
  await networkHelpers.time.increase(sdk.DAY);
  const awarded = await gasOf(sdk.award(deployer, { escrow, jobId }));
  console.log(`${String(k).padStart(5)}  ${last.toLocaleString("en-US").padStart(9)}  ${awarded.toLocaleString("en-US").padStart(9)}`);
}
console.log(`first bid on a job (writes the empty best-bid slot): ${firstBid!.toLocaleString("en-US")}`);
