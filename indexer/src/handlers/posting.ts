// Posting: a direct hire (its supplier named, so it starts awarded) or an RFQ (open for bids). Either creates the
// job, its category's market on first sight, and moves the buyer's, the hired supplier's, the arbitrator's and the
// protocol's counters.
import { type Context, type Event, ponder } from "ponder:registry";
import { job, market, protocol } from "ponder:schema";
import { categoryId as categoryIdOf, specHash } from "@tender/sdk/escrow";
import type { Floors } from "@tender/sdk/market";
import { specProblem } from "@tender/sdk/spec";
import {
  type AnyEvent,
  type Db,
  type Hex,
  changeArbitrator,
  changeMarket,
  clean,
  lower,
  plain,
  recordEvent,
  setProtocol,
  time,
  touchBuyer,
  touchSupplier,
} from "../rows.ts";

const MODES = ["LowestPrice", "BuyerChoice", "SealedLowestPrice"] as const;

/** What a posted spec says, read defensively: a spec that is not JSON, not an object, or off-schema is still a
 * job; it just has no title or category name, and its problem is kept. */
function readSpec(text: string, onchainCategory: Hex) {
  let doc: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) doc = parsed as Record<string, unknown>;
  } catch {
    // not JSON: specProblem says so below
  }
  const title = typeof doc?.title === "string" && doc.title.trim() !== "" ? clean(doc.title.trim()).slice(0, 200) : null;
  const claimed = typeof doc?.category === "string" ? doc.category : undefined;
  let name: string | undefined;
  try {
    if (claimed !== undefined && categoryIdOf(claimed) === onchainCategory) name = claimed;
  } catch {
    // cannot happen for a string, but a bad spec must never stop indexing
  }
  let problem: string | null = null;
  try {
    if (claimed !== undefined && name === undefined) {
      problem = `spec.category: ${JSON.stringify(claimed)} is not the job's category (its keccak256 is not ${onchainCategory})`;
    } else {
      const found = specProblem(text, name);
      if (found) problem = `${found.field}: ${found.message}`;
    }
  } catch (error) {
    problem = `spec: could not be checked (${(error as Error).message})`;
  }
  return { title, name: name === undefined ? undefined : clean(name), valid: problem === null, problem: problem && clean(problem) };
}

interface Posting {
  jobId: bigint;
  kind: "direct" | "rfq";
  buyer: Hex;
  supplier: Hex | null;
  arbitrator: Hex;
  termsId: number;
  token: Hex;
  price: bigint;
  maxPrice: bigint | null;
  categoryId: Hex;
  spec: string;
  defaultBuyerShareBps: number;
  protocolFeeBps: number;
  deliveryWindow: number;
  reviewWindow: number;
  warranty: { holdbackBps: number; warrantyWindow: number; holdBond: boolean };
  rfq?: {
    mode: number;
    floors: Floors;
    awardWindow: number;
    bidDeadline: number;
    awardDeadline: number;
  };
  deliverBy?: number;
}

