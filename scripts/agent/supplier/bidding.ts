// Bidding: prices an RFQ through the strategy and bids (posting the bond), improves the bid when outbid, adopts a
// bid the chain has and the state file lost, and records the outcome: won (the work starts) or lost (the bond is
// taken back).
import { type Address, isAddressEqual, zeroAddress } from "viem";
import * as sdk from "@tender/sdk";
import { type AgentContext, type TokenPrices, actionsOn, amount, relayable, revealing, send, update } from "./context.ts";
import type { AgentJob } from "./state.ts";
import { reclaim } from "./money.ts";
import { work } from "./work.ts";
import { warrantyOf } from "./warranty.ts";

type Base = Omit<AgentJob, "phase">;

/** Bids on a qualified RFQ at the strategy's price; a reply lost while the bid was mined is settled by the chain. */
export async function bidOn(ctx: AgentContext, p: { jobId: bigint; rfq: { token: Address; maxPrice: bigint; floors: sdk.Floors }; base: Base; prices: TokenPrices; skip: (reason: string) => void }): Promise<void> {
  const { jobId, rfq, base, prices } = p;
  const sealed = base.mode === sdk.AwardMode.SealedLowestPrice;
  // Sealed bids hide every price: the strategy prices against the maximum alone.
  const [leader, leading] = sealed ? [zeroAddress, 0n] : await ctx.market.read.bestBid({ jobId });
  const best = leader !== zeroAddress && !isAddressEqual(leader, ctx.me) ? leading : undefined;
  const price = ctx.o.strategy.price({ maxPrice: rfq.maxPrice, best, cost: prices.cost, floor: prices.floor, warranty: base.warranty });
  if (price === undefined) return p.skip(`${ctx.o.strategy.name} finds no price to offer (maximum ${amount(ctx, rfq.maxPrice, rfq.token)}${best ? `, best bid ${amount(ctx, best, rfq.token)}` : ""})`);
  const bond = sdk.bondFor(rfq.maxPrice, rfq.floors);
  const bidding = relayable(ctx, () => ctx.market.bid({ jobId, price, floors: rfq.floors, token: rfq.token, bond }), () => ({ kind: "bid", jobId, price, floors: rfq.floors }), { token: rfq.token, amount: bond });
  const sent = await send(ctx, sealed ? "committing a sealed bid" : "bidding", jobId, sealed ? commitSealed(ctx, jobId, price, rfq, bond) : bidding);
  if (sent || (await adopt(ctx, jobId, base))) {
    if (!ctx.state.jobs[String(jobId)]) ctx.state.jobs[String(jobId)] = { ...base, phase: "bidding", price: String(price), bond: String(bond) };
    ctx.save();
    ctx.log(`${sealed ? "committed a sealed bid of" : "bid"} ${amount(ctx, price, rfq.token)} on job ${jobId} (${base.category}, maximum ${amount(ctx, rfq.maxPrice, rfq.token)}${bond ? `, bond ${amount(ctx, bond, rfq.token)}` : ""}${base.warranty ? `, ${sdk.formatBps(base.warranty.holdbackBps)} held for ${sdk.formatDuration(base.warranty.warrantyWindow)}` : ""})`, { jobId: String(jobId), [sealed ? "committed" : "bid"]: String(price) });
  } else if (sealed) {
    // Nothing was committed: the opening saved for it opens nothing.
    ctx.openings.remove({ chainId: ctx.o.reader.chain.id, escrow: ctx.o.deployment.escrow, jobId, supplier: ctx.me });
  }
}

/** A sealed bid at `price`: its opening saved (flushed to disk) before the commit goes out, so a crash at any moment
 * leaves no commit or a commit the agent can reveal; then committed by its own transaction or signed for relayers. */
function commitSealed(ctx: AgentContext, jobId: bigint, price: bigint, rfq: { token: Address; floors: sdk.Floors }, bond: bigint) {
  const { opening, commitment } = sdk.sealBid({ chainId: ctx.o.reader.chain.id, escrow: ctx.o.deployment.escrow, jobId, supplier: ctx.me, price });
  const submit = relayable(ctx, () => ctx.market.commit({ jobId, commitment, floors: rfq.floors, token: rfq.token, bond }), () => ({ kind: "commit", jobId, commitment, floors: rfq.floors }), { token: rfq.token, amount: bond });
  return () => {
    ctx.openings.save(opening);
    return submit();
  };
}

/** Reveals its sealed bid once bidding closed (through every relayer when it has them); the deadline checks retry
 * until the reveal window ends. */
