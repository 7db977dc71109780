import { readFileSync } from "node:fs";
import * as sdk from "../../../sdk/index.ts";
import { encodeDeliverable } from "../../../sdk/deliverable.ts";
import { CliError, EXIT, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkHash, checkUri } from "../../inputs.ts";

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
  examples: ["tender job deliver 12 --file out.txt --account supplier", "tender job deliver 12 --uri ipfs://bafy…/out.tar --hash 0x5f… --account supplier"],
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
      deliverable = encodeDeliverable(new Uint8Array(content), str(parsed, "media-type") ?? "text/plain");
    } else {
      const uri = str(parsed, "uri");
      const hash = str(parsed, "hash");
      if (!uri || !hash) throw new CliError("give --file, or --uri with --hash");
      deliverable = { uri: checkUri("--uri", uri), hash: checkHash("--hash", hash) };
    }
    return jobTransaction(parsed, globals, "Delivering", (ctx, writer, _job, jobId) =>
      sdk.deliver(writer, { escrow: ctx.deployment.escrow, jobId, deliverableHash: deliverable.hash, uri: deliverable.uri }),
    );
  },
});
