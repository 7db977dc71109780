import { readFileSync } from "node:fs";
import { encodeDeliverable } from "@tender/sdk/deliverable";
import { CliError, EXIT, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkHash, checkUri } from "../../inputs.ts";
import { formatTime } from "../../format.ts";

export default defineCommand({
  path: ["job", "deliver"],
  summary: "supplier: deliver the work (a file, or a hash and a URI where it is)",
  args: "<jobId>",
  options: {
    file: { type: "string", value: "PATH", description: "the deliverable; sent inline as a data: URI, its keccak256 as the hash" },
    "media-type": { type: "string", value: "TYPE", description: "the file's media type (default text/plain)" },
    uri: { type: "string", value: "URI", description: "where the deliverable is (instead of --file)" },
    hash: { type: "string", value: "HASH", description: "keccak256 of the deliverable's bytes (with --uri)" },
  },
  examples: ["tender job deliver 12 --file out.txt --account supplier", "tender job deliver 12 --uri ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/out.tar --hash 0x5413b2c1bc5161d6ba5272f8be67758208c6be298769b5829a2449a0f78d914a --account supplier"],
  run: (parsed, globals) => {
    const file = str(parsed, "file");
    let deliverable: { hash: `0x${string}`; uri: string };
    if (file !== undefined) {
      if (str(parsed, "uri") || str(parsed, "hash")) throw new CliError("give either --file, or --uri with --hash");
      let content: Buffer;
      try {
        content = readFileSync(file);
      } catch {
        throw new CliError(`--file: cannot read ${file}`, EXIT.notFound);
      }
      try {
        deliverable = encodeDeliverable(new Uint8Array(content), str(parsed, "media-type") ?? "text/plain");
      } catch (error) {
        throw new CliError(`--file: ${(error as Error).message}`);
      }
    } else {
      const uri = str(parsed, "uri");
      const hash = str(parsed, "hash");
      if (!uri || !hash) throw new CliError("give --file, or --uri with --hash");
      if (str(parsed, "media-type")) throw new CliError("--media-type goes with --file (a --uri names its own content)");
      deliverable = { uri: checkUri("--uri", uri), hash: checkHash("--hash", hash) };
    }
    return jobTransaction(parsed, globals, "Delivering", (ctx, t, _job, jobId) =>
      t.deliver({ jobId, deliverableHash: deliverable.hash, uri: deliverable.uri }),
      async (ctx, jobId, job) => `Delivered job ${jobId} (hash ${deliverable.hash}); the buyer reviews until ${formatTime(job.deadline, await ctx.now())}, then anyone may finalize.`,
    );
  },
});
