// What an agent remembers across restarts: where it is in the event stream and every job it took part in. Written
// atomically (a temporary file renamed over the old one) after every change, so a crash leaves the last whole state.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Address, Hash } from "viem";

export type Phase =
  /** Bid placed; waiting for the award. */
  | "bidding"
  /** Awarded or hired: the work is to be done and delivered. */
  | "won"
  | "delivered"
  | "disputed"
  /** Ended: paid in full or in part, refunded, lost, or cancelled. */
  | "paid"
  | "refunded"
  | "lost"
  | "declined";

/** Part of a payment held under warranty (gross, with any held bond) until `warrantyEndsAt`; `claim` once the buyer
 * claimed against it. */
export interface Held {
  amount: string;
  bond: string;
  warrantyEndsAt: number;
  claim?: "filed" | "answered";
}

export interface AgentJob {
  phase: Phase;
  token: Address;
  category: string;
  maxPrice: string;
  /** The agent's bid, or the direct hire's price. */
  price?: string;
  bond?: string;
  mode?: number;
  /** A sealed bid (its opening is in the agent's opening store until revealed): set once it is revealed. */
  revealed?: boolean;
  bidDeadline?: number;
  reviewEndsAt?: number;
  /** Buyer's choice: the pick deadline (after it, plus the grace period, anyone may cancel); sealed: the end of the
   * reveal window. */
  awardDeadline?: number;
  /** The spec as posted, kept so the work needs no log scan. */
  spec?: string;
  deliverable?: { hash: Hash; uri: string };
  /** The agent answered the dispute on this job. */
  answered?: boolean;
  /** A bond of the agent's is still held by the escrow for this (lost or cancelled) job. */
  bondOut?: boolean;
  /** What the agent was paid (the supplier's part after fees), once settled; held shares add to it when paid out. */
  earned?: string;
  /** The holdback it was posted with (absent: none). */
  warranty?: { holdbackBps: number; warrantyWindow: number; holdBond: boolean };
  /** Part of the payment is held under warranty (gross, with any held bond) until `warrantyEndsAt`; `claim` once the
   * buyer claimed against it. Removed when the held share is paid out. */
  held?: Held;
  /** A job in milestones: how many, and the one in progress (worked on and delivered in turn, each once the one
   * before settled). */
  milestones?: { count: number; current: number };
  /** A job in milestones with a holdback: what is held of each settled milestone's payment, by its index (removed
   * when paid out). Jobs paid at once use `held`. */
  heldParts?: Record<string, Held>;
  note?: string;
}

export interface AgentState {
  version: 1;
  /** The last event position handled (blockNumber as a decimal string). */
  cursor?: { blockNumber: string; logIndex: number };
  jobs: Record<string, AgentJob>;
}

export function loadState(path: string): AgentState {
  if (!existsSync(path)) return { version: 1, jobs: {} };
  const state = JSON.parse(readFileSync(path, "utf8")) as AgentState;
  if (state.version !== 1 || typeof state.jobs !== "object") throw new Error(`${path} is not an agent state file (version 1)`);
  return state;
}

export function saveState(path: string, state: AgentState): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2) + "\n");
  renameSync(temporary, path);
}
