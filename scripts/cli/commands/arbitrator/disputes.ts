import * as sdk from "@tender/sdk";
import { defineCommand, str } from "../../command.ts";
import { STATUS_NAMES } from "../../actions.ts";
import { connect } from "../../context.ts";
import { formatAmount, formatTime } from "../../format.ts";
import { checkAddressArg } from "../../inputs.ts";

export default defineCommand({
  path: ["arbitrator", "disputes"],
  summary: "arbitrator: the disputes and warranty claims you were named in, with statements, answers, evidence and deadlines",
  options: {
    arbitrator: { type: "string", value: "ADDRESS", description: "whose disputes (default: the signing account)" },
    all: { type: "boolean", description: "include settled disputes and ended claims" },
  },
  examples: ["tender arbitrator disputes --account arbitrator", "tender arbitrator disputes --arbitrator 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --all --json"],
  async run(parsed, globals) {
    const ctx = await connect(globals);
    const given = str(parsed, "arbitrator");
    const arbitrator = given ? checkAddressArg("--arbitrator", given) : await ctx.me();
    const [opened, record, now] = await Promise.all([
      ctx.read.disputesOf({ arbitrator }),
      ctx.read.arbitrator({ arbitrator }),
      ctx.now(),
    ]);
    const disputes = [];
    const lines = [
      `Arbitrator ${arbitrator}: ${record.active ? "active" : "not active"}, rulings for buyer ${record.rulingsForBuyer}, for supplier ${record.rulingsForSupplier}, even ${record.rulingsEven}, timed out ${record.timedOut}`,
    ];
    for (const d of opened) {
      const job = await ctx.read.job({ jobId: d.jobId });
      if (job.status !== sdk.JobStatus.Disputed && parsed.values.all !== true) continue;
      const token = await ctx.tokenAt(job.token);
      const file = await ctx.read.disputeRecord({ jobId: d.jobId });
      const status = STATUS_NAMES[job.status]!;
      const awaiting = job.status !== sdk.JobStatus.Disputed ? "closed" : job.answered ? "your ruling" : "the supplier's answer";
      disputes.push({ jobId: d.jobId, status, answered: job.answered, awaiting, deadline: job.deadline, price: job.price, token: job.token, buyer: job.buyer, supplier: job.supplier, record: file });
      lines.push(
        "",
        `Job ${d.jobId} — ${status}, awaiting ${awaiting}${job.status === sdk.JobStatus.Disputed ? `, deadline ${formatTime(job.deadline, now)}` : ""}`,
        `  price ${formatAmount(job.price, token)}, buyer ${job.buyer}, supplier ${job.supplier}`,
        ...file.map((e) => {
          const a = e.args;
          const detail =
            e.eventName === "DisputeOpened" ? `statement ${a.statementURI}` :
            e.eventName === "DisputeAnswered" ? `answer ${a.responseURI}` :
            e.eventName === "Evidence" ? `evidence from ${a.party}: ${a.evidenceURI}` :
            e.eventName === "Ruling" ? `ruled ${Number(a.buyerShareBps) / 100}% to the buyer` :
            e.eventName === "DisputeSettled" ? "settled" : `settled by default (${a.unanswered ? "unanswered" : "no ruling in time"})`;
          return `  block ${e.blockNumber}  ${detail}`;
        }),
      );
    }
    if (disputes.length === 0) lines.push("", parsed.values.all === true ? "No disputes named this arbitrator." : "No open disputes (use --all for settled ones).");

    // Warranty claims on its jobs: answered ones wait for its ruling (tender arbitrator rule-claim).
    const claims = [];
    for (const c of await ctx.read.claimsOf({ arbitrator })) {
      const [held, claim, job] = await Promise.all([
        ctx.read.held({ jobId: c.jobId, payment: c.payment }),
        ctx.read.claim({ jobId: c.jobId, payment: c.payment }),
        ctx.read.job({ jobId: c.jobId }),
      ]);
      const open = held.claim === sdk.ClaimStatus.Filed || held.claim === sdk.ClaimStatus.Answered;
      if (!open && parsed.values.all !== true) continue;
      const token = await ctx.tokenAt(job.token);
      const state = sdk.CLAIM_STATUS_NAMES[held.claim]!;
      const awaiting = !open ? "closed" : held.claim === sdk.ClaimStatus.Answered ? "your ruling" : "the supplier's answer";
      claims.push({ jobId: c.jobId, payment: c.payment, state, awaiting, deadline: claim.deadline, asked: c.asked, fee: c.fee, held: held.amount, statementURI: c.statementURI, buyer: job.buyer, supplier: job.supplier });
      lines.push(
        "",
        `Warranty claim on job ${c.jobId}${c.payment === 0n ? "" : ` (payment ${c.payment})`} — ${state}, awaiting ${awaiting}${open ? `, deadline ${formatTime(claim.deadline, now)}` : ""}`,
        `  asked ${formatAmount(c.asked, token)} of the held share (fee ${formatAmount(c.fee, token)} each side), buyer ${job.buyer}, supplier ${job.supplier}`,
        `  statement ${c.statementURI}`,
      );
    }
    if (claims.length === 0) lines.push("", parsed.values.all === true ? "No warranty claims on this arbitrator's jobs." : "No open warranty claims.");
    return { data: { arbitrator, record, disputes, claims }, lines };
  },
});
