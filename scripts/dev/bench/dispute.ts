// Gas of disputes on Hardhat's in-process EVM. Run: `npm run bench:gas` (after the escrow's and market's tables).
// Conditions as the escrow's benchmark (OpenZeppelin ERC-20 mock, 100 bps protocol fee, 256-byte spec; warm = the
// second dispute between the same parties in the same token), an arbitrator charging 200 bps, a ruling of 7,000
// bps. Payouts are pushed, so no withdrawal is needed.
import * as sdk from "@tender/sdk";
import { benchParties, printRows } from "./parties.ts";

const { networkHelpers, reader, deployer, buyer, supplier, arbitrator, gasOf, escrow, token, spec } = await benchParties();

async function disputed(answer: boolean | "signed") {
  const jobId = await sdk.waitForJobId(reader, await sdk.postDirectHire(buyer, {
    escrow, supplier: supplier.account.address, token, price: 100_000_000n, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
    arbitrator: arbitrator.account.address, defaultBuyerShareBps: 5_000, category: "text", spec,
  }));
  await gasOf(sdk.deliver(supplier, { escrow, jobId, deliverableHash: sdk.specHash("out"), uri: "ipfs://bafy-deliverable" }));
  const fee = await sdk.disputeFee(reader, { escrow, jobId });
  const steps: Record<string, bigint> = {};
  steps.dispute = await gasOf(sdk.dispute(buyer, { escrow, jobId, statementURI: "ipfs://bafy-statement", token, fee }));
  if (answer === true) steps.respond = await gasOf(sdk.respond(supplier, { escrow, jobId, responseURI: "ipfs://bafy-response", token, fee }));
  // Signed by the supplier, carried by a relayer (the deployer), the fee from the supplier's allowance.
  if (answer === "signed") {
    const signed = await sdk.signAction(supplier, reader, { escrow, action: { kind: "respond", jobId, responseURI: "ipfs://bafy-response" } });
    steps.respondBySig = await gasOf(sdk.submitSigned(deployer, reader, signed));
  }
  return { jobId, steps };
}

const rows: [string, bigint, bigint][] = [];
const runs: Record<string, bigint>[] = [];
for (let round = 0; round < 2; round++) {
  const { jobId, steps } = await disputed(true);
  steps.evidenceBuyer = await gasOf(sdk.submitEvidence(buyer, { escrow, jobId, evidenceURI: "ipfs://bafy-buyer-evidence" }));
  steps.evidenceSupplier = await gasOf(sdk.submitEvidence(supplier, { escrow, jobId, evidenceURI: "ipfs://bafy-supplier-evidence" }));
  steps.rule = await gasOf(sdk.rule(arbitrator, { escrow, jobId, buyerShareBps: 7_000, reasonHash: sdk.specHash("reasons") }));

  const unanswered = await disputed(false);
  await networkHelpers.time.increase(3 * sdk.DAY);
  steps.settleUnanswered = await gasOf(sdk.settleDispute(deployer, { escrow, jobId: unanswered.jobId }));
  const silent = await disputed(true);
  await networkHelpers.time.increase(3 * sdk.DAY);
  steps.settleSilent = await gasOf(sdk.settleDispute(deployer, { escrow, jobId: silent.jobId }));
  steps.respondBySig = (await disputed("signed")).steps.respondBySig!;
  runs.push(steps);
}
const label: Record<string, string> = {
  dispute: "dispute (buyer pays the fee)",
  respond: "respond (supplier pays the fee)",
  respondBySig: "respond by signature, relayed (the fee from the supplier's allowance)",
  evidenceBuyer: "evidence (buyer)",
  evidenceSupplier: "evidence (supplier)",
  rule: "rule 7,000 bps (pays buyer, supplier, arbitrator)",
  settleUnanswered: "settle an unanswered dispute",
  settleSilent: "settle after a silent arbitrator",
};
for (const key of Object.keys(label)) rows.push([label[key]!, runs[0]![key]!, runs[1]![key]!]);
const path = (r: Record<string, bigint>) => r.dispute! + r.respond! + r.evidenceBuyer! + r.evidenceSupplier! + r.rule!;
rows.push(["dispute to ruling: dispute, respond, 2 evidence, rule", path(runs[0]!), path(runs[1]!)]);

printRows("dispute operation", rows);
