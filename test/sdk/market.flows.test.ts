// RFQs driven from TypeScript through the SDK: floors read back from the posting event, bids, an award, delivery,
// payment with the bond, and the loser's bond reclaimed.
import { parseUnits } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { SPEC, deployedChain } from "../helpers/chain.ts";

const USD = (amount: string) => parseUnits(amount, 6);

describe("an RFQ through the SDK", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  let bidders: sdk.Writer[];

  beforeAll(async () => {
    chain = await deployedChain();
    const { reader, deployer, token, escrow, deployment } = chain;
    bidders = [chain.supplier, chain.stranger];
    const ok = async (hash: Promise<`0x${string}`>) => sdk.waitForSuccess(reader, await hash);
    for (const who of [chain.buyer, ...bidders]) {
      await ok(sdk.mintMock(deployer, { token, to: who.account.address, amount: USD("100000") }));
      await ok(sdk.approve(who, { token, spender: escrow, amount: 2n ** 255n }));
    }
    const now = Number((await reader.getBlock()).timestamp);
    for (const [i, who] of bidders.entries()) {
      await ok(sdk.registerSupplier(who, { registry: deployment.registry, profileURI: `ipfs://agent-card-${i}` }));
      await ok(sdk.attest(deployer, { registry: deployment.registry, supplier: who.account.address, metric: sdk.METRICS.sweBench, value: 70n, validUntil: now + 30 * sdk.DAY }));
      await ok(sdk.attest(deployer, { registry: deployment.registry, supplier: who.account.address, metric: sdk.METRICS.latencyP95Ms, value: 900n, validUntil: now + 30 * sdk.DAY }));
    }
  });

  /** Posts an RFQ with a day of bidding, one-day windows, and the given overrides; returns its job id. */
  async function postRFQ(overrides: Partial<sdk.RFQParams>): Promise<bigint> {
    const { reader, escrow, buyer, arbitrator } = chain;
    const now = Number((await reader.getBlock()).timestamp);
    return sdk.waitForJobId(
      reader,
      await sdk.postRFQ(buyer, {
        escrow,
        token: sdk.ETH,
        maxPrice: parseUnits("0.1", 18),
        bidDeadline: now + sdk.DAY,
        awardWindow: 0,
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        mode: sdk.AwardMode.LowestPrice,
        arbitrator: arbitrator.account.address,
        defaultBuyerShareBps: 0,
        category: "text",
        floors: sdk.NO_FLOORS,
        spec: SPEC,
        ...overrides,
      }),
    );
  }

  it("goes from RFQ to paid work, the lowest bid winning and the loser taking its bond back", async () => {
    const { reader, escrow, token, buyer, deployer, networkHelpers } = chain;
    const ok = async (hash: Promise<`0x${string}`>) => sdk.waitForSuccess(reader, await hash);
    const floors: sdk.Floors = {
      ...sdk.NO_FLOORS,
      bondBps: 500,
      metrics: [
        { attestor: deployer.account.address, comparison: sdk.Comparison.AtLeast, metric: sdk.metricId(sdk.METRICS.sweBench), threshold: 60n },
        { attestor: deployer.account.address, comparison: sdk.Comparison.AtMost, metric: sdk.metricId(sdk.METRICS.latencyP95Ms), threshold: 1_000n },
      ],
    };
    const jobId = await postRFQ({ token, maxPrice: USD("500"), floors });

    // A bidder needs nothing but the job id: the floors come back from the posting event.
    const posted = await sdk.readRFQ(reader, { escrow, jobId });
    expect(posted.spec).toBe(SPEC);
    const bond = sdk.bondFor(posted.maxPrice, posted.floors);
    expect(bond).toBe(USD("25"));
    const [a, b] = bidders as [sdk.Writer, sdk.Writer];
    await ok(sdk.bid(a, { escrow, jobId, price: USD("450"), floors: posted.floors, token, bond }));
    await ok(sdk.bid(b, { escrow, jobId, price: USD("400"), floors: posted.floors, token, bond }));
    await ok(sdk.improveBid(a, { escrow, jobId, price: USD("380") }));
    const [leader, leadingPrice] = await sdk.readBestBid(reader, { escrow, jobId });
    expect(leader.toLowerCase()).toBe(a.account.address.toLowerCase());
    expect(leadingPrice).toBe(USD("380"));

    await networkHelpers.time.increase(sdk.DAY);
    await ok(sdk.award(deployer, { escrow, jobId }));
    const job = await sdk.readJob(reader, { escrow, jobId });
    expect(job.status).toBe(sdk.JobStatus.Awarded);
    expect(job.price).toBe(USD("380"));

    const before = await sdk.balanceOf(reader, { token, account: a.account.address });
    await ok(sdk.deliver(a, { escrow, jobId, deliverableHash: sdk.specHash("patch"), uri: "ipfs://patch" }));
    await ok(sdk.confirm(buyer, { escrow, jobId, rating: 5 }));
    const fee = (USD("380") * 100n) / 10_000n;
    expect(await sdk.balanceOf(reader, { token, account: a.account.address })).toBe(before + USD("380") - fee + bond);

    const loserBefore = await sdk.balanceOf(reader, { token, account: b.account.address });
    await ok(sdk.reclaimBond(b, { escrow, jobId }));
    expect(await sdk.balanceOf(reader, { token, account: b.account.address })).toBe(loserBefore + bond);
  });

  it("lets the buyer pick in buyer's-choice mode, and cancel a lapsed RFQ", async () => {
    const { reader, escrow, buyer, networkHelpers } = chain;
    const ok = async (hash: Promise<`0x${string}`>) => sdk.waitForSuccess(reader, await hash);
    const post = () => postRFQ({ mode: sdk.AwardMode.BuyerChoice, awardWindow: sdk.DAY });
    const picked = await post();
    const lapsed = await post();
    const [a, b] = bidders as [sdk.Writer, sdk.Writer];
    await ok(sdk.bid(a, { escrow, jobId: picked, price: parseUnits("0.05", 18), floors: sdk.NO_FLOORS, token: sdk.ETH, bond: 0n }));
    await ok(sdk.bid(b, { escrow, jobId: picked, price: parseUnits("0.09", 18), floors: sdk.NO_FLOORS, token: sdk.ETH, bond: 0n }));
    await networkHelpers.time.increase(sdk.DAY);
    await ok(sdk.pick(buyer, { escrow, jobId: picked, supplier: b.account.address }));
    expect((await sdk.readJob(reader, { escrow, jobId: picked })).supplier.toLowerCase()).toBe(b.account.address.toLowerCase());

    await expect(sdk.cancel(chain.stranger, { escrow, jobId: lapsed })).rejects.toThrow(/CannotCancelYet/);
    await ok(sdk.cancel(buyer, { escrow, jobId: lapsed }));
    expect((await sdk.readJob(reader, { escrow, jobId: lapsed })).status).toBe(sdk.JobStatus.Cancelled);
  });

  it("refuses a bid that misses a floor, naming it, and sends nothing", async () => {
    const { reader, escrow, deployer } = chain;
    const floors: sdk.Floors = { ...sdk.NO_FLOORS, minCompleted: 5 };
    const jobId = await postRFQ({ floors });
    const refused = await sdk.bid(deployer, { escrow, jobId, price: 1n, floors, token: sdk.ETH, bond: 0n }).catch((e: unknown) => e);
    expect(sdk.describeError(refused)).toBe(
      `RecordFloorNotMet: Job ${jobId} requires minCompleted of 5; your record has 0.`,
    );
    const tooHigh = await sdk
      .bid(deployer, { escrow, jobId, price: parseUnits("0.2", 18), floors, token: sdk.ETH, bond: 0n })
      .catch((e: unknown) => e);
    expect(sdk.describeError(tooHigh, { symbol: "ETH", decimals: 18 })).toBe(
      `BidAboveMaximum: Your 0.2 ETH is above job ${jobId}'s maximum of 0.1 ETH.`,
    );
    expect(await sdk.readBestBid(reader, { escrow, jobId })).toEqual(["0x0000000000000000000000000000000000000000", 0n]);
  });
});
