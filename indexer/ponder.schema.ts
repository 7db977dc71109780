// What the indexer keeps, built from TenderEscrow's and SupplierRegistry's events (src/handlers/) and served over
// GraphQL, SQL and REST (src/api/index.ts). Addresses are stored lowercase; amounts are token base units (bigint,
// NUMERIC(78) in SQL); times are Unix seconds of the block that did it.
//
// Counters marked "mirror" move exactly as the contract moves its own (IReputation's supplierRecord, buyerRecord,
// completedVolume; the arbitrator's record), so they equal the chain's view at the indexed block.
import { index, onchainEnum, onchainTable, primaryKey, relations } from "ponder";
import type { Floors } from "@tender/sdk/market";
import type { Json } from "./src/json.ts";

/** A job's place in its life: Tender.Status without None. */
export const jobStatus = onchainEnum("job_status", [
  "Open",
  "Awarded",
  "Delivered",
  "Disputed",
  "Settled",
  "Refunded",
  "Cancelled",
]);
export const jobKind = onchainEnum("job_kind", ["direct", "rfq"]);
export const awardMode = onchainEnum("award_mode", ["LowestPrice", "BuyerChoice", "SealedLowestPrice"]);

export const job = onchainTable(
  "job",
  (t) => ({
    id: t.bigint().primaryKey(),
    kind: jobKind().notNull(),
    status: jobStatus().notNull(),
    buyer: t.hex().notNull(),
    /** The hired supplier (direct hire) or the winner (RFQ, from its award); null while an RFQ is open. */
    supplier: t.hex(),
    arbitrator: t.hex().notNull(),
    termsId: t.integer().notNull(),
    /** ERC-20 address, or the zero address for ETH. */
    token: t.hex().notNull(),
    /** The price as the escrow stores it: a direct hire's price; an RFQ's maximum until its award, then the
     * winning bid. */
    price: t.bigint().notNull(),
    /** RFQs: the maximum price escrowed at posting. Null for a direct hire. */
    maxPrice: t.bigint(),
    /** keccak256 of the category name, as stored on-chain. */
    categoryId: t.hex().notNull(),
    /** The spec's `category` when its keccak256 is the on-chain id, else the id itself. */
    category: t.text().notNull(),
    /** The spec as posted (UTF-8 JSON text), its keccak256, its parsed title (null if unreadable), and whether it
     * passes the SDK's spec check (the reason when it does not). */
    spec: t.text().notNull(),
    specHash: t.hex().notNull(),
    title: t.text(),
    specValid: t.boolean().notNull(),
    specProblem: t.text(),
    mode: awardMode(),
    /** RFQ floors as posted, amounts as decimal strings. */
    floors: t.json().$type<Json<Floors>>(),
    bondBps: t.integer(),
    /** Holdback under warranty, as posted (all 0/false for none): the share of each payment held at a confirm or
     * finalize, in bps; the seconds after that settlement in which the buyer may claim against it; and (RFQs)
     * whether the winner's bond, up to the held share, stays staked with it. The held payments are `held_payment`. */
    holdbackBps: t.integer().notNull(),
    warrantyWindow: t.integer().notNull(),
    holdBond: t.boolean().notNull(),
    /** Milestones (0 for a job paid at once; 2 to 8 from MilestonesScheduled, rows in `milestone`), as the escrow's
     * milestonesOf: the milestone in progress (its index; the job's status, deadline, deliverBy and deliveryWindow
     * are its — "2 of 3" is currentMilestone + 1 of milestoneCount; it stays at the last once the job ends), the
     * shares and the gross price of the milestones settled before it (both 0 until one settles and the next opens;
     * the last one and a milestone whose dispute ended the job are not added, as on-chain). Null/0 for none. */
    milestoneCount: t.integer().notNull(),
    currentMilestone: t.integer(),
    milestonesSettledBps: t.integer(),
    milestonesSettled: t.bigint(),
    defaultBuyerShareBps: t.integer().notNull(),
    protocolFeeBps: t.integer().notNull(),
    /** The delivery window of the milestone in progress for a job in milestones (as the escrow's job().deliveryWindow,
     * which moves to each next milestone's), else as posted. */
    deliveryWindow: t.integer().notNull(),
    reviewWindow: t.integer().notNull(),
    awardWindow: t.integer(),
    /** The escrow's current deadline for this status: bid deadline while Open, deliver-by while Awarded, end of
     * review while Delivered, respond-by then rule-by while Disputed; null once terminal. */
    deadline: t.int8({ mode: "number" }),
    bidDeadline: t.int8({ mode: "number" }),
    awardDeadline: t.int8({ mode: "number" }),
    deliverBy: t.int8({ mode: "number" }),
    reviewEndsAt: t.int8({ mode: "number" }),
    postedAt: t.int8({ mode: "number" }).notNull(),
    postedBlock: t.bigint().notNull(),
    postedTx: t.hex().notNull(),
    awardedAt: t.int8({ mode: "number" }),
    deliveredAt: t.int8({ mode: "number" }),
    disputedAt: t.int8({ mode: "number" }),
    settledAt: t.int8({ mode: "number" }),
    refundedAt: t.int8({ mode: "number" }),
    cancelledAt: t.int8({ mode: "number" }),
    updatedAt: t.int8({ mode: "number" }).notNull(),
    bidCount: t.integer().notNull(),
    /** Sealed-bid RFQs: commits so far (= bidCount) and those revealed; prices are known only once revealed. */
    commitCount: t.integer().notNull(),
    revealCount: t.integer().notNull(),
    bestBidder: t.hex(),
    bestBidPrice: t.bigint(),
    /** At award: what went back to the buyer (maximum − price). */
    awardRefund: t.bigint(),
    cancelledBy: t.hex(),
    deliverableHash: t.hex(),
    deliverableUri: t.text(),
    /** At settlement (JobSettled): the buyer's 1–5 rating (0 when finalized, ruled or defaulted), the supplier's
     * net part of the price paid then, and the protocol's fee on it (under a holdback, the held share is in neither:
     * see `held_payment`). A job in milestones sums them over its settled milestones (MilestoneSettled), growing
     * with each, whether the job then settles or ends early. */
    rating: t.integer(),
    toSupplier: t.bigint(),
    protocolFee: t.bigint(),
    /** At a refund (JobRefunded): declined or missed the deadline, the price back and the forfeited bond. */
    declined: t.boolean(),
    refundToBuyer: t.bigint(),
    bondToBuyer: t.bigint(),
  }),
  (table) => ({
    browseIdx: index().on(table.status, table.categoryId, table.postedAt, table.id),
    statusPriceIdx: index().on(table.status, table.price),
    statusDeadlineIdx: index().on(table.status, table.deadline),
    buyerIdx: index().on(table.buyer, table.postedAt),
    supplierIdx: index().on(table.supplier, table.postedAt),
    arbitratorIdx: index().on(table.arbitrator),
    tokenIdx: index().on(table.token, table.status),
  }),
);