export async function revealOwn(ctx: AgentContext, jobId: bigint): Promise<void> {
  const job = ctx.state.jobs[String(jobId)]!;
  const opening = ctx.openings.get({ chainId: ctx.o.reader.chain.id, escrow: ctx.o.deployment.escrow, jobId, supplier: ctx.me });
  if (!opening) {
    ctx.log(`cannot reveal job ${jobId}: its opening is lost (the bond will go to the buyer)`, { jobId: String(jobId), error: "opening lost" });
    update(ctx, jobId, { revealed: true, note: "opening lost" });
    return;
  }
  if (await send(ctx, "revealing", jobId, revealing(ctx, opening))) {
    update(ctx, jobId, { revealed: true, price: String(opening.price) });
    ctx.openings.remove(opening);
    ctx.log(`revealed its sealed bid of ${amount(ctx, opening.price, job.token)} on job ${jobId}`, { jobId: String(jobId), revealed: String(opening.price) });
  }
}

/** Takes over a bid the chain has and the state file does not; true when there was one. */
export async function adopt(ctx: AgentContext, jobId: bigint, base: Base): Promise<boolean> {
  const bid = await ctx.market.read.bid({ jobId, supplier: ctx.me });
  if (bid.placedAt === 0) return false;
  const job = await ctx.market.read.job({ jobId });
  const mineNow = isAddressEqual(job.supplier, ctx.me);
  const phase = job.status === sdk.JobStatus.Open ? "bidding" : mineNow && job.status === sdk.JobStatus.Awarded ? "won" : mineNow && job.status >= sdk.JobStatus.Delivered ? "delivered" : "lost";
  // An unrevealed sealed bid's price is in its opening, not on chain.
  const opening = bid.unrevealed ? ctx.openings.get({ chainId: ctx.o.reader.chain.id, escrow: ctx.o.deployment.escrow, jobId, supplier: ctx.me }) : undefined;
  const price = opening?.price ?? bid.price;
  ctx.state.jobs[String(jobId)] = { ...base, phase, price: String(price), bond: String(bid.bond), bondOut: phase === "lost" && bid.bond > 0n, ...(base.mode === sdk.AwardMode.SealedLowestPrice ? { revealed: !bid.unrevealed } : {}) };
  ctx.save();
  ctx.log(`adopted its bid of ${amount(ctx, bid.price, base.token)} on job ${jobId} (${phase})`, { jobId: String(jobId), adopted: phase });
  if (phase === "won") work(ctx, jobId);
  return true;
}

/** Another supplier's bid leads: improve on it if the strategy finds a lower price and bidding is still open. */
export async function outbid(ctx: AgentContext, jobId: bigint, best: bigint): Promise<void> {
  const job = ctx.state.jobs[String(jobId)]!;
  const prices = ctx.o.prices.get(job.token.toLowerCase());
  if (!prices || !(await actionsOn(ctx, jobId)).of("improveBid").allowed) return;
  const price = ctx.o.strategy.price({ maxPrice: BigInt(job.maxPrice), best, mine: BigInt(job.price!), cost: prices.cost, floor: prices.floor, warranty: job.warranty });
  if (price === undefined || price >= BigInt(job.price!)) return;
  if (await send(ctx, "improving the bid", jobId, relayable(ctx, () => ctx.market.improveBid({ jobId, price }), () => ({ kind: "improveBid", jobId, price })))) {
    update(ctx, jobId, { price: String(price) });
    ctx.log(`improved job ${jobId} to ${amount(ctx, price, job.token)} (best was ${amount(ctx, best, job.token)})`, { jobId: String(jobId), bid: String(price) });
  }
}

/** A JobAwarded: won (the work starts), lost (the bond comes back), or a win the state file never recorded. */
export async function awarded(ctx: AgentContext, jobId: bigint, supplier: Address, price: bigint): Promise<void> {
  const mine = ctx.state.jobs[String(jobId)];
  if (!mine && isAddressEqual(supplier, ctx.me)) {
    // Awarded a bid the state file never recorded (lost in a crash): take it over from the chain.
    const posting = await ctx.market.read.posting({ jobId });
    const category = posting ? ctx.categories.get(posting.categoryId) : undefined;
    if (posting && category) await adopt(ctx, jobId, { token: posting.token, category, maxPrice: String(posting.price), mode: posting.rfq?.mode, spec: posting.spec, warranty: warrantyOf(posting.warranty) });
    return;
  }
  if (!mine || mine.phase !== "bidding") return;
  if (isAddressEqual(supplier, ctx.me)) {
    update(ctx, jobId, { phase: "won", price: String(price) });
    ctx.log(`won job ${jobId} at ${amount(ctx, price, mine.token)}`, { jobId: String(jobId), won: String(price) });
    return work(ctx, jobId);
  }
  return lose(ctx, jobId, {}, [`lost job ${jobId} to ${supplier} at ${amount(ctx, price, mine.token)}`, { jobId: String(jobId), lost: String(price) }]);
}

/** Records a bid's job as lost (or cancelled), logs why, and takes the bond back. */
export async function lose(ctx: AgentContext, jobId: bigint, change: Partial<AgentJob>, line?: Parameters<AgentContext["log"]>): Promise<void> {
  update(ctx, jobId, { phase: "lost", ...change, bondOut: BigInt(ctx.state.jobs[String(jobId)]!.bond ?? 0) > 0n });
  if (line) ctx.log(...line);
  await reclaim(ctx, jobId);
}
