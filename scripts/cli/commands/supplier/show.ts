import { defineCommand } from "../../command.ts";
import { connect } from "../../context.ts";
import { formatTime, pairs } from "../../format.ts";
import { checkAddressArg } from "../../inputs.ts";

export default defineCommand({
  path: ["supplier", "show"],
  summary: "anyone: a supplier's profile, attestations and on-chain record (yours when no address is given)",
  args: "[address]",
  options: {},
  examples: ["tender supplier show 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "tender supplier show --account supplier --json"],
  async run(parsed, globals) {
    const ctx = await connect(globals);
    const supplier = parsed.positionals[0] ? checkAddressArg("address", parsed.positionals[0]) : await ctx.me();
    const fromBlock = BigInt(ctx.deployment.startBlock);
    const [profile, record, now] = await Promise.all([
      ctx.read.profile({ supplier, fromBlock }),
      ctx.read.supplierRecord({ supplier }),
      ctx.now(),
    ]);
    const average = record.ratingCount ? (record.ratingSum / record.ratingCount).toFixed(2) : "—";
    return {
      data: { supplier, ...profile, record, averageRating: record.ratingCount ? record.ratingSum / record.ratingCount : null },
      lines: [
        `Supplier ${supplier}`,
        ...pairs([
          ["profile", profile.profileURI ?? "— (not registered)"],
          ["won / completed", `${record.won} / ${record.completed}`],
          ["declined / refunded", `${record.declined} / ${record.refunded}`],
          ["disputes faced / lost", `${record.disputesFaced} / ${record.disputesLost}`],
          ["rating", `${average} from ${record.ratingCount} rating${record.ratingCount === 1 ? "" : "s"}`],
        ]),
        "",
        "Attestations:",
        ...(profile.attestations.length
          ? pairs(profile.attestations.map((a) => [a.name, `${a.value} by ${a.attestor}, ${a.validUntil > now ? "valid until" : "expired"} ${formatTime(a.validUntil, now)}`]))
          : ["  none"]),
      ],
    };
  },
});