/** Every event of a job, in chain order: its timeline. */
export const jobEvent = onchainTable(
  "job_event",
  (t) => ({
    id: t.text().primaryKey(),
    jobId: t.bigint().notNull(),
    /** The event's name, e.g. "RFQPosted", "BidPlaced", "JobSettled". */
    kind: t.text().notNull(),
    /** Who did it: the transaction's sender. */
    actor: t.hex().notNull(),
    timestamp: t.int8({ mode: "number" }).notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    /** The event's arguments, amounts as decimal strings. */
    data: t.json().$type<Record<string, unknown>>().notNull(),
  }),
  (table) => ({
    jobIdx: index().on(table.jobId, table.blockNumber, table.logIndex),
  }),
);

/** A bid, known by (job, supplier), as the escrow keeps it plus its history. */
export const bid = onchainTable(
  "bid",
  (t) => ({
    jobId: t.bigint().notNull(),
    supplier: t.hex().notNull(),
    price: t.bigint().notNull(),
    firstPrice: t.bigint().notNull(),
    /** As posted; the escrow zeroes it once reclaimed or settled (see bondReclaimed and the job). */
    bond: t.bigint().notNull(),
    /** When its current price was set (ties go to whoever reached a price first). */
    placedAt: t.int8({ mode: "number" }).notNull(),
    firstPlacedAt: t.int8({ mode: "number" }).notNull(),
    /** Chain order of the current price (block × 100,000 + log index), to break ties within a second. */
    placedSeq: t.int8({ mode: "number" }).notNull(),
    improvements: t.integer().notNull(),
    /** Whether it leads (maintained from the events' `best` flags). */
    best: t.boolean().notNull(),
    won: t.boolean().notNull(),
    bondReclaimed: t.boolean().notNull(),
    reclaimedAt: t.int8({ mode: "number" }),
    /** A sealed bid: its price (0 here) is hidden until `revealed`; `commitSeq` is its commit number (ties go to the
     * lower); `valid` whether the revealed price could win; `forfeited` once its never-revealed bond went to the
     * buyer. */
    sealed: t.boolean().notNull(),
    revealed: t.boolean().notNull(),
    commitSeq: t.integer(),
    valid: t.boolean(),
    forfeited: t.boolean().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.jobId, table.supplier] }),
    supplierIdx: index().on(table.supplier, table.firstPlacedAt),
  }),
);

