// Bids on an RFQ: placed, improved (the job's leader kept from the events' `best` flags), and bonds reclaimed; sealed
// bids committed (counted, their prices unknown), revealed (priced, the leader kept the same way) and forfeited.
import { ponder } from "ponder:registry";
import { bid, job } from "ponder:schema";
import { type Db, type Hex, getJob, lower, recordEvent, seq, time, touchSupplier } from "../rows.ts";

/** The job's new leader: the previous one loses its flag. */
async function lead(db: Db, jobId: bigint, leader: Hex, price: bigint, at: number) {
  const current = await getJob(db, jobId);
  if (current.bestBidder && current.bestBidder !== leader) {
    await db.update(bid, { jobId, supplier: current.bestBidder }).set({ best: false });
  }
  await db.update(job, { id: jobId }).set({ bestBidder: leader, bestBidPrice: price, updatedAt: at });
}

ponder.on("TenderEscrow:BidPlaced", async ({ event, context }) => {
  const { db } = context;
  const { jobId, price, bond, best } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.insert(bid).values({
    jobId,
    supplier: who,
    price,
    firstPrice: price,
    bond,
    placedAt: at,
    firstPlacedAt: at,
    placedSeq: seq(event),
    improvements: 0,
    best,
    won: false,
    bondReclaimed: false,
    sealed: false,
    revealed: false,
    forfeited: false,
  });
  await db.update(job, { id: jobId }).set((row) => ({ bidCount: row.bidCount + 1, updatedAt: at }));
  if (best) await lead(db, jobId, who, price, at);
  await touchSupplier(db, who, at, (row) => ({ bidsPlaced: row.bidsPlaced + 1 }));
  await recordEvent(db, event, jobId, "BidPlaced", { supplier: who, price, bond, best });
});

ponder.on("TenderEscrow:BidImproved", async ({ event, context }) => {
  const { db } = context;
  const { jobId, price, best } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.update(bid, { jobId, supplier: who }).set((row) => ({
    price,
    placedAt: at,
    placedSeq: seq(event),
    improvements: row.improvements + 1,
    best,
  }));
  if (best) await lead(db, jobId, who, price, at);
  await touchSupplier(db, who, at);
  await recordEvent(db, event, jobId, "BidImproved", { supplier: who, price, best });
});

ponder.on("TenderEscrow:BondReclaimed", async ({ event, context }) => {
  const { db } = context;
  const { jobId, bond } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.update(bid, { jobId, supplier: who }).set({ bondReclaimed: true, reclaimedAt: at });
  await touchSupplier(db, who, at);
  await recordEvent(db, event, jobId, "BondReclaimed", { supplier: who, bond });
});


ponder.on("TenderEscrow:BidCommitted", async ({ event, context }) => {
  const { db } = context;
  const { jobId, bond, seq: commitSeq } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.insert(bid).values({
    jobId,
    supplier: who,
    price: 0n,
    firstPrice: 0n,
    bond,
    placedAt: at,
    firstPlacedAt: at,
    placedSeq: seq(event),
    improvements: 0,
    best: false,
    won: false,
    bondReclaimed: false,
    sealed: true,
    revealed: false,
    commitSeq: Number(commitSeq),
    forfeited: false,
  });
  await db.update(job, { id: jobId }).set((row) => ({ bidCount: row.bidCount + 1, commitCount: row.commitCount + 1, updatedAt: at }));
  await touchSupplier(db, who, at, (row) => ({ bidsPlaced: row.bidsPlaced + 1 }));
  await recordEvent(db, event, jobId, "BidCommitted", { supplier: who, commitment: event.args.commitment, bond, seq: commitSeq });
});

ponder.on("TenderEscrow:BidRevealed", async ({ event, context }) => {
  const { db } = context;
  const { jobId, price, valid, best } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  // The commit's place in the chain's order stays its tie-break: the lower commit number wins an equal price.
  await db.update(bid, { jobId, supplier: who }).set({ price: valid ? price : 0n, firstPrice: valid ? price : 0n, revealed: true, valid, best });
  await db.update(job, { id: jobId }).set((row) => ({ revealCount: row.revealCount + 1, updatedAt: at }));
  if (best) await lead(db, jobId, who, price, at);
  await touchSupplier(db, who, at);
  await recordEvent(db, event, jobId, "BidRevealed", { supplier: who, price, valid, best });
});

ponder.on("TenderEscrow:BondForfeited", async ({ event, context }) => {
  const { db } = context;
  const { jobId, bond } = event.args;
  const who = lower(event.args.supplier);
  const at = time(event);
  await db.update(bid, { jobId, supplier: who }).set({ forfeited: true });
  await touchSupplier(db, who, at);
  await recordEvent(db, event, jobId, "BondForfeited", { supplier: who, buyer: lower(event.args.buyer), bond });
});
