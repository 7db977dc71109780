// The Ponder indexer end to end: a real `hardhat node`, Tender deployed through the SDK, a realistic market driven
// through the SDK (direct hires, RFQs with competing and improved bids, an award, a decline, a cancellation, a
// dispute with evidence and a ruling, profiles and attestations, two categories, ETH and the mock token, and a spec
// that is not even JSON), then `ponder start` on in-memory PGlite, and everything checked over HTTP: REST (filters,
// sorts, cursors, 400s), GraphQL, SQL over HTTP, records equal to the chain's, and a live update.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, type Hash, parseEther, parseUnits, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratingWeight, reputation } from "../indexer/src/api/reputation.ts";
import * as sdk from "../scripts/sdk/index.ts";
import { type RunningIndexer, startIndexer } from "../scripts/lib/indexer.ts";
import { type RunningNode, startNode } from "./helpers/node.ts";

const USD = (amount: string) => parseUnits(amount, 6);
const spec = (category: string, title: string) => JSON.stringify({ version: 1, title, category, task: `${title}, please.` });

// Development accounts by role.
const DEPLOYER = 0, TREASURY = 1, JUDGE = 2, BUYER_A = 3, BUYER_B = 4, S1 = 5, S2 = 6, S3 = 7, ATTESTOR = 8, S4 = 9;

/** A parsed JSON body, loosely typed: the assertions say what it must hold. */
type Json = Record<string, any>;