export const supplier = onchainTable("supplier", (t) => ({
  address: t.hex().primaryKey(),
  registered: t.boolean().notNull(),
  profileUri: t.text(),
  registeredAt: t.int8({ mode: "number" }),
  profileUpdatedAt: t.int8({ mode: "number" }),
  // mirror of supplierRecord
  won: t.integer().notNull(),
  completed: t.integer().notNull(),
  declined: t.integer().notNull(),
  refunded: t.integer().notNull(),
  disputesFaced: t.integer().notNull(),
  disputesLost: t.integer().notNull(),
  ratingSum: t.integer().notNull(),
  ratingCount: t.integer().notNull(),
  // mirror of claimRecord: warranty claims filed against its held payments, and those clawed back (agreed to,
  // left unanswered, or ruled above 5,000 bps to the buyer)
  claimsFaced: t.integer().notNull(),
  clawedBack: t.integer().notNull(),
  // the indexer's own
  /** Deliveries (every delivery is before its deadline: the escrow refuses late ones). */
  onTimeDeliveries: t.integer().notNull(),
  /** Awarded RFQ jobs whose delivery deadline passed undelivered (= `refunded`; direct hires are not counted). */
  missedDeadlines: t.integer().notNull(),
  /** Sum over deliveries of the share of the delivery window used, in bps (average = this / onTimeDeliveries). */
  deliveryWindowUsedBps: t.int8({ mode: "number" }).notNull(),
  /** RFQ awards won, and the sum over them of the winning price as a share of the RFQ's maximum, in bps (price ×
   * 10,000 ÷ maxPrice, rounded down): what buyers paid it against what they were ready to pay (average = this /
   * rfqAwards; lower is cheaper). Direct hires have no maximum and count in neither. */
  rfqAwards: t.integer().notNull(),
  awardPriceBps: t.int8({ mode: "number" }).notNull(),
  bidsPlaced: t.integer().notNull(),
  directHires: t.integer().notNull(),
  /** Its ratings' recency weights as of its latest rating (see src/reputation.ts): Σ ½^(age / half-life) and
   * Σ ½^(age / half-life) × stars, ages measured at `lastRatedAt`; decayed to any later time in one step. */
  ratingWeight: t.doublePrecision().notNull(),
  ratingWeightedSum: t.doublePrecision().notNull(),
  lastRatedAt: t.int8({ mode: "number" }),
  firstSeenAt: t.int8({ mode: "number" }).notNull(),
  lastActiveAt: t.int8({ mode: "number" }).notNull(),
}));

/** Per supplier and category: the record counters of `supplier` (same names, same rules) counted over that
 * category's jobs only, for the per-category reputation and leaderboards. Created at the supplier's first award,
 * delivery, refund, settlement or dispute in the category. */
export const supplierCategory = onchainTable(
  "supplier_category",
  (t) => ({
    supplier: t.hex().notNull(),
    categoryId: t.hex().notNull(),
    won: t.integer().notNull(),
    completed: t.integer().notNull(),
    declined: t.integer().notNull(),
    refunded: t.integer().notNull(),
    disputesFaced: t.integer().notNull(),
    disputesLost: t.integer().notNull(),
    ratingSum: t.integer().notNull(),
    ratingCount: t.integer().notNull(),
    claimsFaced: t.integer().notNull(),
    clawedBack: t.integer().notNull(),
    onTimeDeliveries: t.integer().notNull(),
    missedDeadlines: t.integer().notNull(),
    deliveryWindowUsedBps: t.int8({ mode: "number" }).notNull(),
    rfqAwards: t.integer().notNull(),
    awardPriceBps: t.int8({ mode: "number" }).notNull(),
    ratingWeight: t.doublePrecision().notNull(),
    ratingWeightedSum: t.doublePrecision().notNull(),
    lastRatedAt: t.int8({ mode: "number" }),
    firstSeenAt: t.int8({ mode: "number" }).notNull(),
    lastActiveAt: t.int8({ mode: "number" }).notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.supplier, table.categoryId] }),
    boardIdx: index().on(table.categoryId, table.won),
  }),
);

