// Gas of jobs in milestones on Hardhat's in-process EVM. Run: `npm run bench:gas` (after the warranty's table).
// Conditions as the escrow's benchmark (OpenZeppelin ERC-20 mock, 100 bps protocol fee, 256-byte spec; warm = the
// second job between the same parties in the same token): a direct hire of 100 mUSD in 3 milestones (30%, 30%, 40%,
// one-day windows), no holdback, each milestone delivered and confirmed (rating 0 before the last, 5 on it). The
// milestone actions reach the milestones module through the escrow's custody code (a delegatecall); the post runs in
// the escrow's posting code and stores the schedule.
import * as sdk from "@tender/sdk";
import { benchParties, printRows } from "./parties.ts";

const { reader, buyer, supplier, arbitrator, gasOf, escrow, token, spec } = await benchParties();
const MILESTONES: sdk.Milestone[] = [
  { shareBps: 3_000, deliveryWindow: sdk.DAY },
  { shareBps: 3_000, deliveryWindow: sdk.DAY },
  { shareBps: 4_000, deliveryWindow: sdk.DAY },
];

/** A 3-milestone direct hire from its post to the last milestone's payment: each step's gas. */
async function inMilestones() {
  const steps: Record<string, bigint> = {};
  const posted = await sdk.postDirectHireInMilestones(buyer, {
    escrow, supplier: supplier.account.address, token, price: 100_000_000n, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
    arbitrator: arbitrator.account.address, defaultBuyerShareBps: 5_000, category: "text", spec, milestones: MILESTONES,
  });
  steps.post = (await sdk.waitForSuccess(reader, posted)).gasUsed;
  const jobId = await sdk.waitForJobId(reader, posted);
  for (let i = 0; i < MILESTONES.length; i++) {
    const last = i === MILESTONES.length - 1;
    steps[`deliver${i}`] = await gasOf(sdk.deliver(supplier, { escrow, jobId, deliverableHash: sdk.specHash(`part ${i}`), uri: "ipfs://bafy-deliverable" }));
    steps[`confirm${i}`] = await gasOf(sdk.confirm(buyer, { escrow, jobId, rating: last ? 5 : 0, milestone: { count: MILESTONES.length, current: i } }));
  }
  return steps;
}

const runs = [await inMilestones(), await inMilestones()];
const label: Record<string, string> = {
  post: "post+fund in 3 milestones (ERC-20)",
  deliver0: "deliver milestone 1 (the first: the direct hire is won)",
  deliver1: "deliver a later milestone (2 of 3)",
  confirm0: "confirm a milestone before the last (1 of 3)",
  confirm1: "confirm a milestone before the last (2 of 3)",
  confirm2: "confirm the last milestone (the job settles, rated)",
};
const rows: [string, bigint, bigint][] = Object.keys(label).map((key) => [label[key]!, runs[0]![key]!, runs[1]![key]!]);
const total = (r: Record<string, bigint>) => Object.values(r).reduce((a, b) => a + b, 0n);
rows.push(["3-milestone direct hire to payment: post+fund, (deliver, confirm) ×3 (ERC-20)", total(runs[0]!), total(runs[1]!)]);

console.log("");
printRows("milestones operation", rows);
