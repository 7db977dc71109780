// Sealed bids through the SDK: a commitment computed as the escrow checks it, commits through the bound client (the
// bond approved by the allowance policy) and on a signature (a gasless bidder, its bond by permit), reveals by anyone
// holding the opening, the award to the lowest revealed price, the unrevealed bond forfeited to the buyer, the state
// machine's answers at each step, and openings kept on disk across a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeAbiParameters, getAddress, keccak256, parseAbiParameters, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { openingStore } from "@tender/sdk/sealed-store";
import { SPEC, deployedChain } from "../helpers/chain.ts";

const USD = (amount: string) => parseUnits(amount, 6);
const BOND_BPS = 1_000;

describe("sealed bids through the SDK", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  const dir = mkdtempSync(join(tmpdir(), "tender-openings-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    chain = await deployedChain();
    const { reader, deployer, token } = chain;
    for (const who of [chain.buyer, chain.supplier, chain.stranger, chain.treasury]) {
      await sdk.waitForSuccess(reader, await sdk.mintMock(deployer, { token, to: who.account.address, amount: USD("10000") }));
    }
  });

  const floors: sdk.Floors = { ...sdk.NO_FLOORS, bondBps: BOND_BPS };
  async function postSealed(): Promise<bigint> {
    const { reader, buyer, token, arbitrator, deployment } = chain;
    const now = Number((await reader.getBlock()).timestamp);
    const t = sdk.tender({ reader, writer: buyer }, deployment);
    return t.waitForJobId(
      await t.postRFQ({
        token,
        maxPrice: USD("500"),
        bidDeadline: now + sdk.DAY,
        awardWindow: sdk.DAY,
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        mode: sdk.AwardMode.SealedLowestPrice,
        arbitrator: arbitrator.account.address,
        defaultBuyerShareBps: 0,
        category: "text",
        floors,
        spec: SPEC,
      }),
    );
  }

  it("agrees with the escrow on the minimum bond, and refuses a sealed RFQ without one before sending", async () => {
    const { reader, escrow, buyer, deployment, token, arbitrator } = chain;
    expect(await reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "MIN_SEALED_BOND_BPS" })).toBe(BigInt(sdk.MIN_SEALED_BOND_BPS));
    const now = Number((await reader.getBlock()).timestamp);
    const txs = await reader.getTransactionCount({ address: buyer.account.address });
    const refused = await sdk
      .tender({ reader, writer: buyer }, deployment)
      .postRFQ({ token, maxPrice: USD("500"), bidDeadline: now + sdk.DAY, awardWindow: sdk.DAY, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode: sdk.AwardMode.SealedLowestPrice, arbitrator: arbitrator.account.address, defaultBuyerShareBps: 0, category: "text", floors: { ...floors, bondBps: 100 }, spec: SPEC })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(sdk.TenderInputError);
    expect((refused as Error).message).toMatch(/Sealed bids need a bond of at least 5%/);
    expect(await reader.getTransactionCount({ address: buyer.account.address })).toBe(txs);
  });

  it("commits, reveals and awards the lowest revealed price; an unrevealed bond goes to the buyer", async () => {
    const { reader, escrow, token, deployment, networkHelpers, buyer } = chain;
    const jobId = await postSealed();
    const bond = sdk.bondFor(USD("500"), floors);
    const store = openingStore(dir);
    const chainId = reader.chain.id;
    const bidders = [chain.supplier, chain.stranger] as const;
    const prices = [USD("420"), USD("380")] as const;
    const openings = [];
    for (const [i, who] of bidders.entries()) {
      const t = sdk.tender({ reader, writer: who }, deployment);
      const { opening, commitment } = sdk.sealBid({ chainId, escrow, jobId, supplier: who.account.address, price: prices[i]! });
      // The escrow's own hash, not the SDK's twice: a reveal below only passes if the two agree.
      expect(commitment).toBe(keccak256(encodeAbiParameters(parseAbiParameters("uint256, address, uint256, address, uint96, bytes32"), [BigInt(chainId), escrow, jobId, who.account.address, prices[i]!, opening.salt])));
      store.save(opening);
      openings.push(opening);
      await t.wait(await t.commit({ jobId, commitment, floors, token, bond }));
      expect(await t.read.commitment({ jobId, supplier: who.account.address })).toBe(commitment);
    }
    expect(await sdk.readCommitCount(reader, { escrow, jobId })).toBe(2n);

    // The state machine: the price is hidden (no bid to improve), reveals wait for the bid deadline.
    const bidder = sdk.tender({ reader, writer: chain.supplier }, deployment);
    let { actions } = await bidder.read.actions({ jobId, account: chain.supplier.account.address });
    const of = (name: sdk.JobAction) => actions.find((a) => a.action === name)!;
    expect(of("commit")).toMatchObject({ allowed: false, reason: expect.stringMatching(/already committed/) });
    expect(of("bid")).toMatchObject({ allowed: false, reason: expect.stringMatching(/sealed bids/) });
    expect(of("reveal")).toMatchObject({ allowed: false, allowedFrom: expect.any(Number) });
    expect(of("cancel")).toMatchObject({ allowed: false });

    await networkHelpers.time.increase(sdk.DAY);
    ({ actions } = await bidder.read.actions({ jobId, account: chain.supplier.account.address }));
    expect(of("reveal").allowed).toBe(true);
    expect(of("award")).toMatchObject({ allowed: false, reason: expect.stringMatching(/once the reveal window closes/) });

    // A wrong salt is refused by name, nothing sent; then anyone reveals with the opening kept on disk.
    const kept = store.get({ chainId, escrow, jobId, supplier: chain.supplier.account.address })!;
    expect(kept).toEqual(openings[0]);
    const wrong = await bidder.reveal({ jobId, supplier: kept.supplier, price: kept.price, salt: sdk.newSalt() }).catch((e: unknown) => e);
    expect(sdk.revertOf(wrong)?.name).toBe("CommitmentMismatch");
    expect(sdk.describeError(wrong)).toMatch(/do not open .* sealed bid on job/);
    const anyone = sdk.tender({ reader, writer: chain.deployer }, deployment);
    await anyone.wait(await anyone.reveal({ jobId, supplier: kept.supplier, price: kept.price, salt: kept.salt }));
    store.remove(kept);
    expect(store.get(kept)).toBeUndefined();
    // The stranger never reveals its (lower) price.

    await networkHelpers.time.increase(sdk.DAY);
    await anyone.wait(await anyone.award({ jobId }));
    const job = await anyone.read.job({ jobId });
    expect(getAddress(job.supplier)).toBe(getAddress(chain.supplier.account.address));
    expect(job.price).toBe(USD("420"));

    const stranger = sdk.tender({ reader, writer: chain.stranger }, deployment);
    ({ actions } = await stranger.read.actions({ jobId, account: chain.stranger.account.address }));
    expect(of("reclaimBond")).toMatchObject({ allowed: false, reason: expect.stringMatching(/never revealed/) });
    const reclaim = await stranger.reclaimBond({ jobId }).catch((e: unknown) => e);
    expect(sdk.revertOf(reclaim)?.name).toBe("BondForfeit");
    const buyerBefore = await sdk.balanceOf(reader, { token, account: buyer.account.address });
    await anyone.wait(await anyone.forfeitBond({ jobId, supplier: chain.stranger.account.address }));
    expect(await sdk.balanceOf(reader, { token, account: buyer.account.address })).toBe(buyerBefore + bond);
  });

  it("commits on a bidder's signature (its bond by permit, no transaction of its own) and carries its reveal through the relay codec", async () => {
    const { reader, escrow, token, networkHelpers, deployer: relayer } = chain;
    const bidder = chain.treasury; // it never approved the escrow: the bond comes by permit
    const me = bidder.account.address;
    const jobId = await postSealed();
    const { opening, commitment } = sdk.sealBid({ chainId: reader.chain.id, escrow, jobId, supplier: me, price: USD("300") });
    const txs = await reader.getTransactionCount({ address: me });
    const signed = await sdk.signAction(bidder, reader, { escrow, action: { kind: "commit", jobId, commitment } });
    expect(signed.action).toMatchObject({ kind: "commit", token: getAddress(token), bond: USD("50"), bondPermit: expect.any(Object) });

    // Over the wire and back, as a relayer receives it (the floors left for the relayer to read from the posting).
    const wire = sdk.signedActionFromJson(sdk.signedActionToJson(signed));
    expect(wire.action).not.toHaveProperty("floors");
    await sdk.waitForSuccess(reader, await sdk.submitSigned(relayer, reader, wire));
    expect((await sdk.readBid(reader, { escrow, jobId, supplier: me })).unrevealed).toBe(true);
    expect(await reader.getTransactionCount({ address: me })).toBe(txs);

    await networkHelpers.time.increase(sdk.DAY);
    const reveal: sdk.RevealAction = { escrow: getAddress(escrow), action: { kind: "reveal", jobId, supplier: getAddress(me), price: opening.price, salt: opening.salt } };
    const back = sdk.signedActionFromJson(sdk.signedActionToJson(reveal));
    expect(back).toEqual(reveal);
    expect(sdk.actorOf(back)).toBe(getAddress(me));
    await sdk.waitForSuccess(reader, await sdk.submitSigned(relayer, reader, back));
    const [leader, price] = await sdk.readBestBid(reader, { escrow, jobId });
    expect(getAddress(leader)).toBe(getAddress(me));
    expect(price).toBe(USD("300"));
    expect(await reader.getTransactionCount({ address: me })).toBe(txs);
    expect(() => sdk.signedActionFromJson(JSON.stringify({ escrow, action: { kind: "reveal", jobId: "1", supplier: me, price: "1", salt: "0x12" } }))).toThrow(/action.salt/);
  });
});