/** Per supplier and token: the mirror of completedVolume (what it finally received of its jobs' prices, gross:
 * JobSettled's paid part, then each held share's part that reached it), and the same net of protocol fees. `jobs`
 * counts settlements that paid it anything (a held share's payout is not another job). */
export const supplierVolume = onchainTable(
  "supplier_volume",
  (t) => ({
    supplier: t.hex().notNull(),
    token: t.hex().notNull(),
    volume: t.bigint().notNull(),
    earned: t.bigint().notNull(),
    jobs: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.supplier, table.token] }) }),
);

/** The current attestation by (attestor, supplier, metric); revoked ones stay, flagged. */
export const attestation = onchainTable(
  "attestation",
  (t) => ({
    attestor: t.hex().notNull(),
    supplier: t.hex().notNull(),
    metric: t.hex().notNull(),
    /** The conventional name (sdk.METRICS) when known, else the id. */
    metricName: t.text().notNull(),
    value: t.bigint().notNull(),
    validUntil: t.int8({ mode: "number" }).notNull(),
    attestedAt: t.int8({ mode: "number" }).notNull(),
    revoked: t.boolean().notNull(),
    revokedAt: t.int8({ mode: "number" }),
    updates: t.integer().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.attestor, table.supplier, table.metric] }),
    supplierIdx: index().on(table.supplier),
  }),
);

export const buyer = onchainTable("buyer", (t) => ({
  address: t.hex().primaryKey(),
  // mirror of buyerRecord
  posted: t.integer().notNull(),
  paid: t.integer().notNull(),
  cancelled: t.integer().notNull(),
  disputesOpened: t.integer().notNull(),
  disputesLost: t.integer().notNull(),
  /** Warranty claims it filed, and those ruled below 5,000 bps to it. */
  claimsOpened: t.integer().notNull(),
  claimsLost: t.integer().notNull(),
  // the indexer's own
  /** Its jobs that ended in a settlement (JobSettled: confirmed, finalized, ruled or defaulted — each after a
   * delivery), and those refunded (the supplier declined or missed its deadline). */
  settled: t.integer().notNull(),
  refunded: t.integer().notNull(),
  /** Rulings below 5,000 bps to the buyer (the supplier's win is the buyer's loss, and the reverse). */
  disputesWon: t.integer().notNull(),
  /** Claims that clawed money back for it: agreed to by the supplier, left unanswered, or ruled above 5,000 bps. */
  claimsWon: t.integer().notNull(),
  /** RFQs cancelled while they held bids (the bidders' work for nothing), a subset of `cancelled`. */
  cancelledWithBids: t.integer().notNull(),
  ratingsGiven: t.integer().notNull(),
  /** Sum of the 1–5 ratings it gave. */
  ratingSumGiven: t.integer().notNull(),
  firstSeenAt: t.int8({ mode: "number" }).notNull(),
  lastActiveAt: t.int8({ mode: "number" }).notNull(),
}));

export const arbitrator = onchainTable("arbitrator", (t) => ({
  address: t.hex().primaryKey(),
  active: t.boolean().notNull(),
  /** Current terms (the latest published). */
  termsId: t.integer().notNull(),
  feeBps: t.integer().notNull(),
  ruleWindow: t.integer().notNull(),
  termsUri: t.text().notNull(),
  termsVersions: t.integer().notNull(),
  registeredAt: t.int8({ mode: "number" }).notNull(),
  retiredAt: t.int8({ mode: "number" }),
  // mirror of the arbitrator's record
  rulingsForBuyer: t.integer().notNull(),
  rulingsForSupplier: t.integer().notNull(),
  rulingsEven: t.integer().notNull(),
  timedOut: t.integer().notNull(),
  // the indexer's own
  disputeCount: t.integer().notNull(),
  /** Warranty claims filed on jobs under its terms (the rulings and time-outs above count claims too). */
  claimCount: t.integer().notNull(),
  jobsNamed: t.integer().notNull(),
}));

/** Every published version of an arbitrator's terms. */
export const termsVersion = onchainTable(
  "arbitrator_terms",
  (t) => ({
    termsId: t.integer().primaryKey(),
    arbitrator: t.hex().notNull(),
    /** 1 for the terms it registered with, then 2, 3, … */
    version: t.integer().notNull(),
    feeBps: t.integer().notNull(),
    ruleWindow: t.integer().notNull(),
    termsUri: t.text().notNull(),
    publishedAt: t.int8({ mode: "number" }).notNull(),
  }),
  (table) => ({ arbitratorIdx: index().on(table.arbitrator) }),
);

