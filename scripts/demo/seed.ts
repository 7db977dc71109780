// Seeds a development chain with a demo market: a mock stablecoin, an arbitrator, buyers and suppliers, and jobs in
// every state the protocol reaches so far. Everything goes through the SDK, as any other client would.
import { type Address, type Hash, formatUnits, parseUnits } from "viem";
import * as sdk from "../sdk/index.ts";
import { DEMO_SPECS } from "./specs.ts";

export interface DemoActors {
  deployer: sdk.Writer;
  treasury: sdk.Writer;
  arbitrator: sdk.Writer;
  buyers: sdk.Writer[];
  suppliers: sdk.Writer[];
}

export interface SeededJob {
  jobId: bigint;
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
}

/** Moves the dev chain's clock forward (the demo needs some deadlines behind it). */
export type AdvanceTime = (seconds: number) => Promise<void>;

const USD = (amount: string) => parseUnits(amount, 6);

export async function seedDemo(reader: sdk.Reader, actors: DemoActors, advanceTime: AdvanceTime): Promise<Seeded> {
  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(reader, await hash);
  const { deployer, treasury, arbitrator, buyers, suppliers } = actors;

  const deployment = await sdk.deployEscrow(deployer, reader, {
    owner: deployer.account.address,
    treasury: treasury.account.address,
    feeBps: 100,
  });
  const stablecoin = await sdk.deployMockToken(deployer, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6 });
  deployment.stablecoin = stablecoin;
  const { escrow } = deployment;

  await ok(sdk.registerArbitrator(arbitrator, { escrow, feeBps: 300, ruleWindow: 3 * sdk.DAY, termsURI: "https://example.org/arbitration-terms" }));
  for (const buyer of buyers) {
    await ok(sdk.mintMock(deployer, { token: stablecoin, to: buyer.account.address, amount: USD("100000") }));
    await ok(sdk.approve(buyer, { token: stablecoin, spender: escrow, amount: 2n ** 255n }));
  }

  const jobs: SeededJob[] = [];
  let specIndex = 0;
  const hire = async (buyer: sdk.Writer, supplier: sdk.Writer, token: Address, price: bigint) => {
    const demo = DEMO_SPECS[specIndex++ % DEMO_SPECS.length]!;
    const jobId = await sdk.waitForJobId(
      reader,
      await sdk.postDirectHire(buyer, {
        escrow,
        supplier: supplier.account.address,
        token,
        price,
        deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY,
        arbitrator: arbitrator.account.address,
        defaultBuyerShareBps: 5_000,
        category: demo.category,
        spec: demo.spec,
      }),
    );
    const job = {
      jobId,
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
    ok(sdk.deliver(supplier, { escrow, jobId, deliverableHash: sdk.specHash(`work for job ${jobId}`), uri: `ipfs://demo-deliverable-${jobId}` }));

  const [b1, b2] = buyers as [sdk.Writer, sdk.Writer];
  const [s1, s2, s3] = suppliers as [sdk.Writer, sdk.Writer, sdk.Writer];

  // Jobs whose deadlines must pass: posted first, then the clock moves a day.
  const missed = await hire(b1, s3, stablecoin, USD("40"));
  const silent = await hire(b2, s2, sdk.ETH, parseUnits("0.05", 18));
  await deliver(s2, silent.jobId);
  await advanceTime(sdk.DAY);
  await ok(sdk.refund(deployer, { escrow, jobId: missed.jobId }));
  missed.status = "Refunded";
  await ok(sdk.finalize(deployer, { escrow, jobId: silent.jobId }));
  silent.status = "Settled";

  // Jobs that end now.
  const confirmed = await hire(b1, s1, stablecoin, USD("120"));
  await deliver(s1, confirmed.jobId);
  await ok(sdk.confirm(b1, { escrow, jobId: confirmed.jobId, rating: 5 }));
  confirmed.status = "Settled";
  const confirmed2 = await hire(b2, s1, stablecoin, USD("80"));
  await deliver(s1, confirmed2.jobId);
  await ok(sdk.confirm(b2, { escrow, jobId: confirmed2.jobId, rating: 4 }));
  confirmed2.status = "Settled";
  const declined = await hire(b2, s3, stablecoin, USD("60"));
  await ok(sdk.decline(s3, { escrow, jobId: declined.jobId }));
  declined.status = "Refunded";

  // Jobs still running when the demo is up.
  const inReview = await hire(b1, s2, stablecoin, USD("95"));
  await deliver(s2, inReview.jobId);
  inReview.status = "Delivered";
  await hire(b2, s1, stablecoin, USD("150"));
  await hire(b1, s3, sdk.ETH, parseUnits("0.02", 18));

  return { deployment, stablecoin, jobs };
}
