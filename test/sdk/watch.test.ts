// Subscriptions over a real `hardhat node`, the watcher reaching it through a TCP proxy that the test cuts in the
// middle of the traffic: nothing is missed, nothing repeated, order kept; cursors resume exactly; filters pick
// the right events.
import { type Server, type Socket, connect, createServer } from "node:net";
import {
  type Address,
  BaseError,
  type Hash,
  HttpRequestError,
  TimeoutError,
  createPublicClient,
  createTestClient,
  http,
  parseEther,
  parseUnits,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import {
  BLOCK_END,
  type LogPosition,
  type TenderEvent,
  type TenderFilter,
  anyOf,
  awardsTo,
  bidsOn,
  disputesNaming,
  newJobs,
  watchTender,
} from "@tender/sdk/watch";
import { type RunningNode, startNode } from "../helpers/node.ts";
import { freePort } from "../../scripts/dev/lib/ports.ts";

// ─── a TCP proxy the test can cut ────────────────────────────────────────────────────────────────────────────────

interface Proxy {
  url: string;
  /** Drops every open connection; "refuse" closes the listener (ECONNREFUSED), "reset" accepts and resets. */
  cut(how: "refuse" | "reset"): Promise<void>;
  restore(): Promise<void>;
  /** Breaks the next connection that carries a request for `method`: drops the request before it reaches the
   * node, or lets the node answer and cuts the response halfway. Resolves when it has happened. */
  failNext(method: string, phase: "request" | "response"): Promise<void>;
  close(): Promise<void>;
}

async function startProxy(targetPort: number): Promise<Proxy> {
  const port = await freePort();
  const open = new Set<Socket>();
  let down = false;
  let trap: { needle: string; phase: "request" | "response"; sprung: () => void } | undefined;
  const server: Server = createServer((client) => {
    if (down) {
      client.on("error", () => {});
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, "127.0.0.1");
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on("error", drop);
      socket.on("close", drop);
    }
    let truncate = false;
    client.on("data", (chunk: Buffer) => {
      if (trap && chunk.includes(trap.needle)) {
        const sprung = trap;
        trap = undefined;
        sprung.sprung();
        if (sprung.phase === "request") return drop();
        truncate = true;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!truncate) return void client.write(chunk);
      client.end(chunk.subarray(0, chunk.length >> 1));
      upstream.destroy();
    });
  });
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const closeListener = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const dropAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    async cut(how) {
      down = true;
      if (how === "refuse" && server.listening) {
        const closed = closeListener();
        dropAll();
        await closed;
      } else dropAll();
    },
    async restore() {
      if (!server.listening) await listen();
      down = false;
    },
    failNext(method, phase) {
      return new Promise<void>((resolve) => {
        trap = { needle: JSON.stringify(method), phase, sprung: resolve };
      });
    },
    async close() {
      dropAll();
      if (server.listening) await closeListener();
    },
  };
}

// ─── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

interface Positioned {
  eventName: string;
  args: unknown;
  address: Address;
  blockNumber: bigint;
  logIndex: number;
  transactionHash: Hash;
}

/** What a delivered event and the node's own decoding must agree on. */
const shape = (e: Positioned) => ({
  eventName: e.eventName,
  args: e.args,
  address: e.address.toLowerCase(),
  blockNumber: e.blockNumber,
  logIndex: e.logIndex,
  transactionHash: e.transactionHash,
});
const key = (e: LogPosition) => `${e.blockNumber}:${e.logIndex}`;
const byPosition = (a: LogPosition, b: LogPosition) =>
  a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1;
const jobIdOf = (e: TenderEvent) => ("jobId" in e.args ? e.args.jobId : undefined);
const isTransportError = (e: unknown) =>
  e instanceof BaseError && e.walk((cause) => cause instanceof HttpRequestError || cause instanceof TimeoutError) !== null;