describe("indexer", () => {
  let node: RunningNode;
  let indexer: RunningIndexer;
  let dir: string;
  let deployment: sdk.Deployment;
  let escrow: Address;
  let token: Address;
  const addr = (index: number) => node.writer(index).account.address;
  const low = (index: number) => addr(index).toLowerCase();
  const ids: Record<string, bigint> = {};
  const openIds: bigint[] = [];

  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(node.reader, await hash);
  const posted = async (hash: Promise<Hash>) => sdk.waitForJobId(node.reader, await hash);
  const now = async () => Number((await node.reader.getBlock()).timestamp);
  const advance = async (seconds: number) => {
    await node.reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
    await node.reader.request({ method: "evm_mine" as never, params: [] as never });
  };

  async function get(path: string): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${indexer.url}${path}`);
    return { status: res.status, body: (await res.json()) as Json };
  }
  async function json(path: string): Promise<Json> {
    const { status, body } = await get(path);
    expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
    return body;
  }
  async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function directHire(buyer: number, p: { supplier: number; token: Address; price: bigint; category: string; title: string }) {
    return posted(
      sdk.postDirectHire(node.writer(buyer), {
        escrow, supplier: addr(p.supplier), token: p.token, price: p.price, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: addr(JUDGE), defaultBuyerShareBps: 0, category: p.category, spec: spec(p.category, p.title),
      }),
    );
  }
  async function rfq(buyer: number, p: { token: Address; maxPrice: bigint; category: string; title: string; hours: number; bondBps?: number }) {
    return posted(
      sdk.postRFQ(node.writer(buyer), {
        escrow, token: p.token, maxPrice: p.maxPrice, bidDeadline: (await now()) + p.hours * sdk.HOUR, awardWindow: 0,
        deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: addr(JUDGE),
        defaultBuyerShareBps: 0, category: p.category, floors: { ...sdk.NO_FLOORS, bondBps: p.bondBps ?? 0 },
        spec: spec(p.category, p.title),
      }),
    );
  }
  const floors = (bondBps: number) => ({ ...sdk.NO_FLOORS, bondBps });
  const placeBid = (who: number, jobId: bigint, tokenAddress: Address, price: bigint, maxPrice: bigint, bondBps: number) =>
    ok(sdk.bid(node.writer(who), { escrow, jobId, price, floors: floors(bondBps), token: tokenAddress, bond: sdk.bondFor(maxPrice, { bondBps }) }));
  const deliver = (who: number, jobId: bigint) =>
    ok(sdk.deliver(node.writer(who), { escrow, jobId, deliverableHash: sdk.specHash(`work for ${jobId}`), uri: `ipfs://work-${jobId}` }));

  beforeAll(async () => {
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-indexer-"));
    const deployer = node.writer(DEPLOYER);
    deployment = await sdk.deployEscrow(deployer, node.reader, { owner: deployer.account.address, treasury: addr(TREASURY), feeBps: 100 });
    escrow = deployment.escrow;
    token = await sdk.deployMockToken(deployer, node.reader, { name: "Mock USD", symbol: "mUSD", decimals: 6 });
    deployment.stablecoin = token;
    sdk.writeDeployment(deployment, dir);
    await ok(sdk.registerArbitrator(node.writer(JUDGE), { escrow, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://terms-v1" }));
    for (const index of [BUYER_A, BUYER_B, S1, S2, S3]) {
      await ok(sdk.mintMock(deployer, { token, to: addr(index), amount: USD("1000") }));
      await ok(sdk.approve(node.writer(index), { token, spender: escrow, amount: 2n ** 255n }));
    }

    // J1: a direct hire in ETH, delivered and confirmed with 5 stars.
    ids.j1 = await directHire(BUYER_A, { supplier: S1, token: zeroAddress, price: parseEther("1"), category: "code", title: "Fix the parser" });
    await deliver(S1, ids.j1);
    await ok(sdk.confirm(node.writer(BUYER_A), { escrow, jobId: ids.j1, rating: 5 }));

    // J2: a lowest-price RFQ in mUSD with three bonded bids and an improvement; J3: an ETH RFQ with one bid.
    ids.j2 = await rfq(BUYER_A, { token, maxPrice: USD("100"), category: "data.cleaning", title: "Dedupe the CRM", hours: 2, bondBps: 1_000 });
    await placeBid(S1, ids.j2, token, USD("90"), USD("100"), 1_000);
    await placeBid(S2, ids.j2, token, USD("80"), USD("100"), 1_000);
    await placeBid(S3, ids.j2, token, USD("85"), USD("100"), 1_000);
    await ok(sdk.improveBid(node.writer(S1), { escrow, jobId: ids.j2, price: USD("75") }));
    ids.j3 = await rfq(BUYER_B, { token: zeroAddress, maxPrice: parseEther("2"), category: "code", title: "Port to Rust", hours: 2, bondBps: 1_000 });
    await placeBid(S3, ids.j3, zeroAddress, parseEther("1.5"), parseEther("2"), 1_000);

    // J4: an RFQ cancelled before any bid.
    ids.j4 = await rfq(BUYER_B, { token: zeroAddress, maxPrice: parseEther("1"), category: "code", title: "Never mind", hours: 2 });
    await ok(sdk.cancel(node.writer(BUYER_B), { escrow, jobId: ids.j4 }));

    // J5: a direct hire in mUSD, disputed, answered, evidence from both sides, ruled 70% to the buyer.
    ids.j5 = await directHire(BUYER_B, { supplier: S2, token, price: USD("50"), category: "data.cleaning", title: "Clean the ledger" });
    await deliver(S2, ids.j5);
    const fee = await sdk.disputeFee(node.reader, { escrow, jobId: ids.j5 });
    await ok(sdk.dispute(node.writer(BUYER_B), { escrow, jobId: ids.j5, statementURI: "ipfs://statement", token, fee }));
    await ok(sdk.respond(node.writer(S2), { escrow, jobId: ids.j5, responseURI: "ipfs://response", token, fee }));
    await ok(sdk.submitEvidence(node.writer(BUYER_B), { escrow, jobId: ids.j5, evidenceURI: "ipfs://evidence-buyer" }));
    await ok(sdk.submitEvidence(node.writer(S2), { escrow, jobId: ids.j5, evidenceURI: "ipfs://evidence-supplier" }));
    await ok(sdk.rule(node.writer(JUDGE), { escrow, jobId: ids.j5, buyerShareBps: 7_000, reasonHash: sdk.specHash("two checks failed") }));

    // J6: a direct hire its supplier declines (writes nothing to its record).
    ids.j6 = await directHire(BUYER_A, { supplier: S3, token: zeroAddress, price: parseEther("0.5"), category: "code", title: "Unwanted" });
    await ok(sdk.decline(node.writer(S3), { escrow, jobId: ids.j6 }));

    // Bidding closes: J2 goes to S1 at 75, J3 to S3, who declines it (its bond goes to the buyer); losers reclaim bonds.
    await advance(2 * sdk.HOUR + 60);
    await ok(sdk.award(node.writer(BUYER_A), { escrow, jobId: ids.j2 }));
    await ok(sdk.award(node.writer(BUYER_B), { escrow, jobId: ids.j3 }));
    await ok(sdk.reclaimBond(node.writer(S2), { escrow, jobId: ids.j2 }));
    await ok(sdk.reclaimBond(node.writer(S3), { escrow, jobId: ids.j2 }));
    await ok(sdk.decline(node.writer(S3), { escrow, jobId: ids.j3 }));
    await deliver(S1, ids.j2);
    await advance(sdk.DAY + 60);
    await ok(sdk.finalize(node.writer(S1), { escrow, jobId: ids.j2 }));

    // Profiles and attestations; one revoked.
    const registry = deployment.registry;
    await ok(sdk.registerSupplier(node.writer(S1), { registry, profileURI: "ipfs://s1-card" }));
    await ok(sdk.updateSupplierProfile(node.writer(S1), { registry, profileURI: "ipfs://s1-card-v2" }));
    const validUntil = (await now()) + 30 * sdk.DAY;
    await ok(sdk.attest(node.writer(ATTESTOR), { registry, supplier: addr(S1), metric: sdk.METRICS.sweBench, value: 72n, validUntil }));
    await ok(sdk.attest(node.writer(ATTESTOR), { registry, supplier: addr(S2), metric: sdk.METRICS.latencyP95Ms, value: 900n, validUntil }));
    await ok(sdk.revoke(node.writer(ATTESTOR), { registry, supplier: addr(S2), metric: sdk.METRICS.latencyP95Ms }));

    // Open RFQs to browse: two categories, both tokens, two buyers, different prices and deadlines.
    openIds.push(await rfq(BUYER_A, { token: zeroAddress, maxPrice: parseEther("1"), category: "code", title: "Write tests", hours: 3 }));
    openIds.push(await rfq(BUYER_A, { token, maxPrice: USD("40"), category: "data.cleaning", title: "Merge two CSVs", hours: 5 }));
    openIds.push(await rfq(BUYER_A, { token, maxPrice: USD("10"), category: "code", title: "Lint the repo", hours: 2 }));
    openIds.push(await rfq(BUYER_B, { token: zeroAddress, maxPrice: parseEther("0.3"), category: "data.cleaning", title: "Fix dates", hours: 4 }));
    openIds.push(await rfq(BUYER_B, { token, maxPrice: USD("70"), category: "data.cleaning", title: "Geocode", hours: 6 }));
    await placeBid(S1, openIds.at(-1)!, token, USD("60"), USD("70"), 0);
    openIds.push(await rfq(BUYER_B, { token: zeroAddress, maxPrice: parseEther("3"), category: "code", title: "Audit", hours: 7 }));
    // A spec that is not JSON (and holds a NUL), posted past the SDK's checks: indexing must carry on.
    ids.bad = await posted(
      node.writer(BUYER_A).writeContract({
        address: escrow,
        abi: sdk.tenderEscrowAbi,
        functionName: "postRFQ",
        args: [{
          token: zeroAddress, maxPrice: parseEther("0.2"), bidDeadline: (await now()) + 8 * sdk.HOUR, awardWindow: 0,
          deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: addr(JUDGE),
          defaultBuyerShareBps: 0, category: sdk.categoryId("code"), floors: sdk.NO_FLOORS, spec: "{oops\u0000",
        }],
        value: parseEther("0.2"),
      }),
    );
    openIds.push(ids.bad);

    indexer = await startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir });
  }, 120_000);

  afterAll(async () => {
    await indexer?.stop();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lists open jobs by default, newest first, with filters", async () => {
    const all = await json("/api/jobs");
    expect(all.items.map((j: Json) => j.id)).toEqual([...openIds].reverse().map(String));
    expect(all.nextCursor).toBeNull();
    expect(all.items.every((j: Json) => j.status === "Open" && j.spec === undefined)).toBe(true);

    const bad = all.items.find((j: Json) => j.id === String(ids.bad));
    expect(bad).toMatchObject({ title: null, specValid: false, category: "code", kind: "rfq", price: String(parseEther("0.2")) });
    expect(bad.specProblem).toMatch(/not JSON/);

    const idsOf = async (path: string) => (await json(path)).items.map((j: Json) => BigInt(j.id));
    expect(await idsOf("/api/jobs?category=code&sort=oldest")).toEqual([openIds[0], openIds[2], openIds[5], ids.bad]);
    expect(await idsOf(`/api/jobs?category=${sdk.categoryId("data.cleaning")}&sort=oldest`)).toEqual([openIds[1], openIds[3], openIds[4]]);
    expect(await idsOf("/api/jobs?token=ETH&sort=oldest")).toEqual([openIds[0], openIds[3], openIds[5], ids.bad]);
    expect(await idsOf(`/api/jobs?token=${token}&sort=price_asc`)).toEqual([openIds[2], openIds[1], openIds[4]]);
    expect(await idsOf(`/api/jobs?token=${token}&minPrice=${USD("10")}&maxPrice=${USD("40")}&sort=price_desc`)).toEqual([openIds[1], openIds[2]]);
    expect(await idsOf(`/api/jobs?buyer=${addr(BUYER_B)}&sort=oldest`)).toEqual([openIds[3], openIds[4], openIds[5]]);
    expect(await idsOf("/api/jobs?sort=deadline")).toEqual([openIds[2], openIds[0], openIds[3], openIds[1], openIds[4], openIds[5], ids.bad]);
    expect(await idsOf("/api/jobs?status=settled&sort=oldest")).toEqual([ids.j1, ids.j2, ids.j5]);
    expect(await idsOf("/api/jobs?status=refunded,cancelled&sort=oldest")).toEqual([ids.j3, ids.j4, ids.j6]);
    expect((await idsOf("/api/jobs?status=all&limit=100")).length).toBe(6 + openIds.length);
  });

  it("pages through every sort with cursors: no duplicates, no gaps", async () => {
    for (const sort of ["newest", "oldest", "price_asc", "price_desc", "deadline"]) {
      for (const status of ["open", "all"]) {
        const whole = (await json(`/api/jobs?status=${status}&sort=${sort}&limit=100`)).items.map((j: Json) => j.id);
        const paged: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Json = await json(`/api/jobs?status=${status}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
          expect(page.items.length).toBeLessThanOrEqual(3);
          paged.push(...page.items.map((j: Json) => j.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        expect(paged, `${sort}/${status}`).toEqual(whole);
        expect(new Set(paged).size).toBe(paged.length);
      }
    }
    const prices = (await json("/api/jobs?token=ETH&status=all&sort=price_asc&limit=100")).items.map((j: Json) => BigInt(j.price));
    expect(prices).toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("refuses bad parameters with a 400 naming them", async () => {
    const first = await json("/api/jobs?limit=2");
    const cases: [string, RegExp][] = [
      ["/api/jobs?status=pending", /"status".*pending/],
      ["/api/jobs?sort=cheapest", /"sort".*cheapest/],
      ["/api/jobs?limit=0", /"limit".*1 to 100/],
      ["/api/jobs?limit=101", /"limit"/],
      ["/api/jobs?minPrice=1.5", /"minPrice".*whole number/],
      ["/api/jobs?maxPrice=-3", /"maxPrice"/],
      ["/api/jobs?minPrice=10&maxPrice=5", /"minPrice".*above "maxPrice"/],
      ["/api/jobs?token=USDC", /"token"/],
      ["/api/jobs?buyer=0x1234", /"buyer".*address/],
      ["/api/jobs?cursor=nonsense", /"cursor"/],
      [`/api/jobs?limit=2&sort=oldest&cursor=${first.nextCursor}`, /"cursor".*sort=newest/],
      [`/api/jobs?limit=2&category=code&cursor=${first.nextCursor}`, /"cursor".*filters/],
      ["/api/jobs?stauts=open", /"stauts"/],
      ["/api/jobs?limit=2&limit=3", /"limit".*twice|"limit".*2 times/],
      ["/api/jobs/abc", /job id/],
      ["/api/jobs/0", /job id/],
      ["/api/suppliers/not-an-address", /"address"/],
      ["/api/arbitrators/0x12/disputes", /"address"/],
      [`/api/arbitrators/${addr(JUDGE)}/disputes?status=maybe`, /"status"/],
      ["/api/markets/code/prices?kind=bid", /"kind"/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await get(path);
      expect(status, path).toBe(400);
      expect(body.error, path).toMatch(message);
    }
    expect((await get("/api/jobs/999")).status).toBe(404);
    expect((await get(`/api/suppliers/${zeroAddress}`)).status).toBe(404);
    expect((await get("/api/markets/nothing-here/prices")).status).toBe(404);
  });

  it("serves a job with its bids best first, its timeline and its dispute", async () => {
    const j2 = await json(`/api/jobs/${ids.j2}`);
    expect(j2.job).toMatchObject({
      kind: "rfq", status: "Settled", buyer: low(BUYER_A), supplier: low(S1), token: token.toLowerCase(),
      price: String(USD("75")), maxPrice: String(USD("100")), awardRefund: String(USD("25")), category: "data.cleaning",
      title: "Dedupe the CRM", specValid: true, mode: "LowestPrice", bondBps: 1_000, bidCount: 3, rating: 0,
      toSupplier: String(USD("74.25")), protocolFee: String(USD("0.75")), deadline: null, deliverableUri: `ipfs://work-${ids.j2}`,
    });
    expect(JSON.parse(j2.job.spec)).toMatchObject({ title: "Dedupe the CRM", category: "data.cleaning" });
    for (const at of ["postedAt", "awardedAt", "deliveredAt", "settledAt"]) expect(j2.job[at], at).toBeGreaterThan(0);
    expect(j2.job.awardedAt).toBeGreaterThan(j2.job.postedAt);
    expect(j2.bids.map((b: Json) => [b.supplier, b.price, b.best, b.improvements, b.won, b.bondReclaimed])).toEqual([
      [low(S1), String(USD("75")), true, 1, true, false],
      [low(S2), String(USD("80")), false, 0, false, true],
      [low(S3), String(USD("85")), false, 0, false, true],
    ]);
    expect(j2.timeline.map((e: Json) => e.kind)).toEqual([
      "RFQPosted", "BidPlaced", "BidPlaced", "BidPlaced", "BidImproved", "JobAwarded", "BondReclaimed", "BondReclaimed", "JobDelivered", "JobSettled",
    ]);
    expect(j2.timeline[5]).toMatchObject({ actor: low(BUYER_A), data: { supplier: low(S1), price: String(USD("75")) } });
    expect(j2.dispute).toBeNull();

    const j5 = await json(`/api/jobs/${ids.j5}`);
    expect(j5.job).toMatchObject({ kind: "direct", status: "Settled", supplier: low(S2), toSupplier: String(USD("14.85")), protocolFee: String(USD("0.15")) });
    expect(j5.timeline.map((e: Json) => e.kind)).toEqual([
      "DirectHirePosted", "JobDelivered", "DisputeOpened", "DisputeAnswered", "Evidence", "Evidence", "Ruling", "DisputeSettled", "JobSettled",
    ]);
    expect(j5.dispute).toMatchObject({
      arbitrator: low(JUDGE), status: "ruled", outcome: "ruled", loser: "supplier", buyerShareBps: 7_000, fee: String(USD("1")),
      statementUri: "ipfs://statement", responseUri: "ipfs://response", evidenceCount: 2,
      toBuyer: String(USD("36")), toSupplier: String(USD("14.85")), toArbitrator: String(USD("1")),
    });
    expect(j5.dispute.evidence.map((e: Json) => [e.role, e.uri])).toEqual([
      ["buyer", "ipfs://evidence-buyer"],
      ["supplier", "ipfs://evidence-supplier"],
    ]);

    const j3 = await json(`/api/jobs/${ids.j3}`);
    expect(j3.job).toMatchObject({ status: "Refunded", declined: true, bondToBuyer: String(parseEther("0.2")), supplier: low(S3) });
    const j4 = await json(`/api/jobs/${ids.j4}`);
    expect(j4.job).toMatchObject({ status: "Cancelled", cancelledBy: low(BUYER_B) });
  });

  it("keeps each supplier's record equal to the chain's", async () => {
    for (const who of [S1, S2, S3]) {
      const chain = await sdk.readSupplierRecord(node.reader, { escrow, supplier: addr(who) });
      const served = await json(`/api/suppliers/${addr(who)}`);
      expect(served.record, `supplier #${who}`).toEqual({ ...chain });
      for (const v of served.volume) {
        const onChain = await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "completedVolume", args: [addr(who), v.token] });
        expect(v.volume).toBe(String(onChain));
      }
    }
    // What the mix should have produced, so that the equality above is not trivially true.
    const s1 = await json(`/api/suppliers/${addr(S1)}`);
    expect(s1.record).toMatchObject({ won: 2, completed: 2, ratingSum: 5, ratingCount: 1 });
    expect(s1.profile).toMatchObject({ registered: true, profileUri: "ipfs://s1-card-v2" });
    expect(s1.attestations).toEqual([
      expect.objectContaining({ attestor: low(ATTESTOR), metricName: "benchmark.swe-bench", value: "72", revoked: false, current: true }),
    ]);
    expect(s1.derived).toMatchObject({ averageRatingX100: 500, onTimeDeliveries: 2, bidsPlaced: 2, directHires: 1 });
    expect(s1.history.jobs.map((j: Json) => BigInt(j.id))).toEqual([ids.j2, ids.j1]);
    expect(s1.history.bids.map((b: Json) => [BigInt(b.jobId), b.job.won])).toEqual([[openIds[4], false], [ids.j2, true]]);
    expect(s1.volume).toEqual(expect.arrayContaining([
      expect.objectContaining({ token: zeroAddress, volume: String(parseEther("1")) }),
      expect.objectContaining({ token: token.toLowerCase(), volume: String(USD("75")) }),
    ]));
    const s2 = await json(`/api/suppliers/${addr(S2)}`);
    expect(s2.record).toMatchObject({ won: 1, completed: 1, disputesFaced: 1, disputesLost: 1 });
    expect(s2.attestations).toEqual([expect.objectContaining({ metricName: "latency.p95.ms", revoked: true, current: false })]);
    const s3 = await json(`/api/suppliers/${addr(S3)}`);
    expect(s3.record).toMatchObject({ won: 1, declined: 1, completed: 0, refunded: 0 });
    expect(s3.derived.directHires).toBe(1);
  });

  it("summarizes markets and their clearing prices", async () => {
    const { markets } = await json("/api/markets");
    const code = markets.find((m: Json) => m.name === "code");
    const data = markets.find((m: Json) => m.name === "data.cleaning");
    expect(code).toMatchObject({ categoryId: sdk.categoryId("code"), named: true, openJobs: 4, jobCount: 8, rfqCount: 6, settledJobs: 1 });
    expect(code.lastClearing).toMatchObject({ price: String(parseEther("1.5")), token: zeroAddress });
    expect(code.tokens).toEqual([
      // J1 settled at 1 ETH; J3 was awarded at 1.5 ETH (then declined): median (1 + 1.5) / 2.
      expect.objectContaining({ token: zeroAddress, volume: String(parseEther("1")), settledJobs: 1, medianClearingPrice: String(parseEther("1.25")), clearings: 2 }),
    ]);
    expect(data).toMatchObject({ openJobs: 3, jobCount: 5, settledJobs: 2 });
    // J2 paid 75 in full; J5 was ruled 70% back to the buyer: its supplier's side is 15.
    expect(data.tokens).toEqual([
      expect.objectContaining({ token: token.toLowerCase(), volume: String(USD("90")), settledJobs: 2, lastClearingPrice: String(USD("75")), medianClearingPrice: String(USD("62.5")) }),
    ]);

    const series = await json("/api/markets/data.cleaning/prices");
    expect(series.series.map((p: Json) => [p.kind, BigInt(p.jobId), p.price])).toEqual([
      ["settlement", ids.j5, String(USD("50"))],
      ["award", ids.j2, String(USD("75"))],
      ["settlement", ids.j2, String(USD("75"))],
    ]);
    expect(series.series[1].timestamp).toBeGreaterThanOrEqual(series.series[0].timestamp);
    expect((await json(`/api/markets/${sdk.categoryId("data.cleaning")}/prices?kind=award`)).series).toHaveLength(1);
  });

  it("lists an arbitrator's disputes with evidence and its record", async () => {
    const served = await json(`/api/arbitrators/${addr(JUDGE)}/disputes`);
    const chain = await sdk.readArbitrator(node.reader, { escrow, arbitrator: addr(JUDGE) });
    expect(served.arbitrator).toMatchObject({
      active: chain.active, termsId: chain.termsId, rulingsForBuyer: chain.rulingsForBuyer, rulingsForSupplier: chain.rulingsForSupplier,
      rulingsEven: chain.rulingsEven, timedOut: chain.timedOut, feeBps: 200, termsUri: "ipfs://terms-v1", disputeCount: 1,
    });
    expect(chain.rulingsForBuyer).toBe(1);
    expect(served.arbitrator.terms).toEqual([expect.objectContaining({ version: 1, feeBps: 200 })]);
    expect(served.disputes).toHaveLength(1);
    expect(served.disputes[0]).toMatchObject({ jobId: String(ids.j5), job: { title: "Clean the ledger", category: "data.cleaning" } });
    expect(served.disputes[0].evidence).toHaveLength(2);
    expect((await json(`/api/arbitrators/${addr(JUDGE)}/disputes?status=active`)).disputes).toEqual([]);
  });

  it("ranks suppliers by reputation", async () => {
    const board = await json("/api/leaderboard");
    expect(board.suppliers.map((s: Json) => [s.rank, s.address])).toEqual([[1, low(S1)], [2, low(S2)], [3, low(S3)]]);
    // S1's score by the documented formula: its record, and its one 5-star rating weighted by its age.
    const confirmedAt = (await json(`/api/jobs/${ids.j1}`)).job.settledAt as number;
    const w = ratingWeight(confirmedAt, board.asOf);
    const expected = reputation({ won: 2, completed: 2, disputesLost: 0, onTimeDeliveries: 2, missedDeadlines: 0, ratingWeight: w, ratingWeightedSum: 5 * w });
    expect(board.suppliers[0]).toMatchObject({ score: expected.score, rating: expected.rating, record: { won: 2, completed: 2, ratingSum: 5 } });
    expect(w).toBeLessThan(1);
    // A newcomer's parts sit at their priors; losses and declines pull the others down.
    expect(board.suppliers[1].parts).toMatchObject({ rating: 0.5, disputes: 0.5 });
    expect(board.suppliers[2].parts.completion).toBeCloseTo(1 / 3, 4);
    expect((await json(`/api/suppliers/${addr(S1)}`)).reputation.score).toBe(expected.score);
    expect((await json("/api/leaderboard?minJobs=2")).suppliers.map((s: Json) => s.address)).toEqual([low(S1)]);
    expect((await get("/api/leaderboard?limit=500")).status).toBe(400);
  });

  it("answers GraphQL and SQL over HTTP", async () => {
    const res = await fetch(`${indexer.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query ($a: String!) { buyer(address: $a) { posted paid cancelled disputesOpened disputesLost }
          jobs(where: { status: Open }, orderBy: "id", orderDirection: "asc") { totalCount items { id title } } }`,
        variables: { a: low(BUYER_B) },
      }),
    });
    const { data, errors } = (await res.json()) as Json;
    expect(errors).toBeUndefined();
    const chain = await sdk.readBuyerRecord(node.reader, { escrow, buyer: addr(BUYER_B) });
    expect(data.buyer).toEqual({ ...chain });
    expect(chain).toMatchObject({ posted: 6, cancelled: 1, disputesOpened: 1, paid: 1 });
    expect(data.jobs.totalCount).toBe(openIds.length);
    expect(data.jobs.items[0]).toEqual({ id: String(openIds[0]), title: "Write tests" });

    // What @ponder/client sends: a superjson-encoded { sql, params }.
    const sqlQuery = { json: { sql: "select category, count(*)::int as n from job where status = 'Open' group by category order by category", params: [] } };
    const sqlRes = await fetch(`${indexer.url}/sql/db?sql=${encodeURIComponent(JSON.stringify(sqlQuery))}`);
    const body = (await sqlRes.json()) as Json;
    expect(sqlRes.status, JSON.stringify(body)).toBe(200);
    expect(body.rows).toEqual([
      { category: "code", n: 4 },
      { category: "data.cleaning", n: 3 },
    ]);
  });

  it("follows the chain live", async () => {
    const jobId = await rfq(BUYER_A, { token, maxPrice: USD("5"), category: "code", title: "Live one", hours: 3 });
    const started = Date.now();
    const newest = await until("the new RFQ in the API", async () => {
      const { items } = await json("/api/jobs?limit=1");
      return items[0]?.id === String(jobId) ? items[0] : undefined;
    });
    expect(newest).toMatchObject({ title: "Live one", status: "Open", category: "code" });
    // S4 holds no mUSD, but this RFQ asks for no bond.
    await placeBid(S4, jobId, token, USD("4"), USD("5"), 0);
    const detail = await until("the bid in the job", async () => {
      const body = await json(`/api/jobs/${jobId}`);
      return body.bids.length === 1 ? body : undefined;
    });
    expect(detail.bids[0]).toMatchObject({ supplier: low(S4), price: String(USD("4")), best: true });
    expect(detail.job).toMatchObject({ bidCount: 1, bestBidder: low(S4), bestBidPrice: String(USD("4")) });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