/** A job's dispute: one per job at most for a job paid at once; for a job in milestones, its latest milestone
 * dispute (each milestone's outcome stays on its `milestone` row). */
export const dispute = onchainTable(
  "dispute",
  (t) => ({
    jobId: t.bigint().primaryKey(),
    /** The milestone disputed (its index), null for a job paid at once. */
    milestone: t.integer(),
    arbitrator: t.hex().notNull(),
    buyer: t.hex().notNull(),
    supplier: t.hex().notNull(),
    token: t.hex().notNull(),
    /** What is in dispute: the job's price, or the milestone's gross share. */
    price: t.bigint().notNull(),
    /** "open" (waiting for the answer), "answered" (waiting for the ruling), "ruled" or "defaulted". */
    status: t.text().$type<"open" | "answered" | "ruled" | "defaulted">().notNull(),
    fee: t.bigint().notNull(),
    statementUri: t.text().notNull(),
    openedAt: t.int8({ mode: "number" }).notNull(),
    respondBy: t.int8({ mode: "number" }).notNull(),
    responseUri: t.text(),
    answeredAt: t.int8({ mode: "number" }),
    ruleBy: t.int8({ mode: "number" }),
    buyerShareBps: t.integer(),
    reasonHash: t.hex(),
    /** "ruled", "unanswered" or "silent" (the arbitrator did not rule in time). */
    outcome: t.text().$type<"ruled" | "unanswered" | "silent">(),
    /** "buyer", "supplier" or null (an even ruling, a silent arbitrator, or not ended). */
    loser: t.text().$type<"buyer" | "supplier">(),
    toBuyer: t.bigint(),
    toSupplier: t.bigint(),
    toArbitrator: t.bigint(),
    endedAt: t.int8({ mode: "number" }),
    evidenceCount: t.integer().notNull(),
  }),
  (table) => ({ arbitratorIdx: index().on(table.arbitrator, table.openedAt) }),
);

/** ERC-1497 evidence added to a dispute. */
export const evidence = onchainTable(
  "evidence",
  (t) => ({
    id: t.text().primaryKey(),
    jobId: t.bigint().notNull(),
    /** The milestone whose dispute it was added to, null for a job paid at once. */
    milestone: t.integer(),
    party: t.hex().notNull(),
    /** "buyer" or "supplier". */
    role: t.text().$type<"buyer" | "supplier">().notNull(),
    uri: t.text().notNull(),
    submittedAt: t.int8({ mode: "number" }).notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ jobIdx: index().on(table.jobId, table.blockNumber, table.logIndex) }),
);

/** A payment's held share under warranty, known by (job, payment index; 0 for a job paid at once), from its
 * PaymentHeld to its HeldSettled: what is held, the claim on it and how it ended. */
export const heldPayment = onchainTable(
  "held_payment",
  (t) => ({
    jobId: t.bigint().notNull(),
    payment: t.integer().notNull(),
    buyer: t.hex().notNull(),
    supplier: t.hex().notNull(),
    arbitrator: t.hex().notNull(),
    token: t.hex().notNull(),
    categoryId: t.hex().notNull(),
    /** The gross share held at settlement, and what is held now (less what the supplier returned; 0 once paid out,
     * the escrow's heldOf(...).amount). */
    heldAtSettlement: t.bigint().notNull(),
    held: t.bigint().notNull(),
    /** The winner's bond held with it (RFQs posted with holdBond), 0 once paid out (heldOf(...).bond). */
    heldBond: t.bigint().notNull(),
    /** The buyer may claim before it; anyone may release at or after it. */
    warrantyEndsAt: t.int8({ mode: "number" }).notNull(),
    heldAt: t.int8({ mode: "number" }).notNull(),
    /** What the supplier gave back of its own accord (HeldReturned), in all, and how many times. */
    returned: t.bigint().notNull(),
    returns: t.integer().notNull(),
    /** The claim, as the escrow's heldOf(...).claim: "none", "filed" (the supplier may agree or answer before
     * respondBy), "answered" (the arbitrator rules before ruleBy) or "ended". */
    claimStatus: t.text().$type<"none" | "filed" | "answered" | "ended">().notNull(),
    /** The claim's amount asked and each side's fee (claimOf), its current deadline (respond-by while filed, rule-by
     * while answered: claimOf(...).deadline, kept after it ends), and its steps. */
    asked: t.bigint(),
    fee: t.bigint(),
    claimDeadline: t.int8({ mode: "number" }),
    statementUri: t.text(),
    claimedAt: t.int8({ mode: "number" }),
    respondBy: t.int8({ mode: "number" }),
    responseUri: t.text(),
    answeredAt: t.int8({ mode: "number" }),
    ruleBy: t.int8({ mode: "number" }),
    buyerShareBps: t.integer(),
    reasonHash: t.hex(),
    evidenceCount: t.integer().notNull(),
    /** How it was paid out (HeldSettled), null while held: "Released", "Waived", "Agreed", "Ruled", "Unanswered" or
     * "Silent"; what each party received in all (held share, fees back or earned, the bond), the protocol fee on the
     * supplier's part and that part gross (what its completed volume counted). */
    outcome: t.text().$type<"Released" | "Waived" | "Agreed" | "Ruled" | "Unanswered" | "Silent">(),
    toBuyer: t.bigint(),
    toSupplier: t.bigint(),
    toArbitrator: t.bigint(),
    protocolFee: t.bigint(),
    supplierGross: t.bigint(),
    settledAt: t.int8({ mode: "number" }),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.jobId, table.payment] }),
    arbitratorIdx: index().on(table.arbitrator, table.claimStatus),
    supplierIdx: index().on(table.supplier),
  }),
);

