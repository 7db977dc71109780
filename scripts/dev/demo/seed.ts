// Seeds a development chain with a demo market: a mock stablecoin, an arbitrator, buyers and suppliers, and jobs in
// every state the protocol reaches so far. Everything goes through the SDK, as any other client would.
import { type Address, type Hash, formatUnits, parseUnits } from "viem";
import * as sdk from "@tender/sdk";
import { DEMO_SPECS } from "./specs.ts";

export interface DemoActors {
  deployer: sdk.Writer;
  treasury: sdk.Writer;
  arbitrator: sdk.Writer;
  attestor: sdk.Writer;
  buyers: sdk.Writer[];
  suppliers: sdk.Writer[];
}

export interface SeededJob {
  jobId: bigint;
  kind: "direct hire" | "RFQ, lowest price" | "RFQ, buyer's choice";
  title: string;
  token: string;
  price: string;
  buyer: Address;
  supplier: Address;
  status: sdk.JobStatusName;
}

export interface Seeded {
  deployment: sdk.Deployment;
  stablecoin: Address;
  jobs: SeededJob[];
  /** Bids the escrow refused, with the floor that refused them. */
  refused: { jobId: bigint; supplier: Address; reason: string }[];
}

/** Moves the dev chain's clock forward (the demo needs some deadlines behind it). */
export type AdvanceTime = (seconds: number) => Promise<void>;

const USD = (amount: string) => parseUnits(amount, 6);

