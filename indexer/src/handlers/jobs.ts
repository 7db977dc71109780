// A job after its posting: an RFQ's award or cancellation, then delivery, refund (declined or deadline missed) and
// settlement (confirmed, finalized, ruled or defaulted), each moving the records the escrow moves. For a job in
// milestones each acts on the milestone in progress (its `milestone` row) and counts as TenderMilestones counts
// (src/index.ts); each milestone's payment is MilestoneSettled's (milestones.ts).
import { ponder } from "ponder:registry";
import { bid, job, milestone, protocolFee, rating, supplierVolume } from "ponder:schema";
import { milestoneGross } from "@tender/sdk/milestones";
import { addRating } from "../reputation.ts";
import {
  BPS,
  type Db,
  addClearing,
  addVolume,
  changeMarket,
  changeMilestone,
  clean,
  countSupplier,
  getJob,
  lower,
  milestoneOf,
  recordEvent,
  time,
  touchBuyer,
} from "../rows.ts";

/** A job's milestone rows, by index (none for a job paid at once). */
async function milestonesOf(db: Db, jobId: bigint, count: number) {
  const rows = [];
  for (let index = 0; index < count; index++) {
    const row = await db.find(milestone, { jobId, index });
    if (row) rows.push(row);
  }
  return rows;
}

ponder.on("TenderEscrow:JobAwarded", async ({ event, context }) => {
  const { db } = context;
  const { jobId, price, refunded, deliverBy } = event.args;
  const winner = lower(event.args.supplier);
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({
    status: "Awarded",
    supplier: winner,
    price,
    awardRefund: refunded,
    deliverBy,
    deadline: deliverBy,
    awardedAt: at,
    updatedAt: at,
  });
  await db.update(bid, { jobId, supplier: winner }).set({ won: true });
  // In milestones: the winning price fixes each milestone's gross, and the first one starts now.
  const rows = await milestonesOf(db, jobId, before.milestoneCount);
  for (const row of rows) {
    await changeMilestone(db, jobId, row.index, {
      gross: milestoneGross(price, rows, row.index),
      ...(row.index === 0 ? { state: "awarded" as const, startedAt: at, deliverBy } : {}),
    });
  }
  // The winning price against the RFQ's maximum (the escrow refuses a bid above it, and a zero maximum).
  const priceBps = before.maxPrice ? Number((price * BPS) / before.maxPrice) : null;
  await countSupplier(db, winner, before.categoryId, at, (row) => ({
    won: row.won + 1,
    ...(priceBps === null ? {} : { rfqAwards: row.rfqAwards + 1, awardPriceBps: row.awardPriceBps + priceBps }),
  }));
  await changeMarket(db, before.categoryId, (row) => ({ openJobs: row.openJobs - 1 }));
  await addClearing(db, event, { categoryId: before.categoryId, jobId, kind: "award", token: before.token, price, firstForJob: true });
  await recordEvent(db, event, jobId, "JobAwarded", { supplier: winner, price, refunded, deliverBy });
});

ponder.on("TenderEscrow:JobCancelled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, by, refunded } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({ status: "Cancelled", cancelledAt: at, cancelledBy: lower(by), deadline: null, updatedAt: at });
  for (let index = 0; index < before.milestoneCount; index++) await changeMilestone(db, jobId, index, { state: "cancelled" });
  await touchBuyer(db, before.buyer, at, (row) => ({
    cancelled: row.cancelled + 1,
    cancelledWithBids: row.cancelledWithBids + (before.bidCount > 0 ? 1 : 0),
  }));
  await changeMarket(db, before.categoryId, (row) => ({ openJobs: row.openJobs - 1 }));
  await recordEvent(db, event, jobId, "JobCancelled", { by: lower(by), refunded });
});

ponder.on("TenderEscrow:JobDelivered", async ({ event, context }) => {
  const { db } = context;
  const { jobId, deliverableHash, uri, reviewEndsAt } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({
    status: "Delivered",
    deliveredAt: at,
    deliverableHash,
    deliverableUri: clean(uri),
    reviewEndsAt,
    deadline: reviewEndsAt,
    updatedAt: at,
  });
  // The window used runs from the award (a milestone's: from its start) over the delivery window (the milestone's).
  const current = milestoneOf(before);
  const startedAt = current === null ? before.awardedAt : (await db.find(milestone, { jobId, index: current }))?.startedAt ?? null;
  const usedBps = startedAt === null || before.deliveryWindow === 0
    ? 0
    : Number((BigInt(at - startedAt) * BPS) / BigInt(before.deliveryWindow));
  if (current !== null) {
    await changeMilestone(db, jobId, current, { state: "delivered", deliveredAt: at, deliverableHash, deliverableUri: clean(uri), reviewEndsAt });
  }
  await countSupplier(db, before.supplier!, before.categoryId, at, (row) => ({
    // A direct hire counts as won once delivered (in milestones, its first): the supplier has taken it on.
    won: row.won + (before.kind === "direct" && (current ?? 0) === 0 ? 1 : 0),
    onTimeDeliveries: row.onTimeDeliveries + 1,
    deliveryWindowUsedBps: row.deliveryWindowUsedBps + usedBps,
  }));
  await recordEvent(db, event, jobId, "JobDelivered", { deliverableHash, uri, reviewEndsAt });
});

