import { CliError, EXIT, defineCommand, str } from "../command.ts";
import { connect, send } from "../context.ts";
import { formatAmount } from "../format.ts";
import { checkAddressArg } from "../inputs.ts";

export default defineCommand({
  path: ["withdraw"],
  summary: "anyone: withdraw what the escrow credited you (payments it could not push to you)",
  options: {
    token: { type: "string", value: "TOKEN", description: "ETH (default), the demo stablecoin's symbol, or an ERC-20 address" },
    to: { type: "string", value: "ADDRESS", description: "where to send it (default: your address)" },
  },
  examples: ["tender withdraw --token mUSD --account supplier", "tender withdraw --to 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc --account supplier"],
  async run(parsed, globals) {
    const to = str(parsed, "to") === undefined ? undefined : checkAddressArg("--to", str(parsed, "to")!);
    const ctx = await connect(globals);
    const token = await ctx.token(str(parsed, "token") ?? "ETH");
    ctx.amountFormat = token;
    const t = await ctx.tender();
    const amount = await ctx.read.credit({ account: t.account, token: token.address });
    if (amount === 0n) throw new CliError(`nothing to withdraw: ${t.account} has no ${token.symbol} credited`, EXIT.refused);
    const receipt = await send(ctx, `Withdrawing ${formatAmount(amount, token)}`, () => t.withdraw({ token: token.address, to }));
    return {
      data: { account: t.account, token: token.address, amount, to: to ?? t.account, transactionHash: receipt.transactionHash },
      lines: [`Withdrew ${formatAmount(amount, token)} to ${to ?? t.account}.`],
    };
  },
});
