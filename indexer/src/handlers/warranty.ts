// Holdback and clawback: a payment's held share (PaymentHeld, at a confirm or finalize), its one claim (filed,
// answered, evidence, ruled), the supplier's voluntary returns, and its end (HeldSettled: released, waived, agreed,
// ruled, unanswered or silent), each moving the records the escrow's warranty module moves (TenderWarranty.sol).
import { ponder } from "ponder:registry";
import { claimEvidence, heldPayment, protocolFee, supplierVolume } from "ponder:schema";
import { BPS, addVolume, changeArbitrator, changeMilestone, clean, countSupplier, getHeld, getJob, lower, recordEvent, time, touchBuyer } from "../rows.ts";

/** ITenderWarranty.HeldOutcome, by its index. */
const OUTCOMES = ["Released", "Waived", "Agreed", "Ruled", "Unanswered", "Silent"] as const;

const key = (jobId: bigint, payment: bigint) => ({ jobId, payment: Number(payment) });

ponder.on("TenderEscrow:PaymentHeld", async ({ event, context }) => {
  const { db } = context;
  const { jobId, payment, held, heldBond, warrantyEndsAt } = event.args;
  // Emitted inside the settlement, before its JobSettled: the job is still Delivered here, its supplier known.
  const current = await getJob(db, jobId);
  await db.insert(heldPayment).values({
    ...key(jobId, payment),
    buyer: current.buyer,
    supplier: current.supplier!,
    arbitrator: current.arbitrator,
    token: current.token,
    categoryId: current.categoryId,
    heldAtSettlement: held,
    held,
    heldBond,
    warrantyEndsAt,
    heldAt: time(event),
    returned: 0n,
    returns: 0,
    claimStatus: "none",
    evidenceCount: 0,
  });
  // In milestones the payment is the milestone settling (its index).
  if (current.milestoneCount > 0) await changeMilestone(db, jobId, Number(payment), { held, heldBond });
  await recordEvent(db, event, jobId, "PaymentHeld", { payment, held, heldBond, warrantyEndsAt });
});

ponder.on("TenderEscrow:ClaimFiled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, payment, asked, fee, statementURI, respondBy } = event.args;
  const at = time(event);
  const row = await getHeld(db, jobId, payment);
  await db.update(heldPayment, key(jobId, payment)).set({
    claimStatus: "filed",
    asked,
    fee,
    claimDeadline: respondBy,
    statementUri: clean(statementURI),
    claimedAt: at,
    respondBy,
  });
  const current = await getJob(db, jobId);
  await countSupplier(db, row.supplier, row.categoryId, at, (r) => ({ claimsFaced: r.claimsFaced + 1 }));
  await touchBuyer(db, row.buyer, at, (r) => ({ claimsOpened: r.claimsOpened + 1 }));
  await changeArbitrator(db, current.arbitrator, (r) => ({ claimCount: r.claimCount + 1 }));
  await recordEvent(db, event, jobId, "ClaimFiled", { payment, asked, fee, statementURI, respondBy });
});

ponder.on("TenderEscrow:ClaimAnswered", async ({ event, context }) => {
  const { db } = context;
  const { jobId, payment, responseURI, ruleBy } = event.args;
  await db.update(heldPayment, key(jobId, payment)).set({
    claimStatus: "answered",
    claimDeadline: ruleBy,
    responseUri: clean(responseURI),
    answeredAt: time(event),
    ruleBy,
  });
  await recordEvent(db, event, jobId, "ClaimAnswered", { payment, responseURI, ruleBy });
});

ponder.on("TenderEscrow:ClaimEvidence", async ({ event, context }) => {
  const { db } = context;
  const { jobId, payment, evidenceURI } = event.args;
  const party = lower(event.args.party);
  const row = await getHeld(db, jobId, payment);
  await db.insert(claimEvidence).values({
    id: event.id,
    ...key(jobId, payment),
    party,
    role: party === row.buyer ? "buyer" : "supplier",
    uri: clean(evidenceURI),
    submittedAt: time(event),
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
  });
  await db.update(heldPayment, key(jobId, payment)).set((r) => ({ evidenceCount: r.evidenceCount + 1 }));
  await recordEvent(db, event, jobId, "ClaimEvidence", { payment, party, evidenceURI });
});

