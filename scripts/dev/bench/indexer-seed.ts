// What the indexer benchmarks index, written through the SDK from many accounts on the bench node:
// - setupMarket: Tender deployed, a mock stablecoin, three arbitrators (one retired), buyers and suppliers funded,
//   approved, registered and attested;
// - seedMarket: waves of jobs that take every path a job can take (direct hires confirmed, finalized, declined,
//   refunded, paid to a receiver that refuses ETH and withdrawn; RFQs awarded at the lowest bid, picked, cancelled
//   before any bid, lapsed; disputes ruled, unanswered, left unruled), plus registry and owner events, until the chain
//   holds the events asked for. Automine is off: each phase's transactions are sent together and mined ~100 events
//   per block (`evm_mine`), as a busy chain would pack them;
// - seedJobs: many jobs posted in full blocks (fixed gas, no estimation), for the API benchmark.
import { type Address, type Hash, decodeEventLog, decodeFunctionData, numberToHex } from "viem";
import * as sdk from "@tender/sdk";
import type { BenchChain } from "./indexer-chain.ts";

export interface Market {
  deployment: sdk.Deployment;
  escrow: Address;
  registry: Address;
  usd: Address;
  owner: { current: Address; other: Address };
  treasury: Address[];
  /** A rules within a day, B within an hour (its disputes go unruled), C retired. */
  arbitrators: { a: Address; b: Address; c: Address };
  attestor: Address;
  keeper: Address;
  buyers: Address[];
  suppliers: Address[];
  /** A supplier whose code is swapped for REVERT while it is paid: its payments become credits. */
  refuser: Address;
}

export const CATEGORIES = ["code", "text", "data", "image", "audio", "research", "translate", "review", "ops", "design"];
const HUGE = 2n ** 255n;
const USD = 1_000_000n; // 6 decimals

/** A spec the SDK accepts, with a unique title. */
export const specFor = (category: string, title: string) =>
  JSON.stringify({ version: 1, title, category, task: `Do ${title} well`, inputs: [], acceptance: [] });

interface Action {
  /** Tender events the transaction emits (the check at the end counts them on-chain). */
  events: number;
  send: () => Promise<Hash>;
}

/** Sends `actions` in blocks of about `perBlock` events each (automine off), mining each block; returns the hashes
 * in order. A phase of N events takes round(N / perBlock) blocks (at least one; one more per 250 transactions when
 * it holds many that emit nothing), split evenly by events: about `perBlock` events a block, never a nearly empty
 * tail. A transaction that would revert fails here, at its gas estimate; a block that cannot hold its share spills
 * into the next one. */
async function inBlocks(chain: BenchChain, actions: Action[], perBlock: number, concurrency = 64): Promise<Hash[]> {
  const total = actions.reduce((sum, a) => sum + a.events, 0);
  const blocks = Math.max(1, Math.round(total / perBlock), Math.ceil(actions.length / 250));
  const chunks: Action[][] = [[]];
  let seen = 0;
  for (const action of actions) {
    // Cut where the events so far pass the next k/blocks share (or the transaction count its share).
    const k = chunks.length;
    if (chunks.length < blocks && chunks.at(-1)!.length > 0 && (total > 0 ? seen >= (k * total) / blocks : chunks.at(-1)!.length >= actions.length / blocks)) {
      chunks.push([]);
    }
    chunks.at(-1)!.push(action);
    seen += action.events;
  }
  const hashes: Hash[] = [];
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += concurrency) hashes.push(...(await Promise.all(chunk.slice(i, i + concurrency).map((a) => a.send()))));
    let mined = 0;
    while (mined < chunk.length) {
      const block = await chain.mine();
      if (block.txs === 0) throw new Error(`mined an empty block with ${chunk.length - mined} transactions pending`);
      mined += block.txs;
    }
  }
  return hashes;
}

/** Mines one empty block `seconds` after the latest, so that estimates and the SDK's checks see the new time. */
async function jump(chain: BenchChain, seconds: number) {
  await chain.advance(seconds);
  await chain.mine();
}

async function now(chain: BenchChain): Promise<number> {
  return Number((await chain.reader.getBlock()).timestamp);
}

