// Supplier agents end to end: two real `tender agent run` processes with competing strategies against a real
// `hardhat node`; a buyer posts RFQs through the SDK and reviews deliveries with the verifier. The full loop
// (RFQ → bids → award → work → delivery → payment; the loser takes its bond back), then a crash of the winner
// mid-job: restarted from its state file, it neither bids twice nor loses the job. Then held shares: the agent
// releases what a holdback job held once its warranty ends, and logs a claim without answering it.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewDelivery } from "../../scripts/agent/buyer/verifier.ts";
import type { AgentState } from "../../scripts/agent/supplier/state.ts";
import { transformSpec } from "../../scripts/dev/demo/transform-specs.ts";
import * as sdk from "@tender/sdk";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { openingStore } from "@tender/sdk/sealed-store";
import { startRelayer } from "../../scripts/relay/server.ts";
import { freePort } from "../../scripts/dev/lib/ports.ts";
import { type RunningNode, deployOnNode, startNode } from "../helpers/node.ts";

const USD = (amount: string) => parseUnits(amount, 6);

interface Agent {
  name: string;
  address: Address;
  child: ChildProcess;
  log: string;
  statePath: string;
}

describe("supplier agents", { timeout: 180_000 }, () => {
  let node: RunningNode;
  let dir: string;
  let deployment: sdk.Deployment;
  let token: Address;
  const agents: Agent[] = [];
  const ok = async (hash: Promise<`0x${string}`>) => sdk.waitForSuccess(node.reader, await hash);

  function configFor(name: string, strategy: object, prices: object): string {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify({ name, categories: ["text.transform"], worker: "text-transform", strategy, prices: { mUSD: prices }, maxJobs: 3, pollingInterval: 100 }));
    return file;
  }

  function run(name: string, index: number | `0x${string}`): Agent {
    const config = join(dir, `${name}.json`);
    const key = typeof index === "number" ? node.privateKey(index) : index;
    const child = spawn(process.execPath, ["scripts/cli/tender.ts", "agent", "run", "--config", config], {
      env: { ...process.env, TENDER_RPC_URL: node.rpcUrl, TENDER_DEPLOYMENTS_DIR: dir, TENDER_PRIVATE_KEY: key },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const agent: Agent = { name, address: privateKeyToAccount(key).address, child, log: "", statePath: join(dir, `${name}.state.json`) };
    child.stdout!.on("data", (chunk: Buffer) => (agent.log += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (agent.log += chunk.toString()));
    agents.push(agent);
    return agent;
  }

  async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${agents.map((a) => `--- ${a.name}\n${a.log}`).join("\n")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const advance = async (seconds: number) => {
    await node.reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
    await node.reader.request({ method: "evm_mine" as never, params: [] as never });
  };

  async function postRFQ(input: string): Promise<bigint> {
    const demo = transformSpec("sort-lines", input, "Sort the inventory");
    const now = Number((await node.reader.getBlock()).timestamp);
    return sdk.waitForJobId(
      node.reader,
      await sdk.postRFQ(node.writer(3), {
        escrow: deployment.escrow, token, maxPrice: USD("10"), bidDeadline: now + sdk.HOUR + 120, awardWindow: 0,
        deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: node.writer(2).account.address,
        defaultBuyerShareBps: 0, category: demo.category, floors: { ...sdk.NO_FLOORS, bondBps: 1_000 }, spec: demo.spec,
      }),
    );
  }

  const bidsOf = (jobId: bigint) => sdk.readBids(node.reader, { escrow: deployment.escrow, jobId });
  const placedBy = async (jobId: bigint, who: Address) =>
    (await node.reader.getContractEvents({ address: deployment.escrow, abi: sdk.tenderEscrowAbi, eventName: "BidPlaced", args: { jobId, supplier: who }, fromBlock: 0n })).length;

  beforeAll(async () => {
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-agents-"));
    const deployer = node.writer(0);
    ({ deployment, token } = await deployOnNode(node, dir));
    for (const index of [3, 10, 11]) await ok(sdk.mintMock(deployer, { token, to: node.writer(index).account.address, amount: USD("1000") }));
    await ok(sdk.approve(node.writer(3), { token, spender: deployment.escrow, amount: 2n ** 255n }));
    configFor("undercutter", { kind: "undercut", stepPct: 5 }, { cost: "2", floor: "3" });
    configFor("costplus", { kind: "cost-plus", marginPct: 25 }, { cost: "4", floor: "4.5" });
  });
  afterAll(async () => {
    for (const agent of agents) agent.child.kill("SIGKILL");
    await node?.stop();
  });

  it("compete for an RFQ: the undercutter wins, works, delivers and is paid; the loser takes its bond back", async () => {
    const undercutter = run("undercutter", 10);
    const costplus = run("costplus", 11);
    await until("both agents to start", async () => agents.every((a) => a.log.includes("is running")));
    const balanceBefore = await sdk.balanceOf(node.reader, { token, account: undercutter.address });

    const jobId = await postRFQ("pear\napple\nfig\napple\n");
    // cost-plus offers 4 × 1.25 = 5; the undercutter goes 5% under the best: 4.75.
    const bids = await until("the undercutter to lead", async () => {
      const bids = await bidsOf(jobId);
      return bids.length === 2 && bids[0]!.supplier === undercutter.address && bids[0]!.price === USD("4.75") ? bids : undefined;
    });
    expect(bids[1]).toMatchObject({ supplier: costplus.address, price: USD("5"), bond: USD("1") });

    await advance(sdk.HOUR + 180);
    // The leader awards itself once bidding closed, does the work and delivers.
    await until("the delivery", async () => (await sdk.readJob(node.reader, { escrow: deployment.escrow, jobId })).status === sdk.JobStatus.Delivered);
    const review = await reviewDelivery(node.writer(3), node.reader, { escrow: deployment.escrow, jobId });
    expect(review.decision, review.reason).toBe("confirmed");
    await until("the payment in the agent's log", async () => undercutter.log.includes(`paid 4.70`));

    // Paid 4.75 less the 1% protocol fee, with its 1 mUSD bond back; the loser's bond came back too.
    expect(await sdk.balanceOf(node.reader, { token, account: undercutter.address })).toBe(balanceBefore + USD("4.7025"));
    await until("the loser's bond", async () => (await sdk.balanceOf(node.reader, { token, account: costplus.address })) === USD("1000"));
    expect(costplus.log).toMatch(/lost job \d+ to 0x/);
    expect(costplus.log).not.toMatch(/paid/); // the loser is not the job's supplier: nothing of the payment is its
    const state = JSON.parse(readFileSync(undercutter.statePath, "utf8")) as AgentState;
    expect(state.jobs[String(jobId)]).toMatchObject({ phase: "paid", earned: String(USD("4.7025")) });
  });

  it("picks a job back up after a crash, without bidding twice", async () => {
    const undercutter = agents.find((a) => a.name === "undercutter")!;
    const jobId = await postRFQ("kiwi\nbanana\ncherry\n");
    await until("the undercutter to lead", async () => {
      const [best] = await bidsOf(jobId);
      return best?.supplier === undercutter.address && best.price === USD("4.75");
    });
    await until("its state file to record the bid", async () => {
      const state = JSON.parse(readFileSync(undercutter.statePath, "utf8")) as AgentState;
      return state.jobs[String(jobId)]?.phase === "bidding";
    });

    // Crash right after the bid was mined, before the state file recorded anything about this job: the state
    // is rolled back to before the RFQ, as the crash would have left it. The job is awarded while it is down.
    undercutter.child.kill("SIGKILL");
    await new Promise((resolve) => undercutter.child.once("exit", resolve));
    const [posting] = await node.reader.getContractEvents({ address: deployment.escrow, abi: sdk.tenderEscrowAbi, eventName: "RFQPosted", args: { jobId }, fromBlock: 0n });
    const crashed = JSON.parse(readFileSync(undercutter.statePath, "utf8")) as AgentState;
    delete crashed.jobs[String(jobId)];
    crashed.cursor = { blockNumber: String(posting!.blockNumber - 1n), logIndex: 1_000 };
    writeFileSync(undercutter.statePath, JSON.stringify(crashed));
    await advance(sdk.HOUR + 180);
    await ok(sdk.award(node.writer(3), { escrow: deployment.escrow, jobId }));

    const restarted = run("undercutter", 10);
    await until("the delivery after the restart", async () => (await sdk.readJob(node.reader, { escrow: deployment.escrow, jobId })).status === sdk.JobStatus.Delivered);
    expect(await placedBy(jobId, undercutter.address)).toBe(1); // the bid on the chain was adopted, not repeated
    expect(restarted.log).toMatch(new RegExp(`adopted its bid of 4\\.75 mUSD on job ${jobId} \\(won\\)`));
    const review = await reviewDelivery(node.writer(3), node.reader, { escrow: deployment.escrow, jobId });
    expect(review.decision, review.reason).toBe("confirmed");
    await until("the payment", async () => restarted.log.includes(`paid 4.70`));
    // Every job of the first run is still known, none was bid on again.
    const first = (await node.reader.getContractEvents({ address: deployment.escrow, abi: sdk.tenderEscrowAbi, eventName: "BidPlaced", args: { supplier: undercutter.address }, fromBlock: 0n })).length;
    expect(first).toBe(2);

    // A graceful stop saves the state and exits 0.
    restarted.child.kill("SIGINT");
    const code = await new Promise((resolve) => restarted.child.once("exit", resolve));
    expect(code).toBe(0);
    expect(restarted.log).toMatch(/undercutter stopped; state in .* \(2 jobs, 2 paid\)/);
  });

  it("releases its held share once the warranty ends, and leaves a claim to its operator", async () => {
    const costplus = agents.find((a) => a.name === "costplus")!;
    const { escrow } = deployment;
    const hire = async (input: string) => {
      const demo = transformSpec("sort-lines", input, "Sort the inventory");
      return sdk.waitForJobId(node.reader, await sdk.postDirectHire(node.writer(3), {
        escrow, supplier: costplus.address, token, price: USD("5"), deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: node.writer(2).account.address, defaultBuyerShareBps: 0, category: demo.category, spec: demo.spec,
        warranty: { holdbackBps: 2_000, warrantyWindow: sdk.HOUR, holdBond: false },
      }));
    };
    const [released, claimed] = [await hire("b\na\n"), await hire("d\nc\n")];
    for (const jobId of [released, claimed]) {
      await until(`the delivery of job ${jobId}`, async () => (await sdk.readJob(node.reader, { escrow, jobId })).status === sdk.JobStatus.Delivered);
      await ok(sdk.confirm(node.writer(3), { escrow, jobId, rating: 5 }));
    }
    await until("the held shares in the agent's log", async () => costplus.log.includes(`job ${claimed}: 1 mUSD held under warranty`));
    await ok(sdk.claim(node.writer(3), { escrow, jobId: claimed, asked: USD("0.5"), statementURI: "ipfs://claim" }));
    await until("the claim in the agent's log", async () => costplus.log.includes(`claim on job ${claimed}: the buyer asks 0.5 mUSD of the held share`));

    const before = await sdk.balanceOf(node.reader, { token, account: costplus.address });
    await advance(sdk.HOUR + 1);
    await until("the release", async () => (await sdk.readHeld(node.reader, { escrow, jobId: released })).amount === 0n);
    expect(await sdk.balanceOf(node.reader, { token, account: costplus.address })).toBe(before + USD("0.99")); // 1 mUSD held, less 1%
    await until("the payout in the agent's log", async () => costplus.log.includes(`held share of job ${released} paid out (released): 0.99 mUSD`));
    // The claimed share stays held, its claim unanswered: answering it is the operator's call.
    expect(await sdk.readHeld(node.reader, { escrow, jobId: claimed })).toMatchObject({ amount: USD("1"), claim: sdk.ClaimStatus.Filed });
    const state = JSON.parse(readFileSync(costplus.statePath, "utf8")) as AgentState;
    expect(state.jobs[String(released)]).toMatchObject({ phase: "paid", earned: String(USD("3.96") + USD("0.99")) });
    expect(state.jobs[String(released)]!.held).toBeUndefined();
    expect(state.jobs[String(claimed)]!.held).toMatchObject({ amount: String(USD("1")), claim: "filed" });
  });

  it("works a job in milestones one milestone at a time, and releases each milestone's held share", async () => {
    const costplus = agents.find((a) => a.name === "costplus")!;
    const { escrow } = deployment;
    const demo = transformSpec("sort-lines", "z\ny\nx\n", "Sort the inventory");
    const jobId = await sdk.waitForJobId(node.reader, await sdk.postDirectHireInMilestones(node.writer(3), {
      escrow, supplier: costplus.address, token, price: USD("6"), deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
      arbitrator: node.writer(2).account.address, defaultBuyerShareBps: 0, category: demo.category, spec: demo.spec,
      warranty: { holdbackBps: 2_000, warrantyWindow: sdk.HOUR, holdBond: false },
      milestones: [{ shareBps: 5_000, deliveryWindow: sdk.DAY }, { shareBps: 5_000, deliveryWindow: 2 * sdk.DAY }],
    }));
    for (const milestone of [0, 1]) {
      await until(`the delivery of milestone ${milestone + 1}`, async () => {
        const [job, plan] = await Promise.all([sdk.readJob(node.reader, { escrow, jobId }), sdk.readMilestones(node.reader, { escrow, jobId })]);
        return job.status === sdk.JobStatus.Delivered && plan!.current === milestone;
      });
      // Each milestone's delivery passes the buyer's review of the job's spec (the worker did the job's transform),
      // which confirms it: with rating 0 before the last milestone.
      const review = await reviewDelivery(node.writer(3), node.reader, { escrow, jobId, rating: 4 });
      expect(review.decision, review.reason).toBe("confirmed");
      const [settled] = (await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "MilestoneSettled", args: { jobId }, fromBlock: 0n })).slice(-1);
      expect(settled!.args.milestone).toBe(BigInt(milestone));
    }
    const [rated] = await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "JobSettled", args: { jobId }, fromBlock: 0n });
    expect(rated!.args.rating).toBe(4);
    expect(costplus.log).toContain(`delivered milestone 1 of 2 of job ${jobId}`);
    await until("the second held share in the agent's log", async () => costplus.log.includes(`job ${jobId} (milestone 2): 0.6 mUSD held under warranty`));
    expect(costplus.log).toMatch(new RegExp(`delivered milestone 2 of 2 of job ${jobId}`));
    expect(costplus.log).toContain(`milestone 1 of 2 of job ${jobId} settled: 2.376 mUSD paid now (of 3 mUSD)`);

    await advance(sdk.HOUR + 1);
    await until("both held shares released", async () => {
      const held = await Promise.all([0, 1].map((payment) => sdk.readHeld(node.reader, { escrow, jobId, payment })));
      return held.every((h) => h.amount === 0n);
    });
    await until("the payouts in the agent's state", async () => {
      const job = (JSON.parse(readFileSync(costplus.statePath, "utf8")) as AgentState).jobs[String(jobId)];
      return job?.phase === "paid" && Object.keys(job.heldParts ?? {}).length === 0 && job;
    }).then((job) => {
      // 2 × (3 mUSD less 0.6 held, less 1%), then 2 × 0.6 released, less 1%.
      expect(job).toMatchObject({ phase: "paid", earned: String(USD("5.94")), milestones: { count: 2, current: 1 } });
    });
    expect(costplus.log).toContain(`held share of job ${jobId} (milestone 1) paid out (released): 0.594 mUSD`);
  });

  it("holds no ETH at all and still wins and is paid: its bid (bond by permit) and delivery go through two relayers", async () => {
    const { escrow } = deployment;
    const key = generatePrivateKey();
    const me = privateKeyToAccount(key).address;
    await ok(sdk.mintMock(node.writer(0), { token, to: me, amount: USD("100") }));
    // A floor only this agent meets (an attested metric), so the running agents leave the RFQ to it.
    const attestor = node.writer(4);
    const metric = sdk.metricId("benchmark.gasless");
    await ok(sdk.attest(attestor, { registry: deployment.registry, supplier: me, metric: "benchmark.gasless", value: 1n, validUntil: 2 ** 39 }));
    const relayers = await Promise.all([12, 13].map((index) => startRelayer({ reader: node.reader, writer: node.writer(index), escrow })));
    try {
      const file = join(dir, "gasless.json");
      writeFileSync(file, JSON.stringify({ name: "gasless", categories: ["text.transform"], worker: "text-transform", strategy: { kind: "cost-plus", marginPct: 10 }, prices: { mUSD: { cost: "2", floor: "2" } }, pollingInterval: 100, relayers: relayers.map((r) => r.url) }));
      const agent = run("gasless", key);
      await until("the agent to start", async () => agent.log.includes("is running"));

      const demo = transformSpec("sort-lines", "c\nb\na\n", "Sort the inventory");
      const now = Number((await node.reader.getBlock()).timestamp);
      const jobId = await sdk.waitForJobId(node.reader, await sdk.postRFQ(node.writer(3), {
        escrow, token, maxPrice: USD("10"), bidDeadline: now + sdk.HOUR + 120, awardWindow: 0,
        deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: node.writer(2).account.address,
        defaultBuyerShareBps: 0, category: demo.category, spec: demo.spec,
        floors: { ...sdk.NO_FLOORS, bondBps: 1_000, metrics: [{ attestor: attestor.account.address, comparison: sdk.Comparison.AtLeast, metric, threshold: 1n }] },
      }));
      await until("its bid", async () => (await bidsOf(jobId)).find((b) => b.supplier === me));
      expect((await bidsOf(jobId)).map((b) => b.supplier)).toEqual([me]);
      expect(await sdk.balanceOf(node.reader, { token, account: me })).toBe(USD("99")); // its 1 mUSD bond, by permit

      await advance(sdk.HOUR + 180);
      await ok(sdk.award(node.writer(3), { escrow, jobId })); // an award is anyone's transaction; the agent has no gas for one
      await until("the delivery", async () => (await sdk.readJob(node.reader, { escrow, jobId })).status === sdk.JobStatus.Delivered);
      const review = await reviewDelivery(node.writer(3), node.reader, { escrow, jobId });
      expect(review.decision, review.reason).toBe("confirmed");
      await until("the payment in the agent's log", async () => agent.log.includes("paid 2.17"));

      // 2.2 less the 1% fee, and the bond back; not a wei of ETH and not one transaction of its own.
      expect(await sdk.balanceOf(node.reader, { token, account: me })).toBe(USD("100") + USD("2.178"));
      expect(await node.reader.getBalance({ address: me })).toBe(0n);
      expect(await node.reader.getTransactionCount({ address: me })).toBe(0);
      const carried = [...relayers[0]!.gasBySigner().values(), ...relayers[1]!.gasBySigner().values()].reduce((a, b) => a + b, 0n);
      expect(carried).toBeGreaterThan(0n);
    } finally {
      await Promise.all(relayers.map((r) => r.close()));
    }
  });

  it("bids sealed with no ETH: commits through relayers, survives a kill -9 before its reveal, reveals from its saved opening, wins and is paid", async () => {
    const { escrow } = deployment;
    const key = generatePrivateKey();
    const me = privateKeyToAccount(key).address;
    await ok(sdk.mintMock(node.writer(0), { token, to: me, amount: USD("100") }));
    const attestor = node.writer(4);
    const metric = sdk.metricId("benchmark.sealed");
    await ok(sdk.attest(attestor, { registry: deployment.registry, supplier: me, metric: "benchmark.sealed", value: 1n, validUntil: 2 ** 39 }));
    const relayers = await Promise.all([12, 13].map((index) => startRelayer({ reader: node.reader, writer: node.writer(index), escrow })));
    try {
      const file = join(dir, "sealed.json");
      writeFileSync(file, JSON.stringify({ name: "sealed", categories: ["text.transform"], worker: "text-transform", strategy: { kind: "cost-plus", marginPct: 10 }, prices: { mUSD: { cost: "2", floor: "2" } }, pollingInterval: 100, relayers: relayers.map((r) => r.url) }));
      const first = run("sealed", key);
      await until("the agent to start", async () => first.log.includes("is running"));

      const demo = transformSpec("sort-lines", "z\ny\nx\n", "Sort the inventory");
      const now = Number((await node.reader.getBlock()).timestamp);
      const jobId = await sdk.waitForJobId(node.reader, await sdk.postRFQ(node.writer(3), {
        escrow, token, maxPrice: USD("10"), bidDeadline: now + sdk.HOUR + 120, awardWindow: sdk.HOUR,
        deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode: sdk.AwardMode.SealedLowestPrice, arbitrator: node.writer(2).account.address,
        defaultBuyerShareBps: 0, category: demo.category, spec: demo.spec,
        floors: { ...sdk.NO_FLOORS, bondBps: 1_000, metrics: [{ attestor: attestor.account.address, comparison: sdk.Comparison.AtLeast, metric, threshold: 1n }] },
      }));
      const bid = await until("its sealed commit", async () => {
        const b = await sdk.readBid(node.reader, { escrow, jobId, supplier: me });
        return b.unrevealed ? b : undefined;
      });
      expect(bid.price).toBe(0n); // nothing of its price on chain
      // Logged once its state file has the job (after the relayers answered): the commit is mined before that.
      await until("its log of the commit", async () => first.log.includes(`committed a sealed bid of 2.2 mUSD on job ${jobId}`));
      const openings = openingStore(`${first.statePath}.openings`);
      expect(openings.get({ chainId: node.reader.chain.id, escrow, jobId, supplier: me })?.price).toBe(USD("2.2"));

      // Killed before bidding closes; restarted after: it reveals from the opening it saved before committing.
      first.child.kill("SIGKILL");
      await new Promise((resolve) => first.child.once("exit", resolve));
      await advance(sdk.HOUR + 180);
      const second = run("sealed", key);
      await until("its reveal", async () => second.log.includes(`revealed its sealed bid of 2.2 mUSD on job ${jobId}`));
      expect(openings.get({ chainId: node.reader.chain.id, escrow, jobId, supplier: me })).toBeUndefined();
      const [leader, price] = await sdk.readBestBid(node.reader, { escrow, jobId });
      expect([leader, price]).toEqual([me, USD("2.2")]);

      await advance(sdk.HOUR);
      await ok(sdk.award(node.writer(3), { escrow, jobId }));
      await until("the delivery", async () => (await sdk.readJob(node.reader, { escrow, jobId })).status === sdk.JobStatus.Delivered);
      const review = await reviewDelivery(node.writer(3), node.reader, { escrow, jobId });
      expect(review.decision, review.reason).toBe("confirmed");
      await until("the payment in the agent's log", async () => second.log.includes("paid 2.17"));
      expect(await sdk.balanceOf(node.reader, { token, account: me })).toBe(USD("100") + USD("2.178"));
      expect(await node.reader.getTransactionCount({ address: me })).toBe(0);
      expect(await node.reader.getBalance({ address: me })).toBe(0n);
      second.child.kill("SIGTERM");
    } finally {
      await Promise.all(relayers.map((r) => r.close()));
    }
  });

  it("answers a dispute with no ETH: its signed answer (the fee by permit) goes through both relayers", async () => {
    const { escrow } = deployment;
    const key = generatePrivateKey();
    const me = privateKeyToAccount(key).address;
    await ok(sdk.mintMock(node.writer(0), { token, to: me, amount: USD("100") }));
    const relayers = await Promise.all([12, 13].map((index) => startRelayer({ reader: node.reader, writer: node.writer(index), escrow })));
    try {
      writeFileSync(join(dir, "answering.json"), JSON.stringify({ name: "answering", categories: ["text.transform"], worker: "text-transform", strategy: { kind: "cost-plus", marginPct: 10 }, prices: { mUSD: { cost: "2", floor: "2" } }, pollingInterval: 100, relayers: relayers.map((r) => r.url) }));
      const agent = run("answering", key);
      await until("the agent to start", async () => agent.log.includes("is running"));
      const demo = transformSpec("sort-lines", "m\nl\nk\n", "Sort the inventory");
      const jobId = await sdk.waitForJobId(node.reader, await sdk.postDirectHire(node.writer(3), {
        escrow, supplier: me, token, price: USD("10"), deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: node.writer(2).account.address, defaultBuyerShareBps: 0, category: demo.category, spec: demo.spec,
      }));
      await until("the delivery", async () => (await sdk.readJob(node.reader, { escrow, jobId })).status === sdk.JobStatus.Delivered);
      const fee = await sdk.disputeFee(node.reader, { escrow, jobId });
      await ok(sdk.dispute(node.writer(3), { escrow, jobId, statementURI: "ipfs://not-what-i-asked", token, fee }));
      await until("its answer", async () => (await sdk.readJob(node.reader, { escrow, jobId })).answered);
      await until("its log of the answer", async () => agent.log.includes(`answered the dispute on job ${jobId}`));
      expect(await sdk.balanceOf(node.reader, { token, account: me })).toBe(USD("100") - fee); // the fee, by permit
      expect(await node.reader.getTransactionCount({ address: me })).toBe(0);
      expect(await node.reader.getBalance({ address: me })).toBe(0n);
      agent.child.kill("SIGTERM");
    } finally {
      await Promise.all(relayers.map((r) => r.close()));
    }
  });

  it("skips a trap RFQ by its safety rule, naming it: a 100% bond, a 365-day award window, an hour to deliver", async () => {
    const demo = transformSpec("sort-lines", "q\np\n", "Sort the inventory");
    const now = Number((await node.reader.getBlock()).timestamp);
    const jobId = await sdk.waitForJobId(node.reader, await sdk.postRFQ(node.writer(3), {
      escrow: deployment.escrow, token, maxPrice: USD("10"), bidDeadline: now + sdk.HOUR + 120, awardWindow: 365 * sdk.DAY,
      deliveryWindow: sdk.HOUR, reviewWindow: sdk.DAY, mode: sdk.AwardMode.BuyerChoice, arbitrator: node.writer(2).account.address,
      defaultBuyerShareBps: 0, category: demo.category, floors: { ...sdk.NO_FLOORS, bondBps: 10_000 }, spec: demo.spec,
    }));
    const running = agents.filter((a) => a.child.exitCode === null && a.child.signalCode === null);
    expect(running.length).toBeGreaterThanOrEqual(2);
    for (const agent of running) {
      await until(`${agent.name} to skip the trap`, async () => agent.log.includes(`skipping job ${jobId}: refused by its safety rule bond-share: a bond of 100% of the maximum price`));
    }
    expect(await bidsOf(jobId)).toEqual([]);
  });

  it("serves its agent card (the A2A shape) at the URI it registers as its supplier profile", async () => {
    const file = join(dir, "carded.json");
    writeFileSync(file, JSON.stringify({ name: "carded", categories: ["text.transform"], worker: "text-transform", strategy: { kind: "cost-plus", marginPct: 10 }, prices: { mUSD: { cost: "2", floor: "2" } }, pollingInterval: 100, card: { port: await freePort(), description: "Sorts and dedupes text." } }));
    const agent = run("carded", 14);
    const url = await until("its card", async () => /serving its agent card at (\S+)/.exec(agent.log)?.[1]);
    await until("its registration", async () => agent.log.includes("registered its agent card with the supplier registry"));
    const card = (await (await fetch(url)).json()) as Record<string, unknown> & { skills: { id: string }[]; tender: { supplier: string; escrow: string; acceptedTokens: { symbol: string }[]; reach: { http: string } } };
    expect(card).toMatchObject({ name: "carded", description: "Sorts and dedupes text.", url, defaultInputModes: ["application/json"], capabilities: { streaming: false } });
    expect(card.skills.map((s) => s.id)).toEqual(["text.transform"]);
    expect(card.tender).toMatchObject({ supplier: agent.address, escrow: deployment.escrow, acceptedTokens: [{ symbol: "mUSD" }], reach: { http: url } });
    const profile = await sdk.readProfile(node.reader, { registry: deployment.registry, supplier: agent.address });
    expect(profile.profileURI).toBe(url);
    agent.child.kill("SIGTERM");
  });
});