async function post(db: Db, context: Context, event: AnyEvent | Event, p: Posting, kind: string, data: Record<string, unknown>) {
  const e = event as AnyEvent;
  const at = time(e);
  const categoryId = lower(p.categoryId);
  const spec = readSpec(p.spec, categoryId);

  const known = await db.find(market, { categoryId });
  const name = spec.name ?? (known?.named ? known.name : undefined);
  if (!known) {
    await db.insert(market).values({
      categoryId,
      name: name ?? categoryId,
      named: name !== undefined,
      openJobs: 0,
      jobCount: 0,
      rfqCount: 0,
      settledJobs: 0,
      firstJobAt: at,
    });
  }
  await changeMarket(db, categoryId, (row) => ({
    ...(!row.named && name !== undefined ? { name, named: true } : {}),
    jobCount: row.jobCount + 1,
    rfqCount: row.rfqCount + (p.rfq ? 1 : 0),
    openJobs: row.openJobs + (p.rfq ? 1 : 0),
  }));

  await db.insert(job).values({
    id: p.jobId,
    kind: p.kind,
    status: p.rfq ? "Open" : "Awarded",
    buyer: lower(p.buyer),
    supplier: p.supplier && lower(p.supplier),
    arbitrator: lower(p.arbitrator),
    termsId: p.termsId,
    token: lower(p.token),
    price: p.price,
    maxPrice: p.maxPrice,
    categoryId,
    category: name ?? categoryId,
    spec: clean(p.spec),
    specHash: specHash(p.spec),
    title: spec.title,
    specValid: spec.valid,
    specProblem: spec.problem,
    mode: p.rfq ? MODES[p.rfq.mode] ?? null : null,
    floors: p.rfq ? plain(p.rfq.floors) : null,
    bondBps: p.rfq ? p.rfq.floors.bondBps : null,
    defaultBuyerShareBps: p.defaultBuyerShareBps,
    protocolFeeBps: p.protocolFeeBps,
    deliveryWindow: p.deliveryWindow,
    reviewWindow: p.reviewWindow,
    holdbackBps: p.warranty.holdbackBps,
    warrantyWindow: p.warranty.warrantyWindow,
    holdBond: p.warranty.holdBond,
    // In milestones once its MilestonesScheduled follows (handlers/milestones.ts).
    milestoneCount: 0,
    awardWindow: p.rfq ? p.rfq.awardWindow : null,
    deadline: p.rfq ? p.rfq.bidDeadline : p.deliverBy,
    bidDeadline: p.rfq?.bidDeadline,
    awardDeadline: p.rfq?.awardDeadline,
    deliverBy: p.deliverBy,
    postedAt: at,
    postedBlock: e.block.number,
    postedTx: e.transaction.hash,
    // A direct hire starts awarded: its supplier is named at posting.
    awardedAt: p.rfq ? null : at,
    updatedAt: at,
    bidCount: 0,
    commitCount: 0,
    revealCount: 0,
  });

  await touchBuyer(db, p.buyer, at, (row) => ({ posted: row.posted + 1 }));
  if (p.supplier) await touchSupplier(db, p.supplier, at, (row) => ({ directHires: row.directHires + 1 }));
  await changeArbitrator(db, p.arbitrator, (row) => ({ jobsNamed: row.jobsNamed + 1 }));
  await setProtocol(db, context, at, {});
  await db.update(protocol, { id: 1 }).set((row) => ({ jobCount: row.jobCount + 1 }));
  await recordEvent(db, e, p.jobId, kind, data);
}

ponder.on("TenderEscrow:DirectHirePosted", async ({ event, context }) => {
  const { jobId, buyer, supplier, hire, deliverBy, termsId, protocolFeeBps } = event.args;
  await post(
    context.db,
    context,
    event,
    {
      jobId,
      kind: "direct",
      buyer,
      supplier,
      arbitrator: hire.arbitrator,
      termsId,
      token: hire.token,
      price: hire.price,
      maxPrice: null,
      categoryId: hire.category,
      spec: hire.spec,
      defaultBuyerShareBps: hire.defaultBuyerShareBps,
      protocolFeeBps,
      deliveryWindow: hire.deliveryWindow,
      reviewWindow: hire.reviewWindow,
      warranty: hire.warranty,
      deliverBy,
    },
    "DirectHirePosted",
    {
      supplier,
      token: hire.token,
      price: hire.price,
      arbitrator: hire.arbitrator,
      deliverBy,
      termsId,
      protocolFeeBps,
      holdbackBps: hire.warranty.holdbackBps,
      warrantyWindow: hire.warranty.warrantyWindow,
    },
  );
});

ponder.on("TenderEscrow:RFQPosted", async ({ event, context }) => {
  const { jobId, buyer, rfq, awardDeadline, termsId, protocolFeeBps } = event.args;
  await post(
    context.db,
    context,
    event,
    {
      jobId,
      kind: "rfq",
      buyer,
      supplier: null,
      arbitrator: rfq.arbitrator,
      termsId,
      token: rfq.token,
      price: rfq.maxPrice,
      maxPrice: rfq.maxPrice,
      categoryId: rfq.category,
      spec: rfq.spec,
      defaultBuyerShareBps: rfq.defaultBuyerShareBps,
      protocolFeeBps,
      deliveryWindow: rfq.deliveryWindow,
      reviewWindow: rfq.reviewWindow,
      warranty: rfq.warranty,
      rfq: { mode: rfq.mode, floors: rfq.floors, awardWindow: rfq.awardWindow, bidDeadline: rfq.bidDeadline, awardDeadline },
    },
    "RFQPosted",
    {
      token: rfq.token,
      maxPrice: rfq.maxPrice,
      mode: MODES[rfq.mode],
      bidDeadline: rfq.bidDeadline,
      awardDeadline,
      arbitrator: rfq.arbitrator,
      bondBps: rfq.floors.bondBps,
      termsId,
      protocolFeeBps,
      holdbackBps: rfq.warranty.holdbackBps,
      warrantyWindow: rfq.warranty.warrantyWindow,
      holdBond: rfq.warranty.holdBond,
    },
  );
});