/** Jobs posted in the given transactions, by transaction hash. */
async function jobIds(chain: BenchChain, market: Market, hashes: Hash[]): Promise<Map<Hash, bigint>> {
  const wanted = new Set(hashes);
  const receipts = await Promise.all(hashes.map((hash) => chain.reader.getTransactionReceipt({ hash })));
  const ids = new Map<Hash, bigint>();
  for (const receipt of receipts) {
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== market.escrow.toLowerCase()) continue;
      const event = decodeEventLog({ abi: sdk.tenderEscrowAbi, data: log.data, topics: log.topics });
      if ((event.eventName === "DirectHirePosted" || event.eventName === "RFQPosted") && wanted.has(receipt.transactionHash)) {
        ids.set(receipt.transactionHash, event.args.jobId);
      }
    }
  }
  return ids;
}

export async function setupMarket(chain: BenchChain, p: { buyers: number; suppliers: number }): Promise<Market> {
  const w = (address: Address) => chain.writer(address);
  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(chain.reader, await hash);
  const [owner, treasury, a, b, c, attestor, keeper, otherOwner, treasury2] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => chain.account(i)) as Address[];
  const buyers = Array.from({ length: p.buyers }, (_, i) => chain.account(1_000 + i));
  const suppliers = Array.from({ length: p.suppliers }, (_, i) => chain.account(2_000 + i));
  const refuser = chain.account(3_000);
  for (const address of [...buyers, ...suppliers, refuser]) await chain.enable(address);

  const deployment = await sdk.deployEscrow(w(owner!), chain.reader, {
    owner: owner!,
    treasury: treasury!,
    feeBps: 100,
    responseWindow: sdk.HOUR,
  });
  const { escrow, registry } = deployment;
  const usd = await sdk.deployMockToken(w(owner!), chain.reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
  await ok(sdk.registerArbitrator(w(a!), { escrow, feeBps: 200, ruleWindow: sdk.DAY, termsURI: "ipfs://arbitrator-a" }));
  await ok(sdk.registerArbitrator(w(b!), { escrow, feeBps: 100, ruleWindow: sdk.HOUR, termsURI: "ipfs://arbitrator-b" }));
  await ok(sdk.registerArbitrator(w(c!), { escrow, feeBps: 300, ruleWindow: sdk.DAY, termsURI: "ipfs://arbitrator-c" }));
  await ok(sdk.retireArbitrator(w(c!), { escrow }));

  await chain.setAutomine(false);
  const validUntil = (await now(chain)) + 365 * sdk.DAY;
  const setup: Action[] = [];
  for (const who of [...buyers, ...suppliers, refuser]) {
    setup.push({ events: 0, send: () => sdk.mintMock(w(owner!), { token: usd, to: who, amount: 10n ** 30n }) });
    setup.push({ events: 0, send: () => sdk.approve(w(who), { token: usd, spender: escrow, amount: HUGE }) });
  }
  for (const [i, who] of [...suppliers, refuser].entries()) {
    setup.push({ events: 1, send: () => sdk.registerSupplier(w(who), { registry, profileURI: `ipfs://agent-card-${i}` }) });
    setup.push({
      events: 1,
      send: () => sdk.attest(w(attestor!), { registry, supplier: who, metric: sdk.METRICS.sweBench, value: 50n + BigInt(i % 40), validUntil }),
    });
  }
  await inBlocks(chain, setup, 100);
  await chain.setAutomine(true);
  return {
    deployment,
    escrow,
    registry,
    usd,
    owner: { current: owner!, other: otherOwner! },
    treasury: [treasury!, treasury2!],
    arbitrators: { a: a!, b: b!, c: c! },
    attestor: attestor!,
    keeper: keeper!,
    buyers,
    suppliers,
    refuser,
  };
}

type Path = "confirm" | "finalize" | "decline" | "refund" | "credit" | "ruled" | "unanswered" | "silent" | "lowest" | "choice" | "early" | "lapsed";

interface Job {
  path: Path;
  token: Address;
  buyer: Address;
  supplier?: Address;
  bidders?: Address[];
  /** The bid prices, in bidder order, after improvements. */
  prices?: bigint[];
  price: bigint;
  category: string;
  id?: bigint;
  postHash?: Hash;
  arbitrator: Address;
}

