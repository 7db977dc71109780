// Money the escrow holds for the agent: bonds of bids that lost, and credits (payments are pushed; a credit exists
// only when a push failed).
import { type Address, formatUnits } from "viem";
import { type AgentContext, actionsOn, relayable, send, update } from "./context.ts";

/** Takes back a bond the escrow still holds for a job the agent did not win; the deadline checks retry it. */
export async function reclaim(ctx: AgentContext, jobId: bigint): Promise<void> {
  if (!ctx.state.jobs[String(jobId)]?.bondOut) return;
  // Refused by the state machine once no bond of the agent's is left (none was asked, or it came back).
  const reclaiming = (await actionsOn(ctx, jobId)).of("reclaimBond");
  if (!reclaiming.allowed || (await send(ctx, "reclaiming the bond", jobId, relayable(ctx, () => ctx.market.reclaimBond({ jobId }), () => ({ kind: "reclaimBond", jobId }))))) update(ctx, jobId, { bondOut: false });
}

/** Withdraws any credit the escrow holds for the agent in a token it has prices for. */
export async function withdrawCredits(ctx: AgentContext): Promise<void> {
  for (const [key, prices] of ctx.o.prices) {
    const token = key as Address;
    const credit = await ctx.market.read.credit({ account: ctx.me, token });
    if (credit > 0n && (await send(ctx, "withdrawing", undefined, relayable(ctx, () => ctx.market.withdraw({ token }), () => ({ kind: "withdraw", token, to: ctx.me }))))) {
      ctx.log(`withdrew ${formatUnits(credit, prices.decimals)} ${prices.symbol} credited by the escrow`, { withdrew: String(credit) });
    }
  }
}
