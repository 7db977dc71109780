import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { MILESTONE_OPTION, paymentArg } from "../../warranty.ts";
import { checkUri } from "../../inputs.ts";

export default defineCommand({
  path: ["job", "claim-evidence"],
  summary: "buyer or supplier: add evidence to an open warranty claim",
  args: "<jobId>",
  options: { uri: { type: "string", value: "URI", description: "where the evidence is (ipfs://, https://, data:)", required: true }, ...MILESTONE_OPTION },
  examples: ["tender job claim-evidence 12 --uri ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/logs.json --account buyer"],
  run: (parsed, globals) => {
    const evidenceURI = checkUri("--uri", str(parsed, "uri")!);
    return jobTransaction(parsed, globals, "Submitting claim evidence", async (ctx, t, job, jobId) => t.submitClaimEvidence({ jobId, evidenceURI, payment: await paymentArg(ctx, parsed, jobId, job) }));
  },
});