/** A job's milestone, known by (job, index), from MilestonesScheduled: its share and delivery window as posted, and
 * its life — "upcoming" (not begun: a later milestone, or the first of an RFQ before its award), "awarded" (in
 * progress, to deliver by `deliverBy`), "delivered", "disputed", "settled" (by confirm, finalize or a dispute's
 * outcome: MilestoneSettled), "refunded" (unsettled when the job ended early: back to the buyer) or "cancelled"
 * (its RFQ was cancelled). */
export const milestone = onchainTable(
  "milestone",
  (t) => ({
    jobId: t.bigint().notNull(),
    index: t.integer().notNull(),
    shareBps: t.integer().notNull(),
    deliveryWindow: t.integer().notNull(),
    state: t.text().$type<"upcoming" | "awarded" | "delivered" | "disputed" | "settled" | "refunded" | "cancelled">().notNull(),
    /** Its gross share of the price: ⌊price × shareBps / 10,000⌋, the last the rest (the SDK's milestoneGross), once
     * the price is fixed (a direct hire's at posting, an RFQ's winning price at its award; null before); at its
     * settlement, MilestoneSettled's `gross`. A refunded milestone's went back to the buyer. */
    gross: t.bigint(),
    /** When its delivery window began (a direct hire's posting, an RFQ's award, the previous milestone's settlement)
     * and its deadline (the job's deliverBy then); null while upcoming. */
    startedAt: t.int8({ mode: "number" }),
    deliverBy: t.int8({ mode: "number" }),
    deliveredAt: t.int8({ mode: "number" }),
    deliverableHash: t.hex(),
    deliverableUri: t.text(),
    reviewEndsAt: t.int8({ mode: "number" }),
    /** Its dispute, if any (the `dispute` row is the job's latest): opened when, how it ended ("ruled",
     * "unanswered", "silent"), the ruling's share to the buyer, and what DisputeSettled paid the buyer (its share,
     * fees back, the bond part it forfeited). */
    disputed: t.boolean().notNull(),
    disputedAt: t.int8({ mode: "number" }),
    disputeOutcome: t.text().$type<"ruled" | "unanswered" | "silent">(),
    buyerShareBps: t.integer(),
    disputeToBuyer: t.bigint(),
    /** At its settlement (MilestoneSettled): what the supplier was paid for it net of the protocol fee (less any
     * held share), that fee, and the gross the supplier's completed volume counted (toSupplier + protocolFee). */
    toSupplier: t.bigint(),
    protocolFee: t.bigint(),
    supplierGross: t.bigint(),
    /** Under a holdback, its share held at settlement (PaymentHeld: payment = this index; see `held_payment`) and the
     * bond held with it; null when nothing was held. */
    held: t.bigint(),
    heldBond: t.bigint(),
    settledAt: t.int8({ mode: "number" }),
    refundedAt: t.int8({ mode: "number" }),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.jobId, table.index] }) }),
);

/** Evidence added to a warranty claim (ClaimEvidence). */
export const claimEvidence = onchainTable(
  "claim_evidence",
  (t) => ({
    id: t.text().primaryKey(),
    jobId: t.bigint().notNull(),
    payment: t.integer().notNull(),
    party: t.hex().notNull(),
    /** "buyer" or "supplier". */
    role: t.text().$type<"buyer" | "supplier">().notNull(),
    uri: t.text().notNull(),
    submittedAt: t.int8({ mode: "number" }).notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ paymentIdx: index().on(table.jobId, table.payment, table.blockNumber, table.logIndex) }),
);

