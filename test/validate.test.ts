// Bad inputs are refused by the SDK before anything is sent: the account's nonce does not move.
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "../scripts/sdk/index.ts";
import { SPEC, deployedChain } from "./helpers/chain.ts";

describe("input checks before sending", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  beforeAll(async () => {
    chain = await deployedChain();
  });

  const hire = (overrides: Partial<sdk.DirectHireParams>): sdk.DirectHireParams => ({
    escrow: chain.escrow,
    supplier: chain.supplier.account.address,
    token: sdk.ETH,
    price: 10n ** 15n,
    deliveryWindow: sdk.DAY,
    reviewWindow: sdk.DAY,
    arbitrator: chain.arbitrator.account.address,
    defaultBuyerShareBps: 0,
    category: "text",
    spec: SPEC,
    ...overrides,
  });

  it.each([
    ["supplier", { supplier: "0x1234" }, /supplier: 0x1234 is not an address/],
    ["price", { price: 0n }, /price: must be above zero/],
    ["price", { price: 2n ** 96n }, /price: .* above the largest amount/],
    ["deliveryWindow", { deliveryWindow: 60 }, /deliveryWindow: 60 s is outside 3600–31536000 s/],
    ["defaultBuyerShareBps", { defaultBuyerShareBps: 5_001 }, /defaultBuyerShareBps: 5001 is not a whole number of bps from 0 to 5000/],
    ["spec", { spec: "not json" }, /spec: is not JSON/],
    ["spec.category", { category: "code" }, /spec.category: is "text", not the job's category "code"/],
    ["spec", { spec: "x".repeat(8_193) }, /spec: is 8193 bytes; at most 8192/],
  ] as const)("refuses a bad %s and sends nothing", async (_field, overrides, message) => {
    const address = chain.buyer.account.address;
    const nonce = await chain.reader.getTransactionCount({ address });
    await expect(sdk.postDirectHire(chain.buyer, hire(overrides as Partial<sdk.DirectHireParams>))).rejects.toThrow(message);
    expect(await chain.reader.getTransactionCount({ address })).toBe(nonce);
  });

  it("refuses hiring oneself, a bad rating and an RFQ whose bid deadline is too near", async () => {
    const { buyer, reader, escrow } = chain;
    const nonce = await reader.getTransactionCount({ address: buyer.account.address });
    await expect(sdk.postDirectHire(buyer, hire({ supplier: buyer.account.address }))).rejects.toThrow(/supplier: must not be the buyer/);
    await expect(sdk.confirm(buyer, { escrow, jobId: 1n, rating: 6 })).rejects.toBeInstanceOf(sdk.TenderInputError);
    const now = Number((await reader.getBlock()).timestamp);
    await expect(
      sdk.postRFQ(buyer, {
        escrow, token: sdk.ETH, maxPrice: 10n ** 15n, bidDeadline: now + 60, awardWindow: 0, deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: chain.arbitrator.account.address,
        defaultBuyerShareBps: 0, category: "text", floors: sdk.NO_FLOORS, spec: SPEC,
      }),
    ).rejects.toThrow(/bidDeadline \(from now\): 60 s is outside/);
    expect(await reader.getTransactionCount({ address: buyer.account.address })).toBe(nonce);
  });
});
