// Disputes driven through the SDK: a buyer disputes, the supplier answers, both add evidence, the arbitrator rules;
// and a dispute the supplier never answers, settled by anyone. Then the warranty of a holdback job: a claim answered
// and ruled, and a held share released once its window passed.
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { SPEC, deployedChain } from "../helpers/chain.ts";

const PRICE = 200_000_000n; // 200 mUSD

describe("a dispute through the SDK", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  const ok = async (hash: Promise<`0x${string}`>) => sdk.waitForSuccess(chain.reader, await hash);

  beforeAll(async () => {
    chain = await deployedChain();
    for (const who of [chain.buyer, chain.supplier]) {
      await ok(sdk.mintMock(chain.deployer, { token: chain.token, to: who.account.address, amount: 10n ** 12n }));
      await ok(sdk.approve(who, { token: chain.token, spender: chain.escrow, amount: 2n ** 255n }));
    }
  });

  async function deliveredJob(extra: Partial<sdk.DirectHireParams> = {}) {
    const { reader, escrow, token, buyer, supplier, arbitrator } = chain;
    const jobId = await sdk.waitForJobId(
      reader,
      await sdk.postDirectHire(buyer, {
        escrow, supplier: supplier.account.address, token, price: PRICE, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: arbitrator.account.address, defaultBuyerShareBps: 5_000, category: "text", spec: SPEC, ...extra,
      }),
    );
    await ok(sdk.deliver(supplier, { escrow, jobId, deliverableHash: sdk.specHash("out"), uri: "ipfs://out" }));
    return jobId;
  }

  it("ends in the arbitrator's ruling, with the loser's fee to the arbitrator", async () => {
    const { reader, escrow, token, buyer, supplier, arbitrator } = chain;
    const jobId = await deliveredJob();
    const fee = await sdk.disputeFee(reader, { escrow, jobId });
    expect(fee).toBe((PRICE * 200n) / 10_000n);
    await ok(sdk.dispute(buyer, { escrow, jobId, statementURI: "ipfs://statement", token, fee }));
    await ok(sdk.respond(supplier, { escrow, jobId, responseURI: "ipfs://response", token, fee }));
    await ok(sdk.submitEvidence(buyer, { escrow, jobId, evidenceURI: "ipfs://buyer-evidence" }));
    await ok(sdk.submitEvidence(supplier, { escrow, jobId, evidenceURI: "ipfs://supplier-evidence" }));
    const buyerBefore = await sdk.balanceOf(reader, { token, account: buyer.account.address });
    const arbitratorBefore = await sdk.balanceOf(reader, { token, account: arbitrator.account.address });
    await ok(sdk.rule(arbitrator, { escrow, jobId, buyerShareBps: 7_000, reasonHash: sdk.specHash("the tests fail") }));

    expect((await sdk.readJob(reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Settled);
    expect(await sdk.balanceOf(reader, { token, account: buyer.account.address })).toBe(buyerBefore + (PRICE * 7_000n) / 10_000n + fee);
    expect(await sdk.balanceOf(reader, { token, account: arbitrator.account.address })).toBe(arbitratorBefore + fee);
    const [ruling] = await reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "Ruling", args: { jobId }, fromBlock: 0n });
    expect(ruling?.args.buyerShareBps).toBe(7_000);
    const evidence = await reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "Evidence", args: { jobId }, fromBlock: 0n });
    expect(evidence.map((e) => e.args.evidenceURI)).toEqual(["ipfs://buyer-evidence", "ipfs://supplier-evidence"]);
    const record = await reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "arbitrator", args: [arbitrator.account.address] });
    expect(record.rulingsForBuyer).toBe(1);
  });

  it("settles an unanswered dispute for the buyer once the response window passes", async () => {
    const { reader, escrow, token, buyer, stranger, networkHelpers } = chain;
    const jobId = await deliveredJob();
    const fee = await sdk.disputeFee(reader, { escrow, jobId });
    await ok(sdk.dispute(buyer, { escrow, jobId, statementURI: "ipfs://statement", token, fee }));
    await expect(sdk.settleDispute(stranger, { escrow, jobId })).rejects.toThrow(/DeadlineNotReached/);
    await networkHelpers.time.increase(3 * sdk.DAY);
    const before = await sdk.balanceOf(reader, { token, account: buyer.account.address });
    await ok(sdk.settleDispute(stranger, { escrow, jobId }));
    expect(await sdk.balanceOf(reader, { token, account: buyer.account.address })).toBe(before + PRICE + fee);
  });

  const HOLDBACK: sdk.Warranty = { holdbackBps: 2_000, warrantyWindow: 30 * sdk.DAY, holdBond: false };
  const HELD = (PRICE * 2_000n) / 10_000n; // 40 mUSD
  const allowed = async (jobId: bigint, who: sdk.Writer) =>
    sdk.jobActions(await sdk.readJobState(chain.reader, { escrow: chain.escrow, jobId, account: who.account.address }), who.account.address, await sdk.pendingTime(chain.reader)).filter((a) => a.allowed).map((a) => a.action);

  it("holds part of a confirmed payment; a claim on it is answered and ruled, the fee computed by the SDK", async () => {
    const { reader, escrow, token, buyer, supplier, arbitrator } = chain;
    const jobId = await deliveredJob({ warranty: HOLDBACK });
    expect((await sdk.readPosting(reader, { escrow, jobId }))?.warranty).toEqual(HOLDBACK);
    expect(await sdk.readWarranty(reader, { escrow, jobId })).toEqual(HOLDBACK);
    const supplierBefore = await sdk.balanceOf(reader, { token, account: supplier.account.address });
    const confirmed = await ok(sdk.confirm(buyer, { escrow, jobId, rating: 4 }));
    const paid = PRICE - HELD;
    expect(await sdk.balanceOf(reader, { token, account: supplier.account.address })).toBe(supplierBefore + paid - paid / 100n);
    const confirmedAt = Number((await reader.getBlock({ blockNumber: confirmed.blockNumber })).timestamp);
    expect(await sdk.readHeld(reader, { escrow, jobId })).toEqual({ amount: HELD, bond: 0n, warrantyEndsAt: confirmedAt + 30 * sdk.DAY, claim: sdk.ClaimStatus.None });
    expect(await allowed(jobId, buyer)).toEqual(["claim", "waive"]);
    expect(await allowed(jobId, supplier)).toEqual(["returnHeld"]);

    const fee = await sdk.claimFee(reader, { escrow, jobId });
    expect(fee).toBe((HELD * 200n + 9_999n) / 10_000n);
    const asked = 30_000_000n;
    await ok(sdk.claim(buyer, { escrow, jobId, asked, statementURI: "ipfs://claim" })); // fee and token read by the SDK
    expect(await sdk.readClaim(reader, { escrow, jobId })).toMatchObject({ asked, fee });
    expect(await allowed(jobId, supplier)).toEqual(["agreeClaim", "answerClaim", "submitClaimEvidence"]);
    await ok(sdk.answerClaim(supplier, { escrow, jobId, responseURI: "ipfs://answer" }));
    await ok(sdk.submitClaimEvidence(buyer, { escrow, jobId, evidenceURI: "ipfs://evidence" }));
    expect(await allowed(jobId, arbitrator)).toEqual(["ruleClaim"]);

    const [buyerBefore, arbitratorBefore, supplierMid] = await Promise.all(
      [buyer, arbitrator, supplier].map((w) => sdk.balanceOf(reader, { token, account: w.account.address })),
    );
    await ok(sdk.ruleClaim(arbitrator, { escrow, jobId, buyerShareBps: 7_000, reasonHash: sdk.specHash("the summary dropped a bullet") }));
    const toBuyer = (asked * 7_000n) / 10_000n;
    expect(await sdk.balanceOf(reader, { token, account: buyer.account.address })).toBe(buyerBefore! + toBuyer + fee);
    expect(await sdk.balanceOf(reader, { token, account: arbitrator.account.address })).toBe(arbitratorBefore! + fee);
    const rest = HELD - toBuyer;
    expect(await sdk.balanceOf(reader, { token, account: supplier.account.address })).toBe(supplierMid! + rest - rest / 100n);
    expect(await sdk.readHeld(reader, { escrow, jobId })).toMatchObject({ amount: 0n, claim: sdk.ClaimStatus.Ended });
    expect(await sdk.readClaimRecord(reader, { escrow, supplier: supplier.account.address })).toEqual({ claimsFaced: 1, clawedBack: 1 });
    expect(await allowed(jobId, buyer)).toEqual([]);
    const file = await sdk.warrantyRecord(reader, { escrow, jobId });
    expect(file.map((e) => e.eventName)).toEqual(["PaymentHeld", "ClaimFiled", "ClaimAnswered", "ClaimEvidence", "ClaimRuled", "HeldSettled"]);
  });

  it("releases a finalized job's held share to the supplier once the warranty ends (anyone may)", async () => {
    const { reader, escrow, supplier, stranger, networkHelpers } = chain;
    const t = sdk.tender({ reader, writer: stranger }, chain.deployment);
    const jobId = await deliveredJob({ token: sdk.ETH, price: 10n ** 16n, warranty: { ...HOLDBACK, warrantyWindow: sdk.DAY } });
    await networkHelpers.time.increase(sdk.DAY);
    await t.wait(await t.finalize({ jobId }));
    const held = await t.read.held({ jobId });
    expect(held.amount).toBe(2n * 10n ** 15n);
    const { actions } = await t.read.actions({ jobId, account: stranger.account.address });
    expect(actions.find((a) => a.action === "release")).toMatchObject({ allowed: false, allowedFrom: held.warrantyEndsAt });
    await expect(t.release({ jobId })).rejects.toThrow(/DeadlineNotReached/);

    await networkHelpers.time.increaseTo(held.warrantyEndsAt);
    const before = await reader.getBalance({ address: supplier.account.address });
    await t.wait(await t.release({ jobId }));
    expect(await reader.getBalance({ address: supplier.account.address })).toBe(before + held.amount - held.amount / 100n);
    expect((await t.read.held({ jobId })).amount).toBe(0n);
    const [settled] = await reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "HeldSettled", args: { jobId }, fromBlock: 0n });
    expect(settled?.args.outcome).toBe(sdk.HeldOutcome.Released);
  });
});