export async function seedDemo(reader: sdk.Reader, actors: DemoActors, advanceTime: AdvanceTime): Promise<Seeded> {
  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(reader, await hash);
  const { deployer, treasury, arbitrator, attestor, buyers, suppliers } = actors;

  const deployment = await sdk.deployEscrow(deployer, reader, {
    owner: deployer.account.address,
    treasury: treasury.account.address,
    feeBps: 100,
  });
  const stablecoin = await sdk.deployMockToken(deployer, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow: deployment.escrow });
  deployment.stablecoin = stablecoin;
  const { escrow } = deployment;
  // Each actor acts through the SDK's client bound to this deployment; reads need no signer.
  const market = sdk.tender({ reader }, deployment);
  const as = (writer: sdk.Writer) => sdk.tender({ reader, writer }, deployment);

  await ok(as(arbitrator).registerArbitrator({ feeBps: 300, ruleWindow: 3 * sdk.DAY, termsURI: "https://example.org/arbitration-terms" }));
  for (const account of [...buyers, ...suppliers]) {
    await ok(sdk.mintMock(deployer, { token: stablecoin, to: account.account.address, amount: USD("100000") }));
  }
  // Agent cards, and an evaluator's attestations: the first two suppliers are benchmarked, the third is not.
  const now = async () => Number((await reader.getBlock()).timestamp);
  for (const [i, supplier] of suppliers.entries()) {
    await ok(sdk.registerSupplier(supplier, { registry: deployment.registry, profileURI: `https://agents.example/supplier-${i + 1}.json` }));
  }
  for (const [supplier, score, p95] of [[suppliers[0]!, 74n, 800n], [suppliers[1]!, 66n, 1_400n]] as const) {
    const validUntil = (await now()) + 90 * sdk.DAY;
    await ok(sdk.attest(attestor, { registry: deployment.registry, supplier: supplier.account.address, metric: sdk.METRICS.sweBench, value: score, validUntil }));
    await ok(sdk.attest(attestor, { registry: deployment.registry, supplier: supplier.account.address, metric: sdk.METRICS.latencyP95Ms, value: p95, validUntil }));
  }

  const jobs: SeededJob[] = [];
  let specIndex = 0;
  const hire = async (buyer: sdk.Writer, supplier: sdk.Writer, token: Address, price: bigint, warranty?: sdk.Warranty) => {
    const demo = DEMO_SPECS[specIndex++ % DEMO_SPECS.length]!;
    const jobId = await market.waitForJobId(
      await as(buyer).postDirectHire({
        supplier: supplier.account.address,
        token,
        price,
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        arbitrator: arbitrator.account.address,
        defaultBuyerShareBps: 5_000,
        ...(warranty ? { warranty } : {}),
        category: demo.category,
        spec: demo.spec,
      }),
    );
    const job = {
      jobId,
      kind: "direct hire" as SeededJob["kind"],
      title: (JSON.parse(demo.spec) as { title: string }).title,
      token: token === sdk.ETH ? "ETH" : "mUSD",
      price: token === sdk.ETH ? `${formatUnits(price, 18)} ETH` : `${formatUnits(price, 6)} mUSD`,
      buyer: buyer.account.address,
      supplier: supplier.account.address,
      status: "Awarded" as sdk.JobStatusName,
    };
    jobs.push(job);
    return job;
  };
  const deliver = (supplier: sdk.Writer, jobId: bigint) =>
    ok(as(supplier).deliver({ jobId, deliverableHash: sdk.specHash(`work for job ${jobId}`), uri: `ipfs://demo-deliverable-${jobId}` }));

  const [b1, b2] = buyers as [sdk.Writer, sdk.Writer];
  const [s1, s2, s3] = suppliers as [sdk.Writer, sdk.Writer, sdk.Writer];

  const refused: Seeded["refused"] = [];
  const benchmarked: sdk.Floors = {
    ...sdk.NO_FLOORS,
    bondBps: 1_000,
    metrics: [
      { attestor: attestor.account.address, comparison: sdk.Comparison.AtLeast, metric: sdk.metricId(sdk.METRICS.sweBench), threshold: 60n },
      { attestor: attestor.account.address, comparison: sdk.Comparison.AtMost, metric: sdk.metricId(sdk.METRICS.latencyP95Ms), threshold: 1_500n },
    ],
  };
  const rfq = async (buyer: sdk.Writer, token: Address, maxPrice: bigint, mode: number, floors: sdk.Floors, bidding: number) => {
    const demo = DEMO_SPECS[specIndex++ % DEMO_SPECS.length]!;
    const jobId = await market.waitForJobId(
      await as(buyer).postRFQ({
        token, maxPrice, bidDeadline: (await now()) + bidding, awardWindow: mode === sdk.AwardMode.BuyerChoice ? sdk.DAY : 0,
        deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode, arbitrator: arbitrator.account.address, defaultBuyerShareBps: 0,
        category: demo.category, floors, spec: demo.spec,
      }),
    );
    const job: SeededJob = {
      jobId,
      kind: mode === sdk.AwardMode.BuyerChoice ? "RFQ, buyer's choice" : "RFQ, lowest price",
      title: (JSON.parse(demo.spec) as { title: string }).title,
      token: token === sdk.ETH ? "ETH" : "mUSD",
      price: token === sdk.ETH ? `≤ ${formatUnits(maxPrice, 18)} ETH` : `≤ ${formatUnits(maxPrice, 6)} mUSD`,
      buyer: buyer.account.address,
      supplier: "0x0000000000000000000000000000000000000000",
      status: "Open",
    };
    jobs.push(job);
    return job;
  };
  const bid = async (supplier: sdk.Writer, job: SeededJob, price: bigint, floors: sdk.Floors, token: Address, maxPrice: bigint) => {
    try {
      await ok(as(supplier).bid({ jobId: job.jobId, price, floors, token, bond: sdk.bondFor(maxPrice, floors) }));
    } catch (error) {
      if (!sdk.revertOf(error)) throw error;
      refused.push({ jobId: job.jobId, supplier: supplier.account.address, reason: sdk.describeError(error) });
    }
  };

  // Jobs whose deadlines must pass: posted first, then the clock moves a day.
  const auctioned = await rfq(b2, stablecoin, USD("300"), sdk.AwardMode.LowestPrice, benchmarked, 2 * sdk.HOUR);
  await bid(s1, auctioned, USD("260"), benchmarked, stablecoin, USD("300"));
  await bid(s2, auctioned, USD("240"), benchmarked, stablecoin, USD("300"));
  await ok(as(s1).improveBid({ jobId: auctioned.jobId, price: USD("235") }));
  const unwanted = await rfq(b1, sdk.ETH, parseUnits("0.03", 18), sdk.AwardMode.LowestPrice, sdk.NO_FLOORS, 2 * sdk.HOUR);
  const missed = await hire(b1, s3, stablecoin, USD("40"));
  const silent = await hire(b2, s2, sdk.ETH, parseUnits("0.05", 18));
  await deliver(s2, silent.jobId);
  await advanceTime(sdk.DAY);
  await ok(as(deployer).refund({ jobId: missed.jobId }));
  missed.status = "Refunded";
  await ok(as(deployer).finalize({ jobId: silent.jobId }));
  silent.status = "Settled";
  await ok(as(deployer).award({ jobId: auctioned.jobId }));
  Object.assign(auctioned, { status: "Awarded", supplier: s1.account.address, price: "235 mUSD" });
  await ok(as(s2).reclaimBond({ jobId: auctioned.jobId }));
  await ok(as(b1).cancel({ jobId: unwanted.jobId }));
  unwanted.status = "Cancelled";

  // Jobs that end now.
  const confirmed = await hire(b1, s1, stablecoin, USD("120"));
  await deliver(s1, confirmed.jobId);
  await ok(as(b1).confirm({ jobId: confirmed.jobId, rating: 5 }));
  confirmed.status = "Settled";
  const confirmed2 = await hire(b2, s1, stablecoin, USD("80"));
  await deliver(s1, confirmed2.jobId);
  await ok(as(b2).confirm({ jobId: confirmed2.jobId, rating: 4 }));
  confirmed2.status = "Settled";
  const declined = await hire(b2, s3, stablecoin, USD("60"));
  await ok(as(s3).decline({ jobId: declined.jobId }));
  declined.status = "Refunded";

  // Disputes: one ruled (70% to the buyer), one waiting for the arbitrator's ruling.
  const disputed = async (buyer: sdk.Writer, supplier: sdk.Writer, price: bigint) => {
    const job = await hire(buyer, supplier, stablecoin, price);
    await deliver(supplier, job.jobId);
    const fee = await market.read.disputeFee({ jobId: job.jobId });
    await ok(as(buyer).dispute({ jobId: job.jobId, statementURI: `ipfs://demo-statement-${job.jobId}`, token: stablecoin, fee }));
    await ok(as(supplier).respond({ jobId: job.jobId, responseURI: `ipfs://demo-response-${job.jobId}`, token: stablecoin, fee }));
    await ok(as(buyer).submitEvidence({ jobId: job.jobId, evidenceURI: `ipfs://demo-evidence-buyer-${job.jobId}` }));
    await ok(as(supplier).submitEvidence({ jobId: job.jobId, evidenceURI: `ipfs://demo-evidence-supplier-${job.jobId}` }));
    job.status = "Disputed";
    return job;
  };
  const ruled = await disputed(b1, s2, USD("70"));
  await ok(as(arbitrator).rule({ jobId: ruled.jobId, buyerShareBps: 7_000, reasonHash: sdk.specHash("two acceptance checks failed") }));
  ruled.status = "Settled";
  ruled.title += " (ruled 70/30)";
  const pending = await disputed(b2, s1, USD("110"));
  pending.title += " (awaiting ruling)";

  // Holdback: a job paid with 20% held under a 14-day warranty (still in it while the demo runs), and a clawback
  // ruled: the buyer claimed part of the held share, the supplier answered, the arbitrator ruled 80% to the buyer.
  const holdback: sdk.Warranty = { holdbackBps: 2_000, warrantyWindow: 14 * sdk.DAY, holdBond: false };
  const inWarranty = await hire(b1, s1, stablecoin, USD("120"), holdback);
  await deliver(s1, inWarranty.jobId);
  await ok(as(b1).confirm({ jobId: inWarranty.jobId, rating: 5 }));
  inWarranty.status = "Settled";
  inWarranty.title += " (20% held, in its warranty)";
  const clawedBack = await hire(b2, s2, stablecoin, USD("90"), holdback);
  await deliver(s2, clawedBack.jobId);
  await ok(as(b2).confirm({ jobId: clawedBack.jobId, rating: 3 }));
  await ok(as(b2).claim({ jobId: clawedBack.jobId, asked: USD("18"), statementURI: `ipfs://demo-claim-${clawedBack.jobId}` }));
  await ok(as(s2).answerClaim({ jobId: clawedBack.jobId, responseURI: `ipfs://demo-claim-answer-${clawedBack.jobId}` }));
  await ok(as(arbitrator).ruleClaim({ jobId: clawedBack.jobId, buyerShareBps: 8_000, reasonHash: sdk.specHash("the fix regressed two weeks later") }));
  clawedBack.status = "Settled";
  clawedBack.title += " (clawback ruled 80/20)";

  // Jobs still running when the demo is up.
  const inReview = await hire(b1, s2, stablecoin, USD("95"));
  await deliver(s2, inReview.jobId);
  inReview.status = "Delivered";
  await hire(b2, s1, stablecoin, USD("150"));
  await hire(b1, s3, sdk.ETH, parseUnits("0.02", 18));

  // RFQs taking bids while the demo runs; the unbenchmarked supplier is refused by the metric floors, and a
  // supplier with no completed job by the record floor.
  const open = await rfq(b1, stablecoin, USD("500"), sdk.AwardMode.LowestPrice, benchmarked, 2 * sdk.DAY);
  await bid(s1, open, USD("450"), benchmarked, stablecoin, USD("500"));
  await bid(s2, open, USD("430"), benchmarked, stablecoin, USD("500"));
  await bid(s3, open, USD("300"), benchmarked, stablecoin, USD("500"));
  const experienced: sdk.Floors = { ...sdk.NO_FLOORS, minCompleted: 1, minAvgRating: 400 };
  const choice = await rfq(b2, sdk.ETH, parseUnits("0.2", 18), sdk.AwardMode.BuyerChoice, experienced, 2 * sdk.DAY);
  await bid(s1, choice, parseUnits("0.15", 18), experienced, sdk.ETH, parseUnits("0.2", 18));
  await bid(s3, choice, parseUnits("0.1", 18), experienced, sdk.ETH, parseUnits("0.2", 18));

  return { deployment, stablecoin, jobs, refused };
}
