// Disputes: opened, answered, evidence, ruled or defaulted, settled; the losses they count for each side and the
// arbitrator's record.
import { ponder } from "ponder:registry";
import { dispute, evidence, job, milestone } from "ponder:schema";
import { BPS, changeArbitrator, changeMilestone, clean, countSupplier, getJob, lower, milestoneOf, recordEvent, time, touchBuyer } from "../rows.ts";

ponder.on("TenderEscrow:DisputeOpened", async ({ event, context }) => {
  const { db } = context;
  const { jobId, statementURI, fee, respondBy } = event.args;
  const judge = lower(event.args.arbitrator);
  const at = time(event);
  const before = await getJob(db, jobId);
  await db.update(job, { id: jobId }).set({ status: "Disputed", disputedAt: at, deadline: respondBy, updatedAt: at });
  // In milestones, over the milestone in progress (its gross share); a later milestone's dispute replaces the row.
  const current = milestoneOf(before);
  const part = current === null ? undefined : await db.find(milestone, { jobId, index: current });
  if (current !== null) await changeMilestone(db, jobId, current, { state: "disputed", disputed: true, disputedAt: at });
  const opened = {
    milestone: current,
    arbitrator: judge,
    buyer: before.buyer,
    supplier: before.supplier!,
    token: before.token,
    price: part?.gross ?? before.price,
    status: "open" as const,
    fee,
    statementUri: clean(statementURI),
    openedAt: at,
    respondBy,
    responseUri: null,
    answeredAt: null,
    ruleBy: null,
    buyerShareBps: null,
    reasonHash: null,
    outcome: null,
    loser: null,
    toBuyer: null,
    toSupplier: null,
    toArbitrator: null,
    endedAt: null,
    evidenceCount: 0,
  };
  await db.insert(dispute).values({ jobId, ...opened }).onConflictDoUpdate(opened);
  await countSupplier(db, before.supplier!, before.categoryId, at, (row) => ({ disputesFaced: row.disputesFaced + 1 }));
  await touchBuyer(db, before.buyer, at, (row) => ({ disputesOpened: row.disputesOpened + 1 }));
  await changeArbitrator(db, judge, (row) => ({ disputeCount: row.disputeCount + 1 }));
  await recordEvent(db, event, jobId, "DisputeOpened", { arbitrator: judge, statementURI, fee, respondBy });
});

ponder.on("TenderEscrow:DisputeAnswered", async ({ event, context }) => {
  const { db } = context;
  const { jobId, responseURI, ruleBy } = event.args;
  const at = time(event);
  await db.update(dispute, { jobId }).set({ status: "answered", responseUri: clean(responseURI), answeredAt: at, ruleBy });
  await db.update(job, { id: jobId }).set({ deadline: ruleBy, updatedAt: at });
  await recordEvent(db, event, jobId, "DisputeAnswered", { responseURI, ruleBy });
});

ponder.on("TenderEscrow:Evidence", async ({ event, context }) => {
  const { db } = context;
  const { jobId, evidenceURI } = event.args;
  const party = lower(event.args.party);
  const current = await getJob(db, jobId);
  await db.insert(evidence).values({
    id: event.id,
    jobId,
    milestone: milestoneOf(current),
    party,
    role: party === current.buyer ? "buyer" : "supplier",
    uri: clean(evidenceURI),
    submittedAt: time(event),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
  });
  await db.update(dispute, { jobId }).set((row) => ({ evidenceCount: row.evidenceCount + 1 }));
  await recordEvent(db, event, jobId, "Evidence", { party, evidenceURI });
});

ponder.on("TenderEscrow:Ruling", async ({ event, context }) => {
  const { db } = context;
  const { jobId, buyerShareBps, reasonHash } = event.args;
  const judge = lower(event.args.arbitrator);
  const at = time(event);
  const current = await getJob(db, jobId);
  const share = BigInt(buyerShareBps);
  const loser = share > BPS / 2n ? "supplier" : share < BPS / 2n ? "buyer" : null;
  await db.update(dispute, { jobId }).set({ status: "ruled", outcome: "ruled", buyerShareBps, reasonHash, loser, endedAt: at });
  const part = milestoneOf(current);
  if (part !== null) await changeMilestone(db, jobId, part, { disputeOutcome: "ruled", buyerShareBps });
  await changeArbitrator(db, judge, (row) =>
    loser === "supplier"
      ? { rulingsForBuyer: row.rulingsForBuyer + 1 }
      : loser === "buyer"
        ? { rulingsForSupplier: row.rulingsForSupplier + 1 }
        : { rulingsEven: row.rulingsEven + 1 },
  );
  if (loser === "supplier") {
    await countSupplier(db, current.supplier!, current.categoryId, at, (row) => ({ disputesLost: row.disputesLost + 1 }));
    await touchBuyer(db, current.buyer, at, (row) => ({ disputesWon: row.disputesWon + 1 }));
  }
  if (loser === "buyer") await touchBuyer(db, current.buyer, at, (row) => ({ disputesLost: row.disputesLost + 1 }));
  await recordEvent(db, event, jobId, "Ruling", { arbitrator: judge, buyerShareBps, reasonHash });
});

ponder.on("TenderEscrow:DisputeDefaulted", async ({ event, context }) => {
  const { db } = context;
  const { jobId, unanswered, buyerShareBps } = event.args;
  const at = time(event);
  const current = await getJob(db, jobId);
  await db.update(dispute, { jobId }).set({
    status: "defaulted",
    outcome: unanswered ? "unanswered" : "silent",
    buyerShareBps,
    loser: unanswered ? "supplier" : null,
    endedAt: at,
  });
  const part = milestoneOf(current);
  if (part !== null) await changeMilestone(db, jobId, part, { disputeOutcome: unanswered ? "unanswered" : "silent", buyerShareBps });
  if (unanswered) {
    await countSupplier(db, current.supplier!, current.categoryId, at, (row) => ({ disputesLost: row.disputesLost + 1 }));
    await touchBuyer(db, current.buyer, at, (row) => ({ disputesWon: row.disputesWon + 1 }));
  } else {
    const open = await db.find(dispute, { jobId });
    await changeArbitrator(db, open?.arbitrator ?? current.arbitrator, (row) => ({ timedOut: row.timedOut + 1 }));
  }
  await recordEvent(db, event, jobId, "DisputeDefaulted", { unanswered, buyerShareBps });
});

ponder.on("TenderEscrow:DisputeSettled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, toBuyer, toSupplier, toArbitrator } = event.args;
  await db.update(dispute, { jobId }).set({ toBuyer, toSupplier, toArbitrator, endedAt: time(event) });
  // Before the milestone's MilestoneSettled (and, when the supplier lost, the job's JobRefunded).
  const part = milestoneOf(await getJob(db, jobId));
  if (part !== null) await changeMilestone(db, jobId, part, { disputeToBuyer: toBuyer });
  await recordEvent(db, event, jobId, "DisputeSettled", { toBuyer, toSupplier, toArbitrator });
});