/** Per wave, jobs of each path × `scale` (the refusing receiver's job once per wave). */
const PER_WAVE: Record<Path, number> = {
  confirm: 4,
  finalize: 2,
  decline: 1,
  refund: 1,
  credit: 0,
  ruled: 2,
  unanswered: 1,
  silent: 1,
  lowest: 4,
  choice: 2,
  early: 1,
  lapsed: 1,
};

export interface SeedResult {
  events: number;
  waves: number;
  firstBlock: number;
  lastBlock: number;
  blocksWithEvents: number;
  /** Tender events per event name, counted on-chain. */
  byKind: Record<string, number>;
  seconds: number;
}

/** Counts Tender's events (escrow and registry) in a block range, by name. */
export async function countEvents(chain: BenchChain, market: Market, fromBlock: number, toBlock: number) {
  const byKind: Record<string, number> = {};
  const blocks = new Set<string>();
  let total = 0;
  for (let from = fromBlock; from <= toBlock; from += 2_000) {
    const logs = await chain.rpc<{ address: string; topics: Hash[]; data: Hash; blockNumber: string }[]>("eth_getLogs", [
      { address: [market.escrow, market.registry], fromBlock: numberToHex(from), toBlock: numberToHex(Math.min(toBlock, from + 1_999)) },
    ]);
    for (const log of logs) {
      const abi = log.address.toLowerCase() === market.escrow.toLowerCase() ? sdk.tenderEscrowAbi : sdk.supplierRegistryAbi;
      const { eventName } = decodeEventLog({ abi, data: log.data, topics: log.topics as [Hash, ...Hash[]] });
      byKind[eventName] = (byKind[eventName] ?? 0) + 1;
      blocks.add(log.blockNumber);
      total++;
    }
  }
  return { total, byKind, blocksWithEvents: blocks.size };
}

