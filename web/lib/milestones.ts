// A job paid in milestones as the job page shows it: each milestone's share, what it pays, its delivery window, its
// state (settled / in progress: awarded, delivered, disputed / to come, or ended early) and the deadline of the one in
// progress. Read on-chain (the escrow's job and milestonesOf, lib/server.ts jobMilestones): the job's status and
// deadline are the milestone in progress'. Pure: the page renders it, the tests check it.
import { type Milestone, milestoneGross } from "@tender/sdk/milestones";
import type { JobStatusName } from "@tender/sdk/units";

/** What the chain says of a job in milestones (strings for amounts: it crosses to client components). */
export interface JobMilestones {
  /** The job's status on-chain: the milestone in progress' while the job runs. */
  status: JobStatusName;
  /** The job's deadline on-chain (Unix seconds): the milestone in progress' (deliver by, review ends, answer or ruling by). */
  deadline: number;
  /** A dispute of the milestone in progress was answered (its deadline is then the ruling's). */
  answered: boolean;
  /** The job's price (an RFQ's maximum until its award), base units. */
  price: string;
  count: number;
  current: number;
  settledBps: number;
  /** The gross of the milestones settled so far, base units. */
  settled: string;
  milestones: Milestone[];
}

export type MilestoneState = "settled" | "awarded" | "delivered" | "disputed" | "to come" | "refunded" | "cancelled";

export interface MilestoneView {
  index: number;
  shareBps: number;
  deliveryWindow: number;
  /** What it pays (gross, before the protocol fee and any holdback), base units; at the maximum price before an award. */
  amount: bigint;
  state: MilestoneState;
  /** The deadline of the milestone in progress, and what it is. */
  deadline?: { label: string; at: number };
}

/** How each state reads. */
export const MILESTONE_STATE_WORDS: Record<MilestoneState, string> = {
  settled: "settled",
  awarded: "in progress: awarded, to be delivered",
  delivered: "in progress: delivered, in review",
  disputed: "in progress: disputed",
  "to come": "to come",
  refunded: "refunded: the job ended early",
  cancelled: "cancelled",
};

/** Each milestone of the job, in order, with its state and the deadline of the one in progress. */
export function milestoneViews(m: JobMilestones): MilestoneView[] {
  const price = BigInt(m.price);
  return m.milestones.map((milestone, index) => {
    const view: MilestoneView = { index, ...milestone, amount: milestoneGross(price, m.milestones, index), state: stateOf(m, index) };
    if (view.state === "awarded") view.deadline = { label: "Deliver by", at: m.deadline };
    if (view.state === "delivered") view.deadline = { label: "Review ends", at: m.deadline };
    if (view.state === "disputed") view.deadline = { label: m.answered ? "Ruling by" : "Answer by", at: m.deadline };
    return view;
  });
}

function stateOf(m: JobMilestones, index: number): MilestoneState {
  switch (m.status) {
    case "Settled":
      return "settled";
    case "Cancelled":
      return "cancelled";
    case "Open":
    case "None":
      return "to come";
    case "Refunded":
      // Ended early (a decline, a missed deadline, a milestone dispute lost): what was settled stays paid.
      return index < m.current ? "settled" : "refunded";
    default:
      if (index < m.current) return "settled";
      if (index > m.current) return "to come";
      return m.status === "Awarded" ? "awarded" : m.status === "Delivered" ? "delivered" : "disputed";
  }
}

/** The milestone in progress while the job runs (awarded, delivered or disputed), else undefined. */
export function milestoneInProgress(m: JobMilestones): { index: number; count: number; gross: bigint; last: boolean } | undefined {
  if (m.status !== "Awarded" && m.status !== "Delivered" && m.status !== "Disputed") return undefined;
  return { index: m.current, count: m.count, gross: milestoneGross(BigInt(m.price), m.milestones, m.current), last: m.current + 1 === m.count };
}
