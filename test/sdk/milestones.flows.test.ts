// A direct hire paid in 3 milestones, driven through the bound client against the real chain: each milestone's
// exact payment (⌊price × share / 10,000⌋, the last the rest, less the 1% protocol fee), the records written once,
// the rating only on the last milestone, and schedules and ratings the SDK refuses before anything is sent.
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { deployedChain, directHire } from "../helpers/chain.ts";

// An odd price and shares that do not divide it: the rounding is the contract's.
const PRICE = 1_000_000_001n;
const MILESTONES: sdk.Milestone[] = [
  { shareBps: 3_333, deliveryWindow: sdk.DAY },
  { shareBps: 3_333, deliveryWindow: 2 * sdk.DAY },
  { shareBps: 3_334, deliveryWindow: 3 * sdk.DAY },
];
const GROSS = [333_300_000n, 333_300_000n, 333_400_001n];
const fee = (gross: bigint) => (gross * 100n) / 10_000n;

describe("a direct hire in milestones through the SDK", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  let buyer: sdk.TenderClient;
  let supplier: sdk.TenderClient;

  beforeAll(async () => {
    chain = await deployedChain();
    await sdk.waitForSuccess(chain.reader, await sdk.mintMock(chain.deployer, { token: chain.token, to: chain.buyer.account.address, amount: 10n ** 12n }));
    buyer = sdk.tender({ reader: chain.reader, writer: chain.buyer }, chain.deployment);
    supplier = sdk.tender({ reader: chain.reader, writer: chain.supplier }, chain.deployment);
  });

  const nonce = () => chain.reader.getTransactionCount({ address: chain.buyer.account.address });
  const refused = async (send: () => Promise<unknown>, field: string, message: RegExp) => {
    const before = await nonce();
    const error = await send().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(sdk.TenderInputError);
    expect((error as sdk.TenderInputError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
    expect(await nonce()).toBe(before); // nothing sent, not even an approval
  };

  it("refuses a bad schedule before anything is sent", async () => {
    const hire = { ...directHire(chain), token: chain.token, price: PRICE };
    await refused(() => buyer.postDirectHireInMilestones({ ...hire, milestones: [MILESTONES[0]!, { ...MILESTONES[1]!, shareBps: 5_000 }] }), "milestones", /sum to 100%.*not 83\.33%/);
    await refused(() => buyer.postDirectHireInMilestones({ ...hire, milestones: [MILESTONES[0]!] }), "milestones", /2 to 8 milestones, not 1/);
    await refused(() => buyer.postDirectHireInMilestones({ ...hire, deliveryWindow: 2 * sdk.DAY, milestones: MILESTONES }), "deliveryWindow", /first milestone's/);
    await refused(() => buyer.postDirectHireInMilestones({ ...hire, milestones: [{ shareBps: 0, deliveryWindow: sdk.DAY }, { shareBps: 10_000, deliveryWindow: sdk.DAY }] }), "milestones[0].shareBps", /share of the price/);
  });

  it("pays each milestone its share, rates only the last, and writes the records once", async () => {
    const { reader, token } = chain;
    const supplierAddress = chain.supplier.account.address;
    const balance = () => sdk.balanceOf(reader, { token, account: supplierAddress });
    const record = () => buyer.read.supplierRecord({ supplier: supplierAddress });

    const posted = await buyer.wait(await buyer.postDirectHireInMilestones({ ...directHire(chain), token, price: PRICE, milestones: MILESTONES }));
    const jobId = sdk.postedJobId(posted, chain.escrow)!;
    expect((await buyer.read.job({ jobId })).inMilestones).toBe(true);
    expect(await buyer.read.schedule({ jobId })).toEqual(MILESTONES);
    expect(await buyer.read.milestones({ jobId })).toEqual({ count: 3, current: 0, settledBps: 0, settled: 0n, milestones: MILESTONES });
    expect(await buyer.read.milestones({ jobId: 0n })).toBeUndefined();
    expect((await record()).won).toBe(0); // a direct hire is won at its first delivery

    for (let i = 0; i < 3; i++) {
      const last = i === 2;
      const delivered = await supplier.wait(await supplier.deliver({ jobId, deliverableHash: sdk.specHash(`part ${i}`), uri: `ipfs://part-${i}` }));
      expect((await record()).won).toBe(1);
      const state = await buyer.read.jobState({ jobId, account: chain.buyer.account.address });
      expect(sdk.describeMilestones(state.milestones!, state.job.status)).toBe(`milestone ${i + 1} of 3 delivered`);
      const { actions } = await buyer.read.actions({ jobId, account: chain.buyer.account.address });
      const confirm = actions.find((a) => a.action === "confirm")!;
      expect(confirm.allowed && confirm.note).toMatch(last ? /last milestone.*rate the work 1 to 5/ : new RegExp(`milestone ${i + 1} of 3 with rating 0`));
      expect(await buyer.read.disputeFee({ jobId })).toBe((GROSS[i]! * 200n) / 10_000n); // 2% of the milestone in progress

      if (last) {
        await refused(() => buyer.confirm({ jobId, rating: 0 }), "rating", /from 1 to 5/);
      } else {
        await refused(() => buyer.confirm({ jobId, rating: 5 }), "rating", new RegExp(`Milestone ${i + 1} of 3 is not the last`));
        // The plain function knows it too when told the milestone, and reads it itself for a rating of 0.
        await refused(() => sdk.confirm(chain.buyer, { escrow: chain.escrow, jobId, rating: 4, milestone: { count: 3, current: i } }), "rating", /not the last/);
      }
      const before = await balance();
      const receipt = await buyer.wait(
        i === 1 ? await sdk.confirm(chain.buyer, { escrow: chain.escrow, jobId, rating: 0 }) : await buyer.confirm({ jobId, rating: last ? 4 : 0 }),
      );
      expect(await balance()).toBe(before + GROSS[i]! - fee(GROSS[i]!));

      const settledAt = Number((await reader.getBlock({ blockNumber: receipt.blockNumber })).timestamp);
      const job = await buyer.read.job({ jobId });
      const plan = (await buyer.read.milestones({ jobId }))!;
      if (last) {
        expect(job.status).toBe(sdk.JobStatus.Settled);
        expect(sdk.describeMilestones(plan, job.status)).toBe("all 3 milestones settled");
      } else {
        // Awarded again for the next milestone, due its own window after this one settled.
        expect(job.status).toBe(sdk.JobStatus.Awarded);
        expect(job.deadline).toBe(settledAt + MILESTONES[i + 1]!.deliveryWindow);
        expect(plan).toMatchObject({ current: i + 1, settledBps: 3_333 * (i + 1), settled: GROSS.slice(0, i + 1).reduce((a, b) => a + b) });
        expect(sdk.milestoneStages(plan, job.status)).toEqual([...Array(i + 1).fill("settled"), "awarded", ...Array(1 - i).fill("to come")]);
        expect(await record()).toMatchObject({ won: 1, completed: 0, ratingCount: 0 });
      }
      expect(delivered.status).toBe("success");
    }

    expect(await record()).toMatchObject({ won: 1, completed: 1, ratingSum: 4, ratingCount: 1, declined: 0, refunded: 0 });
    expect(await buyer.read.buyerRecord({ buyer: chain.buyer.account.address })).toMatchObject({ posted: 1, paid: 1 });
    const settled = (await buyer.read.milestoneRecord({ jobId })).filter((e) => e.eventName === "MilestoneSettled");
    expect(settled.map((e) => [e.args.milestone, e.args.gross, e.args.toSupplier, e.args.protocolFee])).toEqual(
      GROSS.map((g, i) => [BigInt(i), g, g - fee(g), fee(g)]),
    );
    expect(settled[2]!.args.nextDeliverBy).toBe(0);
    const timeline = (await buyer.read.timeline({ jobId })).map((e) => e.eventName);
    expect(timeline.filter((name) => name === "JobSettled")).toHaveLength(1);
    expect(timeline.indexOf("MilestonesScheduled")).toBe(timeline.indexOf("DirectHirePosted") + 1);
  });

  // Last in this file: it replaces the module's code on this chain.
  it("verifies the escrow's milestones module by building it again, and tells other code apart", async () => {
    const module = (await sdk.verifyModules(chain.reader, { escrow: chain.escrow })).milestones;
    expect(module).toBe(await chain.reader.readContract({ address: chain.escrow, abi: sdk.tenderEscrowAbi, functionName: "milestonesModule" }));
    const registryCode = await chain.reader.getCode({ address: chain.deployment.registry });
    await chain.networkHelpers.setCode(module, registryCode!);
    await expect(sdk.verifyModules(chain.reader, { escrow: chain.escrow })).rejects.toThrow(/not Tender's milestones module/);
  });
});
