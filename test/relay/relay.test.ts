// The relayer over real HTTP on the in-process chain: it carries a supplier's signed actions and pays their gas,
// refuses by name what the escrow would refuse (without sending anything), and keeps to its bounds (size, rate,
// gas per signer, its escrow, the relayer named).
import { getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { startRelayer, type Relayer } from "../../scripts/relay/server.ts";
import { deployedChain, directHire } from "../helpers/chain.ts";

const WORK = sdk.specHash("- a\n- b\n- c\n");

describe("the relayer", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  let relayer: Relayer;
  let second: Relayer;

  beforeAll(async () => {
    chain = await deployedChain();
    relayer = await startRelayer({ reader: chain.reader, writer: chain.stranger, escrow: chain.escrow, limits: { perSignerPerMinute: 8 } });
    second = await startRelayer({ reader: chain.reader, writer: chain.arbitrator, escrow: chain.escrow, limits: { gasPerSignerPerHour: 1n } });
  });
  afterAll(async () => {
    await relayer?.close();
    await second?.close();
  });

  const hire = async () => sdk.waitForJobId(chain.reader, await sdk.postDirectHire(chain.buyer, directHire(chain)));
  const signDeliver = async (jobId: bigint, extra: { relayer?: `0x${string}`; nonce?: bigint } = {}) =>
    sdk.signAction(chain.supplier, chain.reader, {
      escrow: chain.escrow,
      action: { kind: "deliver", jobId, deliverableHash: WORK, uri: `ipfs://out/${jobId}` },
      ...extra,
    });
  const txCount = (address: `0x${string}`) => chain.reader.getTransactionCount({ address });

  it("says who it is and what it takes", async () => {
    const info = (await (await fetch(relayer.url)).json()) as { relayer: string; escrow: string; chainId: number };
    expect(info).toMatchObject({ relayer: chain.stranger.account.address, escrow: chain.escrow, chainId: 31337 });
  });

  it("carries a signed delivery and pays its gas; the supplier sends nothing", async () => {
    const jobId = await hire();
    const supplier = chain.supplier.account.address;
    const [balance, count] = [await chain.reader.getBalance({ address: supplier }), await txCount(supplier)];
    const receipt = await sdk.sendToRelayer(relayer.url, await signDeliver(jobId));
    expect(receipt.gasUsed).toBeGreaterThan(0n);
    expect((await sdk.readJob(chain.reader, { escrow: chain.escrow, jobId })).status).toBe(sdk.JobStatus.Delivered);
    expect([await chain.reader.getBalance({ address: supplier }), await txCount(supplier)]).toEqual([balance, count]);
    expect(relayer.gasBySigner().get(getAddress(supplier))).toBe(receipt.gasUsed);
  });

  it("to two relayers at once: one carries it, the other is refused by name (the spent nonce, or the job moved on)", async () => {
    const jobId = await hire();
    const action = await signDeliver(jobId);
    const third = await startRelayer({ reader: chain.reader, writer: chain.treasury, escrow: chain.escrow });
    try {
      const { carried, answers } = await sdk.sendToRelayers([relayer.url, third.url], action);
      expect([relayer.url, third.url]).toContain(carried.relayer);
      const refused = answers.find((a) => a.status === "rejected") as PromiseRejectedResult;
      expect((refused.reason as sdk.RelayError).message).toMatch(/is spent|is Delivered/);
      expect((refused.reason as sdk.RelayError).status).toBe(422);
      // The loser may have sent its transaction before the winner's was mined (it then reverted, at its own cost):
      // a relayer racing others for the same action risks that gas, never the supplier's.
      const delivered = await chain.reader.getContractEvents({ address: chain.escrow, abi: sdk.tenderEscrowAbi, eventName: "JobDelivered", args: { jobId }, fromBlock: 0n });
      expect(delivered).toHaveLength(1);
    } finally {
      await third.close();
    }
  });

  it("refuses by name, sending nothing: a replay, an action naming another relayer, another escrow, a bad body", async () => {
    const jobId = await hire();
    const action = await signDeliver(jobId);
    await sdk.sendToRelayer(relayer.url, action);
    const sent = await txCount(chain.stranger.account.address);

    await expect(sdk.sendToRelayer(relayer.url, action)).rejects.toThrow(/Nonce \d+ of 0x[0-9a-fA-F]{40} is spent/);
    const named = await signDeliver(await hire(), { relayer: chain.arbitrator.account.address });
    await expect(sdk.sendToRelayer(relayer.url, named)).rejects.toThrow(/names the relayer 0x[0-9a-fA-F]{40}; this one is/);
    await expect(sdk.sendToRelayer(relayer.url, { ...action, escrow: chain.token })).rejects.toThrow(/for the escrow .* only/);

    const bad = await fetch(`${relayer.url}/actions`, { method: "POST", body: JSON.stringify({ escrow: "0x12", action: { kind: "pay" } }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^escrow: /);
    const huge = await fetch(`${relayer.url}/actions`, { method: "POST", body: "x".repeat(sdk.MAX_RELAY_BODY_BYTES + 1) });
    expect(huge.status).toBe(413);
    expect(await txCount(chain.stranger.account.address)).toBe(sent);
  });

  it("carries a signed bid whose bond comes through the signer's permit, and the bidder wins and is paid without a transaction", async () => {
    const { reader, escrow, token, buyer, supplier, deployer, networkHelpers } = chain;
    const who = supplier.account.address;
    await sdk.waitForSuccess(reader, await sdk.mintMock(deployer, { token, to: buyer.account.address, amount: 10n ** 12n }));
    await sdk.waitForSuccess(reader, await sdk.mintMock(deployer, { token, to: who, amount: 10n ** 9n }));
    const now = Number((await reader.getBlock()).timestamp);
    const jobId = await sdk.waitForJobId(
      reader,
      await sdk.tender({ reader, writer: buyer }, chain.deployment).postRFQ({
        token,
        maxPrice: 500_000_000n,
        bidDeadline: now + sdk.DAY,
        awardWindow: 0,
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        mode: sdk.AwardMode.LowestPrice,
        arbitrator: chain.arbitrator.account.address,
        defaultBuyerShareBps: 0,
        category: "text",
        floors: { ...sdk.NO_FLOORS, bondBps: 500 },
        spec: directHire(chain).spec,
      }),
    );
    const before = await txCount(who);
    const bid = await sdk.signAction(supplier, reader, { escrow, action: { kind: "bid", jobId, price: 400_000_000n } });
    expect(bid.action.kind === "bid" && bid.action.bondPermit?.value).toBe(25_000_000n); // 5% of the maximum
    await sdk.sendToRelayers([relayer.url], bid);
    expect((await sdk.readBids(reader, { escrow, jobId })).map((b) => b.supplier)).toEqual([getAddress(who)]);

    await networkHelpers.time.increase(sdk.DAY);
    await sdk.waitForSuccess(reader, await sdk.award(chain.stranger, { escrow, jobId }));
    await sdk.sendToRelayer(relayer.url, await signDeliver(jobId));
    const balance = await sdk.balanceOf(reader, { token, account: who });
    await sdk.waitForSuccess(reader, await sdk.confirm(buyer, { escrow, jobId, rating: 5 }));
    expect(await sdk.balanceOf(reader, { token, account: who })).toBe(balance + 400_000_000n - 4_000_000n + 25_000_000n);
    expect(await txCount(who)).toBe(before); // bid, delivery and payment without one transaction of its own
  });

  it("keeps to its gas budget per signer and its rate per signer", async () => {
    const jobId = await hire();
    await expect(sdk.sendToRelayer(second.url, await signDeliver(jobId))).rejects.toMatchObject({ status: 429, message: expect.stringMatching(/gas of this relayer's 1 an hour/) });

    // The first relayer takes 8 a minute per signer; it has taken some already in this file.
    const results: number[] = [];
    for (let i = 0; i < 9; i++) {
      const r = await fetch(`${relayer.url}/actions`, { method: "POST", body: sdk.signedActionToJson(await signDeliver(jobId, { nonce: 1_000n + BigInt(i) })) });
      results.push(r.status);
    }
    expect(results).toContain(429);
  });
});
