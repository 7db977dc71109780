// The indexer: every event of TenderEscrow and SupplierRegistry, moving the tables of ponder.schema.ts the way the
// contracts move their own state. Ponder runs every file under src/ but src/api/ (each once: these imports and its
// own loading share one module cache, and a second handler for an event would fail the build), so this list is
// for the reader; the handlers are in handlers/, by concern, and what they share is in rows.ts.
//
// Where a counter mirrors an on-chain one, the rule is the contract's:
// - a bid counts as `won` at its award; a direct hire counts as `won` once delivered; a direct hire's decline or
//   missed deadline writes nothing to any record (TenderEscrow._refund);
// - a settlement counts as `completed` (and `paid` for the buyer, and volume) when the supplier's side of the price
//   is nonzero — always for a confirmation or finalization, and for a dispute unless ruled 10,000 bps to the buyer;
// - a ruling above 5,000 bps or an unanswered dispute is a loss for the supplier, below 5,000 for the buyer; a
//   silent arbitrator is nobody's loss and counts a time-out for the arbitrator (TenderArbitration._resolve).
// - under a holdback, a settlement's JobSettled covers the part paid then (completed, paid and volume as above);
//   each held share counts in the supplier's volume for what of it finally reaches the supplier (HeldSettled's
//   supplierGross); a claim counts as faced (supplier) and opened (buyer) when filed, as clawed back when agreed
//   to, unanswered or ruled above 5,000 bps, as lost by the buyer when ruled below 5,000; a claim's ruling or
//   silent arbitrator counts in the arbitrator's record as a dispute's does (TenderWarranty).
// - in milestones (TenderMilestones): the job events act on the milestone in progress; an RFQ counts `won` at its
//   award, a direct hire at its first milestone's delivery; each MilestoneSettled adds its part to the volume and the
//   protocol fees (the job's JobSettled, after the last, adds none); `completed` and `paid` once, at JobSettled;
//   `declined` / `refunded` when the job ends early once the supplier had won it (an RFQ, or a direct hire past its
//   first milestone), and `refunded` always after a milestone dispute the supplier lost (a JobRefunded while the job
//   is Disputed: not a missed deadline); dispute counters per milestone dispute.
// A supplier's counters move by the same rule overall (`supplier`) and in the job's category (`supplier_category`),
// both in rows.ts countSupplier; its ratings' recency-weighted sums move with them (reputation.ts addRating).
import "./handlers/posting.ts"; // DirectHirePosted, RFQPosted
import "./handlers/bids.ts"; // BidPlaced, BidImproved, BondReclaimed
import "./handlers/jobs.ts"; // JobAwarded, JobCancelled, JobDelivered, JobRefunded, JobSettled
import "./handlers/disputes.ts"; // DisputeOpened, DisputeAnswered, Evidence, Ruling, DisputeDefaulted, DisputeSettled
import "./handlers/milestones.ts"; // MilestonesScheduled, MilestoneSettled
import "./handlers/warranty.ts"; // PaymentHeld, ClaimFiled, ClaimAnswered, ClaimEvidence, ClaimRuled, HeldReturned, HeldSettled
import "./handlers/arbitrators.ts"; // ArbitratorTermsPublished, ArbitratorRetired
import "./handlers/protocol.ts"; // credits, withdrawals, protocol fees, the owner's settings
import "./handlers/registry.ts"; // SupplierRegistry: profiles, attestations
