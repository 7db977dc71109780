import { readFileSync } from "node:fs";
import * as sdk from "@tender/sdk";
import { encodeDeliverable } from "@tender/sdk/deliverable";
import { CliError, EXIT, defineCommand, str } from "../../command.ts";
import { jobTransaction } from "../../actions.ts";
import { checkCount, checkHash, checkUri, parseRelayers } from "../../inputs.ts";
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
    milestone: { type: "string", value: "N", description: "a job in milestones: the milestone this delivers (1 = the first); must be the one in progress" },
    relay: { type: "string", value: "URLS", description: "sign the delivery and hand it to these relayers (comma-separated; `tender relay`), who pay the gas: you send nothing" },
  },
  examples: ["tender job deliver 12 --file out.txt --account supplier", "tender job deliver 14 --milestone 2 --file part2.txt --account supplier", "tender job deliver 12 --file out.txt --relay http://127.0.0.1:8600,http://127.0.0.1:8601 --account supplier", "tender job deliver 12 --uri ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/out.tar --hash 0x5413b2c1bc5161d6ba5272f8be67758208c6be298769b5829a2449a0f78d914a --account supplier"],
  run: (parsed, globals) => {
    const milestoneText = str(parsed, "milestone");
    const milestone = milestoneText === undefined ? undefined : checkCount("--milestone", milestoneText);
    if (milestone === 0) throw new CliError("--milestone: milestones are counted from 1");
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
    const relays = str(parsed, "relay") === undefined ? undefined : parseRelayers(str(parsed, "relay")!);
    let which = "";
    return jobTransaction(
      parsed,
      globals,
      "Delivering",
      async (ctx, t, job, jobId) => {
        // A job in milestones delivers the milestone in progress; a --milestone that names another sends nothing.
        const plan = job.inMilestones ? await ctx.read.milestones({ jobId }) : undefined;
        if (milestone !== undefined && !plan) throw new CliError(`--milestone: job ${jobId} is not paid in milestones`);
        if (plan && milestone !== undefined && milestone !== plan.current + 1) {
          throw new CliError(
            `--milestone ${milestone}: job ${jobId}'s milestone in progress is ${plan.current + 1} of ${plan.count}${milestone <= plan.current ? ` (milestone ${milestone} has settled)` : ""}; nothing was sent`,
          );
        }
        if (plan) which = `milestone ${plan.current + 1} of ${plan.count} of `;
        if (relays) {
          // Signed here, carried by the relayers (all at once: one may censor); the first to carry it mined it.
          const signed = await sdk.signAction(await ctx.writer(), ctx.reader, {
            escrow: ctx.deployment.escrow,
            action: { kind: "deliver", jobId, milestone: plan?.current ?? 0, deliverableHash: deliverable.hash, uri: deliverable.uri },
          });
          try {
            return (await sdk.sendToRelayers(relays, signed)).carried.hash;
          } catch (error) {
            throw new CliError((error as Error).message, EXIT.refused);
          }
        }
        return t.deliver({ jobId, deliverableHash: deliverable.hash, uri: deliverable.uri });
      },
      async (ctx, jobId, job) => `Delivered ${which}job ${jobId} (hash ${deliverable.hash}); the buyer reviews until ${formatTime(job.deadline, await ctx.now())}, then anyone may finalize.`,
    );
  },
});