/** Waves of every job path until the chain holds at least `targetEvents` Tender events (setup included). */
export async function seedMarket(
  chain: BenchChain,
  market: Market,
  p: { targetEvents: number; perBlock?: number; scale?: number; onWave?: (wave: number, events: number) => void },
): Promise<SeedResult> {
  const started = performance.now();
  const perBlock = p.perBlock ?? 100;
  const scale = p.scale ?? 16;
  const w = (address: Address) => chain.writer(address);
  const { escrow, registry, usd } = market;
  const floorsOf = (metric: boolean): sdk.Floors => ({
    ...sdk.NO_FLOORS,
    bondBps: 1_000,
    metrics: metric ? [{ attestor: market.attestor, comparison: sdk.Comparison.AtLeast, metric: sdk.metricId(sdk.METRICS.sweBench), threshold: 50n }] : [],
  });
  const firstBlock = market.deployment.startBlock;
  let expected = (await countEvents(chain, market, firstBlock, await chain.blockNumber())).total;
  let cursor = 0; // rotates buyers and suppliers
  const pick = <T>(list: T[]) => list[cursor++ % list.length]!;
  let wave = 0;
  await chain.setAutomine(false);
  try {
    while (expected < p.targetEvents) {
      wave++;
      const run = async (actions: Action[]) => {
        expected += actions.reduce((sum, a) => sum + a.events, 0);
        return inBlocks(chain, actions, perBlock);
      };

      // A: post.
      const t0 = await now(chain);
      const jobs: Job[] = [];
      for (const [path, count] of Object.entries(PER_WAVE) as [Path, number][]) {
        const n = path === "credit" ? 1 : count * scale;
        for (let i = 0; i < n; i++) {
          const token = path === "credit" || jobs.length % 2 === 0 ? sdk.ETH : usd;
          const buyer = pick(market.buyers);
          const category = CATEGORIES[(wave + jobs.length) % CATEGORIES.length]!;
          const price = (token === sdk.ETH ? 10n ** 12n : USD) * BigInt(100 + ((wave * 31 + jobs.length * 17) % 900));
          const arbitrator = path === "silent" ? market.arbitrators.b : market.arbitrators.a;
          const job: Job = { path, token, buyer, price, category, arbitrator };
          if (["lowest", "choice", "early", "lapsed"].includes(path)) {
            const n = path === "early" ? 0 : path === "lapsed" ? 2 : 3;
            job.bidders = Array.from({ length: n }, () => pick(market.suppliers));
          } else {
            job.supplier = path === "credit" ? market.refuser : pick(market.suppliers);
          }
          jobs.push(job);
        }
      }
      const post = (job: Job, index: number): Action => {
        const spec = specFor(job.category, `wave ${wave} job ${index} (${job.path})`);
        if (job.supplier) {
          return {
            events: 1,
            send: () =>
              sdk.postDirectHire(w(job.buyer), {
                escrow,
                supplier: job.supplier!,
                token: job.token,
                price: job.price,
                deliveryWindow: job.path === "refund" ? sdk.HOUR : sdk.DAY,
                reviewWindow: job.path === "finalize" ? sdk.HOUR : sdk.DAY,
                arbitrator: job.arbitrator,
                defaultBuyerShareBps: 2_500,
                category: job.category,
                spec,
              }),
          };
        }
        const choice = job.path === "choice" || job.path === "lapsed";
        return {
          events: 1,
          send: () =>
            sdk.postRFQ(w(job.buyer), {
              escrow,
              token: job.token,
              maxPrice: job.price,
              bidDeadline: t0 + 2 * sdk.HOUR,
              awardWindow: choice ? (job.path === "lapsed" ? sdk.HOUR : sdk.DAY) : 0,
              deliveryWindow: sdk.DAY,
              reviewWindow: sdk.DAY,
              mode: choice ? sdk.AwardMode.BuyerChoice : sdk.AwardMode.LowestPrice,
              arbitrator: job.arbitrator,
              defaultBuyerShareBps: 0,
              category: job.category,
              floors: floorsOf(job.path === "lowest"),
              spec,
            }),
        };
      };
      const posted = await run(jobs.map(post));
      const ids = await jobIds(chain, market, posted);
      jobs.forEach((job, i) => {
        job.postHash = posted[i];
        job.id = ids.get(posted[i]!);
        if (job.id === undefined) throw new Error(`no job id for ${job.path} job ${i} of wave ${wave}`);
      });
      const of = (...paths: Path[]) => jobs.filter((job) => paths.includes(job.path));
      const deliver = (job: Job, who = job.supplier!): Action => ({
        events: 1,
        send: () => sdk.deliver(w(who), { escrow, jobId: job.id!, deliverableHash: sdk.specHash(`out ${job.id}`), uri: `ipfs://out-${job.id}` }),
      });
      const bond = (job: Job) => sdk.bondFor(job.price, floorsOf(false));

      // B: deliveries, a decline, bids, a cancellation before any bid.
      const b: Action[] = [];
      for (const job of of("confirm", "finalize", "credit", "ruled", "unanswered", "silent")) b.push(deliver(job));
      for (const job of of("decline")) b.push({ events: 1, send: () => sdk.decline(w(job.supplier!), { escrow, jobId: job.id! }) });
      for (const job of of("lowest", "choice", "lapsed")) {
        job.prices = job.bidders!.map((_, k) => (job.price * BigInt(95 - 5 * k)) / 100n);
        job.bidders!.forEach((bidder, k) =>
          b.push({
            events: 1,
            send: () =>
              sdk.bid(w(bidder), { escrow, jobId: job.id!, price: job.prices![k]!, floors: floorsOf(job.path === "lowest"), token: job.token, bond: bond(job) }),
          }),
        );
      }
      for (const job of of("early")) b.push({ events: 1, send: () => sdk.cancel(w(job.buyer), { escrow, jobId: job.id! }) });
      if (wave > 1) {
        // The previous wave's protocol fees (nothing settles in this phase: the amounts are what was estimated).
        b.push({ events: 1, send: () => sdk.collectProtocolFees(w(market.keeper), { escrow, token: sdk.ETH }) });
        b.push({ events: 1, send: () => sdk.collectProtocolFees(w(market.keeper), { escrow, token: usd }) });
      }
      await run(b);

      // C: confirmations (the refusing receiver's payment becomes a credit), improvements, disputes.
      await chain.rpc("hardhat_setCode", [market.refuser, "0x60006000fd"]); // PUSH1 0 PUSH1 0 REVERT
      const c: Action[] = [];
      for (const job of of("confirm")) c.push({ events: 1, send: () => sdk.confirm(w(job.buyer), { escrow, jobId: job.id!, rating: 1 + Number(job.id! % 5n) }) });
      for (const job of of("credit")) c.push({ events: 2, send: () => sdk.confirm(w(job.buyer), { escrow, jobId: job.id!, rating: 4 }) });
      for (const job of of("lowest")) {
        // The first two bidders undercut the third, in turn: the last one leads.
        for (const k of [0, 1]) {
          job.prices![k] = (job.price * BigInt(80 - 5 * k)) / 100n;
          const price = job.prices![k]!;
          c.push({ events: 1, send: () => sdk.improveBid(w(job.bidders![k]!), { escrow, jobId: job.id!, price }) });
        }
      }
      for (const job of of("ruled", "unanswered", "silent")) {
        c.push({
          events: 1,
          send: async () =>
            sdk.dispute(w(job.buyer), {
              escrow,
              jobId: job.id!,
              statementURI: `ipfs://statement-${job.id}`,
              token: job.token,
              fee: await sdk.disputeFee(chain.reader, { escrow, jobId: job.id! }),
            }),
        });
      }
      await run(c);
      await chain.rpc("hardhat_setCode", [market.refuser, "0x"]);

      // D: answers and evidence, the credit withdrawn, registry activity.
      const d: Action[] = [];
      for (const job of of("ruled", "silent")) {
        d.push({
          events: 1,
          send: async () =>
            sdk.respond(w(job.supplier!), {
              escrow,
              jobId: job.id!,
              responseURI: `ipfs://response-${job.id}`,
              token: job.token,
              fee: await sdk.disputeFee(chain.reader, { escrow, jobId: job.id! }),
            }),
        });
      }
      for (const job of of("ruled")) {
        d.push({ events: 1, send: () => sdk.submitEvidence(w(job.buyer), { escrow, jobId: job.id!, evidenceURI: `ipfs://evidence-b-${job.id}` }) });
        d.push({ events: 1, send: () => sdk.submitEvidence(w(job.supplier!), { escrow, jobId: job.id!, evidenceURI: `ipfs://evidence-s-${job.id}` }) });
      }
      d.push({ events: 1, send: () => sdk.withdraw(w(market.refuser), { escrow, token: sdk.ETH, to: market.keeper }) });
      const validUntil = (await now(chain)) + 30 * sdk.DAY;
      const attested = [pick(market.suppliers), pick(market.suppliers), pick(market.suppliers)];
      for (const [k, supplier] of attested.entries()) {
        d.push({
          events: 1,
          send: () => sdk.attest(w(market.attestor), { registry, supplier, metric: sdk.METRICS.latencyP95Ms, value: BigInt(400 + wave * 10 + k), validUntil }),
        });
      }
      const profiled = pick(market.suppliers);
      d.push({ events: 1, send: () => sdk.updateSupplierProfile(w(profiled), { registry, profileURI: `ipfs://agent-card-${profiled}-v${wave}` }) });
      await run(d);

      // Time passes: bid deadlines, the short delivery and review windows, the response and short ruling windows,
      // the lapsed RFQs' award window.
      await jump(chain, 3 * sdk.HOUR + 600);

      // E: awards, picks, a lapsed RFQ cancelled, refunds, finalizations, rulings, defaults, a revocation, the owner
      // hands over and pauses posting.
      const e: Action[] = [];
      e.push({ events: 1, send: () => sdk.revoke(w(market.attestor), { registry, supplier: attested[0]!, metric: sdk.METRICS.latencyP95Ms }) });
      for (const job of of("lowest")) e.push({ events: 1, send: () => sdk.award(w(market.keeper), { escrow, jobId: job.id! }) });
      for (const job of of("choice")) {
        job.supplier = job.bidders![Number(job.id! % 3n)]!;
        e.push({ events: 1, send: () => sdk.pick(w(job.buyer), { escrow, jobId: job.id!, supplier: job.supplier! }) });
      }
      for (const job of of("lowest")) {
        const best = job.prices!.reduce((low, price, k) => (price < job.prices![low]! ? k : low), 0);
        job.supplier = job.bidders![best]!;
      }
      for (const job of of("lapsed")) e.push({ events: 1, send: () => sdk.cancel(w(job.buyer), { escrow, jobId: job.id! }) });
      for (const job of of("refund")) e.push({ events: 1, send: () => sdk.refund(w(market.keeper), { escrow, jobId: job.id! }) });
      for (const job of of("finalize")) e.push({ events: 1, send: () => sdk.finalize(w(market.keeper), { escrow, jobId: job.id! }) });
      for (const [k, job] of of("ruled").entries()) {
        const buyerShareBps = [0, 3_000, 5_000, 7_000, 10_000][(wave + k) % 5]!;
        e.push({
          events: 3,
          send: () => sdk.rule(w(market.arbitrators.a), { escrow, jobId: job.id!, buyerShareBps, reasonHash: sdk.specHash(`ruling ${job.id}`) }),
        });
      }
      for (const job of of("unanswered", "silent")) e.push({ events: 3, send: () => sdk.settleDispute(w(market.keeper), { escrow, jobId: job.id! }) });
      const arbitrator = wave % 2 === 0 ? market.arbitrators.a : market.arbitrators.b;
      e.push({
        events: 1,
        send: () =>
          sdk.updateArbitratorTerms(w(arbitrator), {
            escrow,
            feeBps: 100 + (wave % 5) * 25,
            ruleWindow: arbitrator === market.arbitrators.a ? sdk.DAY : sdk.HOUR,
            termsURI: `ipfs://terms-${arbitrator}-v${wave}`,
          }),
      });
      const { current, other } = market.owner;
      e.push({
        events: 1,
        send: () => w(current).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "transferOwnership", args: [other] }),
      });
      e.push({ events: 1, send: () => w(current).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "setPostingPaused", args: [true] }) });
      await run(e);

      // F: bonds back, winners deliver, the new owner accepts.
      const f: Action[] = [];
      for (const job of of("lowest", "choice", "lapsed")) {
        for (const bidder of job.bidders!) {
          if (bidder !== job.supplier) f.push({ events: 1, send: () => sdk.reclaimBond(w(bidder), { escrow, jobId: job.id! }) });
        }
      }
      for (const job of of("lowest", "choice")) f.push(deliver(job));
      f.push({ events: 1, send: () => w(other).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "acceptOwnership" }) });
      await run(f);
      market.owner = { current: other, other: current };

      // G: RFQ winners paid, owner settings (posting resumed for the next wave).
      const g: Action[] = [];
      for (const job of of("lowest", "choice")) g.push({ events: 1, send: () => sdk.confirm(w(job.buyer), { escrow, jobId: job.id!, rating: 3 + Number(job.id! % 3n) }) });
      const owner = market.owner.current;
      g.push({ events: 1, send: () => w(owner).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "setPostingPaused", args: [false] }) });
      g.push({ events: 1, send: () => w(owner).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "setProtocolFee", args: [100 + (wave % 3) * 50] }) });
      const treasury = market.treasury[wave % 2]!;
      g.push({ events: 1, send: () => w(owner).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "setTreasury", args: [treasury] }) });
      await run(g);
      p.onWave?.(wave, expected);
    }
  } finally {
    await chain.setAutomine(true);
  }
  const lastBlock = await chain.blockNumber();
  const counted = await countEvents(chain, market, firstBlock, lastBlock);
  if (counted.total !== expected) {
    const failed = await revertedCalls(chain, firstBlock, lastBlock);
    throw new Error(`the chain holds ${counted.total} Tender events, ${expected} were expected; reverted: ${failed.join("; ") || "none"}`);
  }
  return {
    events: counted.total,
    waves: wave,
    firstBlock,
    lastBlock,
    blocksWithEvents: counted.blocksWithEvents,
    byKind: counted.byKind,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Posts `count` jobs (four RFQs, open for 30 days, to one direct hire), `perBlock` to a block, across the buyers,
 * suppliers and categories, with a fixed gas limit (no estimates). Returns the blocks used. */
export async function seedJobs(
  chain: BenchChain,
  market: Market,
  p: { count: number; perBlock?: number; onProgress?: (posted: number) => void },
): Promise<{ jobs: number; firstBlock: number; lastBlock: number; seconds: number }> {
  const started = performance.now();
  const perBlock = p.perBlock ?? 200;
  const before = await chain.reader.readContract({ address: market.escrow, abi: sdk.tenderEscrowAbi, functionName: "lastJobId" });
  const firstBlock = (await chain.blockNumber()) + 1;
  await chain.setAutomine(false);
  try {
    const bidDeadline = (await now(chain)) + 30 * sdk.DAY;
    for (let start = 0; start < p.count; start += perBlock) {
      const sends: Promise<Hash>[] = [];
      for (let i = start; i < Math.min(p.count, start + perBlock); i++) {
        const category = CATEGORIES[i % CATEGORIES.length]!;
        const buyer = market.buyers[i % market.buyers.length]!;
        const token = i % 3 === 0 ? market.usd : sdk.ETH;
        const price = (token === sdk.ETH ? 10n ** 12n : USD) * BigInt(1 + (i % 997));
        const writer = chain.writer(buyer, { gas: 600_000n });
        const spec = specFor(category, `seeded job ${i}`);
        if (i % 5 === 4) {
          sends.push(
            sdk.postDirectHire(writer, {
              escrow: market.escrow,
              supplier: market.suppliers[i % market.suppliers.length]!,
              token,
              price,
              deliveryWindow: 7 * sdk.DAY,
              reviewWindow: sdk.DAY,
              arbitrator: market.arbitrators.a,
              defaultBuyerShareBps: 0,
              category,
              spec,
            }),
          );
        } else {
          sends.push(
            sdk.postRFQ(writer, {
              escrow: market.escrow,
              token,
              maxPrice: price,
              bidDeadline,
              awardWindow: 0,
              deliveryWindow: 7 * sdk.DAY,
              reviewWindow: sdk.DAY,
              mode: sdk.AwardMode.LowestPrice,
              arbitrator: market.arbitrators.a,
              defaultBuyerShareBps: 0,
              category,
              floors: { ...sdk.NO_FLOORS, bondBps: 500 },
              spec,
            }),
          );
        }
      }
      await Promise.all(sends);
      let mined = 0;
      while (mined < sends.length) {
        const block = await chain.mine();
        if (block.txs === 0) throw new Error(`mined an empty block with ${sends.length - mined} transactions pending`);
        mined += block.txs;
      }
      p.onProgress?.(Math.min(p.count, start + perBlock));
    }
  } finally {
    await chain.setAutomine(true);
  }
  const after = await chain.reader.readContract({ address: market.escrow, abi: sdk.tenderEscrowAbi, functionName: "lastJobId" });
  if (after - before !== BigInt(p.count)) throw new Error(`posted ${after - before} jobs of ${p.count}: some reverted (gas limit, or a check)`);
  return { jobs: p.count, firstBlock, lastBlock: await chain.blockNumber(), seconds: (performance.now() - started) / 1000 };
}

/** The transactions that reverted in a block range, as "block N: function(…)" (for the error message). */
async function revertedCalls(chain: BenchChain, fromBlock: number, toBlock: number): Promise<string[]> {
  const out: string[] = [];
  for (let n = fromBlock; n <= toBlock; n++) {
    const block = await chain.reader.getBlock({ blockNumber: BigInt(n), includeTransactions: true });
    const receipts = await Promise.all(block.transactions.map((tx) => chain.reader.getTransactionReceipt({ hash: tx.hash })));
    receipts.forEach((receipt, i) => {
      if (receipt.status === "success") return;
      const tx = block.transactions[i]!;
      let call = tx.input.slice(0, 10);
      for (const abi of [sdk.tenderEscrowAbi, sdk.supplierRegistryAbi]) {
        try {
          const decoded = decodeFunctionData({ abi, data: tx.input });
          call = `${decoded.functionName}(${(decoded.args ?? []).map(String).join(", ").slice(0, 120)})`;
          break;
        } catch {
          // another ABI
        }
      }
      out.push(`block ${n}: ${call} from ${tx.from}`);
    });
  }
  return out;
}

/** Mines `n` empty blocks one by one (hardhat_mine's lazily made blocks confuse Ponder's reorg check). */
export async function mineEmpty(chain: BenchChain, n: number) {
  for (let i = 0; i < n; i++) await chain.mine();
}
