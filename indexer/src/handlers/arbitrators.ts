// The arbitrator registry: terms published (every version kept) and retirement.
import { ponder } from "ponder:registry";
import { arbitrator, termsVersion } from "ponder:schema";
import { changeArbitrator, clean, lower, time } from "../rows.ts";

ponder.on("TenderEscrow:ArbitratorTermsPublished", async ({ event, context }) => {
  const { db } = context;
  const { termsId, feeBps, ruleWindow, termsURI } = event.args;
  const address = lower(event.args.arbitrator);
  const at = time(event);
  const termsUri = clean(termsURI);
  const existing = await db.find(arbitrator, { address });
  if (!existing) {
    await db.insert(arbitrator).values({
      address,
      active: true,
      termsId,
      feeBps,
      ruleWindow,
      termsUri,
      termsVersions: 0,
      registeredAt: at,
      rulingsForBuyer: 0,
      rulingsForSupplier: 0,
      rulingsEven: 0,
      timedOut: 0,
      disputeCount: 0,
      claimCount: 0,
      jobsNamed: 0,
    });
  }
  const version = (existing?.termsVersions ?? 0) + 1;
  await db.update(arbitrator, { address }).set({ active: true, termsId, feeBps, ruleWindow, termsUri, termsVersions: version });
  await db.insert(termsVersion).values({ termsId, arbitrator: address, version, feeBps, ruleWindow, termsUri, publishedAt: at });
});

ponder.on("TenderEscrow:ArbitratorRetired", async ({ event, context }) => {
  await changeArbitrator(context.db, event.args.arbitrator, () => ({ active: false, retiredAt: time(event) }));
});
