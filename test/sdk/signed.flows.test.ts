// A supplier's actions signed (EIP-712) and submitted by someone else through the SDK: the supplier sends no
// transaction and spends no gas; refusals come back as the escrow's named errors with nothing sent.
import { type Address, zeroAddress } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { deployedChain, directHire } from "../helpers/chain.ts";

const WORK = sdk.specHash("- a\n- b\n- c\n");

describe("signed supplier actions through the SDK", () => {
  let chain: Awaited<ReturnType<typeof deployedChain>>;
  let supplier: Address;

  beforeAll(async () => {
    chain = await deployedChain();
    supplier = chain.supplier.account.address;
  });

  const hire = async () => sdk.waitForJobId(chain.reader, await sdk.postDirectHire(chain.buyer, directHire(chain)));
  const deliverOf = (jobId: bigint): sdk.SignableAction => ({ kind: "deliver", jobId, deliverableHash: WORK, uri: `ipfs://out/${jobId}` });
  /** The supplier's ETH and transaction count: what it would spend by sending anything. */
  const supplierState = async () =>
    Promise.all([chain.reader.getBalance({ address: supplier }), chain.reader.getTransactionCount({ address: supplier })]);

  it("reads the escrow's EIP-5267 domain as the SDK signs it", async () => {
    const [, name, version, chainId, verifyingContract] = await chain.reader.readContract({
      address: chain.escrow,
      abi: sdk.tenderEscrowAbi,
      functionName: "eip712Domain",
    });
    expect(sdk.signedDomain(chain.reader.chain.id, chain.escrow)).toEqual({
      name,
      version,
      chainId: Number(chainId),
      verifyingContract,
    });
  });

  it("delivers on the supplier's signature, submitted and paid for by a relayer", async () => {
    const { reader, escrow, stranger: relayer } = chain;
    const jobId = await hire();
    const before = await supplierState();

    const signed = await sdk.signAction(chain.supplier, reader, { escrow, action: deliverOf(jobId) });
    expect(signed.signed).toMatchObject({ signer: supplier, relayer: zeroAddress, nonce: 0n });
    await sdk.waitForSuccess(reader, await sdk.submitSigned(relayer, reader, signed));

    const job = await sdk.readJob(reader, { escrow, jobId });
    expect(job.status).toBe(sdk.JobStatus.Delivered);
    expect(await supplierState()).toEqual(before); // no gas, no transaction from the supplier
    expect(await sdk.isNonceSpent(reader, { escrow, signer: supplier, nonce: 0n })).toBe(true);
    expect(await sdk.freeNonce(reader, { escrow, signer: supplier })).toBe(1n);

    // Submitted again: refused by name in the simulation, nothing sent.
    const relayerTxs = await reader.getTransactionCount({ address: relayer.account.address });
    const again = await sdk.submitSigned(relayer, reader, signed).catch((e: unknown) => e);
    expect(sdk.revertOf(again)?.name).toBe("NonceUsed");
    expect(sdk.describeError(again)).toMatch(/Nonce 0 of .* is spent/);
    expect(await reader.getTransactionCount({ address: relayer.account.address })).toBe(relayerTxs);
  });

  it("lets only the named relayer submit, and a dropped action holds up no later one", async () => {
    const { reader, escrow, stranger, arbitrator: relayer } = chain;
    const [first, second] = [await hire(), await hire()];
    const from = await sdk.freeNonce(reader, { escrow, signer: supplier });
    const dropped = await sdk.signAction(chain.supplier, reader, { escrow, action: deliverOf(first), nonce: from });
    const later = await sdk.signAction(chain.supplier, reader, {
      escrow,
      action: deliverOf(second),
      relayer: relayer.account.address,
      nonce: await sdk.freeNonce(reader, { escrow, signer: supplier, from: from + 1n }),
    });

    const refused = await sdk.submitSigned(stranger, reader, later).catch((e: unknown) => e);
    expect(sdk.revertOf(refused)?.name).toBe("NotRelayer");
    expect(sdk.describeError(refused)).toMatch(/only by its relayer/);

    await sdk.waitForSuccess(reader, await sdk.submitSigned(relayer, reader, later));
    expect((await sdk.readJob(reader, { escrow, jobId: second })).status).toBe(sdk.JobStatus.Delivered);
    expect(await sdk.freeNonce(reader, { escrow, signer: supplier })).toBe(from); // the dropped one's nonce is still free

    await sdk.waitForSuccess(reader, await sdk.submitSigned(stranger, reader, dropped));
    expect((await sdk.readJob(reader, { escrow, jobId: first })).status).toBe(sdk.JobStatus.Delivered);
  });

  it("refuses an expired action and a forged one by name, and a bad input before signing", async () => {
    const { reader, escrow, stranger, networkHelpers } = chain;
    const jobId = await hire();
    const block = await reader.getBlock();
    const expiring = await sdk.signAction(chain.supplier, reader, { escrow, action: deliverOf(jobId), deadline: block.timestamp + 60n });
    await networkHelpers.time.increase(120);
    const expired = await sdk.submitSigned(stranger, reader, expiring).catch((e: unknown) => e);
    expect(sdk.revertOf(expired)?.name).toBe("SignatureExpired");

    const fresh = await sdk.signAction(chain.supplier, reader, { escrow, action: deliverOf(jobId) });
    const forged = { ...fresh, action: { ...deliverOf(jobId), uri: "ipfs://someone-elses" } };
    const invalid = await sdk.submitSigned(stranger, reader, forged).catch((e: unknown) => e);
    expect(sdk.revertOf(invalid)?.name).toBe("InvalidSignature");
    expect(sdk.describeError(invalid)).toMatch(/not 0x[0-9a-fA-F]{40}'s over this action/);

    await expect(
      sdk.signAction(chain.supplier, reader, { escrow, action: { kind: "deliver", jobId, deliverableHash: WORK, uri: "" } }),
    ).rejects.toThrow(/^uri: /);
  });

  it("withdraws nothing where there is no credit, and invalidates nonces", async () => {
    const { reader, escrow, stranger } = chain;
    const withdrawal = await sdk.signAction(chain.supplier, reader, {
      escrow,
      action: { kind: "withdraw", token: chain.token, to: supplier },
    });
    const none = await sdk.submitSigned(stranger, reader, withdrawal).catch((e: unknown) => e);
    expect(sdk.revertOf(none)?.name).toBe("NothingToWithdraw");

    const nonce = withdrawal.signed.nonce;
    await sdk.waitForSuccess(reader, await sdk.invalidateNonces(chain.supplier, { escrow, word: nonce >> 8n, mask: 1n << (nonce & 255n) }));
    expect(await sdk.isNonceSpent(reader, { escrow, signer: supplier, nonce })).toBe(true);
  });

  it("answers a dispute on the supplier's signature, its fee by permit, carried over the relay codec", async () => {
    const { reader, escrow, stranger: relayer, deployer, buyer, token } = chain;
    const USD = (n: number) => BigInt(n) * 1_000_000n;
    for (const who of [buyer, chain.supplier]) {
      await sdk.waitForSuccess(reader, await sdk.mintMock(deployer, { token, to: who.account.address, amount: USD(1_000) }));
    }
    await sdk.waitForSuccess(reader, await sdk.approve(buyer, { token, spender: escrow, amount: USD(1_000) }));
    const jobId = await sdk.waitForJobId(reader, await sdk.postDirectHire(buyer, directHire(chain, { token, price: USD(100) })));
    await sdk.waitForSuccess(reader, await sdk.submitSigned(relayer, reader, await sdk.signAction(chain.supplier, reader, { escrow, action: deliverOf(jobId) })));
    const fee = await sdk.disputeFee(reader, { escrow, jobId });
    expect(fee).toBe(USD(2));
    await sdk.waitForSuccess(reader, await sdk.dispute(buyer, { escrow, jobId, statementURI: "ipfs://statement", token, fee }));

    const before = await supplierState();
    const answer = await sdk.signAction(chain.supplier, reader, { escrow, action: { kind: "respond", jobId, responseURI: "ipfs://answer" } });
    expect(answer.action).toMatchObject({ kind: "respond", milestone: 0, fee, feePermit: expect.any(Object) });
    const wire = sdk.signedActionFromJson(sdk.signedActionToJson(answer));
    expect(wire.action).toMatchObject({ kind: "respond", jobId, responseURI: "ipfs://answer", milestone: 0, fee, feePermit: { value: fee } });
    await sdk.waitForSuccess(reader, await sdk.submitSigned(relayer, reader, wire));
    const job = await sdk.readJob(reader, { escrow, jobId });
    expect(job.answered).toBe(true);
    expect(await supplierState()).toEqual(before); // no gas, no transaction
    expect(await sdk.balanceOf(reader, { token, account: supplier })).toBe(USD(1_000) - fee);

    // Signed for another fee: refused by name in the simulation, nothing sent.
    const again = await sdk.signAction(chain.supplier, reader, { escrow, action: { kind: "respond", jobId, responseURI: "ipfs://answer", fee: fee - 1n } });
    const refused = await sdk.submitSigned(relayer, reader, again).catch((e: unknown) => e);
    expect(sdk.revertOf(refused)?.name).toBe("InvalidSignature");
  });
});
