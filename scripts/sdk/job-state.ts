// Reading what the state machine (lifecycle.ts) needs from the chain: the job's state at one block, and the time
// of the next block, which is when a transaction sent now is judged.
import { type Address, zeroAddress, zeroHash } from "viem";
import { getBlock } from "viem/actions";
import { type Reader, withFlags } from "./escrow.ts";
import { tenderEscrowAbi } from "./generated.ts";
import type { JobState } from "./lifecycle.ts";
import { JobStatus } from "./units.ts";

/**
 * The timestamp of the next block: what the contract's `block.timestamp` will be at the earliest for a
 * transaction sent now. Nodes that do not serve the pending block get the latest block's time plus one second.
 */
export async function pendingTime(reader: Reader): Promise<number> {
  try {
    const pending = await getBlock(reader, { blockTag: "pending" });
    if (pending?.timestamp !== undefined) return Number(pending.timestamp);
  } catch {
    // the node has no pending block: fall through
  }
  return Number((await getBlock(reader, { blockTag: "latest" })).timestamp) + 1;
}

/** The payment whose warranty a job in milestones shows by default: the milestone settled last (the job's last
 * once it settled; before that the one before the milestone in progress; 0 while none has settled). */
function latestPayment(status: number, plan: { count: number; current: number }): number {
  if (status === JobStatus.Settled) return plan.current;
  return Math.max(plan.current - 1, 0);
}

/**
 * Gathers {JobState} from the escrow for `account` (or for no one). All reads are made at one block, so the
 * answer never mixes two states of the job. A dispute needs no separate read: the job carries `answered` and the
 * running deadline (respond-by, then rule-by). A job posted with a holdback also has its warranty read (terms, what
 * is held of its payment, the claim); a job in milestones its schedule and the milestone in progress (and its
 * warranty is that of `payment`, by default the milestone settled last); any other job reads nothing more.
 */
export async function readJobState(
  reader: Reader,
  p: { escrow: Address; jobId: bigint; account?: Address; blockNumber?: bigint; payment?: number },
): Promise<JobState> {
  const blockNumber = p.blockNumber ?? (await reader.getBlockNumber());
  const at = { address: p.escrow, abi: tenderEscrowAbi, blockNumber } as const;
  const job = withFlags(await reader.readContract({ ...at, functionName: "job", args: [p.jobId] }));
  const isRFQ = job.status !== JobStatus.None && !job.direct;
  // Only a job in milestones has a schedule to read, and only a holdback job a warranty.
  const plan = job.status !== JobStatus.None && job.inMilestones ? await reader.readContract({ ...at, functionName: "milestonesOf", args: [p.jobId] }) : undefined;
  const holdback = job.status !== JobStatus.None && job.holdback;
  const payment = p.payment ?? (plan ? latestPayment(job.status, plan) : 0);
  const [terms, cancelGracePeriod, rfq, best, own, warranty, held, claim, commits] = await Promise.all([
    reader.readContract({ ...at, functionName: "arbitratorTerms", args: [job.termsId] }),
    reader.readContract({ ...at, functionName: "cancelGracePeriod" }),
    isRFQ ? reader.readContract({ ...at, functionName: "rfqOf", args: [p.jobId] }) : undefined,
    isRFQ ? reader.readContract({ ...at, functionName: "bestBid", args: [p.jobId] }) : undefined,
    isRFQ && p.account ? reader.readContract({ ...at, functionName: "bidOf", args: [p.jobId, p.account] }) : undefined,
    holdback ? reader.readContract({ ...at, functionName: "warrantyOf", args: [p.jobId] }) : undefined,
    holdback ? reader.readContract({ ...at, functionName: "heldOf", args: [p.jobId, BigInt(payment)] }) : undefined,
    holdback ? reader.readContract({ ...at, functionName: "claimOf", args: [p.jobId, BigInt(payment)] }) : undefined,
    isRFQ && job.sealed ? reader.readContract({ ...at, functionName: "commitCount", args: [p.jobId] }) : undefined,
  ]);
  const state: JobState = { job, arbitrator: terms.arbitrator, cancelGracePeriod };
  if (plan) {
    state.milestones = {
      count: plan.count,
      current: plan.current,
      settledBps: plan.settledBps,
      settled: plan.settled,
      milestones: Array.from({ length: plan.count }, (_, i) => ({ shareBps: plan.shareBps[i]!, deliveryWindow: plan.deliveryWindows[i]! })),
    };
  }
  if (rfq && best) {
    const [supplier, price] = best;
    state.rfq = {
      mode: rfq.mode,
      awardDeadline: rfq.awardDeadline,
      ...(supplier !== zeroAddress ? { bestBid: { supplier, price } } : {}),
      ...(commits !== undefined ? { commits: Number(commits) } : {}),
    };
  }
  if (warranty && held && claim) {
    state.warranty = {
      ...(plan ? { payment } : {}),
      holdbackBps: warranty.holdbackBps,
      warrantyWindow: warranty.warrantyWindow,
      holdBond: warranty.holdBond,
      held: { amount: held.amount, bond: held.bond, warrantyEndsAt: held.warrantyEndsAt, claim: held.claim },
      ...(held.claim !== 0 ? { claim: { asked: claim.asked, deadline: claim.deadline, fee: claim.fee } } : {}),
    };
  }
  // A bid has a price, or (a sealed one) a commit number; a sealed one not revealed at a valid price may have spent
  // its commitment (revealed at a price that cannot win).
  if (own && (own.price > 0n || own.placedAt > 0)) {
    const opened = own.unrevealed && p.account ? (await reader.readContract({ ...at, functionName: "commitmentOf", args: [p.jobId, p.account] })) === zeroHash : false;
    state.ownBid = { price: own.price, bond: own.bond, placedAt: own.placedAt, ...(own.unrevealed ? { unrevealed: true } : {}), ...(opened ? { opened: true } : {}) };
  }
  return state;
}
