// Bad inputs are refused by the SDK before anything is sent: the account's nonce does not move. The checks find every
// problem at once, each at its field path, and the throwing checks carry them all.
import { type Address, zeroAddress } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { SPEC, deployedChain, directHire } from "../helpers/chain.ts";

const SOMEONE: Address = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
const BUYER: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const NOW = 1_800_000_000;

/** The error a check throws. */
function thrown(check: () => void): sdk.TenderInputError {
  try {
    check();
  } catch (error) {
    if (error instanceof sdk.TenderInputError) return error;
    throw error;
  }
  throw new Error("expected a TenderInputError");
}

describe("the lists of problems", () => {
  const hire: sdk.DirectHireParams = {
    escrow: SOMEONE, supplier: SOMEONE, token: sdk.ETH, price: 1n, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
    arbitrator: BUYER, defaultBuyerShareBps: 0, category: "text", spec: SPEC,
  };
  const rfq: sdk.RFQParams = {
    escrow: SOMEONE, token: sdk.ETH, maxPrice: 1n, bidDeadline: NOW + sdk.DAY, awardWindow: 0, deliveryWindow: sdk.DAY,
    reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: BUYER, defaultBuyerShareBps: 0, category: "text",
    floors: sdk.NO_FLOORS, spec: SPEC,
  };

  it("finds nothing wrong with good inputs", () => {
    expect(sdk.directHireProblems(hire, BUYER)).toEqual([]);
    expect(sdk.rfqProblems(rfq, NOW)).toEqual([]);
    expect(sdk.rfqProblems({ ...rfq, mode: sdk.AwardMode.BuyerChoice, awardWindow: sdk.DAY }, NOW)).toEqual([]);
    expect(() => sdk.checkDirectHire(hire, BUYER)).not.toThrow();
    expect(() => sdk.checkRFQ(rfq, NOW)).not.toThrow();
  });

  it("reports every problem of a direct hire, each at its path, and the check throws them all", () => {
    const bad = { ...hire, supplier: BUYER, price: 0n, reviewWindow: 60, defaultBuyerShareBps: 6_000, spec: '{"version":1,"title":"","category":"text","task":"t"}' };
    const problems = sdk.directHireProblems(bad, BUYER);
    expect(problems).toEqual([
      { path: "supplier", message: "You cannot hire yourself: the supplier is your own address." },
      { path: "price", message: "Give an amount above zero." },
      { path: "reviewWindow", message: "Choose a window from 1 h to 365 d; 1 min is not." },
      { path: "defaultBuyerShareBps", message: "Give a share from 0% to 50%; 60% (6000 bps) is not." },
      { path: "spec.title", message: "Give the job a title." },
    ]);
    const error = thrown(() => sdk.checkDirectHire(bad, BUYER));
    expect(error.problems).toEqual(problems);
    expect(error.field).toBe("supplier");
    expect(error.message).toBe("supplier: You cannot hire yourself: the supplier is your own address.");
  });

  it("reports every problem of an RFQ, its floors and its spec included", () => {
    const bad: sdk.RFQParams = {
      ...rfq,
      arbitrator: zeroAddress,
      maxPrice: 2n ** 96n,
      bidDeadline: NOW + 600,
      mode: 7,
      floors: { ...sdk.NO_FLOORS, bondBps: 10_001, minAvgRating: 501, metrics: [{ attestor: "0x12" as Address, comparison: 0, metric: `0x${"0".repeat(64)}`, threshold: 1n }] },
      spec: '{"version":1,"title":"t","category":"text","task":"t","acceptance":[{"id":"a","description":"d","regex":"("}]}',
    };
    expect(sdk.rfqProblems(bad, NOW).map((p) => p.path)).toEqual([
      "maxPrice", "bidDeadline", "mode", "arbitrator", "floors.bondBps", "floors.minAvgRating", "floors.metrics[0].attestor", "spec.acceptance[0].regex",
    ]);
    expect(thrown(() => sdk.checkRFQ(bad, NOW)).problems).toEqual(sdk.rfqProblems(bad, NOW));
  });

  it("reports each warranty problem, and the clawback floor's, at its path", () => {
    const held = { holdbackBps: 2_000, warrantyWindow: 30 * sdk.DAY, holdBond: false };
    expect(sdk.directHireProblems({ ...hire, warranty: held }, BUYER)).toEqual([]);
    expect(sdk.rfqProblems({ ...rfq, warranty: { ...held, holdBond: true }, floors: { ...sdk.NO_FLOORS, maxClawbackShareBps: 2_500 } }, NOW)).toEqual([]);
    expect(sdk.directHireProblems({ ...hire, warranty: sdk.NO_WARRANTY }, BUYER)).toEqual([]);
    expect(sdk.warrantyProblems({ ...held, holdbackBps: 5_001 }, { rfq: true })).toEqual([
      { path: "warranty.holdbackBps", message: "Give a share from 0% to 50%; 50.01% (5001 bps) is not." },
    ]);
    expect(sdk.warrantyProblems({ ...held, warrantyWindow: 60 }, { rfq: true })).toEqual([
      { path: "warranty.warrantyWindow", message: "Choose a window from 1 h to 365 d; 1 min is not." },
    ]);
    expect(sdk.warrantyProblems({ holdbackBps: 0, warrantyWindow: sdk.DAY, holdBond: false }, { rfq: true })).toEqual([
      { path: "warranty.warrantyWindow", message: "A warranty window needs a holdback: give a holdback with it, or no window (1 d given)." },
    ]);
    expect(sdk.directHireProblems({ ...hire, warranty: { ...held, holdBond: true } }, BUYER)).toEqual([
      { path: "warranty.holdBond", message: "A direct hire has no bond to hold: holding the bond applies to RFQs only." },
    ]);
    expect(sdk.rfqProblems({ ...rfq, warranty: { ...sdk.NO_WARRANTY, holdBond: true } }, NOW)).toEqual([
      { path: "warranty.holdBond", message: "A bond can be held only with a holdback: give a holdback, or do not hold the bond." },
    ]);
    expect(sdk.rfqProblems({ ...rfq, floors: { ...sdk.NO_FLOORS, maxClawbackShareBps: 10_001 } }, NOW)).toEqual([
      { path: "floors.maxClawbackShareBps", message: "Give a share from 0% to 100%; 100.01% (10001 bps) is not." },
    ]);
  });

  it("gives the per-field checks as lists too, and the throwing checks keep their field", () => {
    expect(sdk.addressProblems("to", "0x1234")).toEqual([{ path: "to", message: "0x1234 is not an address (0x and 40 hex digits)." }]);
    expect(sdk.addressProblems("token", zeroAddress, { nonZero: false })).toEqual([]);
    expect(sdk.amountProblems("price", 1n)).toEqual([]);
    expect(sdk.windowProblems("ruleWindow", 5_400)).toEqual([]);
    expect(sdk.windowProblems("ruleWindow", 400 * sdk.DAY)).toEqual([{ path: "ruleWindow", message: "Choose a window from 1 h to 365 d; 400 d is not." }]);
    expect(sdk.bpsProblems("feeBps", 12.5, 1_000)).toEqual([{ path: "feeBps", message: "Give a share from 0% to 10%; 0.125% (12.5 bps) is not." }]);
    expect(sdk.uriProblems("uri", "not a uri")).toEqual([{ path: "uri", message: '"not a uri" is not a URI (e.g. ipfs://…, https://…, data:…)' }]);
    expect(sdk.ratingProblems(0)).toEqual([{ path: "rating", message: "Give a rating from 1 to 5 stars; 0 is not." }]);
    const error = thrown(() => sdk.checkAmount("maxPrice", 0n));
    expect([error.field, error.message, error.problems]).toEqual(["maxPrice", "maxPrice: Give an amount above zero.", [{ path: "maxPrice", message: "Give an amount above zero." }]]);
  });
});

