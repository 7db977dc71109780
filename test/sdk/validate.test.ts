// Bad inputs are refused by the SDK before anything is sent: the account's nonce does not move.
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { SPEC, deployedChain } from "../helpers/chain.ts";

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

describe("checks on every other action", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  beforeAll(async () => {
    chain = await deployedChain();
  });

  it("refuses bad deliveries, statements, rulings, terms, bids and attestations before sending", async () => {
    const { buyer, supplier, arbitrator, reader, escrow, deployment } = chain;
    const accounts = [buyer, supplier, arbitrator].map((w) => w.account.address);
    const nonces = await Promise.all(accounts.map((address) => reader.getTransactionCount({ address })));
    const hash = sdk.specHash("work");
    const cases: [Promise<unknown>, RegExp][] = [
      [sdk.deliver(supplier, { escrow, jobId: 1n, deliverableHash: `0x${"0".repeat(64)}`, uri: "ipfs://x" }), /deliverableHash: must not be zero/],
      [sdk.deliver(supplier, { escrow, jobId: 1n, deliverableHash: hash, uri: "" }), /uri: "" is not a URI/],
      [sdk.deliver(supplier, { escrow, jobId: 0n, deliverableHash: hash, uri: "ipfs://x" }), /jobId: 0 is not a job id/],
      [sdk.dispute(buyer, { escrow, jobId: 1n, statementURI: "my statement", token: sdk.ETH, fee: 0n }), /statementURI: "my statement" is not a URI/],
      [sdk.respond(supplier, { escrow, jobId: 1n, responseURI: " ", token: sdk.ETH, fee: 0n }), /responseURI/],
      [sdk.submitEvidence(supplier, { escrow, jobId: 1n, evidenceURI: "" }), /evidenceURI/],
      [sdk.rule(arbitrator, { escrow, jobId: 1n, buyerShareBps: 10_001, reasonHash: hash }), /buyerShareBps: 10001 is not a whole number of bps from 0 to 10000/],
      [sdk.registerArbitrator(arbitrator, { escrow, feeBps: 1_001, ruleWindow: sdk.DAY, termsURI: "ipfs://t" }), /feeBps: 1001 .* from 0 to 1000/],
      [sdk.updateArbitratorTerms(arbitrator, { escrow, feeBps: 100, ruleWindow: 10, termsURI: "ipfs://t" }), /ruleWindow: 10 s is outside/],
      [sdk.improveBid(supplier, { escrow, jobId: 1n, price: 0n }), /price: must be above zero/],
      [sdk.pick(buyer, { escrow, jobId: 1n, supplier: "0xnope" as `0x${string}` }), /supplier: 0xnope is not an address/],
      [sdk.withdraw(supplier, { escrow, token: sdk.ETH, to: "0x0000000000000000000000000000000000000000" }), /to: must not be the zero address/],
      [sdk.registerSupplier(supplier, { registry: deployment.registry, profileURI: "" }), /profileURI/],
      [sdk.attest(arbitrator, { registry: deployment.registry, supplier: accounts[1]!, metric: " ", value: 1n, validUntil: 1 }), /metric: must not be empty/],
    ];
    for (const [attempt, message] of cases) {
      await expect(attempt).rejects.toBeInstanceOf(sdk.TenderInputError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(await Promise.all(accounts.map((address) => reader.getTransactionCount({ address })))).toEqual(nonces);
  });
});