ponder.on("TenderEscrow:ClaimRuled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, payment, buyerShareBps, reasonHash } = event.args;
  const judge = lower(event.args.arbitrator);
  const at = time(event);
  const row = await getHeld(db, jobId, payment);
  const share = BigInt(buyerShareBps);
  await db.update(heldPayment, key(jobId, payment)).set({ buyerShareBps, reasonHash });
  // As a dispute's ruling: above 5,000 bps the buyer's side wins (a clawback), below it the buyer lost its claim.
  await changeArbitrator(db, judge, (r) =>
    share > BPS / 2n
      ? { rulingsForBuyer: r.rulingsForBuyer + 1 }
      : share < BPS / 2n
        ? { rulingsForSupplier: r.rulingsForSupplier + 1 }
        : { rulingsEven: r.rulingsEven + 1 },
  );
  if (share > BPS / 2n) {
    await countSupplier(db, row.supplier, row.categoryId, at, (r) => ({ clawedBack: r.clawedBack + 1 }));
    await touchBuyer(db, row.buyer, at, (r) => ({ claimsWon: r.claimsWon + 1 }));
  }
  if (share < BPS / 2n) await touchBuyer(db, row.buyer, at, (r) => ({ claimsLost: r.claimsLost + 1 }));
  await recordEvent(db, event, jobId, "ClaimRuled", { payment, arbitrator: judge, buyerShareBps, reasonHash });
});

ponder.on("TenderEscrow:HeldReturned", async ({ event, context }) => {
  const { db } = context;
  const { jobId, payment, amount } = event.args;
  await db.update(heldPayment, key(jobId, payment)).set((r) => ({ held: r.held - amount, returned: r.returned + amount, returns: r.returns + 1 }));
  await recordEvent(db, event, jobId, "HeldReturned", { payment, amount });
});

ponder.on("TenderEscrow:HeldSettled", async ({ event, context }) => {
  const { db } = context;
  const { jobId, payment, toBuyer, toSupplier, toArbitrator, protocolFee: fee, supplierGross } = event.args;
  const outcome = OUTCOMES[event.args.outcome] ?? "Released";
  const at = time(event);
  const row = await getHeld(db, jobId, payment);
  await db.update(heldPayment, key(jobId, payment)).set({
    held: 0n,
    heldBond: 0n,
    ...(row.claimStatus === "none" ? {} : { claimStatus: "ended" as const }),
    outcome,
    toBuyer,
    toSupplier,
    toArbitrator,
    protocolFee: fee,
    supplierGross,
    settledAt: at,
  });
  // The supplier's records: agreed to and unanswered claims are clawbacks (a ruled one counted at ClaimRuled); a
  // silent arbitrator counts a time-out, as in a dispute.
  if (outcome === "Agreed" || outcome === "Unanswered") {
    await countSupplier(db, row.supplier, row.categoryId, at, (r) => ({ clawedBack: r.clawedBack + 1 }));
    await touchBuyer(db, row.buyer, at, (r) => ({ claimsWon: r.claimsWon + 1 }));
  }
  // Waiving an open claim ends it for the supplier: a claim the buyer lost.
  if (outcome === "Waived" && (row.claimStatus === "filed" || row.claimStatus === "answered")) {
    await touchBuyer(db, row.buyer, at, (r) => ({ claimsLost: r.claimsLost + 1 }));
  }
  if (outcome === "Silent") await changeArbitrator(db, row.arbitrator, (r) => ({ timedOut: r.timedOut + 1 }));
  // What of the held share reached the supplier counts in its completed volume (gross) and pays the protocol fee.
  if (supplierGross !== 0n) {
    const net = supplierGross - fee;
    await db
      .insert(supplierVolume)
      .values({ supplier: row.supplier, token: row.token, volume: supplierGross, earned: net, jobs: 0 })
      .onConflictDoUpdate((r) => ({ volume: r.volume + supplierGross, earned: r.earned + net }));
    await addVolume(db, row.categoryId, row.token, supplierGross, false);
  }
  if (fee !== 0n) {
    await db
      .insert(protocolFee)
      .values({ token: row.token, accrued: fee, collected: 0n, outstanding: fee })
      .onConflictDoUpdate((r) => ({ accrued: r.accrued + fee, outstanding: r.outstanding + fee }));
  }
  await recordEvent(db, event, jobId, "HeldSettled", { payment, outcome, toBuyer, toSupplier, toArbitrator, protocolFee: fee, supplierGross });
});
