// Jobs paid in milestones (TenderMilestones.sol): the schedule (MilestonesScheduled, right after the posting event)
// and each milestone's settlement (MilestoneSettled: by confirm or finalize, or after a dispute's DisputeSettled),
// which pays its part (volume, protocol fee) and opens the next milestone, or comes before the job's JobSettled
// (the last) or JobRefunded (a milestone dispute the supplier lost). The usual job events move the milestone in
// progress in their own handlers (jobs.ts, disputes.ts, warranty.ts).
import { ponder } from "ponder:registry";
import { job, milestone, protocolFee, supplierVolume } from "ponder:schema";
import { milestoneGross } from "@tender/sdk/milestones";
import { addVolume, changeMilestone, getJob, recordEvent, time } from "../rows.ts";

ponder.on("TenderEscrow:MilestonesScheduled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, milestones } = event.args;
  const posted = await getJob(db, jobId);
  // A direct hire's first milestone runs from its posting, at its price; an RFQ's from its award (JobAwarded).
  const direct = posted.kind === "direct";
  await db.update(job, { id: jobId }).set({ milestoneCount: milestones.length, currentMilestone: 0, milestonesSettledBps: 0, milestonesSettled: 0n });
  await db.insert(milestone).values(
    milestones.map((m, index) => ({
      jobId,
      index,
      shareBps: m.shareBps,
      deliveryWindow: m.deliveryWindow,
      state: direct && index === 0 ? ("awarded" as const) : ("upcoming" as const),
      gross: direct ? milestoneGross(posted.price, milestones, index) : null,
      startedAt: direct && index === 0 ? posted.postedAt : null,
      deliverBy: direct && index === 0 ? posted.deliverBy : null,
      disputed: false,
    })),
  );
  await recordEvent(db, event, jobId, "MilestonesScheduled", { milestones: milestones.map((m) => ({ shareBps: m.shareBps, deliveryWindow: m.deliveryWindow })) });
});

ponder.on("TenderEscrow:MilestoneSettled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, gross, toSupplier, protocolFee: fee, nextDeliverBy } = event.args;
  const index = Number(event.args.milestone);
  const at = time(event);
  const before = await getJob(db, jobId);
  const supplierAddress = before.supplier!;
  const token = before.token;
  // What the supplier's completed volume counts of it: the part paid less nothing but the fee (under a holdback the
  // held share is not in it; after a dispute, the share not ruled to the buyer).
  const share = toSupplier + fee;
  await changeMilestone(db, jobId, index, { state: "settled", gross, toSupplier, protocolFee: fee, supplierGross: share, settledAt: at });

  const paidBefore = (before.toSupplier ?? 0n) + (before.protocolFee ?? 0n);
  if (share !== 0n) {
    // The job counts once among the settlements that paid its supplier anything: at its first paid milestone.
    const jobs = paidBefore === 0n ? 1 : 0;
    await db
      .insert(supplierVolume)
      .values({ supplier: supplierAddress, token, volume: share, earned: toSupplier, jobs })
      .onConflictDoUpdate((row) => ({ volume: row.volume + share, earned: row.earned + toSupplier, jobs: row.jobs + jobs }));
    // A category's settled jobs count the job at its JobSettled.
    await addVolume(db, before.categoryId, token, share, false);
  }
  if (fee !== 0n) {
    await db
      .insert(protocolFee)
      .values({ token, accrued: fee, collected: 0n, outstanding: fee })
      .onConflictDoUpdate((row) => ({ accrued: row.accrued + fee, outstanding: row.outstanding + fee }));
  }

  // The job's payouts so far; a next deadline opens the next milestone (the escrow's _advance: Awarded again, its
  // window from now, the settled shares and gross grown by this one's).
  const sums = { toSupplier: (before.toSupplier ?? 0n) + toSupplier, protocolFee: (before.protocolFee ?? 0n) + fee, updatedAt: at };
  if (nextDeliverBy === 0) {
    await db.update(job, { id: jobId }).set(sums);
  } else {
    const next = index + 1;
    const opened = await db.find(milestone, { jobId, index: next });
    if (!opened) throw new Error(`job ${jobId} opened milestone ${next}, which was never scheduled`);
    await db.update(job, { id: jobId }).set({
      ...sums,
      status: "Awarded",
      currentMilestone: next,
      milestonesSettledBps: (before.milestonesSettledBps ?? 0) + (await db.find(milestone, { jobId, index }))!.shareBps,
      milestonesSettled: (before.milestonesSettled ?? 0n) + gross,
      deliveryWindow: opened.deliveryWindow,
      deliverBy: nextDeliverBy,
      deadline: nextDeliverBy,
    });
    await changeMilestone(db, jobId, next, { state: "awarded", startedAt: at, deliverBy: nextDeliverBy });
  }
  await recordEvent(db, event, jobId, "MilestoneSettled", { milestone: index, gross, toSupplier, protocolFee: fee, nextDeliverBy });
});