/** A buyer's 1–5 rating given when confirming a delivery. */
export const rating = onchainTable(
  "rating",
  (t) => ({
    jobId: t.bigint().primaryKey(),
    supplier: t.hex().notNull(),
    buyer: t.hex().notNull(),
    rating: t.integer().notNull(),
    categoryId: t.hex().notNull(),
    token: t.hex().notNull(),
    price: t.bigint().notNull(),
    timestamp: t.int8({ mode: "number" }).notNull(),
  }),
  (table) => ({ supplierIdx: index().on(table.supplier, table.timestamp) }),
);

/** A category's market. */
export const market = onchainTable("market", (t) => ({
  categoryId: t.hex().primaryKey(),
  /** The name from the first spec whose category hashes to the id, else the id. */
  name: t.text().notNull(),
  named: t.boolean().notNull(),
  /** RFQs taking bids (status Open). */
  openJobs: t.integer().notNull(),
  jobCount: t.integer().notNull(),
  rfqCount: t.integer().notNull(),
  settledJobs: t.integer().notNull(),
  /** The latest clearing (award or settlement), in its token. */
  lastClearingPrice: t.bigint(),
  lastClearingToken: t.hex(),
  lastClearingAt: t.int8({ mode: "number" }),
  firstJobAt: t.int8({ mode: "number" }).notNull(),
}));

/** A category's volume in one token: what settled jobs paid their suppliers' side (the price less any share
 * ruled back to the buyer, before the protocol fee; under a holdback, the paid part and then each held share's
 * part that reached the supplier), as completedVolume counts it. */
export const marketVolume = onchainTable(
  "market_volume",
  (t) => ({
    categoryId: t.hex().notNull(),
    token: t.hex().notNull(),
    volume: t.bigint().notNull(),
    settledJobs: t.integer().notNull(),
    lastClearingPrice: t.bigint(),
    lastClearingAt: t.int8({ mode: "number" }),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.categoryId, table.token] }) }),
);

/** The clearing-price series: one row per award (RFQ) and per settlement (every settled job). */
export const clearingPrice = onchainTable(
  "clearing_price",
  (t) => ({
    id: t.text().primaryKey(),
    categoryId: t.hex().notNull(),
    jobId: t.bigint().notNull(),
    /** "award" or "settlement". */
    kind: t.text().$type<"award" | "settlement">().notNull(),
    token: t.hex().notNull(),
    /** The job's agreed price (a settlement's split does not change it). */
    price: t.bigint().notNull(),
    /** True on the job's first clearing (its award, or a direct hire's settlement): medians count each job once. */
    firstForJob: t.boolean().notNull(),
    timestamp: t.int8({ mode: "number" }).notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({
    seriesIdx: index().on(table.categoryId, table.token, table.timestamp),
  }),
);

/** Protocol settings (one row, id 1), from the owner's events. */
export const protocol = onchainTable("protocol", (t) => ({
  id: t.integer().primaryKey(),
  escrow: t.hex().notNull(),
  owner: t.hex(),
  pendingOwner: t.hex(),
  treasury: t.hex(),
  feeBps: t.integer(),
  postingPaused: t.boolean().notNull(),
  jobCount: t.integer().notNull(),
  updatedAt: t.int8({ mode: "number" }).notNull(),
}));

/** Protocol fees per token: accrued at settlements, sent to the treasury when collected. */
export const protocolFee = onchainTable("protocol_fee", (t) => ({
  token: t.hex().primaryKey(),
  accrued: t.bigint().notNull(),
  collected: t.bigint().notNull(),
  /** accrued − collected: the escrow's protocolFees(token). */
  outstanding: t.bigint().notNull(),
}));

/** Payments a receiver refused, credited for it to withdraw, per account and token. */
export const credit = onchainTable(
  "credit",
  (t) => ({
    account: t.hex().notNull(),
    token: t.hex().notNull(),
    credited: t.bigint().notNull(),
    withdrawn: t.bigint().notNull(),
    /** The escrow's credit(account, token). */
    balance: t.bigint().notNull(),
    updatedAt: t.int8({ mode: "number" }).notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.account, table.token] }) }),
);

// Relations, for GraphQL (and Drizzle's relational queries).

