import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkUri } from "../../inputs.ts";
import { MILESTONE_OPTION, paymentArg, warrantyReport } from "../../warranty.ts";

export default defineCommand({
  path: ["job", "answer-claim"],
  summary: "supplier: answer a warranty claim, paying the same claim fee (unanswered, the buyer gets what it asked)",
  args: "<jobId>",
  options: { response: { type: "string", value: "URI", description: "your answer to the buyer's claim", required: true }, ...MILESTONE_OPTION },
  examples: ["tender job answer-claim 12 --response ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/answer.json --account supplier"],
  run: (parsed, globals) => {
    const responseURI = checkUri("--response", str(parsed, "response")!);
    return jobTransaction(parsed, globals, "Answering the claim", async (ctx, t, job, jobId) => t.answerClaim({ jobId, responseURI, payment: await paymentArg(ctx, parsed, jobId, job) }), (ctx, jobId, after, _t, receipt) =>
      warrantyReport(ctx, jobId, after, receipt),
    );
  },
});