const cursorJson = (c: LogPosition) => JSON.stringify({ blockNumber: c.blockNumber.toString(), logIndex: c.logIndex });
const cursorFromJson = (json: string): LogPosition => {
  const c = JSON.parse(json) as { blockNumber: string; logIndex: number };
  return { blockNumber: BigInt(c.blockNumber), logIndex: c.logIndex };
};

interface JobRecord {
  jobId: bigint;
  category: string;
  buyer: Address;
}

describe("watchTender over a flaky connection", () => {
  let node: RunningNode;
  let proxy: Proxy;
  let watchReader: sdk.Reader;
  let testClient: ReturnType<typeof createTestClient>;
  let escrow: Address;
  let registry: Address;
  let token: Address;
  let startBlock: bigint;
  let deployer: sdk.Writer, buyer1: sdk.Writer, buyer2: sdk.Writer, supplierA: sdk.Writer, supplierB: sdk.Writer;
  let arb1: sdk.Writer, arb2: sdk.Writer, treasury: sdk.Writer, stranger: sdk.Writer;
  const jobs: JobRecord[] = [];
  let rfqs: bigint[] = [];
  let hires: { jobId: bigint; buyer: Address; supplier: Address; arbitrator: Address }[] = [];

  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(node.reader, await hash);
  const spec = (category: string) => JSON.stringify({ version: 1, title: `A ${category} job`, category, task: "Do the work" });

  async function postRFQ(buyer: sdk.Writer, category: string): Promise<bigint> {
    const now = Number((await node.reader.getBlock()).timestamp);
    const jobId = await sdk.waitForJobId(
      node.reader,
      await sdk.postRFQ(buyer, {
        escrow,
        token: sdk.ETH,
        maxPrice: parseEther("0.1"),
        bidDeadline: now + sdk.DAY,
        awardWindow: 0,
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        mode: sdk.AwardMode.LowestPrice,
        arbitrator: arb1.account.address,
        defaultBuyerShareBps: 0,
        category,
        floors: sdk.NO_FLOORS,
        spec: spec(category),
      }),
    );
    jobs.push({ jobId, category, buyer: buyer.account.address });
    return jobId;
  }

  async function directHire(buyer: sdk.Writer, supplier: sdk.Writer, category: string, arbitrator: sdk.Writer) {
    const jobId = await sdk.waitForJobId(
      node.reader,
      await sdk.postDirectHire(buyer, {
        escrow,
        supplier: supplier.account.address,
        token,
        price: parseUnits("100", 6),
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        arbitrator: arbitrator.account.address,
        defaultBuyerShareBps: 0,
        category,
        spec: spec(category),
      }),
    );
    jobs.push({ jobId, category, buyer: buyer.account.address });
    return { jobId, buyer: buyer.account.address, supplier: supplier.account.address, arbitrator: arbitrator.account.address };
  }

  const bid = (supplier: sdk.Writer, jobId: bigint, eth: string) =>
    sdk.bid(supplier, { escrow, jobId, price: parseEther(eth), floors: sdk.NO_FLOORS, token: sdk.ETH, bond: 0n });
  const improve = (supplier: sdk.Writer, jobId: bigint, eth: string) =>
    sdk.improveBid(supplier, { escrow, jobId, price: parseEther(eth) });

  /** Sends each transaction with automining off, then mines them all in one block: blocks with several logs. */
  async function oneBlock(sends: (() => Promise<Hash>)[]) {
    await testClient.setAutomine(false);
    try {
      const hashes: Hash[] = [];
      for (const send of sends) hashes.push(await send());
      await testClient.mine({ blocks: 1 });
      const receipts = await Promise.all(hashes.map((hash) => sdk.waitForSuccess(node.reader, hash)));
      expect(new Set(receipts.map((r) => r.blockNumber)).size).toBe(1);
    } finally {
      await testClient.setAutomine(true);
    }
  }

  /** The node's own account of the escrow's and registry's events, decoded with the generated ABIs. */
  async function chainEvents(fromBlock: bigint, toBlock: bigint) {
    const [escrowEvents, registryEvents, raw] = await Promise.all([
      node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, fromBlock, toBlock }),
      node.reader.getContractEvents({ address: registry, abi: sdk.supplierRegistryAbi, fromBlock, toBlock }),
      node.reader.getLogs({ address: [escrow, registry], fromBlock, toBlock }),
    ]);
    expect(escrowEvents.length + registryEvents.length).toBe(raw.length);
    return [...escrowEvents, ...registryEvents].map(shape).sort(byPosition);
  }

  /** Runs a watcher over the history from `fromBlock` to the head and returns what it delivered. */
  async function collect(options: { filter?: TenderFilter; fromBlock?: bigint; after?: LogPosition }) {
    const got: TenderEvent[] = [];
    const watcher = watchTender(watchReader, {
      escrow,
      registry,
      fromBlock: options.fromBlock ?? startBlock,
      after: options.after,
      filter: options.filter,
      pollingInterval: 50,
      onEvents: (events) => {
        got.push(...events);
      },
    });
    const end = await watcher.caughtUp();
    await watcher.stop();
    return { got, end };
  }

  beforeAll(async () => {
    node = await startNode();
    [deployer, buyer1, buyer2, supplierA, supplierB, arb1, arb2, treasury, stranger] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(
      (i) => node.writer(i),
    ) as [sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer, sdk.Writer];
    testClient = createTestClient({ chain: node.chain, mode: "hardhat", transport: http(node.rpcUrl) });
    const deployment = await sdk.deployEscrow(deployer, node.reader, {
      owner: deployer.account.address,
      treasury: treasury.account.address,
      feeBps: 100,
    });
    ({ escrow, registry } = deployment);
    startBlock = BigInt(deployment.startBlock);
    token = await sdk.deployMockToken(deployer, node.reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
    for (const arbitrator of [arb1, arb2]) {
      await ok(sdk.registerArbitrator(arbitrator, { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms" }));
    }
    for (const buyer of [buyer1, buyer2]) {
      await ok(sdk.mintMock(deployer, { token, to: buyer.account.address, amount: parseUnits("100000", 6) }));
      await ok(sdk.approve(buyer, { token, spender: escrow, amount: 2n ** 255n }));
    }
    proxy = await startProxy(node.port);
    // viem's retries off: the watcher's own retry loop is what is under test.
    watchReader = createPublicClient({
      chain: node.chain,
      transport: http(proxy.url, { retryCount: 0, timeout: 5_000 }),
      pollingInterval: 50,
    }) as sdk.Reader;
  });

  afterAll(async () => {
    await proxy?.close();
    await node?.stop();
  });

  it("delivers every event exactly once, in order, through repeated connection cuts", async () => {
    const delivered: TenderEvent[] = [];
    const errors: unknown[] = [];
    const watcher = watchTender(watchReader, {
      escrow,
      registry,
      fromBlock: startBlock,
      maxBlockRange: 4,
      pollingInterval: 50,
      backoff: { initialMs: 50, maxMs: 400 },
      onEvents: (events) => {
        delivered.push(...events);
      },
      onError: (error) => errors.push(error),
    });

    // Outages of 300 ms, alternating refused connections and resets, one at a time. The traffic goes on sending
    // transactions (to the node directly) while the watcher's side is down.
    let cuts = 0;
    let restored: Promise<void> = Promise.resolve();
    const outage = async () => {
      await restored;
      await proxy.cut(cuts % 2 === 0 ? "refuse" : "reset");
      cuts += 1;
      restored = sleep(300).then(() => proxy.restore());
    };

    try {
      await oneBlock([
        () => sdk.registerSupplier(supplierA, { registry, profileURI: "ipfs://agent-a" }),
        () => sdk.registerSupplier(supplierB, { registry, profileURI: "ipfs://agent-b" }),
      ]);
      await outage();
      for (let i = 0; i < 6; i++) {
        rfqs.push(await postRFQ(i % 2 === 0 ? buyer1 : buyer2, i < 3 ? "text" : "code"));
        if (i === 2) await outage();
      }
      // A getLogs lost on its way to the node, and later one whose answer is cut halfway: the ranges they asked
      // for must be asked again, not skipped.
      const lostRequest = proxy.failNext("eth_getLogs", "request");
      for (let i = 0; i < rfqs.length; i += 2) {
        const [even, odd] = [rfqs[i]!, rfqs[i + 1]!];
        await oneBlock([() => bid(supplierA, even, "0.09"), () => bid(supplierB, odd, "0.08")]);
        if (i === 2) await outage();
        await ok(bid(supplierB, even, "0.08"));
        await ok(bid(supplierA, odd, "0.09"));
      }
      await lostRequest;
      const cutResponse = proxy.failNext("eth_getLogs", "response");
      // A undercuts B on even jobs and not on odd ones: each supplier wins some.
      for (const [i, jobId] of rfqs.entries()) await ok(improve(supplierA, jobId, i % 2 === 0 ? "0.07" : "0.085"));
      await outage();
      hires = [await directHire(buyer1, supplierA, "text", arb1), await directHire(buyer2, supplierB, "code", arb2)];
      for (const hire of hires) {
        const supplier = hire.supplier === supplierA.account.address ? supplierA : supplierB;
        const buyer = hire.buyer === buyer1.account.address ? buyer1 : buyer2;
        await ok(sdk.deliver(supplier, { escrow, jobId: hire.jobId, deliverableHash: sdk.specHash("work"), uri: "ipfs://work" }));
        const fee = await sdk.disputeFee(node.reader, { escrow, jobId: hire.jobId });
        await ok(sdk.dispute(buyer, { escrow, jobId: hire.jobId, statementURI: "ipfs://why", token, fee }));
      }
      await cutResponse;
      await outage();
      await testClient.increaseTime({ seconds: sdk.DAY + 1 });
      await testClient.mine({ blocks: 1 });
      for (const jobId of rfqs.slice(0, 3)) await ok(sdk.award(deployer, { escrow, jobId }));
      await outage();
      await oneBlock(rfqs.slice(3).map((jobId, i) => () => sdk.award([deployer, stranger, treasury][i]!, { escrow, jobId })));
    } finally {
      await restored;
    }

    const end = await watcher.caughtUp();
    await watcher.stop();
    expect(end.blockNumber).toBe(await node.reader.getBlockNumber({ cacheTime: 0 }));

    const expected = await chainEvents(startBlock, end.blockNumber);
    const got = delivered.map(shape);
    expect(new Set(got.map(key)).size).toBe(got.length); // nothing repeated
    expect([...got].sort(byPosition)).toEqual(got); // in chain order
    expect(got).toEqual(expected); // nothing missed, same decoding as the node's
    expect(got.length).toBeGreaterThanOrEqual(38);
    expect(cuts).toBe(6);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(isTransportError)).toBe(true);
  });

  it("resumes from a persisted cursor with no gap and no repeat", async () => {
    const fromBlock = (await node.reader.getBlockNumber({ cacheTime: 0 })) + 1n;
    const first: TenderEvent[] = [];
    const w1 = watchTender(watchReader, {
      escrow,
      registry,
      fromBlock,
      maxBlockRange: 2,
      pollingInterval: 50,
      onEvents: (events) => {
        first.push(...events);
      },
    });
    const jobA = await postRFQ(buyer1, "text");
    await ok(bid(supplierA, jobA, "0.05"));
    await w1.caughtUp();
    await ok(bid(supplierB, jobA, "0.04")); // the watcher may or may not get this one before it stops
    await w1.stop();
    const saved = cursorJson(w1.cursor());

    // While nobody watches:
    const jobB = await postRFQ(buyer2, "code");
    await oneBlock([() => bid(supplierA, jobB, "0.06"), () => improve(supplierA, jobA, "0.03")]);
    await ok(bid(supplierB, jobB, "0.05"));

    const rest: TenderEvent[] = [];
    const w2 = watchTender(watchReader, {
      escrow,
      registry,
      fromBlock,
      after: cursorFromJson(saved),
      maxBlockRange: 2,
      pollingInterval: 50,
      onEvents: (events) => {
        rest.push(...events);
      },
    });
    const end = await w2.caughtUp();
    await w2.stop();

    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(rest.length).toBeGreaterThanOrEqual(4);
    expect([...first, ...rest].map(shape)).toEqual(await chainEvents(fromBlock, end.blockNumber));
  });

  it("resumes after a position inside a block, and from a cursor of quiet blocks", async () => {
    const head = await node.reader.getBlockNumber({ cacheTime: 0 });
    const all = await chainEvents(startBlock, head);
    const shared = all.find((e, i) => all[i + 1]?.blockNumber === e.blockNumber)!;
    expect(shared).toBeDefined();
    // A consumer that persisted the position of the last event it processed:
    const { got } = await collect({ after: { blockNumber: shared.blockNumber, logIndex: shared.logIndex } });
    expect(got.map(shape)).toEqual(all.filter((e) => byPosition(e, shared) > 0));

    // Blocks with none of our logs move the cursor too, and resuming from it delivers nothing twice.
    await testClient.mine({ blocks: 3 });
    const quiet = await collect({});
    expect(quiet.end).toEqual({ blockNumber: head + 3n, logIndex: BLOCK_END });
    const again = await collect({ after: cursorFromJson(cursorJson(quiet.end)) });
    expect(again.got).toEqual([]);
  });

  it("delivers again the events a throwing handler refused", async () => {
    const calls: TenderEvent[][] = [];
    const accepted: TenderEvent[] = [];
    const errors: { message: string; attempt: number }[] = [];
    const watcher = watchTender(watchReader, {
      escrow,
      registry,
      fromBlock: startBlock,
      maxBlockRange: 10,
      pollingInterval: 50,
      backoff: { initialMs: 20 },
      onEvents: (events) => {
        calls.push(events);
        if (calls.length === 2) throw new Error("handler down");
        accepted.push(...events);
      },
      onError: (error, attempt) => errors.push({ message: (error as Error).message, attempt }),
    });
    const end = await watcher.caughtUp();
    await watcher.stop();
    expect(errors).toEqual([{ message: "handler down", attempt: 1 }]);
    expect(calls[2]!.map(shape)).toEqual(calls[1]!.map(shape));
    expect(accepted.map(shape)).toEqual(await chainEvents(startBlock, end.blockNumber));
  });

  it("stays behind the head by the confirmations asked for", async () => {
    const head = await node.reader.getBlockNumber({ cacheTime: 0 });
    const got: TenderEvent[] = [];
    const watcher = watchTender(watchReader, {
      escrow,
      fromBlock: startBlock,
      confirmations: 3,
      pollingInterval: 50,
      onEvents: (events) => {
        got.push(...events);
      },
    });
    const end = await watcher.caughtUp();
    await watcher.stop();
    expect(end).toEqual({ blockNumber: head - 3n, logIndex: BLOCK_END });
    expect(got.every((e) => e.blockNumber <= head - 3n)).toBe(true);
  });

  it("stops at once in the middle of a backoff, rejecting a pending caughtUp", async () => {
    await proxy.cut("refuse");
    try {
      const attempts: number[] = [];
      const watcher = watchTender(watchReader, {
        escrow,
        fromBlock: startBlock,
        backoff: { initialMs: 5_000 },
        onEvents: () => {},
        onError: (_, attempt) => attempts.push(attempt),
      });
      const pending = watcher.caughtUp();
      await until(() => attempts.length > 0);
      const t0 = Date.now();
      await watcher.stop();
      expect(Date.now() - t0).toBeLessThan(500);
      await expect(pending).rejects.toThrow(/stopped/);
      expect(attempts).toEqual([1]);
    } finally {
      await proxy.restore();
    }
  });

  describe("filters", () => {
    const positions = (events: { blockNumber: bigint; logIndex: number }[]) =>
      events.map((e) => ({ blockNumber: e.blockNumber, logIndex: e.logIndex })).sort(byPosition);

    it("new jobs in a category, or in any", async () => {
      const { got } = await collect({ filter: newJobs({ category: "text" }) });
      expect(got.every((e) => e.eventName === "RFQPosted" || e.eventName === "DirectHirePosted")).toBe(true);
      const text = jobs.filter((j) => j.category === "text").map((j) => j.jobId);
      expect(text.length).toBeGreaterThanOrEqual(5);
      expect(got.map(jobIdOf)).toEqual(text);

      const { got: every } = await collect({ filter: newJobs() });
      expect(every.map(jobIdOf)).toEqual(jobs.map((j) => j.jobId));
    });

    it("bids on a job, and on every job of a buyer", async () => {
      const jobId = rfqs[0]!;
      const { got } = await collect({ filter: bidsOn({ jobId }) });
      const [placed, improved] = await Promise.all([
        node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "BidPlaced", args: { jobId }, fromBlock: startBlock }),
        node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "BidImproved", args: { jobId }, fromBlock: startBlock }),
      ]);
      expect(placed.length + improved.length).toBe(3);
      expect(positions(got)).toEqual(positions([...placed, ...improved]));

      const mine = new Set(jobs.filter((j) => j.buyer === buyer2.account.address).map((j) => j.jobId));
      const { got: ofBuyer } = await collect({ filter: bidsOn({ buyer: buyer2.account.address, reader: watchReader, escrow }) });
      const allBids = [
        ...(await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "BidPlaced", fromBlock: startBlock })),
        ...(await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "BidImproved", fromBlock: startBlock })),
      ];
      const expected = allBids.filter((e) => mine.has(e.args.jobId!));
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(allBids.length);
      expect(positions(ofBuyer)).toEqual(positions(expected));
    });

    it("awards to a supplier: RFQs won and direct hires", async () => {
      const supplier = supplierA.account.address;
      const { got } = await collect({ filter: awardsTo(supplier) });
      const [awarded, hired] = await Promise.all([
        node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "JobAwarded", args: { supplier }, fromBlock: startBlock }),
        node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "DirectHirePosted", args: { supplier }, fromBlock: startBlock }),
      ]);
      expect(awarded.length).toBe(3);
      expect(hired.length).toBe(1);
      expect(positions(got)).toEqual(positions([...awarded, ...hired]));
    });

    it("disputes naming an account as arbitrator, buyer or supplier", async () => {
      const [first, second] = hires as [(typeof hires)[0], (typeof hires)[0]];
      const disputeOf = async (jobId: bigint) =>
        positions(
          await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "DisputeOpened", args: { jobId }, fromBlock: startBlock }),
        );
      const naming = async (account: Address) =>
        positions((await collect({ filter: disputesNaming({ account, reader: watchReader, escrow }) })).got);

      const [one, two] = [await disputeOf(first.jobId), await disputeOf(second.jobId)];
      expect(one.length).toBe(1);
      expect(await naming(arb1.account.address)).toEqual(one);
      expect(await naming(supplierA.account.address)).toEqual(one);
      expect(await naming(buyer2.account.address)).toEqual(two);
      expect(await naming(stranger.account.address)).toEqual([]);

      const supplier = supplierB.account.address;
      const { got } = await collect({ filter: anyOf(awardsTo(supplier), disputesNaming({ account: supplier, reader: watchReader, escrow })) });
      expect(got.map((e) => e.eventName)).toContain("DisputeOpened");
      expect(got.filter((e) => e.eventName === "JobAwarded")).toHaveLength(3);
    });
  });
});
