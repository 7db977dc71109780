// The state machine as data, checked against the contract: in every status, for every role, at every time edge of
// that status, jobActions says "allowed" exactly when simulating the action from that account succeeds. Accounts
// hold ETH and tokens with approvals in place, and every action gets valid arguments, so only the job's state and
// the time decide. The time is set as the next block's timestamp and the simulation runs against the pending
// block, which EDR builds with that timestamp (the test asserts pendingTime returns it).
import hre from "hardhat";
import { type Address, BaseError, ContractFunctionRevertedError, createPublicClient, custom, keccak256, parseEther, parseUnits, toBytes } from "viem";
import { beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { SPEC } from "../helpers/chain.ts";

const USD = (amount: string) => parseUnits(amount, 6);
const GRACE = 3 * sdk.DAY;
const ROLES = ["buyer", "supplier", "loser", "arbitrator", "stranger"] as const;
type Role = (typeof ROLES)[number];

/** Reverts that would mean the test, not the job's state, decided: bad arguments or missing money. */
const NOT_STATE = new Set([
  "ZeroPrice",
  "BidAboveMaximum",
  "FloorsMismatch",
  "RecordFloorNotMet",
  "MetricFloorNotMet",
  "NotAnImprovement",
  "InvalidRating",
  "EmptyDeliverable",
  "InvalidRuling",
  "InvalidClaimAmount",
  "WrongEthValue",
  "TokenAmountMismatch",
  "ERC20InsufficientAllowance",
  "ERC20InsufficientBalance",
  "EmptyCommitment",
  "CommitmentMismatch",
]);

type Connection = Awaited<ReturnType<typeof hre.network.create>>;

describe("jobActions against the contract", () => {
  let conn: Connection;
  let reader: sdk.Reader;
  let w: Record<Role | "deployer", sdk.Writer>;

  /** Deploys Tender, funds every account in ETH and tokens with approvals: the snapshot every scenario starts from. */
  async function base() {
    const deployment = await sdk.deployEscrow(w.deployer, reader, {
      owner: w.deployer.account.address,
      treasury: w.deployer.account.address,
      feeBps: 100,
      cancelGracePeriod: GRACE,
    });
    const escrow = deployment.escrow;
    const token = await sdk.deployMockToken(w.deployer, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
    const ok = async (hash: Promise<`0x${string}`>) => sdk.waitForSuccess(reader, await hash);
    await ok(sdk.registerArbitrator(w.arbitrator, { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));
    for (const role of ROLES) {
      await ok(sdk.mintMock(w.deployer, { token, to: w[role].account.address, amount: USD("1000000") }));
      await ok(sdk.approve(w[role], { token, spender: escrow, amount: 2n ** 255n }));
    }
    return { escrow, token };
  }

  beforeAll(async () => {
    conn = await hre.network.create();
    const clients = (await conn.viem.getWalletClients()) as unknown as sdk.Writer[];
    const [deployer, buyer, supplier, loser, arbitrator, stranger] = clients as [sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer];
    w = { deployer, buyer, supplier, loser, arbitrator, stranger };
    reader = (await conn.viem.getPublicClient()) as unknown as sdk.Reader;
  });

  // ---- building the states ----------------------------------------------------------------------------------------

  interface Ctx {
    escrow: Address;
    token: Address;
  }
  const ok = async (hash: Promise<`0x${string}`>) => sdk.waitForSuccess(reader, await hash);
  const latest = async () => Number((await reader.getBlock()).timestamp);
  const FLOORS: sdk.Floors = { ...sdk.NO_FLOORS, bondBps: 500 };

  const HOLDBACK: sdk.Warranty = { holdbackBps: 2_000, warrantyWindow: 7 * sdk.DAY, holdBond: false };

  async function postRFQ(c: Ctx, eth: boolean, mode: number, warranty?: sdk.Warranty): Promise<bigint> {
    return sdk.waitForJobId(
      reader,
      await sdk.postRFQ(w.buyer, {
        escrow: c.escrow,
        token: eth ? sdk.ETH : c.token,
        maxPrice: eth ? parseEther("0.5") : USD("500"),
        bidDeadline: (await latest()) + sdk.DAY,
        awardWindow: mode !== sdk.AwardMode.LowestPrice ? sdk.DAY : 0,
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        mode,
        arbitrator: w.arbitrator.account.address,
        defaultBuyerShareBps: 2_000,
        category: "text",
        floors: FLOORS,
        spec: SPEC,
        warranty,
      }),
    );
  }

  /** The supplier bids 80% of the maximum, the loser 90%: the supplier leads. */
  async function bids(c: Ctx, jobId: bigint) {
    const posted = await sdk.readRFQ(reader, { escrow: c.escrow, jobId });
    const bond = sdk.bondFor(posted.maxPrice, posted.floors);
    for (const [who, share] of [["supplier", 80n], ["loser", 90n]] as const) {
      await ok(sdk.bid(w[who], { escrow: c.escrow, jobId, price: (posted.maxPrice * share) / 100n, floors: posted.floors, token: posted.token, bond }));
    }
  }

  /** Each role's sealed bid on a job, as it commits and reveals it: the supplier at 80% of the maximum, the loser at
   * 90%, anyone else at 85%. */
  const SEALED_SHARE: Record<Role, bigint> = { buyer: 85n, supplier: 80n, loser: 90n, arbitrator: 85n, stranger: 85n };
  const openingOf = (c: Ctx, jobId: bigint, role: Role, maxPrice: bigint): sdk.SealedOpening => ({
    chainId: reader.chain.id,
    escrow: c.escrow,
    jobId,
    supplier: w[role].account.address,
    price: (maxPrice * SEALED_SHARE[role]) / 100n,
    salt: keccak256(toBytes(`salt of ${role}`)),
  });

  /** The supplier and the loser commit sealed bids; with `reveal`, bidding closes and the supplier reveals. */
  async function commits(c: Ctx, jobId: bigint, reveal: boolean) {
    const posted = await sdk.readRFQ(reader, { escrow: c.escrow, jobId });
    const bond = sdk.bondFor(posted.maxPrice, posted.floors);
    for (const who of ["supplier", "loser"] as const) {
      const commitment = sdk.sealedCommitment(openingOf(c, jobId, who, posted.maxPrice));
      await ok(sdk.commit(w[who], { escrow: c.escrow, jobId, commitment, floors: posted.floors, token: posted.token, bond }));
    }
    if (!reveal) return;
    await conn.networkHelpers.time.increaseTo(posted.bidDeadline);
    const o = openingOf(c, jobId, "supplier", posted.maxPrice);
    await ok(sdk.reveal(w.stranger, o));
  }

  async function awarded(c: Ctx, eth: boolean, warranty?: sdk.Warranty): Promise<bigint> {
    const jobId = await postRFQ(c, eth, sdk.AwardMode.LowestPrice, warranty);
    await bids(c, jobId);
    await conn.networkHelpers.time.increaseTo((await sdk.readJob(reader, { escrow: c.escrow, jobId })).deadline);
    await ok(sdk.award(w.stranger, { escrow: c.escrow, jobId }));
    return jobId;
  }

  async function directHire(c: Ctx, eth: boolean, warranty?: sdk.Warranty): Promise<bigint> {
    return sdk.waitForJobId(
      reader,
      await sdk.postDirectHire(w.buyer, {
        escrow: c.escrow,
        supplier: w.supplier.account.address,
        token: eth ? sdk.ETH : c.token,
        price: eth ? parseEther("0.3") : USD("300"),
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        arbitrator: w.arbitrator.account.address,
        defaultBuyerShareBps: 2_000,
        category: "text",
        spec: SPEC,
        warranty,
      }),
    );
  }

  const deliverArgs = (jobId: bigint) => ({ jobId, deliverableHash: keccak256(toBytes("work")), uri: "ipfs://work" });

  async function delivered(c: Ctx, jobId: bigint): Promise<bigint> {
    await ok(sdk.deliver(w.supplier, { escrow: c.escrow, ...deliverArgs(jobId) }));
    return jobId;
  }

  async function disputed(c: Ctx, jobId: bigint, answer: boolean): Promise<bigint> {
    const job = await sdk.readJob(reader, { escrow: c.escrow, jobId });
    const fee = await sdk.disputeFee(reader, { escrow: c.escrow, jobId });
    await ok(sdk.dispute(w.buyer, { escrow: c.escrow, jobId, statementURI: "ipfs://statement", token: job.token, fee }));
    if (answer) await ok(sdk.respond(w.supplier, { escrow: c.escrow, jobId, responseURI: "ipfs://response", token: job.token, fee }));
    return jobId;
  }

  /** A holdback job confirmed (part of its price held), then optionally claimed against and answered. */
  async function held(c: Ctx, jobId: bigint, claim: "none" | "filed" | "answered"): Promise<bigint> {
    await ok(sdk.deliver(w.supplier, { escrow: c.escrow, ...deliverArgs(jobId) }));
    await ok(sdk.confirm(w.buyer, { escrow: c.escrow, jobId, rating: 5 }));
    if (claim === "none") return jobId;
    const { amount } = await sdk.readHeld(reader, { escrow: c.escrow, jobId });
    await ok(sdk.claim(w.buyer, { escrow: c.escrow, jobId, asked: amount / 2n, statementURI: "ipfs://claim" }));
    if (claim === "answered") await ok(sdk.answerClaim(w.supplier, { escrow: c.escrow, jobId, responseURI: "ipfs://answer" }));
    return jobId;
  }

  const LP = sdk.AwardMode.LowestPrice;
  const BC = sdk.AwardMode.BuyerChoice;
  const SB = sdk.AwardMode.SealedLowestPrice;
  const SCENARIOS: { name: string; build: (c: Ctx) => Promise<bigint> }[] = [
    { name: "open, lowest price, no bids (ERC-20)", build: (c) => postRFQ(c, false, LP) },
    { name: "open, lowest price, bids (ETH)", build: async (c) => { const id = await postRFQ(c, true, LP); await bids(c, id); return id; } },
    { name: "open, buyer's choice, no bids (ETH)", build: (c) => postRFQ(c, true, BC) },
    { name: "open, buyer's choice, bids (ERC-20)", build: async (c) => { const id = await postRFQ(c, false, BC); await bids(c, id); return id; } },
    { name: "open, sealed bids, no commits (ERC-20)", build: (c) => postRFQ(c, false, SB) },
    { name: "open, sealed bids, two commits (ETH)", build: async (c) => { const id = await postRFQ(c, true, SB); await commits(c, id, false); return id; } },
    { name: "sealed bids revealing, one revealed (ERC-20)", build: async (c) => { const id = await postRFQ(c, false, SB); await commits(c, id, true); return id; } },
    { name: "awarded RFQ (ERC-20)", build: (c) => awarded(c, false) },
    { name: "awarded direct hire (ETH)", build: (c) => directHire(c, true) },
    { name: "delivered RFQ (ETH)", build: async (c) => delivered(c, await awarded(c, true)) },
    { name: "delivered direct hire (ERC-20)", build: async (c) => delivered(c, await directHire(c, false)) },
    { name: "disputed, unanswered (ERC-20)", build: async (c) => disputed(c, await delivered(c, await awarded(c, false)), false) },
    { name: "disputed, answered (ETH)", build: async (c) => disputed(c, await delivered(c, await awarded(c, true)), true) },
    { name: "disputed direct hire, answered (ERC-20)", build: async (c) => disputed(c, await delivered(c, await directHire(c, false)), true) },
    {
      name: "settled (ERC-20)",
      build: async (c) => { const id = await delivered(c, await awarded(c, false)); await ok(sdk.confirm(w.buyer, { escrow: c.escrow, jobId: id, rating: 5 })); return id; },
    },
    { name: "settled direct hire, part held under warranty (ERC-20)", build: async (c) => held(c, await directHire(c, false, HOLDBACK), "none") },
    { name: "held with the bond, claim filed (ETH RFQ)", build: async (c) => held(c, await awarded(c, true, { ...HOLDBACK, holdBond: true }), "filed") },
    { name: "held, claim answered (ERC-20 direct hire)", build: async (c) => held(c, await directHire(c, false, HOLDBACK), "answered") },
    {
      name: "refunded (ETH)",
      build: async (c) => {
        const id = await awarded(c, true);
        await conn.networkHelpers.time.increaseTo((await sdk.readJob(reader, { escrow: c.escrow, jobId: id })).deadline);
        await ok(sdk.refund(w.stranger, { escrow: c.escrow, jobId: id }));
        return id;
      },
    },
    {
      name: "cancelled after a lapsed award window (ERC-20)",
      build: async (c) => {
        const id = await postRFQ(c, false, BC);
        await bids(c, id);
        await conn.networkHelpers.time.increaseTo((await sdk.readRFQ(reader, { escrow: c.escrow, jobId: id })).awardDeadline);
        await ok(sdk.cancel(w.buyer, { escrow: c.escrow, jobId: id }));
        return id;
      },
    },
  ];

  // ---- simulating every action ------------------------------------------------------------------------------------

  /** The contract call for `action` by `role`, with arguments and value that are valid whenever the state allows. */
  function call(c: Ctx, jobId: bigint, role: Role, state: sdk.JobState, job: Awaited<ReturnType<typeof sdk.readJob>>, floors: sdk.Floors, action: sdk.JobAction) {
    const eth = job.token === sdk.ETH;
    const fee = (job.price * 200n) / 10_000n;
    const d = deliverArgs(jobId);
    const h = state.warranty?.held;
    const claimFee = state.warranty?.claim?.fee ?? (h ? sdk.computeClaimFee(h.amount + h.bond, 200) : 0n);
    const opening = openingOf(c, jobId, role, job.price);
    const args: Record<sdk.JobAction, { args: readonly unknown[]; value?: bigint }> = {
      bid: { args: [jobId, job.price, floors], value: eth ? sdk.bondFor(job.price, floors) : 0n },
      improveBid: { args: [jobId, state.ownBid && state.ownBid.price > 0n ? state.ownBid.price - 1n : 1n] },
      commit: { args: [jobId, sdk.sealedCommitment(opening), floors], value: eth ? sdk.bondFor(job.price, floors) : 0n },
      reveal: { args: [jobId, opening.supplier, opening.price, opening.salt] },
      award: { args: [jobId] },
      pick: { args: [jobId, state.rfq?.bestBid?.supplier ?? w.supplier.account.address] },
      cancel: { args: [jobId] },
      reclaimBond: { args: [jobId] },
      deliver: { args: [jobId, d.deliverableHash, d.uri] },
      decline: { args: [jobId] },
      refund: { args: [jobId] },
      confirm: { args: [jobId, 5] },
      dispute: { args: [jobId, "ipfs://statement"], value: eth ? fee : 0n },
      finalize: { args: [jobId] },
      respond: { args: [jobId, "ipfs://response"], value: eth ? fee : 0n },
      submitEvidence: { args: [jobId, "ipfs://evidence"] },
      rule: { args: [jobId, 7_000, keccak256(toBytes("reason"))] },
      settleDispute: { args: [jobId] },
      claim: { args: [jobId, 0n, h && h.amount > 0n ? h.amount : 1n, "ipfs://claim"], value: eth ? claimFee : 0n },
      agreeClaim: { args: [jobId, 0n] },
      answerClaim: { args: [jobId, 0n, "ipfs://answer"], value: eth ? claimFee : 0n },
      submitClaimEvidence: { args: [jobId, 0n, "ipfs://evidence"] },
      ruleClaim: { args: [jobId, 0n, 7_000, keccak256(toBytes("reason"))] },
      settleClaim: { args: [jobId, 0n] },
      waive: { args: [jobId, 0n] },
      returnHeld: { args: [jobId, 0n, 1n] },
      release: { args: [jobId, 0n] },
    };
    return { address: c.escrow, abi: sdk.tenderEscrowAbi, functionName: action, ...args[action] };
  }

  /** Undefined if the call would succeed in the pending block, else the revert's error name. */
  async function simulate(request: ReturnType<typeof call>, account: Address): Promise<string | undefined> {
    try {
      await reader.simulateContract({ ...(request as any), account, blockTag: "pending" });
      return undefined;
    } catch (error) {
      const reverted = error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
      return reverted instanceof ContractFunctionRevertedError ? (reverted.data?.errorName ?? `raw ${reverted.raw}`) : `not a revert: ${String(error).slice(0, 200)}`;
    }
  }

  /** The deadlines of a state, each checked a second before, at, and a second after. */
  function edges(state: sdk.JobState): number[] {
    const { job, rfq } = state;
    const ts: number[] = [];
    if (job.status === sdk.JobStatus.Open) {
      ts.push(job.deadline, job.deadline + GRACE);
      if (rfq?.mode === BC || rfq?.mode === SB) ts.push(rfq.awardDeadline, rfq.awardDeadline + GRACE);
    } else if ([sdk.JobStatus.Awarded, sdk.JobStatus.Delivered, sdk.JobStatus.Disputed].includes(job.status as 2)) {
      ts.push(job.deadline);
    }
    const warranty = state.warranty;
    if (warranty && sdk.isHeld(warranty.held)) ts.push(warranty.held.warrantyEndsAt);
    if (warranty?.claim && sdk.isClaimOpen(warranty.held)) ts.push(warranty.claim.deadline);
    return ts.flatMap((t) => [t - 1, t, t + 1]);
  }

  interface Case {
    scenario: string;
    role: Role;
    action: sdk.JobAction;
    t: number;
    model: sdk.ActionStatus;
    contract: string | undefined;
  }

  it("agrees with simulateContract in every status, for every role, at every time edge", async () => {
    const cases: Case[] = [];
    const started = Date.now();
    for (const scenario of SCENARIOS) {
      const c = await conn.networkHelpers.loadFixture(base);
      const jobId = await scenario.build(c);
      const job = await sdk.readJob(reader, { escrow: c.escrow, jobId });
      const floors = job.direct ? sdk.NO_FLOORS : (await sdk.readRFQ(reader, { escrow: c.escrow, jobId })).floors;
      const states = Object.fromEntries(
        await Promise.all(ROLES.map(async (role) => [role, await sdk.readJobState(reader, { escrow: c.escrow, jobId, account: w[role].account.address })] as const)),
      ) as Record<Role, sdk.JobState>;
      const first = (await latest()) + 1;
      const times = [...new Set([first, ...edges(states.stranger)])].filter((t) => t >= first).sort((a, b) => a - b);
      for (const t of times) {
        await conn.networkHelpers.time.setNextBlockTimestamp(t);
        expect(await sdk.pendingTime(reader)).toBe(t);
        await Promise.all(
          ROLES.flatMap((role) => {
            const account = w[role].account.address;
            const answers = sdk.jobActions(states[role], account, t);
            return answers.map(async (model) => {
              const contract = await simulate(call(c, jobId, role, states[role], job, floors, model.action), account);
              cases.push({ scenario: scenario.name, role, action: model.action, t, model, contract });
            });
          }),
        );
      }
      await conn.networkHelpers.mine(); // spends the pending timestamp before the next scenario reverts the chain
    }

    const show = (k: Case) => `${k.scenario} | ${k.role} ${k.action} @${k.t}: model ${k.model.allowed ? "allowed" : `refused (${(k.model as { reason: string }).reason})`}, contract ${k.contract ?? "ok"}`;
    // Only the state and the time may refuse: an argument or money error means the case itself is wrong.
    expect(cases.filter((k) => k.contract !== undefined && NOT_STATE.has(k.contract) || k.contract?.startsWith("not a revert") || k.contract?.startsWith("raw")).map(show)).toEqual([]);
    expect(cases.filter((k) => k.model.allowed !== (k.contract === undefined)).map(show)).toEqual([]);

    // Every time the model names is itself one of the edges, so its promise can be checked on the same cases.
    const at = new Map(cases.map((k) => [`${k.scenario}|${k.role}|${k.action}|${k.t}`, k]));
    const broken: string[] = [];
    for (const k of cases) {
      const key = (t: number) => at.get(`${k.scenario}|${k.role}|${k.action}|${t}`);
      if (k.model.allowed && k.model.until !== undefined) {
        if (key(k.model.until - 1)?.contract !== undefined) broken.push(`${show(k)}: refused a second before until`);
        const end = key(k.model.until);
        if (!end) broken.push(`${show(k)}: until ${k.model.until} was not sampled`);
        else if (end.contract === undefined) broken.push(`${show(k)}: still allowed at until`);
      }
      if (!k.model.allowed && k.model.allowedFrom !== undefined) {
        const from = key(k.model.allowedFrom);
        if (!from) broken.push(`${show(k)}: allowedFrom ${k.model.allowedFrom} was not sampled`);
        else if (from.contract !== undefined) broken.push(`${show(k)}: refused at allowedFrom`);
      }
    }
    expect(broken).toEqual([]);

    // Every action is allowed to somebody somewhere, and refused somewhere: the table is not vacuous.
    for (const action of sdk.JOB_ACTIONS) {
      expect(cases.some((k) => k.action === action && k.contract === undefined), `${action} never allowed`).toBe(true);
      expect(cases.some((k) => k.action === action && k.contract !== undefined), `${action} never refused`).toBe(true);
    }
    console.log(`lifecycle: ${cases.length} cases (${SCENARIOS.length} states) checked in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
});

// ---- the words and times people read ----------------------------------------------------------------------------

describe("jobActions' reasons and times", () => {
  const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as Address;
  const [buyer, supplier, arbitrator, stranger, bidder] = [A(1), A(2), A(3), A(4), A(5)];
  const ZERO = A(0);
  const base = (job: Partial<sdk.LifecycleJob>): sdk.JobState => ({
    job: { status: sdk.JobStatus.Open, buyer, supplier: ZERO, deadline: 10_000, direct: false, answered: false, ...job },
    arbitrator,
    cancelGracePeriod: 3 * sdk.DAY,
    rfq: { mode: sdk.AwardMode.LowestPrice, awardDeadline: 10_000 },
  });
  const one = (state: sdk.JobState, account: Address | undefined, now: number, action: sdk.JobAction) => sdk.jobAction(state, account, now, action);

  it("says who may, when the role is what is missing", () => {
    const delivered = base({ status: sdk.JobStatus.Delivered, supplier, deadline: 10_000 });
    expect(one(delivered, stranger, 9_400, "confirm")).toEqual({ action: "confirm", allowed: false, reason: "Only the buyer can confirm.", who: "buyer" });
    expect(one(delivered, undefined, 9_400, "dispute")).toEqual({ action: "dispute", allowed: false, reason: "Only the buyer can dispute.", who: "buyer" });
    expect(one(delivered, buyer, 9_400, "confirm")).toEqual({ action: "confirm", allowed: true, until: 10_000 });
    const disputed = base({ status: sdk.JobStatus.Disputed, supplier, deadline: 10_000 });
    expect(one(disputed, stranger, 9_000, "submitEvidence")).toMatchObject({ allowed: false, who: "party" });
    expect(one(disputed, supplier, 20_000, "submitEvidence")).toEqual({ action: "submitEvidence", allowed: true });
  });

  it("says from when, when only time is missing", () => {
    const delivered = base({ status: sdk.JobStatus.Delivered, supplier, deadline: 10_000 });
    expect(one(delivered, stranger, 9_400, "finalize")).toEqual({
      action: "finalize",
      allowed: false,
      reason: "The buyer may still confirm or dispute; anyone can finalize in 10 min.",
      allowedFrom: 10_000,
    });
    expect(one(delivered, stranger, 10_000, "finalize")).toEqual({ action: "finalize", allowed: true });
    expect(one(delivered, buyer, 10_000, "confirm")).toEqual({ action: "confirm", allowed: false, reason: "The review window closed just now." });

    // An RFQ nobody bid on: its buyer may cancel at once, anyone else a grace period after bidding closed.
    const open = base({});
    expect(one(open, buyer, 5_000, "cancel")).toEqual({ action: "cancel", allowed: true });
    expect(one(open, stranger, 10_000, "cancel")).toEqual({
      action: "cancel",
      allowed: false,
      reason: "Anyone can cancel once nobody bid and a grace period passed, in 3 d.",
      allowedFrom: 10_000 + 3 * sdk.DAY,
      who: "buyer",
    });
    expect(one(open, bidder, 9_999, "bid")).toEqual({ action: "bid", allowed: true, until: 10_000 });
    expect(one(open, bidder, 10_000, "bid")).toEqual({ action: "bid", allowed: false, reason: "Bidding closed just now." });

    // Buyer's choice with bids: the pick waits for bidding to close.
    const choice: sdk.JobState = { ...open, rfq: { mode: sdk.AwardMode.BuyerChoice, awardDeadline: 20_000, bestBid: { supplier: bidder, price: 5n } } };
    expect(one(choice, buyer, 9_000, "pick")).toEqual({
      action: "pick",
      allowed: false,
      reason: "The buyer picks once bidding closes, in 17 min.",
      allowedFrom: 10_000,
    });
    expect(one(choice, buyer, 19_999, "pick")).toEqual({ action: "pick", allowed: true, until: 20_000 });
    expect(one(choice, buyer, 19_999, "cancel")).toMatchObject({ allowed: false, allowedFrom: 20_000 });
    expect(one(choice, stranger, 19_999, "cancel")).toMatchObject({ allowed: false, allowedFrom: 20_000 + 3 * sdk.DAY });
    expect(one(choice, stranger, 19_999, "cancel")).not.toHaveProperty("who");
  });

  it("refuses what no time will allow, without a time", () => {
    const bidOn: sdk.JobState = { ...base({}), rfq: { mode: sdk.AwardMode.LowestPrice, awardDeadline: 10_000, bestBid: { supplier: bidder, price: 5n } } };
    expect(one(bidOn, buyer, 50_000, "cancel")).toEqual({
      action: "cancel",
      allowed: false,
      reason: "An RFQ that goes to the lowest bid cannot be cancelled once bid on: anyone can award it.",
    });
    const direct = base({ status: sdk.JobStatus.Awarded, supplier, direct: true });
    delete direct.rfq;
    expect(one(direct, buyer, 1, "cancel")).toEqual({ action: "cancel", allowed: false, reason: "A direct hire cannot be cancelled; its supplier may decline it." });
    expect(one(base({ status: sdk.JobStatus.None }), buyer, 1, "refund")).toEqual({ action: "refund", allowed: false, reason: "There is no job with this id." });
    expect(one(base({ status: sdk.JobStatus.Settled, supplier }), buyer, 1, "confirm")).toEqual({
      action: "confirm",
      allowed: false,
      reason: "Only a delivered job can be confirmed; this job is settled.",
    });
    expect(sdk.jobActions(base({}), undefined, 1).map((a) => a.action)).toEqual([...sdk.JOB_ACTIONS]);
  });
});

describe("pendingTime", () => {
  it("falls back to the latest block's time plus one on a node without a pending block", async () => {
    const client = createPublicClient({
      transport: custom({
        async request({ method, params }: { method: string; params: unknown[] }) {
          if (method !== "eth_getBlockByNumber") throw new Error(`unexpected ${method}`);
          if (params[0] === "pending") throw new Error("pending block not supported");
          return { number: "0x10", hash: `0x${"ab".repeat(32)}`, timestamp: "0x3e8", transactions: [] };
        },
      }, { retryCount: 0 }),
    }) as unknown as sdk.Reader;
    expect(await sdk.pendingTime(client)).toBe(1_001);
  });
});
