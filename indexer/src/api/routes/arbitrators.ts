// GET /api/arbitrators: the registry, for a buyer picking one; GET /api/arbitrators/:address/disputes: one
// arbitrator's terms, its disputes and the warranty claims on its jobs, with their evidence.
import { Hono, type Context as HonoContext } from "hono";
import { db } from "ponder:api";
import { arbitrator, claimEvidence, dispute, evidence, heldPayment, job, termsVersion } from "ponder:schema";
import { and, asc, desc, eq, inArray, ne, or, sql } from "ponder";
import { address, bad, integer, notFound, query, route } from "../http.ts";
import type { SQL } from "../reads.ts";

/** The registry, active first, then by disputes handled. */
export async function arbitratorList(c: HonoContext) {
  const q = query(c, ["active", "limit"]);
  if (q.active !== undefined && q.active !== "true" && q.active !== "false") throw bad(`"active" must be "true" or "false", not "${q.active}".`);
  const limit = integer("limit", q.limit, 100, 1, 500);
  const rows = await db
    .select()
    .from(arbitrator)
    .where(q.active === undefined ? undefined : eq(arbitrator.active, q.active === "true"))
    .orderBy(desc(arbitrator.active), desc(arbitrator.disputeCount), asc(arbitrator.address))
    .limit(limit);
  return { items: rows };
}

/** What `status` of GET /api/arbitrators/:address/disputes selects. */
const DISPUTE_FILTERS: Record<string, SQL> = {
  open: sql`${dispute.status} = 'open'`,
  answered: sql`${dispute.status} = 'answered'`,
  ruled: sql`${dispute.status} = 'ruled'`,
  defaulted: sql`${dispute.status} = 'defaulted'`,
  active: or(eq(dispute.status, "open"), eq(dispute.status, "answered"))!,
  ended: or(eq(dispute.status, "ruled"), eq(dispute.status, "defaulted"))!,
};

/** The same `status` for warranty claims: open = filed (waiting for the supplier), answered = waiting for the
 * ruling, ruled, defaulted = unanswered or the arbitrator silent; active and ended as for disputes. A claim that
 * ended otherwise (agreed to, waived) is in `ended` only. */
const CLAIM_FILTERS: Record<string, SQL> = {
  open: eq(heldPayment.claimStatus, "filed"),
  answered: eq(heldPayment.claimStatus, "answered"),
  ruled: and(eq(heldPayment.claimStatus, "ended"), eq(heldPayment.outcome, "Ruled"))!,
  defaulted: and(eq(heldPayment.claimStatus, "ended"), inArray(heldPayment.outcome, ["Unanswered", "Silent"]))!,
  active: or(eq(heldPayment.claimStatus, "filed"), eq(heldPayment.claimStatus, "answered"))!,
  ended: eq(heldPayment.claimStatus, "ended"),
};

export async function arbitratorDisputes(c: HonoContext) {
  const q = query(c, ["status", "limit"]);
  const who = address("address", c.req.param("address")!);
  const limit = integer("limit", q.limit, 100, 1, 500);
  if (q.status !== undefined && !(q.status in DISPUTE_FILTERS)) {
    throw bad(`"status" must be one of ${Object.keys(DISPUTE_FILTERS).join(", ")}, not "${q.status}".`);
  }
  const [found] = await db.select().from(arbitrator).where(eq(arbitrator.address, who)).limit(1);
  if (!found) throw notFound(`No arbitrator ${who} has published terms.`);
  const filters: SQL[] = [eq(dispute.arbitrator, who)];
  if (q.status !== undefined) filters.push(DISPUTE_FILTERS[q.status]!);
  const claimFilters: SQL[] = [eq(heldPayment.arbitrator, who), ne(heldPayment.claimStatus, "none")];
  if (q.status !== undefined) claimFilters.push(CLAIM_FILTERS[q.status]!);
  const [terms, rows, claimRows] = await Promise.all([
    db.select().from(termsVersion).where(eq(termsVersion.arbitrator, who)).orderBy(asc(termsVersion.version)),
    db
      .select({ dispute, title: job.title, category: job.category, jobStatus: job.status, termsId: job.termsId })
      .from(dispute)
      // Every dispute's job is indexed (DisputeOpened reads it), so its title, category and status are there.
      .innerJoin(job, eq(job.id, dispute.jobId))
      .where(and(...filters))
      .orderBy(desc(dispute.openedAt), desc(dispute.jobId))
      .limit(limit),
    db
      .select({ claim: heldPayment, title: job.title, category: job.category, jobStatus: job.status, termsId: job.termsId })
      .from(heldPayment)
      .innerJoin(job, eq(job.id, heldPayment.jobId))
      .where(and(...claimFilters))
      .orderBy(desc(heldPayment.claimedAt), desc(heldPayment.jobId), desc(heldPayment.payment))
      .limit(limit),
  ]);
  const claimJobs = [...new Set(claimRows.map((r) => r.claim.jobId))];
  const claimPieces = claimJobs.length
    ? await db
        .select()
        .from(claimEvidence)
        .where(inArray(claimEvidence.jobId, claimJobs))
        .orderBy(asc(claimEvidence.blockNumber), asc(claimEvidence.logIndex))
    : [];
  const ids = rows.map((r) => r.dispute.jobId);
  const pieces = ids.length
    ? await db.select().from(evidence).where(inArray(evidence.jobId, ids)).orderBy(asc(evidence.blockNumber), asc(evidence.logIndex))
    : [];
  return {
    arbitrator: { ...found, terms },
    disputes: rows.map((r) => ({
      ...r.dispute,
      job: { title: r.title, category: r.category, status: r.jobStatus, termsId: r.termsId },
      evidence: pieces.filter((p) => p.jobId === r.dispute.jobId && p.milestone === r.dispute.milestone),
    })),
    // Warranty claims on the jobs it arbitrates, newest first: `needsRuling` when answered (its ruling is due before
    // `ruleBy`, the claim's `claimDeadline`).
    claims: claimRows.map((r) => ({
      ...r.claim,
      needsRuling: r.claim.claimStatus === "answered",
      job: { title: r.title, category: r.category, status: r.jobStatus, termsId: r.termsId },
      evidence: claimPieces.filter((p) => p.jobId === r.claim.jobId && p.payment === r.claim.payment),
    })),
  };
}

export default new Hono()
  .get("/api/arbitrators", route(arbitratorList))
  .get("/api/arbitrators/:address/disputes", route(arbitratorDisputes));
