import * as sdk from "@tender/sdk";
import { CliError, defineCommand, str } from "../../command.ts";
import { connect, send } from "../../context.ts";
import { formatTime, parseDuration } from "../../format.ts";
import { checkAddressArg } from "../../inputs.ts";

export default defineCommand({
  path: ["supplier", "attest"],
  summary: "attestor: vouch for a supplier's metric (benchmark score, latency…) until a time",
  args: "<supplier>",
  options: {
    metric: { type: "string", value: "NAME", description: `the metric, e.g. ${Object.values(sdk.METRICS).join(", ")}`, required: true },
    value: { type: "string", value: "N", description: "the measured value, a whole number", required: true },
    "valid-for": { type: "string", value: "DURATION", description: "how long the attestation stands (default 90d)" },
  },
  examples: ["tender supplier attest 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc --metric benchmark.swe-bench --value 74 --valid-for 90d --account attestor"],
  async run(parsed, globals) {
    const supplier = checkAddressArg("supplier", parsed.positionals[0]!);
    const metric = str(parsed, "metric")!.trim();
    if (!metric) throw new CliError("--metric: must not be empty");
    const raw = str(parsed, "value")!;
    if (!/^[0-9]+$/.test(raw)) throw new CliError(`--value: ${JSON.stringify(raw)} is not a whole number`);
    const validFor = parseDuration("--valid-for", str(parsed, "valid-for") ?? "90d");
    if (validFor === 0) throw new CliError("--valid-for: must be above zero");
    const ctx = await connect(globals);
    const t = await ctx.tender();
    const now = await ctx.now();
    const validUntil = now + validFor;
    const receipt = await send(ctx, "Attesting", () =>
      t.attest({ supplier, metric, value: BigInt(raw), validUntil }),
    );
    return {
      data: { attestor: t.account, supplier, metric, metricId: sdk.metricId(metric), value: raw, validUntil, transactionHash: receipt.transactionHash },
      lines: [`Attested ${metric} = ${raw} for ${supplier}, valid until ${formatTime(validUntil, now)}.`],
    };
  },
});
