// The bound client (`tender(clients, deployment)`): actions and reads with no address passed, the one allowance
// policy every face uses (balance first, the escrow's refusal before any approval, exactly the amount; a posting in a
// token that takes ERC-2612 permits funded through one instead, in one transaction), and the token's own errors
// decoded into sentences with token units.
import { getAddress, parseUnits } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { deployedChain, directHire } from "../helpers/chain.ts";

const USD = (amount: string) => parseUnits(amount, 6);
const MUSD = { symbol: "mUSD", decimals: 6 };

describe("the bound client", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  let buyer: sdk.TenderClient;
  /** The same buyer with permits off: every pull approved first. */
  let approving: sdk.TenderClient;
  let supplier: sdk.TenderClient;
  const approvals: sdk.ApprovalEvent[] = [];

  beforeAll(async () => {
    chain = await deployedChain();
    const { reader, deployer, token, deployment } = chain;
    buyer = sdk.tender({ reader, writer: chain.buyer }, deployment, { onApproval: (event) => approvals.push(event) });
    approving = sdk.tender({ reader, writer: chain.buyer }, deployment, { onApproval: (event) => approvals.push(event), permits: false });
    supplier = sdk.tender({ reader, writer: chain.supplier }, deployment);
    await sdk.waitForSuccess(reader, await sdk.mintMock(deployer, { token, to: chain.buyer.account.address, amount: USD("100") }));
  });

  // An mUSD hire by default (the allowance policy is what these tests are about).
  const hire = (overrides: Partial<sdk.DirectHireParams> = {}) => directHire(chain, { token: chain.token, price: USD("40"), ...overrides });
  const allowance = () => sdk.allowanceOf(chain.reader, { token: chain.token, owner: chain.buyer.account.address, spender: chain.escrow });
  const nonce = () => chain.reader.getTransactionCount({ address: chain.buyer.account.address });

  it("refuses before any approval when the escrow would refuse the call itself", async () => {
    const sentBefore = await nonce();
    // An arbitrator that is not registered: the escrow's refusal, found by simulating the post.
    const refused = await buyer.postDirectHire(hire({ arbitrator: chain.stranger.account.address })).catch((e: unknown) => e);
    expect(sdk.revertOf(refused)?.name).toBe("ArbitratorNotActive");
    expect(await nonce()).toBe(sentBefore);
    expect(await allowance()).toBe(0n);
    expect(approvals).toEqual([]);
  });

  it("refuses a balance too small for the amount, sending nothing", async () => {
    const sentBefore = await nonce();
    const refused = await buyer.postDirectHire(hire({ price: USD("150") })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(sdk.InsufficientBalanceError);
    expect(sdk.describeError(refused)).toBe(`${chain.buyer.account.address} holds 100 mUSD; this needs 150 mUSD.`);
    expect(await nonce()).toBe(sentBefore);
  });

  it("funds a post in a token that takes permits through one: one transaction, nothing approved", async () => {
    const sentBefore = await nonce();
    const permitNonce = () => chain.reader.readContract({ address: chain.token, abi: sdk.mockErc20Abi, functionName: "nonces", args: [chain.buyer.account.address] });
    const permitsBefore = await permitNonce();
    const jobId = await buyer.waitForJobId(await buyer.postDirectHire(hire({ price: USD("7") })));
    expect(await nonce()).toBe(sentBefore + 1); // the post alone
    expect(approvals.map((a) => a.phase)).toEqual(["permitting"]);
    expect(approvals[0]).toMatchObject({ amount: USD("7"), token: { symbol: "mUSD", decimals: 6 } });
    expect(await permitNonce()).toBe(permitsBefore + 1n); // the permit was used
    expect(await allowance()).toBe(0n); // for exactly the price
    const job = await buyer.read.job({ jobId });
    expect(job.price).toBe(USD("7"));
    expect(job.buyer.toLowerCase()).toBe(chain.buyer.account.address.toLowerCase());
    const [posted] = await chain.reader.getContractEvents({ address: chain.escrow, abi: sdk.tenderEscrowAbi, eventName: "DirectHirePosted", args: { jobId } });
    expect(posted).toBeDefined();
    approvals.length = 0;
  });

  it("an RFQ takes a permit too, and a permit the escrow would refuse for another reason is never signed", async () => {
    const sentBefore = await nonce();
    const now = Number((await chain.reader.getBlock()).timestamp);
    const { escrow, arbitrator, deliveryWindow, reviewWindow, defaultBuyerShareBps, category, spec } = directHire(chain);
    const rfq: sdk.RFQParams = { escrow, arbitrator, deliveryWindow, reviewWindow, defaultBuyerShareBps, category, spec, token: chain.token, maxPrice: USD("9"), bidDeadline: now + sdk.DAY, awardWindow: 0, mode: sdk.AwardMode.LowestPrice, floors: sdk.NO_FLOORS };
    const refused = await buyer.postRFQ({ ...rfq, arbitrator: chain.stranger.account.address }).catch((e: unknown) => e);
    expect(sdk.revertOf(refused)?.name).toBe("ArbitratorNotActive");
    expect(approvals).toEqual([]); // refused before the wallet was asked to sign
    const jobId = await buyer.waitForJobId(await buyer.postRFQ(rfq));
    expect(await nonce()).toBe(sentBefore + 1);
    expect(approvals.map((a) => a.phase)).toEqual(["permitting"]);
    expect((await buyer.read.job({ jobId })).price).toBe(USD("9"));
    approvals.length = 0;
  });

  it("approves exactly the amount, then posts, and a later post with the allowance in place approves nothing", async () => {
    const jobId = await approving.waitForJobId(await approving.postDirectHire(hire()));
    expect(approvals.map((a) => a.phase)).toEqual(["approving", "sent", "mined"]);
    expect(approvals[0]).toMatchObject({ amount: USD("40"), token: { symbol: "mUSD", decimals: 6 } });
    expect(await allowance()).toBe(0n); // the post took exactly what was approved
    const job = await buyer.read.job({ jobId });
    expect(job.price).toBe(USD("40"));
    expect(job.supplier.toLowerCase()).toBe(chain.supplier.account.address.toLowerCase());

    await sdk.waitForSuccess(chain.reader, await sdk.approve(chain.buyer, { token: chain.token, spender: chain.escrow, amount: USD("10") }));
    approvals.length = 0;
    // The allowance in place: neither an approval nor a permit (with permits on).
    const second = await buyer.waitForJobId(await buyer.postDirectHire(hire({ price: USD("10") })));
    expect(approvals).toEqual([]);
    expect(second).toBe(jobId + 1n);
  });

  it("runs a job through bound actions and reads, no address passed", async () => {
    const jobId = await buyer.waitForJobId(await buyer.postDirectHire(hire({ token: sdk.ETH, price: parseUnits("0.01", 18) })));
    await supplier.wait(await supplier.deliver({ jobId, deliverableHash: sdk.specHash("done"), uri: "ipfs://done" }));
    await buyer.wait(await buyer.confirm({ jobId, rating: 4 }));
    expect((await buyer.read.job({ jobId })).status).toBe(sdk.JobStatus.Settled);
    const record = await buyer.read.supplierRecord({ supplier: supplier.account });
    expect(record.completed).toBe(1);
    expect((await buyer.read.timeline({ jobId })).map((e) => e.eventName)).toEqual(["DirectHirePosted", "JobDelivered", "JobSettled"]);
  });

  it("decodes the token's own ERC-20 errors with amounts in token units", async () => {
    // An allowance in place but the balance short: the escrow's pull fails inside the token (ERC-6093's error).
    const { reader, escrow, token, stranger } = chain;
    await sdk.waitForSuccess(reader, await sdk.approve(stranger, { token, spender: escrow, amount: USD("5") }));
    const refused = await sdk.postDirectHire(stranger, hire({ price: USD("5") })).catch((e: unknown) => e);
    expect(sdk.revertOf(refused)?.name).toBe("ERC20InsufficientBalance");
    expect(sdk.describeError(refused, MUSD)).toBe(`ERC20InsufficientBalance: ${getAddress(stranger.account.address)} holds 0 mUSD of the token; this needs 5 mUSD.`);
    expect(sdk.isTokenPullFailure(refused)).toBe(false);
  });

  it("says so when the wallet has too little ETH for the value and gas", async () => {
    const { reader, stranger } = chain;
    const poor = sdk.tender({ reader, writer: stranger }, chain.deployment);
    const balance = await reader.getBalance({ address: stranger.account.address });
    const refused = await poor.postDirectHire(hire({ token: sdk.ETH, price: balance + 1n })).catch((e: unknown) => e);
    expect(sdk.describeError(refused)).toMatch(/^InsufficientFunds: /);
  });
});
