// Jobs paid in milestones: posting one (a direct hire or an RFQ with a schedule), reading its schedule and the
// milestone in progress, and what each milestone pays. The escrow's usual actions (deliver, confirm, finalize,
// dispute, respond, rule, settleDispute, refund, decline) act on the milestone in progress.
import type { Address, Hash } from "viem";
import { tenderEscrowAbi } from "./generated.ts";
import { BPS } from "./units.ts";
import {
  type Problem,
  DEFAULT_WINDOW_BOUNDS,
  directHireProblems,
  rfqProblems,
  throwProblems,
  windowProblems,
} from "./validate.ts";
import { getBlock } from "viem/actions";
import { type DirectHireParams, type Reader, type Writer, ETH, currentTermsId, encodeDirectHire } from "./escrow.ts";
import { type RFQParams, encodeRFQ } from "./market.ts";

/** Most milestones a job may have (the escrow's `_MAX_MILESTONES`); a schedule has at least two. */
export const MAX_MILESTONES = 8;

/** One milestone as the buyer states it: its share of the price in bps and its delivery window in seconds, counted
 * from the previous milestone's settlement (the first: from the award or a direct hire's posting). */
export interface Milestone {
  shareBps: number;
  deliveryWindow: number;
}

/** A job's milestones as the escrow keeps them. */
export interface MilestonePlan {
  /** How many milestones (2 to 8). */
  count: number;
  /** The milestone in progress (its index); the job's status and deadline are its. */
  current: number;
  /** The shares of the milestones settled so far, in bps. */
  settledBps: number;
  /** The gross price of the milestones settled so far (held shares included). */
  settled: bigint;
  milestones: Milestone[];
}

/** What is wrong with a schedule, as the escrow would refuse it (InvalidMilestoneCount, ZeroMilestoneShare,
 * MilestoneSharesMismatch, MilestoneWindowMismatch, WindowOutOfRange). */
export function milestoneProblems(
  milestones: readonly Milestone[],
  deliveryWindow: number,
  bounds = DEFAULT_WINDOW_BOUNDS,
): Problem[] {
  const problems: Problem[] = [];
  if (milestones.length < 2 || milestones.length > MAX_MILESTONES) {
    problems.push({ path: "milestones", message: `a job is paid in 2 to ${MAX_MILESTONES} milestones, not ${milestones.length}` });
    return problems;
  }
  let total = 0;
  milestones.forEach((m, i) => {
    if (!Number.isInteger(m.shareBps) || m.shareBps <= 0 || m.shareBps > 10_000) {
      problems.push({ path: `milestones[${i}].shareBps`, message: "each milestone needs a share of the price (1 to 10,000 bps)" });
    }
    total += m.shareBps;
    problems.push(...windowProblems(`milestones[${i}].deliveryWindow`, m.deliveryWindow, bounds));
  });
  if (problems.length === 0 && total !== 10_000) {
    problems.push({ path: "milestones", message: `the shares must sum to 100% (10,000 bps), not ${total / 100}%` });
  }
  if (milestones[0]!.deliveryWindow !== deliveryWindow) {
    problems.push({ path: "deliveryWindow", message: "the job's delivery window must be its first milestone's" });
  }
  return problems;
}

export const checkMilestones = (milestones: readonly Milestone[], deliveryWindow: number, bounds = DEFAULT_WINDOW_BOUNDS): void =>
  throwProblems(milestoneProblems(milestones, deliveryWindow, bounds));

/** What milestone `index` pays of `price` (for an RFQ, the winning price): ⌊price × share / 10,000⌋, the last the
 * rest of the price. */
export function milestoneGross(price: bigint, milestones: readonly Pick<Milestone, "shareBps">[], index: number): bigint {
  if (index < 0 || index >= milestones.length) throw new RangeError(`no milestone ${index}`);
  if (index < milestones.length - 1) return (price * BigInt(milestones[index]!.shareBps)) / BPS;
  let before = 0n;
  for (let i = 0; i < milestones.length - 1; i++) before += (price * BigInt(milestones[i]!.shareBps)) / BPS;
  return price - before;
}

/** The schedule as the contract takes it. */
const encodeMilestones = (milestones: readonly Milestone[]) =>
  milestones.map((m) => ({ shareBps: m.shareBps, deliveryWindow: m.deliveryWindow }));

/** Hires a supplier at a fixed price paid in milestones (ERC-20: approve the price first); `deliveryWindow` must be
 * the first milestone's. A bad input throws a TenderInputError and sends nothing. */
export async function postDirectHireInMilestones(
  writer: Writer,
  p: DirectHireParams & { milestones: readonly Milestone[] },
): Promise<Hash> {
  throwProblems([...directHireProblems(p, writer.account.address), ...milestoneProblems(p.milestones, p.deliveryWindow)]);
  const arbitratorTermsId = p.arbitratorTermsId ?? (await currentTermsId(writer, p));
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "postDirectHireInMilestones",
    args: [encodeDirectHire(p, arbitratorTermsId), encodeMilestones(p.milestones)],
    value: p.token === ETH ? p.price : 0n,
  });
}

/** Posts an RFQ whose winning price is paid in milestones (ERC-20: approve the maximum price first);
 * `deliveryWindow` must be the first milestone's. Checked against the chain's time first. */
export async function postRFQInMilestones(writer: Writer, p: RFQParams & { milestones: readonly Milestone[] }): Promise<Hash> {
  const now = Number((await getBlock(writer)).timestamp);
  throwProblems([...rfqProblems(p, now), ...milestoneProblems(p.milestones, p.deliveryWindow)]);
  const arbitratorTermsId = p.arbitratorTermsId ?? (await currentTermsId(writer, p));
  return writer.writeContract({
    address: p.escrow,
    abi: tenderEscrowAbi,
    functionName: "postRFQInMilestones",
    args: [encodeRFQ(p, arbitratorTermsId), encodeMilestones(p.milestones)],
    value: p.token === ETH ? p.maxPrice : 0n,
  });
}

/** A job's milestones, or undefined for a job not in milestones. */
export async function readMilestones(reader: Reader, p: { escrow: Address; jobId: bigint }): Promise<MilestonePlan | undefined> {
  const plan = await reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "milestonesOf", args: [p.jobId] });
  if (plan.count === 0) return undefined;
  return {
    count: plan.count,
    current: plan.current,
    settledBps: plan.settledBps,
    settled: plan.settled,
    milestones: Array.from({ length: plan.count }, (_, i) => ({
      shareBps: plan.shareBps[i]!,
      deliveryWindow: plan.deliveryWindows[i]!,
    })),
  };
}

/** Whether the milestone in progress is the job's last (the one a confirm rates and that settles the job). */
export const isLastMilestone = (plan: Pick<MilestonePlan, "count" | "current">): boolean => plan.current + 1 === plan.count;
