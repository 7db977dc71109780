import * as sdk from "@tender/sdk";
import { CliError, defineCommand, str } from "../../command.ts";
import { STATUS_NAMES, short } from "../../actions.ts";
import { connect } from "../../context.ts";
import { formatAmount, formatTime, table } from "../../format.ts";
import { checkAddressArg, checkCount } from "../../inputs.ts";

export default defineCommand({
  path: ["job", "list"],
  summary: "anyone: jobs, newest first, filtered by status, category or party",
  options: {
    status: { type: "string", value: "STATUS", description: "open, awarded, delivered, disputed, settled, refunded or cancelled" },
    category: { type: "string", value: "NAME", description: "only this category" },
    buyer: { type: "string", value: "ADDRESS", description: "only this buyer's jobs" },
    supplier: { type: "string", value: "ADDRESS", description: "only jobs this supplier was hired for or awarded" },
    limit: { type: "string", value: "N", description: "at most N jobs (default 50)" },
    ids: { type: "boolean", description: "print only the job ids, one a line (for a shell: JOB=$(tender job list … --limit 1 --ids))" },
  },
  details: "Reads the chain's logs from the deployment's start block; the indexer serves the same list at scale.",
  examples: ["tender job list --status open --category text.transform", "tender job list --buyer 0x90F79bf6EB2c4f870365E785982E1f101E93b906 --limit 1 --ids", "tender job list --buyer 0x90F79bf6EB2c4f870365E785982E1f101E93b906 --json"],
  async run(parsed, globals) {
    const statusName = str(parsed, "status");
    const status = statusName === undefined ? undefined : STATUS_NAMES.findIndex((s) => s.toLowerCase() === statusName.toLowerCase());
    if (status === -1 || status === 0) throw new CliError(`--status: ${JSON.stringify(statusName)} is not one of ${STATUS_NAMES.slice(1).join(", ").toLowerCase()}`);
    const buyer = str(parsed, "buyer") === undefined ? undefined : checkAddressArg("--buyer", str(parsed, "buyer")!);
    const supplier = str(parsed, "supplier") === undefined ? undefined : checkAddressArg("--supplier", str(parsed, "supplier")!);
    const limit = checkCount("--limit", str(parsed, "limit") ?? "50");
    const category = str(parsed, "category");

    const ctx = await connect(globals);
    let postings = await ctx.read.postings({ buyer });
    if (category !== undefined) postings = postings.filter((p) => p.categoryId === sdk.categoryId(category));
    if (supplier !== undefined) {
      const mine = new Set(await ctx.read.jobsOfSupplier({ supplier }));
      postings = postings.filter((p) => mine.has(p.jobId));
    }
    const now = await ctx.now();
    const jobs = [];
    for (const posting of postings.reverse()) {
      if (jobs.length >= limit) break;
      const job = await ctx.read.job({ jobId: posting.jobId });
      if (status !== undefined && job.status !== status) continue;
      let title = "";
      let categoryName = posting.categoryId as string;
      try {
        const spec = JSON.parse(posting.spec) as { title?: string; category?: string };
        title = spec.title ?? "";
        if (spec.category && sdk.categoryId(spec.category) === posting.categoryId) categoryName = spec.category;
      } catch {
        // a spec that is not JSON: shown without a title
      }
      jobs.push({ jobId: posting.jobId, status: STATUS_NAMES[job.status]!, kind: posting.kind, category: categoryName, title, token: job.token, price: job.price, buyer: job.buyer, supplier: job.supplier, deadline: job.deadline });
    }
    if (parsed.values.ids === true) return { data: jobs.map((j) => j.jobId), lines: jobs.map((j) => String(j.jobId)) };
    const rows = [];
    for (const j of jobs) {
      rows.push([String(j.jobId), j.status, j.kind === "rfq" ? "RFQ" : "direct", j.category, formatAmount(j.price, await ctx.tokenAt(j.token)), short(j.buyer), formatTime(j.deadline, now).split(" (")[0]!, j.title]);
    }
    return {
      data: jobs,
      lines: jobs.length ? table(["job", "status", "kind", "category", "price", "buyer", "deadline", "title"], rows) : ["No jobs match."],
    };
  },
});
