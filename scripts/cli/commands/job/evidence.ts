import { defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkUri } from "../../inputs.ts";

export default defineCommand({
  path: ["job", "evidence"],
  summary: "buyer or supplier: add evidence to a disputed job",
  args: "<jobId>",
  options: { uri: { type: "string", value: "URI", description: "where the evidence is (ipfs://, https://, data:)", required: true } },
  examples: ["tender job evidence 12 --uri ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/logs.json --account supplier"],
  run: (parsed, globals) => {
    const uri = checkUri("--uri", str(parsed, "uri")!);
    return jobTransaction(parsed, globals, "Submitting evidence", (ctx, t, _job, jobId) =>
      t.submitEvidence({ jobId, evidenceURI: uri }),
    );
  },
});
