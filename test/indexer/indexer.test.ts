// The Ponder indexer end to end: a real `hardhat node`, Tender deployed through the SDK, a realistic market driven
// through the SDK (direct hires, RFQs with competing and improved bids, an award, a decline, a cancellation, a
// dispute with evidence and a ruling, profiles and attestations, two categories, ETH and the mock token, and a spec
// that is not even JSON), then `ponder start` on PGlite in a folder on disk, and everything checked over HTTP: REST (filters,
// sorts, cursors, 400s), GraphQL, SQL over HTTP, records equal to the chain's, reputation overall and per category
// and buyers' records against numbers worked out by hand from the scenario, a live update, and the open RFQs a
// supplier qualifies for (checked against the SDK's own floor check), and holdbacks under warranty (held payments,
// claims ruled, agreed to and left open, a return, a release, the clawback-share floor) against the chain's own
// views. Then interruptions: the indexer, stopped (SIGTERM) while transactions are being mined and restarted on its
// folder, must end equal to a fresh index of the same chain and to the chain itself; and a reorganisation of unfinalized blocks (evm_snapshot / evm_revert, other
// transactions at the same heights) must leave both indexes equal to the canonical chain.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Address, type ContractFunctionArgs, type ContractFunctionName, type Hash, parseEther, parseUnits, zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratingWeight } from "@tender/indexer/reputation";
import * as sdk from "@tender/sdk";
import { type RunningIndexer, startIndexer } from "../../scripts/dev/lib/indexer.ts";
import { type RunningPostgres, startPostgres } from "../../scripts/dev/lib/postgres.ts";
import { type RunningNode, startNode } from "../helpers/node.ts";

const USD = (amount: string) => parseUnits(amount, 6);
const spec = (category: string, title: string) => JSON.stringify({ version: 1, title, category, task: `${title}, please.` });

// Development accounts by role.
const DEPLOYER = 0, TREASURY = 1, JUDGE = 2, BUYER_A = 3, BUYER_B = 4, S1 = 5, S2 = 6, S3 = 7, ATTESTOR = 8, S4 = 9, NEWCOMER = 10;

