// The shapes of the indexer's REST answers (indexer/README.md, indexer/src/api/index.ts). Amounts, job ids and block
// numbers are decimal strings; addresses lowercase; times Unix seconds.
export type Hex = `0x${string}`;
export type JobStatus = "Open" | "Awarded" | "Delivered" | "Disputed" | "Settled" | "Refunded" | "Cancelled";

export interface FloorsJson {
  minCompleted: number;
  minVolume: string;
  maxLossShareBps: number;
  minAvgRating: number;
  minRatings: number;
  bondBps: number;
  metrics: { attestor: Hex; comparison: number; metric: Hex; threshold: string }[];
}

export interface JobSummary {
  id: string;
  kind: "direct" | "rfq";
  status: JobStatus;
  buyer: Hex;
  supplier: Hex | null;
  arbitrator: Hex;
  termsId: number;
  token: Hex;
  price: string;
  maxPrice: string | null;
  categoryId: Hex;
  category: string;
  specHash: Hex;
  title: string | null;
  specValid: boolean;
  specProblem: string | null;
  mode: "LowestPrice" | "BuyerChoice" | null;
  floors: FloorsJson | null;
  bondBps: number | null;
  defaultBuyerShareBps: number;
  protocolFeeBps: number;
  deliveryWindow: number;
  reviewWindow: number;
  awardWindow: number | null;
  deadline: number | null;
  bidDeadline: number | null;
  awardDeadline: number | null;
  deliverBy: number | null;
  reviewEndsAt: number | null;
  postedAt: number;
  postedBlock: string;
  postedTx: Hex;
  awardedAt: number | null;
  deliveredAt: number | null;
  disputedAt: number | null;
  settledAt: number | null;
  refundedAt: number | null;
  cancelledAt: number | null;
  updatedAt: number;
  bidCount: number;
  bestBidder: Hex | null;
  bestBidPrice: string | null;
  awardRefund: string | null;
  cancelledBy: Hex | null;
  deliverableHash: Hex | null;
  deliverableUri: string | null;
  rating: number | null;
  toSupplier: string | null;
  protocolFee: string | null;
  declined: boolean | null;
  refundToBuyer: string | null;
  bondToBuyer: string | null;
}

export interface Job extends JobSummary {
  spec: string;
}

export interface Bid {
  jobId: string;
  supplier: Hex;
  price: string;
  firstPrice: string;
  bond: string;
  placedAt: number;
  firstPlacedAt: number;
  placedSeq: number;
  improvements: number;
  best: boolean;
  won: boolean;
  bondReclaimed: boolean;
  reclaimedAt: number | null;
}

export interface TimelineEvent {
  id: string;
  kind: string;
  actor: Hex;
  timestamp: number;
  blockNumber: string;
  logIndex: number;
  txHash: Hex;
  data: Record<string, unknown>;
}

export interface Evidence {
  id: string;
  jobId: string;
  party: Hex;
  role: "buyer" | "supplier" | string;
  uri: string;
  submittedAt: number;
}

export interface Dispute {
  jobId: string;
  arbitrator: Hex;
  status: "open" | "answered" | "ruled" | "defaulted" | string;
  fee: string;
  statementUri: string;
  openedAt: number;
  respondBy: number | null;
  responseUri: string | null;
  answeredAt: number | null;
  ruleBy: number | null;
  buyerShareBps: number | null;
  outcome: string | null;
  toBuyer: string | null;
  toSupplier: string | null;
  toArbitrator: string | null;
  endedAt: number | null;
  evidence: Evidence[];
}

export interface ArbitratorTerms {
  termsId: number;
  arbitrator: Hex;
  version: number;
  feeBps: number;
  ruleWindow: number;
  termsUri: string;
  publishedAt: number;
}

export interface JobDetail {
  job: Job;
  terms: ArbitratorTerms | null;
  bids: Bid[];
  timeline: TimelineEvent[];
  dispute: Dispute | null;
}

/** A job as GET /api/jobs lists it (the indexer's LIST_COLUMNS); GET /api/jobs/:id has the whole record. */
export type JobListItem = Pick<
  JobSummary,
  | "id"
  | "kind"
  | "status"
  | "buyer"
  | "supplier"
  | "arbitrator"
  | "token"
  | "price"
  | "maxPrice"
  | "categoryId"
  | "category"
  | "title"
  | "specValid"
  | "specProblem"
  | "mode"
  | "floors"
  | "bondBps"
  | "deadline"
  | "bidDeadline"
  | "postedAt"
  | "updatedAt"
  | "bidCount"
  | "bestBidPrice"
