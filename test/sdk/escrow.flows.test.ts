// Whole direct-hire flows driven through the SDK, the way the CLI and the web will drive them.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAddress } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { SPEC, deployedChain } from "../helpers/chain.ts";

const PRICE = 250_000_000n; // 250 mUSD
const FEE = (PRICE * 100n) / 10_000n;

describe("direct hire through the SDK", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;

  beforeAll(async () => {
    chain = await deployedChain();
    await sdk.waitForSuccess(
      chain.reader,
      await sdk.mintMock(chain.deployer, { token: chain.token, to: chain.buyer.account.address, amount: 10n ** 12n }),
    );
  });

  function hire(token: `0x${string}`, price = PRICE) {
    return sdk.postDirectHire(chain.buyer, { ...directHireOf(price), token });
  }

  it("deploys with the configured owner, treasury, fee and window bounds", async () => {
    const read = <T>(functionName: "owner" | "treasury" | "protocolFeeBps" | "windowBounds") =>
      chain.reader.readContract({ address: chain.escrow, abi: sdk.tenderEscrowAbi, functionName }) as Promise<T>;
    expect(await read("owner")).toBe(getAddress(chain.deployer.account.address));
    expect(await read("treasury")).toBe(getAddress(chain.treasury.account.address));
    expect(await read("protocolFeeBps")).toBe(100);
    expect(await read("windowBounds")).toEqual([3_600, 365 * 86_400]);
    expect(chain.deployment.startBlock).toBeGreaterThan(0);
  });

  it("records and reads a deployment per chain", () => {
    const dir = mkdtempSync(join(tmpdir(), "tender-deployments-"));
    const file = sdk.writeDeployment(chain.deployment, dir);
    expect(file.endsWith(`${chain.deployment.chainId}.json`)).toBe(true);
    expect(sdk.readDeployment(chain.deployment.chainId, dir)).toEqual(chain.deployment);
    expect(() => sdk.readDeployment(999, dir)).toThrow(/not deployed on chain 999/);
  });

  it("runs an ERC-20 job from approval to payment, with the spec in the event and its hash in storage", async () => {
    const { reader, escrow, token, buyer, supplier } = chain;
    await sdk.waitForSuccess(reader, await sdk.approve(buyer, { token, spender: escrow, amount: PRICE }));
    const jobId = await sdk.waitForJobId(reader, await hire(token));

    const job = await sdk.readJob(reader, { escrow, jobId });
    expect(job.status).toBe(sdk.JobStatus.Awarded);
    expect(job.specHash).toBe(sdk.specHash(SPEC));
    expect(job.price).toBe(PRICE);
    const [posted] = await reader.getContractEvents({
      address: escrow,
      abi: sdk.tenderEscrowAbi,
      eventName: "DirectHirePosted",
      args: { jobId },
      fromBlock: 0n,
    });
    expect(posted?.args.hire?.spec).toBe(SPEC);
    expect(posted?.args.hire?.category).toBe(sdk.categoryId("text"));

    await sdk.waitForSuccess(
      reader,
      await sdk.deliver(supplier, { escrow, jobId, deliverableHash: sdk.specHash("- a\n- b\n- c\n"), uri: "ipfs://out" }),
    );
    const before = await sdk.balanceOf(reader, { token, account: supplier.account.address });
    await sdk.waitForSuccess(reader, await sdk.confirm(buyer, { escrow, jobId, rating: 5 }));
    expect(await sdk.balanceOf(reader, { token, account: supplier.account.address })).toBe(before + PRICE - FEE);
    expect((await sdk.readJob(reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Settled);

    const record = await sdk.readSupplierRecord(reader, { escrow, supplier: supplier.account.address });
    expect(record).toMatchObject({ won: 1, completed: 1, ratingSum: 5, ratingCount: 1 });
    const buyerRecord = await sdk.readBuyerRecord(reader, { escrow, buyer: buyer.account.address });
    expect(buyerRecord).toMatchObject({ posted: 1, paid: 1 });
  });

  it("runs an ETH job to a finalize after the review window, and the treasury collects the fee", async () => {
    const { reader, escrow, supplier, stranger, treasury, networkHelpers } = chain;
    const jobId = await sdk.waitForJobId(reader, await hire(sdk.ETH));
    await sdk.waitForSuccess(
      reader,
      await sdk.deliver(supplier, { escrow, jobId, deliverableHash: sdk.specHash("x"), uri: "ipfs://x" }),
    );
    await networkHelpers.time.increase(sdk.DAY);
    const before = await reader.getBalance({ address: supplier.account.address });
    await sdk.waitForSuccess(reader, await sdk.finalize(stranger, { escrow, jobId }));
    expect(await reader.getBalance({ address: supplier.account.address })).toBe(before + PRICE - FEE);

    const treasuryBefore = await reader.getBalance({ address: treasury.account.address });
    await sdk.waitForSuccess(reader, await sdk.collectProtocolFees(stranger, { escrow, token: sdk.ETH }));
    expect(await reader.getBalance({ address: treasury.account.address })).toBe(treasuryBefore + FEE);
  });

  it("refunds the buyer when the supplier declines or misses the deadline", async () => {
    const { reader, escrow, buyer, supplier, stranger, networkHelpers } = chain;
    const declined = await sdk.waitForJobId(reader, await hire(sdk.ETH));
    await sdk.waitForSuccess(reader, await sdk.decline(supplier, { escrow, jobId: declined }));
    expect((await sdk.readJob(reader, { escrow, jobId: declined })).status).toBe(sdk.JobStatus.Refunded);

    const missed = await sdk.waitForJobId(reader, await hire(sdk.ETH));
    await networkHelpers.time.increase(sdk.DAY);
    const before = await reader.getBalance({ address: buyer.account.address });
    await sdk.waitForSuccess(reader, await sdk.refund(stranger, { escrow, jobId: missed }));
    expect(await reader.getBalance({ address: buyer.account.address })).toBe(before + PRICE);
    const record = await sdk.readSupplierRecord(reader, { escrow, supplier: supplier.account.address });
    expect(record.declined + record.refunded).toBe(0); // direct hires write nothing on decline or non-delivery
  });

  it("reverts a bad call with the escrow's named error", async () => {
    const { escrow, buyer, token } = chain;
    const unregistered = sdk.postDirectHire(chain.buyer, {
      escrow, supplier: chain.supplier.account.address, token, price: PRICE, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
      arbitrator: chain.stranger.account.address, defaultBuyerShareBps: 0, category: "text", spec: SPEC,
    });
    await expect(unregistered).rejects.toThrow(/ArbitratorNotActive/);
    await expect(sdk.confirm(buyer, { escrow, jobId: 999n, rating: 5 })).rejects.toThrow(/UnknownJob/);
  });

  it("pins the arbitrator's terms: the current ones when none are given; a stale pin is refused, readably, with nothing moved", async () => {
    const { reader, escrow, buyer, arbitrator } = chain;
    const shown = await sdk.currentTermsId(reader, { escrow, arbitrator: arbitrator.account.address });
    const pinned = await sdk.waitForJobId(reader, await hire(sdk.ETH, 1_000n));
    expect((await sdk.readJob(reader, { escrow, jobId: pinned })).termsId).toBe(shown);

    // The arbitrator raises its fee between what the buyer was shown and the post.
    await sdk.waitForSuccess(reader, await sdk.updateArbitratorTerms(arbitrator, { escrow, feeBps: 1_000, ruleWindow: 30 * sdk.DAY, termsURI: "ipfs://dearer" }));
    const before = await reader.getBalance({ address: buyer.account.address });
    const stale = sdk.postDirectHire(buyer, { ...directHireOf(1_000n), arbitratorTermsId: shown });
    const refused = await stale.then(() => undefined, (error: unknown) => error);
    expect(sdk.describeError(refused)).toBe(
      `ArbitratorTermsChanged: ${getAddress(arbitrator.account.address)} changed its terms (now terms #${shown + 1}, you were shown #${shown}) before the post was mined; review its new fee and ruling window and post again.`,
    );
    expect(await reader.getBalance({ address: buyer.account.address })).toBe(before);
    const current = await sdk.waitForJobId(reader, await sdk.postDirectHire(buyer, { ...directHireOf(1_000n), arbitratorTermsId: shown + 1 }));
    expect((await sdk.readJob(reader, { escrow, jobId: current })).termsId).toBe(shown + 1);
  });

  it("refuses a job in a token the escrow does not list, before any approval is sent", async () => {
    const { reader, escrow, deployer, buyer, deployment } = chain;
    const unlisted = await sdk.deployMockToken(deployer, reader, { name: "Other", symbol: "OTH", decimals: 18 });
    await sdk.waitForSuccess(reader, await sdk.mintMock(deployer, { token: unlisted, to: buyer.account.address, amount: 10n ** 18n }));
    expect(await sdk.readTokenAllowed(reader, { escrow, token: unlisted })).toBe(false);
    const approvals: unknown[] = [];
    const t = sdk.tender({ reader, writer: buyer }, deployment, { onApproval: (event) => approvals.push(event) });
    const refused = await t.postDirectHire({ ...directHireOf(10n ** 17n), token: unlisted }).then(() => undefined, (error: unknown) => error);
    expect(sdk.describeError(refused)).toBe(
      `TokenNotAllowed: New jobs cannot be posted in ${getAddress(unlisted)}: the escrow lists only tokens known to move exact amounts (ETH always works).`,
    );
    expect(approvals).toEqual([]);
    expect(await sdk.allowanceOf(reader, { token: unlisted, owner: buyer.account.address, spender: escrow })).toBe(0n);

    await sdk.waitForSuccess(reader, await sdk.setTokenAllowed(deployer, { escrow, token: unlisted, allowed: true }));
    expect(await sdk.readTokenAllowed(reader, { escrow, token: unlisted })).toBe(true);
    const jobId = await sdk.waitForJobId(reader, await t.postDirectHire({ ...directHireOf(10n ** 17n), token: unlisted }));
    expect((await sdk.readJob(reader, { escrow, jobId })).token).toBe(getAddress(unlisted));
  });

  function directHireOf(price: bigint): sdk.DirectHireParams {
    return {
      escrow: chain.escrow,
      supplier: chain.supplier.account.address,
      token: sdk.ETH,
      price,
      deliveryWindow: sdk.DAY,
      reviewWindow: sdk.DAY,
      arbitrator: chain.arbitrator.account.address,
      defaultBuyerShareBps: 5_000,
      category: "text",
      spec: SPEC,
    };
  }
});
