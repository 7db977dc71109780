import * as sdk from "@tender/sdk";
import { defineCommand, str } from "../command.ts";
import { connect } from "../context.ts";
import { formatAmount, table } from "../format.ts";
import { checkAddressArg } from "../inputs.ts";

export default defineCommand({
  path: ["balance"],
  summary: "anyone: an address's wallet balances and what the escrow holds as credit for it",
  args: "[address]",
  options: { token: { type: "string", value: "TOKEN", description: "also this ERC-20 (ETH and the demo stablecoin are always shown)" } },
  examples: ["tender balance 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "tender balance --account supplier --json"],
  async run(parsed, globals) {
    const ctx = await connect(globals);
    const account = parsed.positionals[0] ? checkAddressArg("address", parsed.positionals[0]) : await ctx.me();
    const tokens = [await ctx.token("ETH")];
    if (ctx.deployment.stablecoin) tokens.push(await ctx.tokenAt(ctx.deployment.stablecoin));
    const extra = str(parsed, "token");
    if (extra) tokens.push(await ctx.token(extra));
    const rows = [];
    for (const token of tokens) {
      const wallet = token.address === sdk.ETH ? await ctx.reader.getBalance({ address: account }) : await sdk.balanceOf(ctx.reader, { token: token.address, account });
      const credit = await ctx.read.credit({ account, token: token.address });
      rows.push({ token: token.address, symbol: token.symbol, decimals: token.decimals, wallet, credit });
    }
    return {
      data: { account, balances: rows },
      lines: [`Balances of ${account}`, ...table(["token", "wallet", "credit in escrow"], rows.map((r) => [r.symbol, formatAmount(r.wallet, r), formatAmount(r.credit, r)]))],
    };
  },
});
