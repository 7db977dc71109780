/// <reference path="../../ponder-env.d.ts" />
// The shapes of the REST answers, as the route functions in routes/ build them and http.ts writes them (Json:
// bigints as decimal strings): nothing here is restated, so a change to a route or a table changes these types and
// every program that reads them type-checks against it. Other programs import them as `@tender/indexer/api-types`,
// type-only (`import type`): no code of the indexer (nor Ponder's virtual modules) reaches their bundles.
import type { Floors } from "@tender/sdk/market";
import type { jobStatus } from "../../ponder.schema.ts";
import type { Json } from "../json.ts";
import type { arbitratorDisputes, arbitratorList } from "./routes/arbitrators.ts";
import type { buyerProfile } from "./routes/buyers.ts";
import type { jobDetail, jobsPage } from "./routes/jobs.ts";
import type { leaderboard } from "./routes/leaderboard.ts";
import type { marketsAnswer, priceSeries } from "./routes/markets.ts";
import type { supplierProfile } from "./routes/suppliers.ts";

export type { Json };
export type { BuyerReputation, Reputation } from "../reputation.ts";

/** What a route function's answer is once written as JSON. */
type Answer<Route extends (...args: never[]) => Promise<unknown>> = Json<Awaited<ReturnType<Route>>>;

export type Hex = `0x${string}`;
export type JobStatus = (typeof jobStatus.enumValues)[number];
/** An RFQ's floors as its job keeps them (`job.floors`). */
export type FloorsJson = Json<Floors>;

/** GET /api/jobs */
export type JobsPage = Answer<typeof jobsPage>;
/** A job as GET /api/jobs lists it (LIST_COLUMNS); GET /api/jobs/:id has the whole record. */
export type JobListItem = JobsPage["items"][number];

/** GET /api/jobs/:id */
export type JobDetail = Answer<typeof jobDetail>;
export type Job = JobDetail["job"];
export type ArbitratorTerms = NonNullable<JobDetail["terms"]>;
export type Bid = JobDetail["bids"][number];
export type TimelineEvent = JobDetail["timeline"][number];
export type Dispute = NonNullable<JobDetail["dispute"]>;
export type Evidence = Dispute["evidence"][number];
/** The holdback a job was posted with (null for none). */
export type JobWarranty = NonNullable<JobDetail["warranty"]>;
/** A payment's held share under warranty, with its claim and how it ended. */
export type HeldPayment = JobDetail["held"][number];
export type ClaimEvidence = HeldPayment["evidence"][number];
/** A job's milestone (GET /api/jobs/:id `milestones`; empty for a job paid at once), with its dispute's evidence. */
export type JobMilestone = JobDetail["milestones"][number];
export type MilestoneState = JobMilestone["state"];

/** GET /api/markets */
export type Markets = Answer<typeof marketsAnswer>;
export type Market = Markets["markets"][number];
export type MarketToken = Market["tokens"][number];
/** GET /api/markets/:category/prices */
export type PriceSeries = Answer<typeof priceSeries>;
export type PricePoint = PriceSeries["series"][number];

/** GET /api/suppliers/:address */
export type SupplierProfile = Answer<typeof supplierProfile>;
export type SupplierRecord = SupplierProfile["record"];
/** A supplier's warranty claims: the escrow's claimRecord and the clawback share. */
export type SupplierClaims = SupplierProfile["claims"];
export type Attestation = SupplierProfile["attestations"][number];
/** A job in a supplier's or a buyer's history: every column but the spec. */
export type JobSummary = SupplierProfile["history"]["jobs"][number];
export type SupplierBid = SupplierProfile["history"]["bids"][number];
/** GET /api/leaderboard */
export type Leaderboard = Answer<typeof leaderboard>;

/** GET /api/buyers/:address */
export type BuyerProfile = Answer<typeof buyerProfile>;

/** GET /api/arbitrators */
export type Arbitrators = Answer<typeof arbitratorList>;
/** An arbitrator as the indexer keeps it: its current terms and its record. */
export type Arbitrator = Arbitrators["items"][number];
/** GET /api/arbitrators/:address/disputes */
export type ArbitratorDisputes = Answer<typeof arbitratorDisputes>;
export type ArbitratorDispute = ArbitratorDisputes["disputes"][number];
/** A warranty claim on one of the arbitrator's jobs (GET /api/arbitrators/:address/disputes). */
export type ArbitratorClaim = ArbitratorDisputes["claims"][number];