describe("input checks before sending", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  beforeAll(async () => {
    chain = await deployedChain();
  });

  const hire = (overrides: Partial<sdk.DirectHireParams>) => directHire(chain, overrides);

  it.each([
    ["supplier", { supplier: "0x1234" }, /supplier: 0x1234 is not an address \(0x and 40 hex digits\)\./],
    ["price", { price: 0n }, /price: Give an amount above zero\./],
    ["price", { price: 2n ** 96n }, /price: .* above the largest amount/],
    ["deliveryWindow", { deliveryWindow: 60 }, /deliveryWindow: Choose a window from 1 h to 365 d; 1 min is not\./],
    ["defaultBuyerShareBps", { defaultBuyerShareBps: 5_001 }, /defaultBuyerShareBps: Give a share from 0% to 50%; 50\.01% \(5001 bps\) is not\./],
    ["spec", { spec: "not json" }, /spec: The spec is not JSON/],
    ["spec.category", { category: "code" }, /spec.category: The spec's category is "text", not the job's category "code"\./],
    ["spec", { spec: "x".repeat(8_193) }, /spec: The spec is 8193 bytes; at most 8192\./],
    ["warranty.holdbackBps", { warranty: { holdbackBps: 6_000, warrantyWindow: sdk.DAY, holdBond: false } }, /warranty.holdbackBps: Give a share from 0% to 50%/],
    ["warranty.warrantyWindow", { warranty: { holdbackBps: 1_000, warrantyWindow: 0, holdBond: false } }, /warranty.warrantyWindow: Choose a window from 1 h/],
    ["warranty.holdBond", { warranty: { holdbackBps: 1_000, warrantyWindow: sdk.DAY, holdBond: true } }, /warranty.holdBond: A direct hire has no bond to hold/],
  ] as const)("refuses a bad %s and sends nothing", async (_field, overrides, message) => {
    const address = chain.buyer.account.address;
    const nonce = await chain.reader.getTransactionCount({ address });
    await expect(sdk.postDirectHire(chain.buyer, hire(overrides as Partial<sdk.DirectHireParams>))).rejects.toThrow(message);
    expect(await chain.reader.getTransactionCount({ address })).toBe(nonce);
  });

  it("refuses hiring oneself, a bad rating and an RFQ whose bid deadline is too near", async () => {
    const { buyer, reader, escrow } = chain;
    const nonce = await reader.getTransactionCount({ address: buyer.account.address });
    await expect(sdk.postDirectHire(buyer, hire({ supplier: buyer.account.address }))).rejects.toThrow(/supplier: You cannot hire yourself/);
    await expect(sdk.confirm(buyer, { escrow, jobId: 1n, rating: 6 })).rejects.toBeInstanceOf(sdk.TenderInputError);
    const now = Number((await reader.getBlock()).timestamp);
    await expect(
      sdk.postRFQ(buyer, {
        escrow, token: sdk.ETH, maxPrice: 10n ** 15n, bidDeadline: now + 60, awardWindow: 0, deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: chain.arbitrator.account.address,
        defaultBuyerShareBps: 0, category: "text", floors: sdk.NO_FLOORS, spec: SPEC,
      }),
    ).rejects.toThrow(/bidDeadline: Choose a window from 1 h to 365 d; 1 min is not\./);
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
      [sdk.rule(arbitrator, { escrow, jobId: 1n, buyerShareBps: 10_001, reasonHash: hash }), /buyerShareBps: Give a share from 0% to 100%; 100\.01% \(10001 bps\) is not\./],
      [sdk.registerArbitrator(arbitrator, { escrow, feeBps: 1_001, ruleWindow: sdk.DAY, termsURI: "ipfs://t" }), /feeBps: Give a share from 0% to 10%; 10\.01% \(1001 bps\) is not\./],
      [sdk.updateArbitratorTerms(arbitrator, { escrow, feeBps: 100, ruleWindow: 10, termsURI: "ipfs://t" }), /ruleWindow: Choose a window from 1 h to 365 d; 10 s is not\./],
      [sdk.improveBid(supplier, { escrow, jobId: 1n, price: 0n }), /price: Give an amount above zero\./],
      [sdk.pick(buyer, { escrow, jobId: 1n, supplier: "0xnope" as `0x${string}` }), /supplier: 0xnope is not an address/],
      [sdk.withdraw(supplier, { escrow, token: sdk.ETH, to: "0x0000000000000000000000000000000000000000" }), /to: The zero address is not allowed here\./],
      [sdk.registerSupplier(supplier, { registry: deployment.registry, profileURI: "" }), /profileURI/],
      [sdk.attest(arbitrator, { registry: deployment.registry, supplier: accounts[1]!, metric: " ", value: 1n, validUntil: 1 }), /metric: must not be empty/],
      [sdk.claim(buyer, { escrow, jobId: 1n, asked: 0n, statementURI: "ipfs://claim" }), /asked: Give an amount above zero\./],
      [sdk.claim(buyer, { escrow, jobId: 1n, asked: 1n, statementURI: "no uri" }), /statementURI: "no uri" is not a URI/],
      [sdk.claim(buyer, { escrow, jobId: 1n, payment: -1, asked: 1n, statementURI: "ipfs://claim" }), /payment: -1 is not a payment index/],
      [sdk.answerClaim(supplier, { escrow, jobId: 0n, responseURI: "ipfs://a" }), /jobId: 0 is not a job id/],
      [sdk.submitClaimEvidence(buyer, { escrow, jobId: 1n, evidenceURI: "" }), /evidenceURI/],
      [sdk.ruleClaim(arbitrator, { escrow, jobId: 1n, buyerShareBps: 10_001, reasonHash: hash }), /buyerShareBps: Give a share from 0% to 100%/],
      [sdk.returnHeld(supplier, { escrow, jobId: 1n, amount: 0n }), /amount: Give an amount above zero\./],
      [sdk.release(supplier, { escrow, jobId: 0n }), /jobId: 0 is not a job id/],
      [sdk.waive(buyer, { escrow, jobId: 1n, payment: 1.5 }), /payment: 1\.5 is not a payment index/],
      [sdk.tender({ reader, writer: buyer }, deployment).claim({ jobId: 1n, asked: 0n, statementURI: "ipfs://claim" }), /asked: Give an amount above zero\./],
    ];
    for (const [attempt, message] of cases) {
      await expect(attempt).rejects.toBeInstanceOf(sdk.TenderInputError);
      await expect(attempt).rejects.toThrow(message);
    }
    expect(await Promise.all(accounts.map((address) => reader.getTransactionCount({ address })))).toEqual(nonces);
  });
});