export const jobRelations = relations(job, ({ one, many }) => ({
  bids: many(bid),
  events: many(jobEvent),
  dispute: one(dispute, { fields: [job.id], references: [dispute.jobId] }),
  heldPayments: many(heldPayment),
  milestones: many(milestone),
  ratingRecord: one(rating, { fields: [job.id], references: [rating.jobId] }),
  market: one(market, { fields: [job.categoryId], references: [market.categoryId] }),
  buyerRecord: one(buyer, { fields: [job.buyer], references: [buyer.address] }),
  supplierRecord: one(supplier, { fields: [job.supplier], references: [supplier.address] }),
  arbitratorRecord: one(arbitrator, { fields: [job.arbitrator], references: [arbitrator.address] }),
}));

export const jobEventRelations = relations(jobEvent, ({ one }) => ({
  job: one(job, { fields: [jobEvent.jobId], references: [job.id] }),
}));

export const bidRelations = relations(bid, ({ one }) => ({
  job: one(job, { fields: [bid.jobId], references: [job.id] }),
  supplierRecord: one(supplier, { fields: [bid.supplier], references: [supplier.address] }),
}));

export const supplierRelations = relations(supplier, ({ many }) => ({
  bids: many(bid),
  jobs: many(job),
  attestations: many(attestation),
  volumes: many(supplierVolume),
  ratings: many(rating),
  categories: many(supplierCategory),
  heldPayments: many(heldPayment),
}));

export const supplierCategoryRelations = relations(supplierCategory, ({ one }) => ({
  supplierRecord: one(supplier, { fields: [supplierCategory.supplier], references: [supplier.address] }),
  market: one(market, { fields: [supplierCategory.categoryId], references: [market.categoryId] }),
}));

export const supplierVolumeRelations = relations(supplierVolume, ({ one }) => ({
  supplierRecord: one(supplier, { fields: [supplierVolume.supplier], references: [supplier.address] }),
}));

export const attestationRelations = relations(attestation, ({ one }) => ({
  supplierRecord: one(supplier, { fields: [attestation.supplier], references: [supplier.address] }),
}));

export const buyerRelations = relations(buyer, ({ many }) => ({
  jobs: many(job),
}));

export const arbitratorRelations = relations(arbitrator, ({ many }) => ({
  terms: many(termsVersion),
  disputes: many(dispute),
  claims: many(heldPayment),
}));

export const termsVersionRelations = relations(termsVersion, ({ one }) => ({
  arbitratorRecord: one(arbitrator, { fields: [termsVersion.arbitrator], references: [arbitrator.address] }),
}));

export const disputeRelations = relations(dispute, ({ one, many }) => ({
  job: one(job, { fields: [dispute.jobId], references: [job.id] }),
  evidence: many(evidence),
  arbitratorRecord: one(arbitrator, { fields: [dispute.arbitrator], references: [arbitrator.address] }),
}));

export const evidenceRelations = relations(evidence, ({ one }) => ({
  dispute: one(dispute, { fields: [evidence.jobId], references: [dispute.jobId] }),
}));

export const heldPaymentRelations = relations(heldPayment, ({ one, many }) => ({
  job: one(job, { fields: [heldPayment.jobId], references: [job.id] }),
  evidence: many(claimEvidence),
  arbitratorRecord: one(arbitrator, { fields: [heldPayment.arbitrator], references: [arbitrator.address] }),
  supplierRecord: one(supplier, { fields: [heldPayment.supplier], references: [supplier.address] }),
}));

export const milestoneRelations = relations(milestone, ({ one }) => ({
  job: one(job, { fields: [milestone.jobId], references: [job.id] }),
}));

export const claimEvidenceRelations = relations(claimEvidence, ({ one }) => ({
  heldPayment: one(heldPayment, { fields: [claimEvidence.jobId, claimEvidence.payment], references: [heldPayment.jobId, heldPayment.payment] }),
}));

export const ratingRelations = relations(rating, ({ one }) => ({
  job: one(job, { fields: [rating.jobId], references: [job.id] }),
  supplierRecord: one(supplier, { fields: [rating.supplier], references: [supplier.address] }),
}));

export const marketRelations = relations(market, ({ many }) => ({
  jobs: many(job),
  volumes: many(marketVolume),
  prices: many(clearingPrice),
  suppliers: many(supplierCategory),
}));

export const marketVolumeRelations = relations(marketVolume, ({ one }) => ({
  market: one(market, { fields: [marketVolume.categoryId], references: [market.categoryId] }),
}));

export const clearingPriceRelations = relations(clearingPrice, ({ one }) => ({
  market: one(market, { fields: [clearingPrice.categoryId], references: [market.categoryId] }),
  job: one(job, { fields: [clearingPrice.jobId], references: [job.id] }),
}));