type EscrowAbi = typeof sdk.tenderEscrowAbi;
type EscrowWrite = ContractFunctionName<EscrowAbi, "nonpayable" | "payable">;

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

  function directHire(buyer: number, p: { supplier: number; token: Address; price: bigint; category: string; title: string; warranty?: sdk.Warranty; milestones?: sdk.Milestone[] }) {
    const hire = {
      escrow, supplier: addr(p.supplier), token: p.token, price: p.price, deliveryWindow: p.milestones?.[0]?.deliveryWindow ?? sdk.DAY, reviewWindow: sdk.DAY,
      arbitrator: addr(JUDGE), defaultBuyerShareBps: 0, category: p.category, spec: spec(p.category, p.title), warranty: p.warranty,
    };
    return posted(p.milestones ? sdk.postDirectHireInMilestones(node.writer(buyer), { ...hire, milestones: p.milestones }) : sdk.postDirectHire(node.writer(buyer), hire));
  }
  async function rfq(
    buyer: number,
    p: { token: Address; maxPrice: bigint; category: string; title: string; hours: number; bondBps?: number; floors?: Partial<sdk.Floors>; buyerChoice?: boolean; sealed?: boolean; warranty?: sdk.Warranty; milestones?: sdk.Milestone[] },
  ) {
    const mode = p.buyerChoice ? sdk.AwardMode.BuyerChoice : p.sealed ? sdk.AwardMode.SealedLowestPrice : sdk.AwardMode.LowestPrice;
    const posting = {
      escrow, token: p.token, maxPrice: p.maxPrice, bidDeadline: (await now()) + p.hours * sdk.HOUR, awardWindow: mode === sdk.AwardMode.LowestPrice ? 0 : sdk.HOUR,
      deliveryWindow: p.milestones?.[0]?.deliveryWindow ?? sdk.DAY, reviewWindow: sdk.DAY, mode, arbitrator: addr(JUDGE),
      defaultBuyerShareBps: 0, category: p.category, floors: { ...sdk.NO_FLOORS, bondBps: p.bondBps ?? 0, ...p.floors },
      spec: spec(p.category, p.title), warranty: p.warranty,
    };
    return posted(p.milestones ? sdk.postRFQInMilestones(node.writer(buyer), { ...posting, milestones: p.milestones }) : sdk.postRFQ(node.writer(buyer), posting));
  }
  const floors = (bondBps: number) => ({ ...sdk.NO_FLOORS, bondBps });
  const placeBid = (who: number, jobId: bigint, tokenAddress: Address, price: bigint, maxPrice: bigint, bondBps: number) =>
    ok(sdk.bid(node.writer(who), { escrow, jobId, price, floors: floors(bondBps), token: tokenAddress, bond: sdk.bondFor(maxPrice, { bondBps }) }));
  const deliver = (who: number, jobId: bigint) =>
    ok(sdk.deliver(node.writer(who), { escrow, jobId, deliverableHash: sdk.specHash(`work for ${jobId}`), uri: `ipfs://work-${jobId}` }));

  /** Indexers started by the tests below (beside `indexer`), settled or not, for afterAll to stop. */
  const more: Promise<RunningIndexer>[] = [];
  /** A supplier's price history as the chain has it, overall or in one category: its JobAwarded prices against
   * their RFQs' maximums (RFQPosted), price × 10,000 ÷ maximum rounded down, averaged rounded down. */
  async function chainPrice(who: number, category?: string) {
    const awards = await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "JobAwarded", args: { supplier: addr(who) }, fromBlock: 0n });
    let rfqAwards = 0, sum = 0n;
    for (const award of awards) {
      const rfq = await sdk.readRFQ(node.reader, { escrow, jobId: award.args.jobId! });
      if (category !== undefined && rfq.category.toLowerCase() !== sdk.categoryId(category).toLowerCase()) continue;
      rfqAwards++;
      sum += (award.args.price! * 10_000n) / rfq.maxPrice;
    }
    return { rfqAwards, averagePriceBps: rfqAwards === 0 ? null : Number(sum / BigInt(rfqAwards)) };
  }

  beforeAll(async () => {
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-indexer-"));
    const deployer = node.writer(DEPLOYER);
    deployment = await sdk.deployEscrow(deployer, node.reader, { owner: deployer.account.address, treasury: addr(TREASURY), feeBps: 100 });
    escrow = deployment.escrow;
    token = await sdk.deployMockToken(deployer, node.reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
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
          arbitratorTermsId: await sdk.currentTermsId(node.reader, { escrow, arbitrator: addr(JUDGE) }),
          defaultBuyerShareBps: 0, warranty: sdk.NO_WARRANTY, category: sdk.categoryId("code"), floors: sdk.encodeFloors(sdk.NO_FLOORS), spec: "{oops\u0000",
        }],
        value: parseEther("0.2"),
      }),
    );
    openIds.push(ids.bad);

    // On a folder, so that the restart test can stop it and start it again on the same data.
    indexer = await startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir, pgliteDir: join(dir, "pglite") });
  }, 120_000);

  afterAll(async () => {
    for (const started of await Promise.allSettled(more)) if (started.status === "fulfilled") await started.value.stop();
    await indexer?.stop(); // the first one, if the restart test did not run
    await postgres?.stop();
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

  it("lists jobs with the listed fields only, and the arbitrator registry a buyer picks from", async () => {
    const { items } = await json("/api/jobs?status=all&limit=1");
    expect(Object.keys(items[0]).sort()).toEqual(
      ["arbitrator", "bestBidPrice", "bidCount", "bidDeadline", "buyer", "category", "categoryId", "deadline", "floors", "id", "kind", "maxPrice", "mode",
        "postedAt", "price", "specProblem", "specValid", "status", "supplier", "title", "token", "updatedAt", "bondBps", "holdbackBps", "warrantyWindow",
        "milestoneCount", "currentMilestone", "commitCount", "revealCount", "awardDeadline"].sort(),
    );
    const registry = await json("/api/arbitrators");
    expect(registry.items).toHaveLength(1);
    expect(registry.items[0]).toMatchObject({ address: low(JUDGE), active: true, feeBps: 200, ruleWindow: 3 * sdk.DAY, termsUri: "ipfs://terms-v1" });
    expect(registry.items[0].disputeCount).toBeGreaterThan(0);
    expect((await json("/api/arbitrators?active=false")).items).toEqual([]);
    const refused = await get("/api/arbitrators?active=yes");
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/"active" must be "true" or "false"/);
    // A job carries the terms it was posted under: what a dispute costs each side.
    const j5 = await json(`/api/jobs/${ids.j5}`);
    expect(j5.terms).toMatchObject({ arbitrator: low(JUDGE), version: 1, feeBps: 200, termsUri: "ipfs://terms-v1" });
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
      expect(served.price, `supplier #${who}`).toEqual(await chainPrice(who));
      for (const c of served.categories) expect(c.price, `supplier #${who} in ${c.category}`).toEqual(await chainPrice(who, c.category));
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
    // Its price history: J2 awarded at 75 of a 100 maximum (J1, a direct hire, has no maximum).
    expect(s1.price).toEqual({ rfqAwards: 1, averagePriceBps: 7_500 });
    expect(s1.history.jobs.map((j: Json) => BigInt(j.id))).toEqual([ids.j2, ids.j1]);
    expect(s1.history.bids.map((b: Json) => [BigInt(b.jobId), b.job.won])).toEqual([[openIds[4], false], [ids.j2, true]]);
    expect(s1.volume).toEqual(expect.arrayContaining([
      expect.objectContaining({ token: zeroAddress, volume: String(parseEther("1")) }),
      expect.objectContaining({ token: token.toLowerCase(), volume: String(USD("75")) }),
    ]));
    const s2 = await json(`/api/suppliers/${addr(S2)}`);
    expect(s2.record).toMatchObject({ won: 1, completed: 1, disputesFaced: 1, disputesLost: 1 });
    expect(s2.price).toEqual({ rfqAwards: 0, averagePriceBps: null });
    expect(s2.attestations).toEqual([expect.objectContaining({ metricName: "latency.p95.ms", revoked: true, current: false })]);
    const s3 = await json(`/api/suppliers/${addr(S3)}`);
    expect(s3.record).toMatchObject({ won: 1, declined: 1, completed: 0, refunded: 0 });
    expect(s3.derived.directHires).toBe(1);
    expect(s3.price).toEqual({ rfqAwards: 1, averagePriceBps: 7_500 }); // J3: 1.5 of 2 ETH, declined after
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

  // The reputation formula of indexer/README.md, worked by hand for this scenario's suppliers. Parts:
  //   rating     (R − 1) / 4 with R = (3·3 + Σ w·stars) / (3 + Σ w), w = ½^(age / 90 days)
  //   completion (completed + 1) / (won + 2);  on time (deliveries + 1) / (deliveries + missed + 2)
  //   disputes   1 − lost / (won + 1);         score = 100 × (0.40, 0.25, 0.20, 0.15 of them), one decimal
  // Only S1 has a rating (J1, 5 stars): its weight is J1's age at the answer's time ("asOf").
  const oneDecimal = (x: number) => Math.round(x * 10) / 10;
  async function s1RatingWeight(asOf: number) {
    const confirmedAt = (await json(`/api/jobs/${ids.j1}`)).job.settledAt as number;
    const w = 0.5 ** ((asOf - confirmedAt) / (90 * 86_400));
    expect(w).toBeLessThan(1);
    expect(w).toBeGreaterThan(0.98); // about a day old
    expect(w).toBeCloseTo(ratingWeight(confirmedAt, asOf), 12);
    return w;
  }

  it("ranks suppliers by reputation, scores worked out by hand", async () => {
    const board = await json("/api/leaderboard");
    expect(board.category).toBeNull();
    expect(board.suppliers.map((s: Json) => [s.rank, s.address])).toEqual([[1, low(S1)], [2, low(S2)], [3, low(S3)]]);

    // S1 overall: won 2 (J1, J2), completed 2, delivered both, no dispute, J1's 5 stars.
    const w = await s1RatingWeight(board.asOf);
    const r1 = (9 + 5 * w) / (3 + w);
    const s1 = board.suppliers[0];
    expect(s1.rating).toBeCloseTo(r1, 3);
    expect(s1.parts.rating).toBeCloseTo((r1 - 1) / 4, 4);
    expect(s1.parts).toMatchObject({ completion: 0.75, onTime: 0.75, disputes: 1 });
    expect(s1.score).toBe(oneDecimal(100 * (0.4 * ((r1 - 1) / 4) + 0.25 * 0.75 + 0.2 * 0.75 + 0.15 * 1)));
    expect(s1.score).toBeGreaterThan(73.5);
    expect(s1.score).toBeLessThan(73.8);
    expect(s1.record).toMatchObject({ won: 2, completed: 2, ratingSum: 5, ratingCount: 1 });

    // S2: won 1 (J5), completed 1 (the ruling left it 30%), delivered, lost its dispute, no rating.
    const s2 = board.suppliers[1];
    expect(s2.rating).toBe(3);
    expect(s2.parts.rating).toBe(0.5);
    expect(s2.parts.completion).toBeCloseTo(2 / 3, 4);
    expect(s2.parts.onTime).toBeCloseTo(2 / 3, 4);
    expect(s2.parts.disputes).toBe(0.5);
    expect(s2.score).toBe(57.5); // 100 × (0.4·½ + 0.25·⅔ + 0.2·⅔ + 0.15·½)

    // S3: won 1 (J3, declined after the award; its declined direct hire J6 counts nowhere), nothing delivered.
    const s3 = board.suppliers[2];
    expect(s3.parts).toMatchObject({ rating: 0.5, onTime: 0.5, disputes: 1 });
    expect(s3.parts.completion).toBeCloseTo(1 / 3, 4);
    expect(s3.score).toBe(53.3); // 100 × (0.4·½ + 0.25·⅓ + 0.2·½ + 0.15·1) = 53.33…
    expect(s3.record).toMatchObject({ won: 1, declined: 1, completed: 0 });

    expect((await json(`/api/suppliers/${addr(S1)}`)).reputation).toEqual({ score: s1.score, rating: s1.rating, parts: s1.parts });
    expect((await json("/api/leaderboard?minJobs=2")).suppliers.map((s: Json) => s.address)).toEqual([low(S1)]);
    expect((await get("/api/leaderboard?limit=500")).status).toBe(400);
  });

  it("sorts the leaderboard by rating, completed, volume in a token or price paid against the maximum, and filters by attested metrics", async () => {
    const order = async (q: string) => (await json(`/api/leaderboard${q}`)).suppliers.map((s: Json) => s.address);
    // Completed: S1 2, S2 1, S3 0. Volume: S1 1 ETH and 75 mUSD, S2 15 mUSD, S3 none (ties by score).
    expect(await order("?sort=completed")).toEqual([low(S1), low(S2), low(S3)]);
    expect(await order(`?sort=volume&token=${token}`)).toEqual([low(S1), low(S2), low(S3)]);
    expect(await order("?sort=volume&token=ETH")).toEqual([low(S1), low(S2), low(S3)]);
    // Rating: S1's 5 stars lift it above the prior of 3 that S2 and S3 keep (then by score).
    expect(await order("?sort=rating")).toEqual([low(S1), low(S2), low(S3)]);
    const board = await json("/api/leaderboard?metric=benchmark.swe-bench");
    expect(board.sort).toBe("score");
    expect(board.metrics).toEqual([{ id: sdk.metricId(sdk.METRICS.sweBench), name: sdk.METRICS.sweBench }]);
    expect(board.suppliers.map((s: Json) => s.address)).toEqual([low(S1)]);
    expect(board.suppliers[0].attested).toEqual([expect.objectContaining({ metricName: sdk.METRICS.sweBench, value: "72", attestor: low(ATTESTOR) })]);
    expect(board.suppliers[0].volume).toEqual(expect.arrayContaining([{ token: token.toLowerCase(), volume: "75000000", jobs: expect.any(Number) }]));
    // S2's latency attestation was revoked: nobody holds it.
    expect(await order(`?metric=${sdk.metricId(sdk.METRICS.latencyP95Ms)}`)).toEqual([]);
    expect(await order("?metric=benchmark.swe-bench,latency.p95.ms")).toEqual([]);
    // Price: the average winning price as a share of the RFQ's maximum, lowest first. S1 (J2: 75 of 100) and S3
    // (J3: 1.5 of 2) both paid 75% (then by score); S2 won no RFQ (J5 was a direct hire): after them.
    const byPrice = await json("/api/leaderboard?sort=price");
    expect(byPrice.sort).toBe("price");
    expect(byPrice.suppliers.map((s: Json) => [s.address, s.price])).toEqual([
      [low(S1), { rfqAwards: 1, averagePriceBps: 7_500 }],
      [low(S3), { rfqAwards: 1, averagePriceBps: 7_500 }],
      [low(S2), { rfqAwards: 0, averagePriceBps: null }],
    ]);
    // In code, S1's only job is a direct hire: S3 first, ahead of the better score.
    expect(await order("?sort=price&category=code")).toEqual([low(S3), low(S1)]);
    expect((await json("/api/leaderboard?sort=price&category=code")).suppliers[1].price).toEqual({ rfqAwards: 0, averagePriceBps: null });
    expect((await get("/api/leaderboard?sort=cheapest")).status).toBe(400);
    expect((await get("/api/leaderboard?sort=volume")).status).toBe(400);
    expect((await get("/api/leaderboard?metric=")).status).toBe(400);
  });

  it("scores suppliers per category and ranks each category, by hand", async () => {
    // data.cleaning: S1 has J2 (won, delivered, finalized without a rating), S2 has J5 (as overall).
    const data = await json("/api/leaderboard?category=data.cleaning");
    expect(data.category).toEqual({ id: sdk.categoryId("data.cleaning"), name: "data.cleaning" });
    expect(data.suppliers.map((s: Json) => [s.rank, s.address, s.score])).toEqual([
      [1, low(S1), 65], // 100 × (0.4·½ + 0.25·⅔ + 0.2·⅔ + 0.15·1) = 65
      [2, low(S2), 57.5],
    ]);
    expect(data.suppliers[0].record).toEqual({ won: 1, completed: 1, declined: 0, refunded: 0, disputesFaced: 0, disputesLost: 0, ratingSum: 0, ratingCount: 0 });
    expect(data.suppliers[1].record).toMatchObject({ won: 1, completed: 1, disputesFaced: 1, disputesLost: 1 });

    // code: S1 has J1 (direct hire, delivered, 5 stars), S3 has J3 (awarded, declined). S2 never worked in code.
    const code = await json(`/api/leaderboard?category=${sdk.categoryId("code")}`);
    const w = await s1RatingWeight(code.asOf);
    const r = (9 + 5 * w) / (3 + w);
    expect(code.suppliers.map((s: Json) => s.address)).toEqual([low(S1), low(S3)]);
    expect(code.suppliers[0].parts.completion).toBeCloseTo(2 / 3, 4);
    expect(code.suppliers[0].parts.onTime).toBeCloseTo(2 / 3, 4);
    expect(code.suppliers[0].parts.disputes).toBe(1);
    expect(code.suppliers[0].rating).toBeCloseTo(r, 3);
    expect(code.suppliers[0].score).toBe(oneDecimal(100 * (0.4 * ((r - 1) / 4) + 0.25 * (2 / 3) + 0.2 * (2 / 3) + 0.15)));
    expect(code.suppliers[1].score).toBe(53.3);
    expect(code.suppliers[1].record).toMatchObject({ won: 1, declined: 1 });

    // The supplier's own page: each category's score and parts, best first; they add up to the overall record.
    const s1 = await json(`/api/suppliers/${addr(S1)}`);
    expect(s1.categories.map((c: Json) => [c.category, c.reputation.score])).toEqual([
      ["code", code.suppliers[0].score],
      ["data.cleaning", 65],
    ]);
    expect(s1.categories[0].reputation.parts).toEqual(code.suppliers[0].parts);
    expect(s1.categories[1]).toMatchObject({ categoryId: sdk.categoryId("data.cleaning"), onTimeDeliveries: 1, missedDeadlines: 0 });
    for (const field of ["won", "completed", "ratingSum", "ratingCount"]) {
      expect(s1.categories.reduce((sum: number, c: Json) => sum + c.record[field], 0), field).toBe(s1.record[field]);
    }
    expect((await json(`/api/suppliers/${addr(S2)}`)).categories.map((c: Json) => c.category)).toEqual(["data.cleaning"]);
    expect((await json("/api/leaderboard?category=code&minJobs=2")).suppliers).toEqual([]);
    expect((await get("/api/leaderboard?category=nothing-here")).status).toBe(404);
    expect((await get("/api/leaderboard?category=")).status).toBe(400);
  });

  it("keeps each buyer's record: pay rate, disputes, cancellations, worked out by hand", async () => {
    for (const who of [BUYER_A, BUYER_B]) {
      const chain = await sdk.readBuyerRecord(node.reader, { escrow, buyer: addr(who) });
      expect((await json(`/api/buyers/${addr(who)}`)).record, `buyer #${who}`).toEqual({ ...chain });
    }
    // A posted J1, J2, J6 and 4 open RFQs: J1 confirmed (5 stars) and J2 finalized, both paid; J6 refunded (declined).
    const a = await json(`/api/buyers/${addr(BUYER_A)}`);
    expect(a.record).toEqual({ posted: 7, paid: 2, cancelled: 0, disputesOpened: 0, disputesLost: 0, claimsOpened: 0, claimsLost: 0 });
    expect(a.derived).toMatchObject({
      settled: 2, refunded: 1, disputesWon: 0, cancelledWithBids: 0, ratingsGiven: 1, averageRatingGiven: 5,
      payRate: 1, disputeRate: 0, lossShareBps: 0, cancelRate: 0,
    });
    // payment (2 + 1) / (2 + 2), disputes 1 − 0 / 3, cancellations 1 − 0 / 8: 100 × (0.5·¾ + 0.3 + 0.2) = 87.5
    expect(a.reputation).toEqual({ score: 87.5, parts: { payment: 0.75, disputes: 1, cancellations: 1 } });
    expect(a.history.jobs.map((j: Json) => BigInt(j.id)).slice(-3)).toEqual([ids.j6, ids.j2, ids.j1]);

    // B posted J3, J4, J5 and 3 open RFQs: J4 cancelled before any bid, J3 refunded (declined after the award),
    // J5 disputed and ruled 70% its way (the supplier lost), the rest 30% paid.
    const b = await json(`/api/buyers/${addr(BUYER_B)}`);
    expect(b.record).toEqual({ posted: 6, paid: 1, cancelled: 1, disputesOpened: 1, disputesLost: 0, claimsOpened: 0, claimsLost: 0 });
    expect(b.derived).toMatchObject({
      settled: 1, refunded: 1, disputesWon: 1, cancelledWithBids: 0, ratingsGiven: 0, averageRatingGiven: null,
      payRate: 1, disputeRate: 1, lossShareBps: 0, cancelRate: 0.1667,
    });
    // payment (1 + 1) / (1 + 2), disputes 1 − 0 / 2, cancellations 1 − 0 / 7: 100 × (0.5·⅔ + 0.3 + 0.2) = 83.3
    expect(b.reputation.score).toBe(83.3);
    expect(b.reputation.parts.payment).toBeCloseTo(2 / 3, 4);

    expect((await get("/api/buyers/0x1234")).status).toBe(400);
    expect((await get(`/api/buyers/${addr(S1)}`)).status).toBe(404);
    expect((await get(`/api/buyers/${addr(BUYER_A)}?limit=0`)).status).toBe(400);
  });

  it("answers GraphQL and SQL over HTTP", async () => {
    const res = await fetch(`${indexer.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query ($a: String!) { buyer(address: $a) { posted paid cancelled disputesOpened disputesLost claimsOpened claimsLost }
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

  it("lists the open RFQs a supplier qualifies for, as the SDK's floor check says", async () => {
    // The records now: S1 completed 2 (1 ETH and 75 mUSD of volume), one 5-star rating, no dispute, a current
    // swe-bench attestation of 72; S2 completed 1 (15 mUSD), lost its only dispute, its attestation revoked;
    // S3 nothing completed; S4 only bid; NEWCOMER never seen.
    const category = "research";
    const swe = sdk.metricId(sdk.METRICS.sweBench);
    const latency = sdk.metricId(sdk.METRICS.latencyP95Ms);
    const wanted: { name: string; token: Address; floors: Partial<sdk.Floors> }[] = [
      { name: "none", token, floors: {} },
      { name: "minCompleted 2", token, floors: { minCompleted: 2 } },
      { name: "minVolume 50 mUSD", token, floors: { minVolume: USD("50") } },
      { name: "minVolume 1 ETH", token: zeroAddress, floors: { minVolume: parseEther("1") } },
      { name: "loss share ≤ 50%", token, floors: { maxLossShareBps: 5_000 } },
      { name: "2 ratings", token, floors: { minRatings: 2 } },
      { name: "average ≥ 4.5", token, floors: { minAvgRating: 450 } },
      { name: "swe-bench ≥ 70", token, floors: { metrics: [{ attestor: addr(ATTESTOR), comparison: sdk.Comparison.AtLeast, metric: swe, threshold: 70n }] } },
      { name: "swe-bench ≥ 80", token, floors: { metrics: [{ attestor: addr(ATTESTOR), comparison: sdk.Comparison.AtLeast, metric: swe, threshold: 80n }] } },
      { name: "swe-bench by another", token, floors: { metrics: [{ attestor: addr(JUDGE), comparison: sdk.Comparison.AtLeast, metric: swe, threshold: 1n }] } },
      { name: "latency ≤ 1000", token, floors: { metrics: [{ attestor: addr(ATTESTOR), comparison: sdk.Comparison.AtMost, metric: latency, threshold: 1_000n }] } },
    ];
    const jobs: { id: bigint; name: string; token: Address; floors: sdk.Floors }[] = [];
    for (const w of wanted) {
      const maxPrice = w.token === zeroAddress ? parseEther("0.1") : USD("5");
      const id = await rfq(BUYER_A, { token: w.token, maxPrice, category, title: w.name, hours: 48, floors: w.floors });
      jobs.push({ id, name: w.name, token: w.token, floors: { ...sdk.NO_FLOORS, ...w.floors } });
    }
    // S3 gets a latency attestation that lapses in an hour.
    await ok(sdk.attest(node.writer(ATTESTOR), { registry: deployment.registry, supplier: addr(S3), metric: sdk.METRICS.latencyP95Ms, value: 800n, validUntil: (await now()) + sdk.HOUR }));
    await indexer.waitForBlock();

    const served = async (who: number) =>
      (await json(`/api/jobs?category=${category}&qualifiedFor=${addr(who)}&sort=oldest&limit=100`)).items.map((j: Json) => j.title as string);
    /** What the SDK's unmetFloors (reading the chain itself) says, at the latest block's time. */
    const bySdk = async (who: number) => {
      const at = await now();
      const unmet = await Promise.all(
        jobs.map((j) => sdk.unmetFloors(node.reader, { escrow, registry: deployment.registry, supplier: addr(who), token: j.token, floors: j.floors, now: at })),
      );
      return jobs.filter((_, i) => unmet[i]!.length === 0).map((j) => j.name);
    };
    const expected: Record<number, string[]> = {
      [S1]: ["none", "minCompleted 2", "minVolume 50 mUSD", "minVolume 1 ETH", "loss share ≤ 50%", "average ≥ 4.5", "swe-bench ≥ 70"],
      [S2]: ["none"],
      [S3]: ["none", "loss share ≤ 50%", "latency ≤ 1000"],
      [S4]: ["none", "loss share ≤ 50%"],
      [NEWCOMER]: ["none", "loss share ≤ 50%"],
    };
    for (const [who, names] of Object.entries(expected)) {
      expect(await served(Number(who)), `supplier #${who}`).toEqual(names);
      expect(await bySdk(Number(who)), `supplier #${who} (SDK)`).toEqual(names);
    }
    // Floors apply on top of the other filters, to RFQs only, and a cursor keeps them.
    const all = (await json(`/api/jobs?status=all&qualifiedFor=${addr(S2)}&limit=100`)).items;
    expect(all.every((j: Json) => j.kind === "rfq")).toBe(true);
    const first = await json(`/api/jobs?category=${category}&qualifiedFor=${addr(S1)}&sort=oldest&limit=4`);
    expect((await get(`/api/jobs?category=${category}&sort=oldest&limit=4&cursor=${first.nextCursor}`)).status).toBe(400);
    const rest = await json(`/api/jobs?category=${category}&qualifiedFor=${addr(S1)}&sort=oldest&limit=4&cursor=${first.nextCursor}`);
    expect([...first.items, ...rest.items].map((j: Json) => j.title)).toEqual(expected[S1]);

    // Two hours on, S3's attestation has lapsed at the latest indexed block's time.
    await advance(2 * sdk.HOUR);
    await indexer.waitForBlock();
    expect(await served(S3)).toEqual(["none", "loss share ≤ 50%"]);
    expect(await bySdk(S3)).toEqual(["none", "loss share ≤ 50%"]);

    const bad = await get("/api/jobs?qualifiedFor=0x1234");
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/"qualifiedFor".*address/);
  });

  // -------------------------------------------------------------------------------------------------------------
  // Holdback and clawback.

  const CLAIM_STATUS = ["none", "filed", "answered", "ended"] as const;
  /** A served held payment agrees with the escrow's heldOf and claimOf. */
  async function expectHeldAsOnChain(jobId: bigint, served: Json) {
    const payment = BigInt(served.payment);
    const [held, claim] = await Promise.all([
      node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "heldOf", args: [jobId, payment] }),
      node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "claimOf", args: [jobId, payment] }),
    ]);
    const what = `job ${jobId} payment ${payment}`;
    expect(
      { held: served.held, heldBond: served.heldBond, warrantyEndsAt: served.warrantyEndsAt, claimStatus: served.claimStatus },
      what,
    ).toEqual({ held: String(held.amount), heldBond: String(held.bond), warrantyEndsAt: held.warrantyEndsAt, claimStatus: CLAIM_STATUS[held.claim] });
    if (served.claimStatus === "none") {
      expect(claim, what).toEqual({ asked: 0n, deadline: 0, fee: 0n });
    } else {
      expect({ asked: served.asked, fee: served.fee, deadline: served.claimDeadline }, what).toEqual({
        asked: String(claim.asked), fee: String(claim.fee), deadline: claim.deadline,
      });
    }
  }

  it("indexes holdbacks: held payments, claims ruled, agreed to and open, a return, a release, as the chain has them", async () => {
    // The warranty's calls, straight to the escrow (the SDK's helpers for them are not there yet).
    const call = <F extends EscrowWrite>(who: number, functionName: F, args: ContractFunctionArgs<EscrowAbi, "nonpayable" | "payable", F>) =>
      ok(node.writer(who).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName, args } as never));
    const warranty = (holdbackBps: number, holdBond = false): sdk.Warranty => ({ holdbackBps, warrantyWindow: sdk.DAY, holdBond });
    const judgeBefore = await sdk.readArbitrator(node.reader, { escrow, arbitrator: addr(JUDGE) });
    const volumeOf = (who: number) => node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "completedVolume", args: [addr(who), token] });
    const s3VolumeBefore = await volumeOf(S3);

    // W1: A hires S3 with 20% held; confirmed; A claims 5 of the 8 held, S3 answers, both add evidence, and the
    // arbitrator rules 20% of the claim to A: A lost its claim.
    const w1 = await directHire(BUYER_A, { supplier: S3, token, price: USD("40"), category: "code", title: "Warranty: ruled", warranty: warranty(2_000) });
    await deliver(S3, w1);
    await ok(sdk.confirm(node.writer(BUYER_A), { escrow, jobId: w1, rating: 4 }));
    await call(BUYER_A, "claim", [w1, 0n, USD("5"), "ipfs://claim-1"]);
    await call(S3, "answerClaim", [w1, 0n, "ipfs://answer-1"]);
    await call(BUYER_A, "submitClaimEvidence", [w1, 0n, "ipfs://claim-evidence-buyer"]);
    await call(S3, "submitClaimEvidence", [w1, 0n, "ipfs://claim-evidence-supplier"]);
    await call(JUDGE, "ruleClaim", [w1, 0n, 2_000, sdk.specHash("it mostly works")]);

    // W3: B hires S3 with 50% held; confirmed; S3 returns 2 of the 15 held, B claims 6, S3 agrees: a clawback.
    const w3 = await directHire(BUYER_B, { supplier: S3, token, price: USD("30"), category: "data.cleaning", title: "Warranty: agreed", warranty: warranty(5_000) });
    await deliver(S3, w3);
    await ok(sdk.confirm(node.writer(BUYER_B), { escrow, jobId: w3, rating: 3 }));
    await call(S3, "returnHeld", [w3, 0n, USD("2")]);
    await call(BUYER_B, "claim", [w3, 0n, USD("6"), "ipfs://claim-3"]);
    await call(S3, "agreeClaim", [w3, 0n]);

    // W4: A hires S2 with 10% held; confirmed; A claims, S2 answers: it waits for the arbitrator's ruling.
    const w4 = await directHire(BUYER_A, { supplier: S2, token, price: USD("20"), category: "code", title: "Warranty: open", warranty: warranty(1_000) });
    await deliver(S2, w4);
    await ok(sdk.confirm(node.writer(BUYER_A), { escrow, jobId: w4, rating: 5 }));
    await call(BUYER_A, "claim", [w4, 0n, USD("1"), "ipfs://claim-4"]);
    await call(S2, "answerClaim", [w4, 0n, "ipfs://answer-4"]);

    // W2: B's RFQ with 10% held and the winner's bond held with it; S1 wins at 45 (bond 5), delivers, is finalized
    // once the review window lapses; nobody claims; released once the warranty ends.
    const w2 = await rfq(BUYER_B, { token, maxPrice: USD("50"), category: "data.cleaning", title: "Warranty: released", hours: 2, bondBps: 1_000, warranty: warranty(1_000, true) });
    await placeBid(S1, w2, token, USD("45"), USD("50"), 1_000);
    await advance(2 * sdk.HOUR + 60);
    await ok(sdk.award(node.writer(BUYER_B), { escrow, jobId: w2 }));
    await deliver(S1, w2);
    await advance(sdk.DAY + 60);
    await ok(sdk.finalize(node.writer(S1), { escrow, jobId: w2 }));
    await advance(sdk.DAY + 60);
    await call(DEPLOYER, "release", [w2, 0n]);
    await indexer.waitForBlock();

    // Every held payment as the escrow holds it; the payouts as its HeldSettled logs say.
    const settledLogs = await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, eventName: "HeldSettled", fromBlock: 0n });
    const OUTCOMES = ["Released", "Waived", "Agreed", "Ruled", "Unanswered", "Silent"];
    const details: Record<string, Json> = {};
    for (const id of [w1, w2, w3, w4]) {
      const detail = await json(`/api/jobs/${id}`);
      details[String(id)] = detail;
      expect(detail.held, `job ${id}`).toHaveLength(1);
      await expectHeldAsOnChain(id, detail.held[0]);
      const log = settledLogs.find((l) => l.args.jobId === id);
      const h = detail.held[0];
      if (log) {
        expect({ outcome: h.outcome, toBuyer: h.toBuyer, toSupplier: h.toSupplier, toArbitrator: h.toArbitrator, protocolFee: h.protocolFee, supplierGross: h.supplierGross }, `job ${id}`).toEqual({
          outcome: OUTCOMES[log.args.outcome!], toBuyer: String(log.args.toBuyer), toSupplier: String(log.args.toSupplier),
          toArbitrator: String(log.args.toArbitrator), protocolFee: String(log.args.protocolFee), supplierGross: String(log.args.supplierGross),
        });
      } else {
        expect(h.outcome, `job ${id}`).toBeNull();
      }
    }

    // W1 by hand: 8 of 40 held (JobSettled pays 32: 31.68 and a 1% fee); fee ⌈8 × 2%⌉ = 0.16 a side; ruled 20% of
    // the 5 asked back (1), the supplier keeps 7 (less 0.07) and gets its fee back, the arbitrator the buyer's.
    const d1 = details[String(w1)]!;
    expect(d1.warranty).toEqual({ holdbackBps: 2_000, warrantyWindow: sdk.DAY, holdBond: false });
    expect(d1.job).toMatchObject({ status: "Settled", holdbackBps: 2_000, warrantyWindow: sdk.DAY, holdBond: false, rating: 4, toSupplier: String(USD("31.68")), protocolFee: String(USD("0.32")) });
    expect(d1.held[0]).toMatchObject({
      payment: 0, heldAtSettlement: String(USD("8")), held: "0", heldBond: "0", claimStatus: "ended", asked: String(USD("5")), fee: String(USD("0.16")),
      statementUri: "ipfs://claim-1", responseUri: "ipfs://answer-1", buyerShareBps: 2_000, evidenceCount: 2, outcome: "Ruled",
      toBuyer: String(USD("1")), toSupplier: String(USD("7.09")), toArbitrator: String(USD("0.16")), protocolFee: String(USD("0.07")), supplierGross: String(USD("7")),
    });
    expect(d1.held[0].ruleBy).toBe(d1.held[0].claimDeadline);
    expect(d1.held[0].warrantyEndsAt).toBe(d1.job.settledAt + sdk.DAY);
    expect(d1.held[0].evidence.map((e: Json) => [e.role, e.uri])).toEqual([
      ["buyer", "ipfs://claim-evidence-buyer"],
      ["supplier", "ipfs://claim-evidence-supplier"],
    ]);
    expect(d1.timeline.map((e: Json) => e.kind)).toEqual([
      "DirectHirePosted", "JobDelivered", "PaymentHeld", "JobSettled", "ClaimFiled", "ClaimAnswered", "ClaimEvidence", "ClaimEvidence", "ClaimRuled", "HeldSettled",
    ]);
    // W3: 15 held, 2 returned (13 left), 6 asked with a fee of ⌈13 × 2%⌉ = 0.26: agreed, 6.26 back to B, 7 to S3.
    expect(details[String(w3)]!.held[0]).toMatchObject({
      heldAtSettlement: String(USD("15")), returned: String(USD("2")), returns: 1, fee: String(USD("0.26")), outcome: "Agreed",
      toBuyer: String(USD("6.26")), supplierGross: String(USD("7")), claimStatus: "ended",
    });
    // W2: 4.5 held with 4.5 of the 5 bond, released: 4.5 less 0.045 and the bond to S1; its claim never filed.
    expect(details[String(w2)]!.warranty).toEqual({ holdbackBps: 1_000, warrantyWindow: sdk.DAY, holdBond: true });
    expect(details[String(w2)]!.held[0]).toMatchObject({
      heldAtSettlement: String(USD("4.5")), claimStatus: "none", asked: null, outcome: "Released", toSupplier: String(USD("8.955")), supplierGross: String(USD("4.5")),
    });
    // W4: answered, waiting for a ruling before its rule-by.
    const d4 = details[String(w4)]!;
    expect(d4.held[0]).toMatchObject({ held: String(USD("2")), claimStatus: "answered", asked: String(USD("1")), outcome: null });
    expect(d4.held[0].claimDeadline).toBe(d4.held[0].ruleBy);
    expect(d4.held[0].ruleBy).toBe(d4.held[0].answeredAt + 3 * sdk.DAY);
    // A job without holdback has none.
    expect((await json(`/api/jobs/${ids.j1}`))).toMatchObject({ warranty: null, held: [] });

    // Records, claims and volume as the chain has them.
    for (const who of [S1, S2, S3]) {
      const served = await json(`/api/suppliers/${addr(who)}`);
      const claims = await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "claimRecord", args: [addr(who)] });
      expect(served.record, `supplier #${who}`).toEqual({ ...(await sdk.readSupplierRecord(node.reader, { escrow, supplier: addr(who) })) });
      expect(served.claims, `supplier #${who}`).toEqual({
        ...claims, clawbackShareBps: claims.claimsFaced === 0 ? 0 : Math.floor((claims.clawedBack * 10_000) / claims.claimsFaced),
      });
      for (const v of served.volume) {
        const onChain = await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "completedVolume", args: [addr(who), v.token] });
        expect(v.volume, `supplier #${who} in ${v.token}`).toBe(String(onChain));
      }
      // Per category they add up to the overall counts.
      for (const field of ["claimsFaced", "clawedBack"]) {
        expect(served.categories.reduce((sum: number, c: Json) => sum + c.claims[field], 0), `supplier #${who} ${field}`).toBe(served.claims[field]);
      }
      // The disputes part counts clawbacks as lost disputes, per job taken.
      expect(served.reputation.parts.disputes, `supplier #${who}`).toBeCloseTo(
        Math.max(0, 1 - (served.record.disputesLost + served.claims.clawedBack) / (served.record.won + 1)), 4,
      );
    }
    const s3 = await json(`/api/suppliers/${addr(S3)}`);
    expect(s3.claims).toEqual({ claimsFaced: 2, clawedBack: 1, clawbackShareBps: 5_000 });
    expect(s3.categories.map((c: Json) => [c.category, c.claims.claimsFaced, c.claims.clawedBack])).toEqual(
      expect.arrayContaining([["code", 1, 0], ["data.cleaning", 1, 1]]),
    );
    // S3's volume grew by what it finally received: 32 + 7 (W1) and 15 + 7 (W3), the 1 and the 6 given back and the
    // 2 returned not counted.
    expect((await volumeOf(S3)) - s3VolumeBefore).toBe(USD("61"));
    expect((await json(`/api/suppliers/${addr(S2)}`)).claims).toEqual({ claimsFaced: 1, clawedBack: 0, clawbackShareBps: 0 });

    for (const who of [BUYER_A, BUYER_B]) {
      const served = await json(`/api/buyers/${addr(who)}`);
      expect(served.record, `buyer #${who}`).toEqual({ ...(await sdk.readBuyerRecord(node.reader, { escrow, buyer: addr(who) })) });
      expect(served.reputation.parts.disputes, `buyer #${who}`).toBeCloseTo(
        Math.max(0, 1 - (served.record.disputesLost + served.record.claimsLost) / (served.derived.settled + 1)), 4,
      );
    }
    const a = await json(`/api/buyers/${addr(BUYER_A)}`);
    expect(a.record).toMatchObject({ claimsOpened: 2, claimsLost: 1 });
    expect(a.derived).toMatchObject({ claimsWon: 0, claimLossShareBps: 5_000 });
    expect((await json(`/api/buyers/${addr(BUYER_B)}`)).derived).toMatchObject({ claimsWon: 1, claimLossShareBps: 0 });

    // The protocol's fees: what the indexer accrued less what was collected is the escrow's protocolFees.
    const feeQuery = { json: { sql: `select outstanding::text as o from protocol_fee where token = '${token.toLowerCase()}'`, params: [] } };
    const fees = await json(`/sql/db?sql=${encodeURIComponent(JSON.stringify(feeQuery))}`);
    expect(fees.rows[0].o).toBe(String(await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "protocolFees", args: [token] })));

    // The arbitrator: a claim's ruling counts as a dispute's; its console lists the claim waiting for its ruling.
    const console_ = await json(`/api/arbitrators/${addr(JUDGE)}/disputes`);
    const judge = await sdk.readArbitrator(node.reader, { escrow, arbitrator: addr(JUDGE) });
    expect(judge.rulingsForSupplier).toBe(judgeBefore.rulingsForSupplier + 1);
    expect(console_.arbitrator).toMatchObject({
      rulingsForBuyer: judge.rulingsForBuyer, rulingsForSupplier: judge.rulingsForSupplier, rulingsEven: judge.rulingsEven, timedOut: judge.timedOut, claimCount: 3,
    });
    expect(console_.claims.map((c: Json) => [BigInt(c.jobId), c.claimStatus, c.needsRuling])).toEqual([
      [w4, "answered", true],
      [w3, "ended", false],
      [w1, "ended", false],
    ]);
    const queue = await json(`/api/arbitrators/${addr(JUDGE)}/disputes?status=answered`);
    expect(queue.disputes).toEqual([]);
    expect(queue.claims).toHaveLength(1);
    expect(queue.claims[0]).toMatchObject({ jobId: String(w4), payment: 0, needsRuling: true, ruleBy: d4.held[0].ruleBy, job: { title: "Warranty: open" } });
    expect((await json(`/api/arbitrators/${addr(JUDGE)}/disputes?status=ruled`)).claims.map((c: Json) => BigInt(c.jobId))).toEqual([w1]);

    // GraphQL has the held payments, with their job and their evidence.
    const res = await fetch(`${indexer.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `query ($id: BigInt!) { job(id: $id) { heldPayments { items { payment held claimStatus outcome evidence { items { role uri } } } } } }`,
        variables: { id: String(w1) },
      }),
    });
    const graph = (await res.json()) as Json;
    expect(graph.errors).toBeUndefined();
    expect(graph.data.job.heldPayments.items).toEqual([
      { payment: 0, held: "0", claimStatus: "ended", outcome: "Ruled", evidence: { items: [{ role: "buyer", uri: "ipfs://claim-evidence-buyer" }, { role: "supplier", uri: "ipfs://claim-evidence-supplier" }] } },
    ]);

    // The clawback-share floor: S3 has half of its claims clawed back, S1 and S2 none.
    const category = "warranty-floors";
    const floorsOf = [4_999, 5_000].map((bps) => ({ ...sdk.NO_FLOORS, maxClawbackShareBps: bps }));
    const floorJobs: bigint[] = [];
    for (const [i, f] of floorsOf.entries()) floorJobs.push(await rfq(BUYER_A, { token, maxPrice: USD("5"), category, title: `clawback ≤ ${[4_999, 5_000][i]}`, hours: 48, floors: f }));
    await indexer.waitForBlock();
    for (const who of [S1, S2, S3]) {
      const served = (await json(`/api/jobs?category=${category}&qualifiedFor=${addr(who)}&sort=oldest`)).items.map((j: Json) => BigInt(j.id));
      const at = await now();
      const unmet = await Promise.all(floorsOf.map((f) => sdk.unmetFloors(node.reader, { escrow, registry: deployment.registry, supplier: addr(who), token, floors: f, now: at })));
      expect(served, `supplier #${who}`).toEqual(floorJobs.filter((_, i) => unmet[i]!.length === 0));
    }
    expect((await json(`/api/jobs?category=${category}&qualifiedFor=${addr(S3)}`)).items.map((j: Json) => BigInt(j.id))).toEqual([floorJobs[1]]);
  });

  /** A job's milestones (GET /api/jobs/:id) as the escrow's milestonesOf and job() have them. */
  async function expectMilestonesAsOnChain(served: Json) {
    const jobId = BigInt(served.job.id);
    const [plan, onChain] = await Promise.all([
      node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "milestonesOf", args: [jobId] }),
      sdk.readJob(node.reader, { escrow, jobId }),
    ]);
    const what = `job ${jobId}`;
    expect(onChain.inMilestones, what).toBe(plan.count > 0);
    expect(served.job.milestoneCount, what).toBe(plan.count);
    expect(served.milestones.length, what).toBe(plan.count);
    if (plan.count === 0) return;
    expect(
      { current: served.job.currentMilestone, settledBps: served.job.milestonesSettledBps, settled: served.job.milestonesSettled, deliveryWindow: served.job.deliveryWindow, price: served.job.price },
      what,
    ).toEqual({ current: plan.current, settledBps: plan.settledBps, settled: String(plan.settled), deliveryWindow: onChain.deliveryWindow, price: String(onChain.price) });
    // The job's deadline is the milestone in progress's while it runs.
    if (!["Settled", "Refunded", "Cancelled"].includes(served.job.status)) expect(served.job.deadline, what).toBe(onChain.deadline);
    expect(served.milestones.map((m: Json) => [m.index, m.shareBps, m.deliveryWindow]), what).toEqual(
      Array.from({ length: plan.count }, (_, i) => [i, plan.shareBps[i], plan.deliveryWindows[i]]),
    );
    const current = served.milestones[plan.current];
    if (served.job.status === "Awarded") expect([current.state, current.deliverBy], what).toEqual(["awarded", onChain.deadline]);
    if (served.job.status === "Delivered") expect([current.state, current.reviewEndsAt], what).toEqual(["delivered", onChain.deadline]);
    // Each milestone paid the supplier what the chain says, and its gross is the SDK's share of the price.
    const shares = Array.from({ length: plan.count }, (_, i) => ({ shareBps: plan.shareBps[i]! }));
    for (const m of served.milestones) {
      if (m.gross !== null) expect(m.gross, `${what} milestone ${m.index}`).toBe(String(sdk.milestoneGross(onChain.price, shares, m.index)));
      if (m.state === "settled") expect(BigInt(m.supplierGross), `${what} milestone ${m.index}`).toBe(BigInt(m.toSupplier) + BigInt(m.protocolFee));
    }
  }

  it("indexes jobs in milestones: each milestone's life, payouts and records as the chain has them, an early end included", async () => {
    const call = <F extends EscrowWrite>(who: number, functionName: F, args: ContractFunctionArgs<EscrowAbi, "nonpayable" | "payable", F>) =>
      ok(node.writer(who).writeContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName, args } as never));
    const volumeOf = (who: number) => node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "completedVolume", args: [addr(who), token] });
    const [s1Volume, s2Volume] = [await volumeOf(S1), await volumeOf(S2)];
    const indexedBefore = { s1: await json(`/api/suppliers/${addr(S1)}`), s2: await json(`/api/suppliers/${addr(S2)}`), s3: await json(`/api/suppliers/${addr(S3)}`) };

    // P2: B's RFQ of 60 in three milestones (25/25/50%, a day each), 10% bond; S1 bids 50 (bond 6).
    const p2 = await rfq(BUYER_B, {
      token, maxPrice: USD("60"), category: "code", title: "Milestones: missed", hours: 2, bondBps: 1_000,
      milestones: [{ shareBps: 2_500, deliveryWindow: sdk.DAY }, { shareBps: 2_500, deliveryWindow: sdk.DAY }, { shareBps: 5_000, deliveryWindow: sdk.DAY }],
    });
    await placeBid(S1, p2, token, USD("50"), USD("60"), 1_000);

    // P1: A hires S2 for 90 in three milestones (30/30/40%, windows 1, 2 and 1 days), 10% held under warranty.
    // Milestone 0 confirmed (no rating before the last); milestone 1 disputed and ruled 20% to A (S2 keeps the rest
    // and goes on); milestone 2 confirmed with 5 stars: the job settles.
    const p1 = await directHire(BUYER_A, {
      supplier: S2, token, price: USD("90"), category: "data.cleaning", title: "Milestones: all three", warranty: { holdbackBps: 1_000, warrantyWindow: sdk.DAY, holdBond: false },
      milestones: [{ shareBps: 3_000, deliveryWindow: sdk.DAY }, { shareBps: 3_000, deliveryWindow: 2 * sdk.DAY }, { shareBps: 4_000, deliveryWindow: sdk.DAY }],
    });
    await indexer.waitForBlock();
    const fresh1 = await json(`/api/jobs/${p1}`);
    expect(fresh1.job).toMatchObject({ status: "Awarded", milestoneCount: 3, currentMilestone: 0 });
    expect(fresh1.milestones.map((m: Json) => [m.state, m.gross])).toEqual([["awarded", String(USD("27"))], ["upcoming", String(USD("27"))], ["upcoming", String(USD("36"))]]);
    expect(fresh1.milestones[0].deliverBy).toBe(fresh1.job.deliverBy);
    const listed = (await json(`/api/jobs?status=awarded&supplier=${addr(S2)}`)).items.find((j: Json) => j.id === String(p1));
    expect(listed).toMatchObject({ milestoneCount: 3, currentMilestone: 0 });

    await deliver(S2, p1);
    await call(BUYER_A, "confirm", [p1, 0]);
    await deliver(S2, p1);
    const fee = await sdk.disputeFee(node.reader, { escrow, jobId: p1 });
    expect(fee).toBe(USD("0.54")); // 2% of milestone 1's 27
    await ok(sdk.dispute(node.writer(BUYER_A), { escrow, jobId: p1, statementURI: "ipfs://milestone-statement", token, fee }));
    await ok(sdk.respond(node.writer(S2), { escrow, jobId: p1, responseURI: "ipfs://milestone-response", token, fee }));
    await ok(sdk.submitEvidence(node.writer(S2), { escrow, jobId: p1, evidenceURI: "ipfs://milestone-evidence" }));
    await ok(sdk.rule(node.writer(JUDGE), { escrow, jobId: p1, buyerShareBps: 2_000, reasonHash: sdk.specHash("most of it") }));
    await deliver(S2, p1);
    await ok(sdk.confirm(node.writer(BUYER_A), { escrow, jobId: p1, rating: 5 }));

    // P3: A hires S3 for 20 in two halves; the first is delivered and disputed, S3 never answers: a dispute lost by
    // default, which ends the job (settled once the response window passed, below).
    const p3 = await directHire(BUYER_A, {
      supplier: S3, token, price: USD("20"), category: "code", title: "Milestones: lost dispute",
      milestones: [{ shareBps: 5_000, deliveryWindow: sdk.DAY }, { shareBps: 5_000, deliveryWindow: sdk.DAY }],
    });
    await deliver(S3, p3);
    const fee3 = await sdk.disputeFee(node.reader, { escrow, jobId: p3 });
    await ok(sdk.dispute(node.writer(BUYER_A), { escrow, jobId: p3, statementURI: "ipfs://milestone-statement-3", token, fee: fee3 }));

    // P2: awarded at 50; milestone 0 delivered and finalized after its review window; milestone 1's deadline passes
    // undelivered: refunded, the 37.5 unsettled and the 4.5 of bond left back to B.
    await advance(2 * sdk.HOUR + 60);
    await ok(sdk.award(node.writer(BUYER_B), { escrow, jobId: p2 }));
    await deliver(S1, p2);
    await advance(sdk.DAY + 60);
    await ok(sdk.finalize(node.writer(S1), { escrow, jobId: p2 }));
    await advance(sdk.DAY + 60);
    await ok(sdk.refund(node.writer(BUYER_B), { escrow, jobId: p2 }));
    await advance(sdk.DAY);
    await ok(sdk.settleDispute(node.writer(BUYER_A), { escrow, jobId: p3 }));
    await indexer.waitForBlock();

    const d1 = await json(`/api/jobs/${p1}`);
    const d2 = await json(`/api/jobs/${p2}`);
    const d3 = await json(`/api/jobs/${p3}`);
    for (const d of [d1, d2, d3]) await expectMilestonesAsOnChain(d);

    // P1 by hand (1% protocol fee): milestone 0 pays 27 less 2.7 held (24.3, fee 0.243); milestone 1's dispute
    // gives A 20% of 27 (5.4) and its fee back, S2 21.6 (fee 0.216) and its fee back; milestone 2 pays the rest of
    // the price, 36, less 3.6 held (32.4, fee 0.324).
    expect(d1.job).toMatchObject({
      status: "Settled", rating: 5, milestoneCount: 3, currentMilestone: 2, milestonesSettledBps: 6_000, milestonesSettled: String(USD("54")),
      toSupplier: String(USD("77.517")), protocolFee: String(USD("0.783")), deadline: null,
    });
    expect(d1.milestones.map((m: Json) => [m.state, m.gross, m.toSupplier, m.protocolFee, m.supplierGross, m.held, m.disputed])).toEqual([
      ["settled", String(USD("27")), String(USD("24.057")), String(USD("0.243")), String(USD("24.3")), String(USD("2.7")), false],
      ["settled", String(USD("27")), String(USD("21.384")), String(USD("0.216")), String(USD("21.6")), null, true],
      ["settled", String(USD("36")), String(USD("32.076")), String(USD("0.324")), String(USD("32.4")), String(USD("3.6")), false],
    ]);
    expect(d1.milestones[1]).toMatchObject({ disputeOutcome: "ruled", buyerShareBps: 2_000, disputeToBuyer: String(USD("5.4")) });
    expect(d1.milestones[1].evidence.map((e: Json) => [e.role, e.uri])).toEqual([["supplier", "ipfs://milestone-evidence"]]);
    // Each milestone's window runs from the previous one's settlement.
    for (const i of [1, 2]) {
      expect(d1.milestones[i].startedAt).toBe(d1.milestones[i - 1].settledAt);
      expect(d1.milestones[i].deliverBy).toBe(d1.milestones[i].startedAt + d1.milestones[i].deliveryWindow);
    }
    expect(d1.dispute).toMatchObject({ milestone: 1, price: String(USD("27")), fee: String(USD("0.54")), status: "ruled", loser: "buyer", evidenceCount: 1 });
    expect(d1.dispute.evidence).toHaveLength(1);
    expect(d1.held.map((h: Json) => [h.payment, h.heldAtSettlement])).toEqual([[0, String(USD("2.7"))], [2, String(USD("3.6"))]]);
    expect(d1.timeline.map((e: Json) => e.kind)).toEqual([
      "DirectHirePosted", "MilestonesScheduled", "JobDelivered", "PaymentHeld", "MilestoneSettled", "JobDelivered", "DisputeOpened", "DisputeAnswered",
      "Evidence", "Ruling", "DisputeSettled", "MilestoneSettled", "JobDelivered", "PaymentHeld", "MilestoneSettled", "JobSettled",
    ]);

    // P2 by hand: milestone 0 pays 12.5 of the winning 50 (fee 0.125) with 1.5 of the bond; the rest refunded.
    expect(d2.job).toMatchObject({
      status: "Refunded", declined: false, refundToBuyer: String(USD("37.5")), bondToBuyer: String(USD("4.5")), currentMilestone: 1,
      milestonesSettledBps: 2_500, milestonesSettled: String(USD("12.5")), toSupplier: String(USD("12.375")), protocolFee: String(USD("0.125")),
    });
    expect(d2.milestones.map((m: Json) => [m.state, m.gross])).toEqual([["settled", String(USD("12.5"))], ["refunded", String(USD("12.5"))], ["refunded", String(USD("25"))]]);
    expect(d2.milestones[0].startedAt).toBe(d2.job.awardedAt);
    expect(d2.milestones[1].deliveredAt).toBeNull();
    const bondLeft = await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "bidOf", args: [p2, addr(S1)] });
    expect(bondLeft.bond).toBe(0n);

    // P3: the first half all back to A with its fee (unanswered), then the job refunded with the second half.
    expect(d3.job).toMatchObject({ status: "Refunded", declined: false, refundToBuyer: String(USD("10")), bondToBuyer: "0", currentMilestone: 0, milestonesSettledBps: 0 });
    expect(d3.milestones.map((m: Json) => [m.state, m.gross, m.toSupplier, m.disputeOutcome, m.disputeToBuyer])).toEqual([
      ["settled", String(USD("10")), "0", "unanswered", String(USD("10.2"))],
      ["refunded", String(USD("10")), null, null, null],
    ]);
    expect(d3.timeline.map((e: Json) => e.kind).slice(-4)).toEqual(["DisputeDefaulted", "DisputeSettled", "MilestoneSettled", "JobRefunded"]);

    // Records as the chain counts them: P1 won at its first delivery, completed once, one milestone dispute (lost by
    // A), three on-time deliveries; P2 won at its award, then refunded (a missed deadline); the volume grew by each
    // part paid (24.3 + 21.6 + 32.4 for S2, 12.5 for S1; nothing for S3).
    expect((await volumeOf(S2)) - s2Volume).toBe(USD("78.3"));
    expect((await volumeOf(S1)) - s1Volume).toBe(USD("12.5"));
    const after = { s1: await json(`/api/suppliers/${addr(S1)}`), s2: await json(`/api/suppliers/${addr(S2)}`), s3: await json(`/api/suppliers/${addr(S3)}`) };
    for (const [who, served] of [[S1, after.s1], [S2, after.s2], [S3, after.s3]] as const) {
      expect(served.record, `supplier #${who}`).toEqual({ ...(await sdk.readSupplierRecord(node.reader, { escrow, supplier: addr(who) })) });
      expect(served.volume.find((v: Json) => v.token === token.toLowerCase())?.volume ?? "0", `supplier #${who}`).toBe(String(await volumeOf(who)));
    }
    const delta = (key: "s1" | "s2" | "s3", field: string) => after[key].record[field] - indexedBefore[key].record[field];
    expect(["won", "completed", "refunded", "declined", "disputesFaced", "disputesLost", "ratingCount"].map((f) => delta("s2", f))).toEqual([1, 1, 0, 0, 1, 0, 1]);
    expect(["won", "completed", "refunded", "declined", "disputesFaced"].map((f) => delta("s1", f))).toEqual([1, 0, 1, 0, 0]);
    expect(after.s2.derived.onTimeDeliveries - indexedBefore.s2.derived.onTimeDeliveries).toBe(3);
    expect(after.s1.derived.missedDeadlines - indexedBefore.s1.derived.missedDeadlines).toBe(1);
    // P3: a direct hire won at its first delivery, then refunded by the dispute it lost — not a missed deadline.
    expect(["won", "completed", "refunded", "declined", "disputesFaced", "disputesLost"].map((f) => delta("s3", f))).toEqual([1, 0, 1, 0, 1, 1]);
    expect(after.s3.derived.missedDeadlines).toBe(indexedBefore.s3.derived.missedDeadlines);
    for (const who of [BUYER_A, BUYER_B]) {
      const served = await json(`/api/buyers/${addr(who)}`);
      expect(served.record, `buyer #${who}`).toEqual({ ...(await sdk.readBuyerRecord(node.reader, { escrow, buyer: addr(who) })) });
    }
    const feeQuery = { json: { sql: `select outstanding::text as o from protocol_fee where token = '${token.toLowerCase()}'`, params: [] } };
    expect((await json(`/sql/db?sql=${encodeURIComponent(JSON.stringify(feeQuery))}`)).rows[0].o).toBe(
      String(await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "protocolFees", args: [token] })),
    );
    // A job paid at once has none.
    expect((await json(`/api/jobs/${ids.j1}`))).toMatchObject({ milestones: [], job: { milestoneCount: 0, currentMilestone: null } });
  });

  // -------------------------------------------------------------------------------------------------------------
  // Interruptions: a restart on disk, and a reorganisation.

  const TABLES = [
    "job", "job_event", "bid", "supplier", "supplier_category", "supplier_volume", "attestation", "buyer", "arbitrator",
    "arbitrator_terms", "dispute", "evidence", "rating", "market", "market_volume", "clearing_price", "protocol",
    "protocol_fee", "credit", "held_payment", "claim_evidence", "milestone",
  ];

  /** Everything the API says about the market, and the row count of every table. */
  async function snapshot(from: RunningIndexer) {
    const read = async (path: string) => {
      const res = await fetch(`${from.url}${path}`);
      return { status: res.status, body: (await res.json()) as Json };
    };
    const jobs = (await read("/api/jobs?status=all&sort=oldest&limit=100")).body.items as Json[];
    expect(jobs.length).toBeLessThan(100);
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      // SQL over HTTP takes plain SELECTs only: one query per table.
      const query = { json: { sql: `select count(*)::int as n from ${table}`, params: [] } };
      const { status, body } = await read(`/sql/db?sql=${encodeURIComponent(JSON.stringify(query))}`);
      expect(status, JSON.stringify(body)).toBe(200);
      counts[table] = body.rows[0].n;
    }
    return {
      jobs: await Promise.all(jobs.map(async (j) => (await read(`/api/jobs/${j.id}`)).body)),
      suppliers: await Promise.all([S1, S2, S3, S4].map(async (i) => (await read(`/api/suppliers/${addr(i)}`)).body)),
      buyers: await Promise.all([BUYER_A, BUYER_B].map(async (i) => (await read(`/api/buyers/${addr(i)}`)).body)),
      markets: (await read("/api/markets")).body,
      leaderboards: await Promise.all(["", "?category=code", "?category=data.cleaning"].map(async (q) => (await read(`/api/leaderboard${q}`)).body)),
      disputes: (await read(`/api/arbitrators/${addr(JUDGE)}/disputes`)).body,
      counts,
    };
  }
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;

  /** A snapshot agrees with the chain: every job and its status, every record, one timeline row per job event the
   * escrow emitted on the canonical chain, one bid row per BidPlaced or BidCommitted. */
  async function expectEqualToChain(state: Snapshot) {
    const lastJobId = await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "lastJobId" });
    expect(state.jobs.map((j) => j.job.id)).toEqual(Array.from({ length: Number(lastJobId) }, (_, i) => String(i + 1)));
    const onChain = await Promise.all(state.jobs.map((served) => sdk.readJob(node.reader, { escrow, jobId: BigInt(served.job.id) })));
    expect(state.jobs.map((served) => [served.job.id, served.job.status, served.job.buyer])).toEqual(
      state.jobs.map((served, i) => [served.job.id, sdk.STATUS_NAMES[onChain[i]!.status], onChain[i]!.buyer.toLowerCase()]),
    );
    for (const [i, who] of [S1, S2, S3, S4].entries()) {
      expect(state.suppliers[i]!.record, `supplier #${who}`).toEqual({ ...(await sdk.readSupplierRecord(node.reader, { escrow, supplier: addr(who) })) });
      const claims = await node.reader.readContract({ address: escrow, abi: sdk.tenderEscrowAbi, functionName: "claimRecord", args: [addr(who)] });
      expect(state.suppliers[i]!.claims, `supplier #${who}`).toMatchObject({ ...claims });
      expect(state.suppliers[i]!.price, `supplier #${who}`).toEqual(await chainPrice(who));
    }
    for (const [i, who] of [BUYER_A, BUYER_B].entries()) {
      expect(state.buyers[i]!.record, `buyer #${who}`).toEqual({ ...(await sdk.readBuyerRecord(node.reader, { escrow, buyer: addr(who) })) });
    }
    // Every held payment as the escrow holds it.
    for (const served of state.jobs) for (const h of served.held) await expectHeldAsOnChain(BigInt(served.job.id), h);
    // Every job's milestones as the escrow keeps them.
    for (const served of state.jobs) await expectMilestonesAsOnChain(served);
    const logs = await node.reader.getContractEvents({ address: escrow, abi: sdk.tenderEscrowAbi, fromBlock: 0n });
    const jobLogs = logs.filter((log) => log.args !== undefined && "jobId" in (log.args as object));
    expect(state.counts.job_event).toBe(jobLogs.length);
    expect(state.counts.bid).toBe(jobLogs.filter((log) => log.eventName === "BidPlaced" || log.eventName === "BidCommitted").length);
    expect(state.counts.job).toBe(Number(lastJobId));
  }

  /** A fresh index of the same chain on PostgreSQL, started beside the restarted one (on PGlite). */
  let fresh: RunningIndexer;
  let postgres: RunningPostgres | undefined;

  it("indexes sealed bids: commits counted with their prices hidden, prices once revealed, the lowest awarded, a forfeit", async () => {
    const jobId = await rfq(BUYER_B, { token, maxPrice: USD("80"), category: "code", title: "Sealed: three bidders", hours: 2, bondBps: 1_000, sealed: true });
    const chainId = node.reader.chain.id;
    const openings = new Map<number, sdk.SealedOpening>();
    for (const [who, price] of [[S1, USD("70")], [S2, USD("60")], [S3, USD("50")]] as const) {
      const { opening, commitment } = sdk.sealBid({ chainId, escrow, jobId, supplier: addr(who), price });
      openings.set(who, opening);
      await ok(sdk.commit(node.writer(who), { escrow, jobId, commitment, floors: floors(1_000), token, bond: USD("8") }));
    }
    await indexer.waitForBlock();
    const sealed = await json(`/api/jobs/${jobId}`);
    expect(sealed.job).toMatchObject({ mode: "SealedLowestPrice", bidCount: 3, commitCount: 3, revealCount: 0, bestBidPrice: null });
    expect(sealed.bids.map((b: Json) => [b.supplier, b.price, b.sealed, b.revealed, b.commitSeq])).toEqual([
      [low(S1), "0", true, false, 1],
      [low(S2), "0", true, false, 2],
      [low(S3), "0", true, false, 3],
    ]);
    const listedSealed = (await json(`/api/jobs?status=open&buyer=${addr(BUYER_B)}`)).items.find((j: Json) => j.id === String(jobId));
    expect(listedSealed).toMatchObject({ mode: "SealedLowestPrice", bidCount: 3, commitCount: 3, revealCount: 0 });

    // S1 and S2 reveal; S3 (the lowest) never does: S2 wins, S3's bond goes to the buyer.
    await advance(2 * sdk.HOUR + 60);
    for (const who of [S1, S2]) await ok(sdk.reveal(node.writer(DEPLOYER), openings.get(who)!));
    await indexer.waitForBlock();
    const revealing = await json(`/api/jobs/${jobId}`);
    expect(revealing.job).toMatchObject({ revealCount: 2, bestBidder: low(S2), bestBidPrice: String(USD("60")) });
    expect(revealing.bids.map((b: Json) => [b.supplier, b.price, b.revealed, b.valid, b.best])).toEqual([
      [low(S2), String(USD("60")), true, true, true],
      [low(S1), String(USD("70")), true, true, false],
      [low(S3), "0", false, null, false],
    ]);
    await advance(sdk.HOUR);
    await ok(sdk.award(node.writer(BUYER_B), { escrow, jobId }));
    await ok(sdk.forfeitBond(node.writer(BUYER_B), { escrow, jobId, supplier: addr(S3) }));
    await ok(sdk.reclaimBond(node.writer(S1), { escrow, jobId }));
    await indexer.waitForBlock();
    const done = await json(`/api/jobs/${jobId}`);
    expect(done.job).toMatchObject({ status: "Awarded", supplier: low(S2), price: String(USD("60")) });
    const byWho = Object.fromEntries(done.bids.map((b: Json) => [b.supplier, b]));
    expect(byWho[low(S3)]).toMatchObject({ forfeited: true, revealed: false, bondReclaimed: false });
    expect(byWho[low(S1)]).toMatchObject({ bondReclaimed: true, forfeited: false });
    expect(byWho[low(S2)]).toMatchObject({ won: true });
    expect(done.timeline.map((e: Json) => e.kind)).toEqual(["RFQPosted", "BidCommitted", "BidCommitted", "BidCommitted", "BidRevealed", "BidRevealed", "JobAwarded", "BondForfeited", "BondReclaimed"]);
  });

  it("resumes after a stop while transactions are mined, equal to a fresh index", { timeout: 150_000 }, async () => {
    const pgliteDir = join(dir, "pglite");
    const first = indexer;
    const r: Record<string, bigint> = {};
    // The market goes on, in steps of one to three transactions.
    const steps: (() => Promise<unknown>)[] = [
      async () => {
        r.disputed = await directHire(BUYER_B, { supplier: S2, token, price: USD("20"), category: "code", title: "Restart: reviewed" });
        await deliver(S2, r.disputed);
      },
      async () => {
        const fee = await sdk.disputeFee(node.reader, { escrow, jobId: r.disputed! });
        await ok(sdk.dispute(node.writer(BUYER_B), { escrow, jobId: r.disputed!, statementURI: "ipfs://statement-2", token, fee }));
        await ok(sdk.respond(node.writer(S2), { escrow, jobId: r.disputed!, responseURI: "ipfs://response-2", token, fee }));
      },
      async () => {
        await ok(sdk.submitEvidence(node.writer(S2), { escrow, jobId: r.disputed!, evidenceURI: "ipfs://evidence-2" }));
        // 20% back to the buyer: this time the buyer loses.
        await ok(sdk.rule(node.writer(JUDGE), { escrow, jobId: r.disputed!, buyerShareBps: 2_000, reasonHash: sdk.specHash("mostly fine") }));
      },
      async () => {
        r.chosen = await rfq(BUYER_A, { token, maxPrice: USD("30"), category: "code", title: "Restart: buyer's choice", hours: 2, bondBps: 500, buyerChoice: true });
        await placeBid(S3, r.chosen, token, USD("25"), USD("30"), 500);
      },
      async () => {
        r.lowest = await rfq(BUYER_B, { token: zeroAddress, maxPrice: parseEther("0.2"), category: "data.cleaning", title: "Restart: lowest", hours: 2 });
        await placeBid(S1, r.lowest, zeroAddress, parseEther("0.15"), parseEther("0.2"), 0);
        await placeBid(S2, r.lowest, zeroAddress, parseEther("0.12"), parseEther("0.2"), 0);
      },
      async () => {
        r.rated = await directHire(BUYER_A, { supplier: S1, token: zeroAddress, price: parseEther("0.1"), category: "data.cleaning", title: "Restart: rated" });
        await deliver(S1, r.rated);
        await ok(sdk.confirm(node.writer(BUYER_A), { escrow, jobId: r.rated, rating: 4 }));
      },
    ];
    // While it is down: the awards and a cancellation with a bid on it, a delivery, a rating, registry changes.
    const whileDown: (() => Promise<unknown>)[] = [
      async () => {
        await advance(4 * sdk.HOUR);
        await ok(sdk.award(node.writer(BUYER_B), { escrow, jobId: r.lowest! }));
        await ok(sdk.cancel(node.writer(BUYER_A), { escrow, jobId: r.chosen! }));
        await ok(sdk.reclaimBond(node.writer(S3), { escrow, jobId: r.chosen! }));
      },
      async () => {
        await deliver(S2, r.lowest!);
        await ok(sdk.confirm(node.writer(BUYER_B), { escrow, jobId: r.lowest!, rating: 5 }));
        await ok(sdk.attest(node.writer(ATTESTOR), { registry: deployment.registry, supplier: addr(S4), metric: sdk.METRICS.uptimeBps, value: 9_950n, validUntil: (await now()) + sdk.DAY }));
        await ok(sdk.revoke(node.writer(ATTESTOR), { registry: deployment.registry, supplier: addr(S1), metric: sdk.METRICS.sweBench }));
      },
    ];

    // Half of it indexed; the rest sent while the indexer is told to stop.
    for (const step of steps.slice(0, 3)) await step();
    await first.waitForBlock();
    let done = 3;
    const mining = (async () => {
      for (const step of steps.slice(3)) {
        await step();
        done++;
      }
    })();
    await until("a step of the second half mined", async () => done > 3);
    const stopping = first.stop(); // SIGTERM goes out now
    const doneAtStop = done;
    await stopping;
    await mining;
    expect(doneAtStop, "the stop came while transactions were still being mined").toBeLessThan(steps.length);
    for (const step of whileDown) await step();

    // Restarted on its folder, and a fresh index beside it — on PostgreSQL, so the two databases are held to the
    // same answers. Ponder's shutdown on PGlite leaves the schema marked as locked, so the restart waits until the
    // last heartbeat is 25 s old, then recovers: the fresh one boots meanwhile.
    postgres = await startPostgres({ fast: true });
    const restarting = startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir, pgliteDir });
    const starting = startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir, databaseUrl: postgres.url });
    more.push(restarting, starting);
    [indexer, fresh] = await Promise.all([restarting, starting]);
    expect(indexer.log(), "it resumed from its folder").toMatch(/Detected crash recovery/);
    expect(fresh.log()).not.toMatch(/Detected crash recovery/);
    const [resumed, reference] = await Promise.all([snapshot(indexer), snapshot(fresh)]);
    expect(resumed).toEqual(reference);
    await expectEqualToChain(resumed);
    // What the steps should have made, so that the equalities are not trivially true.
    const buyerB = resumed.buyers[1]!;
    expect(buyerB.record).toMatchObject({ disputesOpened: 2, disputesLost: 1 });
    expect(resumed.buyers[0]!.derived).toMatchObject({ cancelledWithBids: 1 });
    const lowest = resumed.jobs.find((j) => j.job.id === String(r.lowest))!;
    expect(lowest.job).toMatchObject({ status: "Settled", supplier: low(S2), rating: 5 });
    expect(lowest.timeline.map((e: Json) => e.kind)).toEqual(["RFQPosted", "BidPlaced", "BidPlaced", "JobAwarded", "JobDelivered", "JobSettled"]);
  });

  it("follows a reorganisation of unfinalized blocks back to the canonical chain", { timeout: 60_000 }, async () => {
    const both = [indexer, fresh];
    const head = async () => Number(await node.reader.getBlockNumber());
    const rpc = <T>(method: string, params: unknown[] = []) => node.reader.request({ method: method as never, params: params as never }) as Promise<T>;
    const s3Before = (await snapshot(indexer)).suppliers[2]!;

    const fork = await rpc<string>("evm_snapshot");
    const forkedAt = await head();
    // Blocks to be orphaned: a job (taking the next id) with a bid, a rated job for S3, an attestation of S3.
    const doomed = await rfq(BUYER_A, { token, maxPrice: USD("40"), category: "code", title: "Doomed", hours: 3 });
    await placeBid(S3, doomed, token, USD("35"), USD("40"), 0);
    const doomedHire = await directHire(BUYER_A, { supplier: S3, token, price: USD("10"), category: "data.cleaning", title: "Doomed hire" });
    await deliver(S3, doomedHire);
    await ok(sdk.confirm(node.writer(BUYER_A), { escrow, jobId: doomedHire, rating: 5 }));
    await ok(sdk.attest(node.writer(ATTESTOR), { registry: deployment.registry, supplier: addr(S3), metric: sdk.METRICS.uptimeBps, value: 9_990n, validUntil: (await now()) + sdk.DAY }));
    const orphanedHead = await head();
    for (const ix of both) {
      await ix.waitForBlock(orphanedHead);
      const served = (await (await fetch(`${ix.url}/api/suppliers/${addr(S3)}`)).json()) as Json;
      expect(served.record.completed).toBe(s3Before.record.completed + 1);
      expect(((await (await fetch(`${ix.url}/api/jobs/${doomed}`)).json()) as Json).job.title).toBe("Doomed");
    }

    // Back to the fork (hardhat drops the blocks), then other transactions at the same heights: one block more than
    // were dropped, so that the new chain is the longer one, as a reorg's winner is.
    expect(await rpc<boolean>("evm_revert", [fork])).toBe(true);
    expect(await head()).toBe(forkedAt);
    const kept = await rfq(BUYER_B, { token: zeroAddress, maxPrice: parseEther("0.4"), category: "data.cleaning", title: "Kept", hours: 3 });
    expect(kept).toBe(doomed);
    await placeBid(S1, kept, zeroAddress, parseEther("0.3"), parseEther("0.4"), 0);
    await ok(sdk.improveBid(node.writer(S1), { escrow, jobId: kept, price: parseEther("0.25") }));
    const keptHire = await directHire(BUYER_B, { supplier: S2, token, price: USD("12"), category: "code", title: "Kept hire" });
    await deliver(S2, keptHire);
    await ok(sdk.confirm(node.writer(BUYER_B), { escrow, jobId: keptHire, rating: 2 }));
    await rpc("evm_mine");
    const canonicalHead = await head();
    expect(canonicalHead).toBeGreaterThan(orphanedHead);
    await Promise.all(both.map((ix) => ix.waitForBlock(canonicalHead)));
    for (const ix of both) expect(ix.log(), "Ponder saw the reorg").toMatch(/Reorged block/);

    const [a, b] = await Promise.all(both.map(snapshot));
    expect(a).toEqual(b);
    await expectEqualToChain(a!);
    // Nothing of the orphaned blocks is left.
    const job = a!.jobs.find((j) => j.job.id === String(kept))!;
    expect(job.job).toMatchObject({ title: "Kept", buyer: low(BUYER_B), bidCount: 1, bestBidder: low(S1), bestBidPrice: String(parseEther("0.25")) });
    expect(job.bids.map((x: Json) => x.supplier)).toEqual([low(S1)]);
    expect(job.timeline.map((e: Json) => e.kind)).toEqual(["RFQPosted", "BidPlaced", "BidImproved"]);
    expect(a!.jobs.some((j) => String(j.job.title).startsWith("Doomed"))).toBe(false);
    const s3 = a!.suppliers[2]!;
    expect(s3.record).toEqual(s3Before.record);
    expect(s3.categories).toEqual(s3Before.categories);
    expect(s3.attestations.map((x: Json) => x.metricName)).toEqual(s3Before.attestations.map((x: Json) => x.metricName));
    expect(s3.history.bids.map((x: Json) => x.jobId)).not.toContain(String(doomed));
    const s2 = a!.suppliers[1]!;
    expect(s2.categories.find((c: Json) => c.category === "code").record.ratingCount).toBeGreaterThan(0);
  });
});
