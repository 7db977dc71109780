// Disputes driven through the SDK: a buyer disputes, the supplier answers, both add evidence, the arbitrator rules;
// and a dispute the supplier never answers, settled by anyone.
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

  async function deliveredJob() {
    const { reader, escrow, token, buyer, supplier, arbitrator } = chain;
    const jobId = await sdk.waitForJobId(
      reader,
      await sdk.postDirectHire(buyer, {
        escrow, supplier: supplier.account.address, token, price: PRICE, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: arbitrator.account.address, defaultBuyerShareBps: 5_000, category: "text", spec: SPEC,
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
});