>;

export interface JobsPage {
  items: JobListItem[];
  nextCursor: string | null;
}

export interface MarketToken {
  token: Hex;
  volume: string;
  settledJobs: number;
  lastClearingPrice: string | null;
  lastClearingAt: number | null;
  medianClearingPrice: string | null;
  clearings: number;
}

export interface Market {
  categoryId: Hex;
  name: string;
  named: boolean;
  openJobs: number;
  jobCount: number;
  rfqCount: number;
  settledJobs: number;
  lastClearing: { price: string; token: Hex; at: number } | null;
  tokens: MarketToken[];
}

export interface PricePoint {
  jobId: string;
  kind: "award" | "settlement";
  token: Hex;
  price: string;
  firstForJob: boolean;
  timestamp: number;
}

export interface PriceSeries {
  categoryId: Hex;
  name: string;
  series: PricePoint[];
}

export interface SupplierRecord {
  won: number;
  completed: number;
  declined: number;
  refunded: number;
  disputesFaced: number;
  disputesLost: number;
  ratingSum: number;
  ratingCount: number;
}

export interface Reputation {
  score: number;
  rating: number;
  parts: { rating: number; completion: number; onTime: number; disputes: number };
}

export interface Attestation {
  attestor: Hex;
  metric: Hex;
  metricName: string;
  value: string;
  validUntil: number;
  attestedAt: number;
  revoked: boolean;
  revokedAt: number | null;
  current: boolean;
}

export interface SupplierBid extends Bid {
  job: { title: string | null; status: JobStatus | null; token: Hex | null; category: string | null; won: boolean };
}

export interface SupplierProfile {
  asOf: number;
  address: Hex;
  profile: { registered: boolean; profileUri: string | null; registeredAt: number | null; updatedAt: number | null };
  record: SupplierRecord;
  derived: {
    averageRatingX100: number | null;
    lossShareBps: number;
    onTimeDeliveries: number;
    missedDeadlines: number;
    onTimeRateBps: number | null;
    averageDeliveryWindowUsedBps: number | null;
    bidsPlaced: number;
    directHires: number;
    firstSeenAt: number;
    lastActiveAt: number;
  };
  reputation: Reputation;
  /** Per-category scores (newer indexers; absent on older ones). */
  categories?: { categoryId: Hex; category: string; record: SupplierRecord; reputation: Reputation }[];
  volume: { token: Hex; volume: string; earned: string; jobs: number }[];
  attestations: Attestation[];
  history: { jobs: JobSummary[]; bids: SupplierBid[] };
}

/** An arbitrator as the indexer keeps it: its current terms and its record. */
export interface Arbitrator {
  address: Hex;
  active: boolean;
  /** The current terms (the latest published) and how many versions there were. */
  termsId: number;
  /** The fee each side of a dispute pays, in bps of the job's price. */
  feeBps: number;
  /** Seconds it takes to rule once the supplier answered. */
  ruleWindow: number;
  termsUri: string;
  termsVersions: number;
  registeredAt: number;
  retiredAt: number | null;
  rulingsForBuyer: number;
  rulingsForSupplier: number;
  rulingsEven: number;
  timedOut: number;
  disputeCount: number;
  jobsNamed: number;
}

/** GET /api/buyers/:address */
export interface BuyerProfile {
  address: Hex;
  record: { posted: number; paid: number; cancelled: number; disputesOpened: number; disputesLost: number };
  derived: {
    settled: number;
    refunded: number;
    disputesWon: number;
    cancelledWithBids: number;
    ratingsGiven: number;
    averageRatingGiven: number | null;
    payRate: number | null;
    disputeRate: number | null;
    lossShareBps: number;
    cancelRate: number | null;
  };
  reputation: { score: number } & Record<string, unknown>;
  history: { jobs: JobSummary[] };
}

/** A dispute as GET /api/arbitrators/:address/disputes lists it. */
export interface ArbitratorDispute extends Dispute {
  buyer: Hex;
  supplier: Hex;
  token: Hex;
  price: string;
  job: { title: string | null; category: string; status: JobStatus; termsId: number };
}

/** GET /api/arbitrators/:address/disputes */
export interface ArbitratorDisputes {
  arbitrator: Arbitrator & { terms: ArbitratorTerms[] };
  disputes: ArbitratorDispute[];
}
