// Gas of holdback and warranty claims on Hardhat's in-process EVM. Run: `npm run bench:gas` (after the disputes'
// table). Conditions as the escrow's benchmark (OpenZeppelin ERC-20 mock, 100 bps protocol fee, 256-byte spec; warm =
// the second job between the same parties in the same token), a 20% holdback with a 30-day warranty, an arbitrator
// charging 200 bps, a claim ruled at 7,000 bps. Payouts are pushed, so no withdrawal is needed. Warranty calls reach
// the warranty module through two delegatecalls (the escrow's fallback, then the admin module's).
import * as sdk from "@tender/sdk";
import { benchParties, printRows } from "./parties.ts";

const { networkHelpers, reader, deployer, buyer, supplier, arbitrator, gasOf, escrow, token, spec } = await benchParties();
const WARRANTY = 30 * sdk.DAY;

/** A direct hire with a 20% holdback, posted, delivered and confirmed: the steps' gas. */
async function held() {
  const steps: Record<string, bigint> = {};
  const posted = await sdk.postDirectHire(buyer, {
    escrow, supplier: supplier.account.address, token, price: 100_000_000n, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
    arbitrator: arbitrator.account.address, defaultBuyerShareBps: 5_000, category: "text", spec,
    warranty: { holdbackBps: 2_000, warrantyWindow: WARRANTY, holdBond: false },
  });
  steps.post = (await sdk.waitForSuccess(reader, posted)).gasUsed;
  const jobId = await sdk.waitForJobId(reader, posted);
  steps.deliver = await gasOf(sdk.deliver(supplier, { escrow, jobId, deliverableHash: sdk.specHash("out"), uri: "ipfs://bafy-deliverable" }));
  steps.confirm = await gasOf(sdk.confirm(buyer, { escrow, jobId, rating: 5 }));
  return { jobId, steps };
}

const runs: Record<string, bigint>[] = [];
for (let round = 0; round < 2; round++) {
  const released = await held();
  const steps = released.steps;
  const claimed = await held();
  const fee = await sdk.claimFee(reader, { escrow, jobId: claimed.jobId });
  steps.claim = await gasOf(sdk.claim(buyer, { escrow, jobId: claimed.jobId, asked: 10_000_000n, statementURI: "ipfs://bafy-claim", token, fee }));
  steps.answer = await gasOf(sdk.answerClaim(supplier, { escrow, jobId: claimed.jobId, responseURI: "ipfs://bafy-answer", token, fee }));
  steps.evidence = await gasOf(sdk.submitClaimEvidence(buyer, { escrow, jobId: claimed.jobId, evidenceURI: "ipfs://bafy-evidence" }));
  steps.ruleClaim = await gasOf(sdk.ruleClaim(arbitrator, { escrow, jobId: claimed.jobId, buyerShareBps: 7_000, reasonHash: sdk.specHash("reasons") }));
  const agreed = await held();
  await gasOf(sdk.claim(buyer, { escrow, jobId: agreed.jobId, asked: 5_000_000n, statementURI: "ipfs://bafy-claim", token, fee }));
  steps.agree = await gasOf(sdk.agreeClaim(supplier, { escrow, jobId: agreed.jobId }));
  const waived = await held();
  steps.waive = await gasOf(sdk.waive(buyer, { escrow, jobId: waived.jobId }));
  await networkHelpers.time.increase(WARRANTY);
  steps.release = await gasOf(sdk.release(deployer, { escrow, jobId: released.jobId }));
  runs.push(steps);
}

const label: Record<string, string> = {
  post: "post+fund with a 20% holdback (ERC-20)",
  confirm: "confirm, 20% held (ERC-20)",
  release: "release after the warranty (anyone)",
  waive: "waive (the buyer)",
  claim: "claim (buyer pays the fee)",
  answer: "answer a claim (supplier pays the fee)",
  evidence: "claim evidence",
  ruleClaim: "rule a claim 7,000 bps (pays buyer, supplier, arbitrator)",
  agree: "agree to a claim",
};
const rows: [string, bigint, bigint][] = Object.keys(label).map((key) => [label[key]!, runs[0]![key]!, runs[1]![key]!]);
const happy = (r: Record<string, bigint>) => r.post! + r.deliver! + r.confirm! + r.release!;
rows.push(["holdback happy path: post+fund, deliver, confirm, release (ERC-20)", happy(runs[0]!), happy(runs[1]!)]);
const toRuling = (r: Record<string, bigint>) => r.claim! + r.answer! + r.evidence! + r.ruleClaim!;
rows.push(["claim to ruling: claim, answer, evidence, rule", toRuling(runs[0]!), toRuling(runs[1]!)]);

console.log("");
printRows("warranty operation", rows);