ponder.on("TenderEscrow:JobRefunded", async ({ event, context }) => {
  const { db } = context;
  const { jobId, declined, toBuyer, bondToBuyer } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({
    status: "Refunded",
    refundedAt: at,
    declined,
    refundToBuyer: toBuyer,
    bondToBuyer,
    deadline: null,
    updatedAt: at,
  });
  // A direct hire's decline or missed deadline writes nothing: the supplier never agreed to it (in milestones: while
  // in its first). A job in milestones refunded while Disputed ended by a milestone dispute the supplier lost: a
  // refund in its record whatever the kind, not a missed deadline.
  const current = milestoneOf(before);
  const lostDispute = before.status === "Disputed";
  if (before.kind === "rfq" || (current ?? 0) > 0 || lostDispute) {
    await countSupplier(db, before.supplier!, before.categoryId, at, (row) =>
      declined
        ? { declined: row.declined + 1 }
        : { refunded: row.refunded + 1, missedDeadlines: row.missedDeadlines + (lostDispute ? 0 : 1) },
    );
  }
  // Every milestone not settled goes back to the buyer.
  if (current !== null) {
    for (const row of await milestonesOf(db, jobId, before.milestoneCount)) {
      if (row.state !== "settled") await changeMilestone(db, jobId, row.index, { state: "refunded", refundedAt: at });
    }
  }
  await touchBuyer(db, before.buyer, at, (row) => ({ refunded: row.refunded + 1 }));
  await recordEvent(db, event, jobId, "JobRefunded", { declined, toBuyer, bondToBuyer });
});

ponder.on("TenderEscrow:JobSettled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, rating: stars, toSupplier, protocolFee: fee } = event.args;
  const at = time(event);
  const before = await getJob(db, jobId);
  const supplierAddress = before.supplier!;
  const token = before.token;
  // The supplier's side of the price before the protocol fee: the price for a confirmation or finalization, the
  // price less the buyer's share after a dispute. The escrow counts it as completed volume when nonzero.
  const share = toSupplier + fee;
  // In milestones this follows the last milestone's MilestoneSettled, which paid its part (volume, fees, the job's
  // sums); the job completes here, once: always after a confirm or finalize, after a dispute if its share was not
  // all ruled to the buyer.
  const inMilestones = before.milestoneCount > 0;
  const completes = inMilestones && before.status !== "Disputed" ? true : share !== 0n;
  await db.update(job, { id: jobId }).set({
    status: "Settled",
    settledAt: at,
    rating: stars,
    ...(inMilestones ? {} : { toSupplier, protocolFee: fee }),
    deadline: null,
    updatedAt: at,
  });
  await countSupplier(db, supplierAddress, before.categoryId, at, (row) => ({
    completed: row.completed + (completes ? 1 : 0),
    ratingSum: row.ratingSum + stars,
    ratingCount: row.ratingCount + (stars !== 0 ? 1 : 0),
    ...(stars !== 0 ? addRating(row, stars, at) : {}),
  }));
  await touchBuyer(db, before.buyer, at, (row) => ({
    paid: row.paid + (completes ? 1 : 0),
    settled: row.settled + 1,
    ratingsGiven: row.ratingsGiven + (stars !== 0 ? 1 : 0),
    ratingSumGiven: row.ratingSumGiven + stars,
  }));
  if (completes) {
    if (inMilestones) {
      await addVolume(db, before.categoryId, token, 0n);
    } else {
      await db
        .insert(supplierVolume)
        .values({ supplier: supplierAddress, token, volume: share, earned: toSupplier, jobs: 1 })
        .onConflictDoUpdate((row) => ({ volume: row.volume + share, earned: row.earned + toSupplier, jobs: row.jobs + 1 }));
      await addVolume(db, before.categoryId, token, share);
    }
    await changeMarket(db, before.categoryId, (row) => ({ settledJobs: row.settledJobs + 1 }));
    // A settlement clears at the job's agreed price; a direct hire clears here for the first time.
    await addClearing(db, event, {
      categoryId: before.categoryId,
      jobId,
      kind: "settlement",
      token,
      price: before.price,
      firstForJob: before.kind === "direct",
    });
  }
  if (stars !== 0) {
    await db.insert(rating).values({
      jobId,
      supplier: supplierAddress,
      buyer: before.buyer,
      rating: stars,
      categoryId: before.categoryId,
      token,
      price: before.price,
      timestamp: at,
    });
  }
  if (fee !== 0n && !inMilestones) {
    await db
      .insert(protocolFee)
      .values({ token, accrued: fee, collected: 0n, outstanding: fee })
      .onConflictDoUpdate((row) => ({ accrued: row.accrued + fee, outstanding: row.outstanding + fee }));
  }
  await recordEvent(db, event, jobId, "JobSettled", { rating: stars, toSupplier, protocolFee: fee });
});

