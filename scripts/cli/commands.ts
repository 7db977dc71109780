// The list of `tender` commands, in the order `tender --help` lists them. Each lives in its own file under
// commands/, loaded only when it runs: what --help and the dispatcher need before that (the command's words, its
// summary, which of its options take a value) is written here too, and test/cli/cli.test.ts checks that it matches
// each command's own definition.
import type { Command, CommandEntry } from "./command.ts";

const entry = (words: string, load: () => Promise<{ default: Command }>, valued: string[], summary: string): CommandEntry => ({
  path: words.split(" "),
  summary,
  valued,
  load: async () => (await load()).default,
});

/** Every command, in the order `tender --help` lists them. */
export const commands: CommandEntry[] = [
  entry("job post", () => import("./commands/job/post.ts"), ["spec", "category", "arbitrator", "token", "max-price", "mode", "bid-window", "award-window", "supplier", "price", "delivery-window", "review-window", "default-split", "bond", "min-completed", "min-volume", "max-loss-share", "max-clawback-share", "min-rating", "min-ratings", "metric", "holdback", "warranty", "milestones"],
    "buyer: post a job — an RFQ for bids (--max-price) or a direct hire (--supplier, --price) — and escrow its price"),
  entry("job show", () => import("./commands/job/show.ts"), [],
    "anyone: a job's terms, spec and inputs, floors, bids, deadlines and timeline"),
  entry("job list", () => import("./commands/job/list.ts"), ["status", "category", "buyer", "supplier", "limit"],
    "anyone: jobs, newest first, filtered by status, category or party"),
  entry("job award", () => import("./commands/job/award.ts"), ["supplier"],
    "award an RFQ: to the lowest bid once bidding closed (anyone), or to the bidder you pick (buyer's choice)"),
  entry("job deliver", () => import("./commands/job/deliver.ts"), ["file", "media-type", "uri", "hash", "milestone"],
    "supplier: deliver the work (a file, or a hash and a URI where it is)"),
  entry("job decline", () => import("./commands/job/decline.ts"), [],
    "supplier: turn down a job you were hired for; the buyer gets the price back"),
  entry("job confirm", () => import("./commands/job/confirm.ts"), ["rating"],
    "buyer: accept a delivery with a 1–5 rating; the supplier is paid"),
  entry("job dispute", () => import("./commands/job/dispute.ts"), ["statement"],
    "buyer: dispute a delivery within the review window, paying the arbitrator's fee"),
  entry("job respond", () => import("./commands/job/respond.ts"), ["response"],
    "supplier: answer a dispute, paying the same arbitrator's fee (unanswered, the buyer wins by default)"),
  entry("job evidence", () => import("./commands/job/evidence.ts"), ["uri"],
    "buyer or supplier: add evidence to a disputed job"),
  entry("job finalize", () => import("./commands/job/finalize.ts"), [],
    "anyone: release a delivered job's payment once the buyer's review window has passed"),
  entry("job refund", () => import("./commands/job/refund.ts"), [],
    "anyone: return the price to the buyer when the supplier missed the delivery deadline"),
  entry("job claim", () => import("./commands/job/claim.ts"), ["amount", "statement", "milestone"],
    "buyer: claim against a paid job's held share before its warranty ends, paying the arbitrator's claim fee"),
  entry("job agree-claim", () => import("./commands/job/agree-claim.ts"), ["milestone"],
    "supplier: agree to a warranty claim: the amount asked goes back to the buyer, the rest of the held share to you"),
  entry("job answer-claim", () => import("./commands/job/answer-claim.ts"), ["response", "milestone"],
    "supplier: answer a warranty claim, paying the same claim fee (unanswered, the buyer gets what it asked)"),
  entry("job claim-evidence", () => import("./commands/job/claim-evidence.ts"), ["uri", "milestone"],
    "buyer or supplier: add evidence to an open warranty claim"),
  entry("job settle-claim", () => import("./commands/job/settle-claim.ts"), ["milestone"],
    "anyone: end a warranty claim whose deadline passed (unanswered: the buyer wins; no ruling: the supplier keeps it)"),
  entry("job waive", () => import("./commands/job/waive.ts"), ["milestone"],
    "buyer: give up your warranty: what is held goes to the supplier now (an open claim ends, both fees back)"),
  entry("job return-held", () => import("./commands/job/return-held.ts"), ["amount", "milestone"],
    "supplier: give part of a job's held share back to the buyer of your own accord (no claim open)"),
  entry("job release", () => import("./commands/job/release.ts"), ["milestone"],
    "anyone: pay a job's held share to the supplier once its warranty has ended (no claim open)"),
  entry("job cancel", () => import("./commands/job/cancel.ts"), [],
    "buyer (or anyone after the grace period): cancel an RFQ that was not awarded and refund its maximum price"),

  entry("bid place", () => import("./commands/bid/place.ts"), ["price"],
    "supplier: bid on an open RFQ, posting the bond its floors ask for"),
  entry("bid improve", () => import("./commands/bid/improve.ts"), ["price"],
    "supplier: lower your bid on an open RFQ"),
  entry("bid list", () => import("./commands/bid/list.ts"), [],
    "anyone: the bids on an RFQ, lowest first, the leader starred"),
  entry("bid reclaim", () => import("./commands/bid/reclaim.ts"), [],
    "supplier: take back your bond from an RFQ you did not win, or that was cancelled"),

  entry("supplier register", () => import("./commands/supplier/register.ts"), ["profile"],
    "supplier: publish your profile (an agent card URI); run again to update it"),
  entry("supplier show", () => import("./commands/supplier/show.ts"), [],
    "anyone: a supplier's profile, attestations and on-chain record (yours when no address is given)"),
  entry("supplier attest", () => import("./commands/supplier/attest.ts"), ["metric", "value", "valid-for"],
    "attestor: vouch for a supplier's metric (benchmark score, latency…) until a time"),

  entry("arbitrator register", () => import("./commands/arbitrator/register.ts"), ["fee", "rule-window", "terms"],
    "arbitrator: register with your first terms, so buyers can name you"),
  entry("arbitrator update", () => import("./commands/arbitrator/update.ts"), ["fee", "rule-window", "terms"],
    "arbitrator: publish new terms for future jobs (running jobs keep the terms they named)"),
  entry("arbitrator retire", () => import("./commands/arbitrator/retire.ts"), [],
    "arbitrator: stop being named in new jobs (jobs that named you keep you)"),
  entry("arbitrator disputes", () => import("./commands/arbitrator/disputes.ts"), ["arbitrator"],
    "arbitrator: the disputes and warranty claims you were named in, with statements, answers, evidence and deadlines"),
  entry("arbitrator rule", () => import("./commands/arbitrator/rule.ts"), ["buyer-share", "reason"],
    "arbitrator: rule a split of the price — the share that goes back to the buyer"),
  entry("arbitrator rule-claim", () => import("./commands/arbitrator/rule-claim.ts"), ["buyer-share", "reason", "milestone"],
    "arbitrator: rule an answered warranty claim — the share of the amount asked that goes back to the buyer"),
  entry("arbitrator settle", () => import("./commands/arbitrator/settle.ts"), [],
    "anyone: settle a dispute whose answer or ruling window passed (unanswered: buyer wins; silent arbitrator: default split)"),

  entry("account new", () => import("./commands/account/new.ts"), [],
    "create a new key, encrypted in the keystore under a name (the key is never shown)"),
  entry("account import", () => import("./commands/account/import.ts"), [],
    "encrypt an existing private key into the keystore (read from a prompt or stdin, never from argv)"),
  entry("account list", () => import("./commands/account/list.ts"), [],
    "the accounts in the keystore, by name and address"),

  entry("agent run", () => import("./commands/agent/run.ts"), ["config", "state"],
    "supplier: run an agent that bids on RFQs it can do, does the work, delivers and gets paid (until Ctrl-C)"),

  entry("dev advance", () => import("./commands/dev/advance.ts"), [],
    "development chain: move the clock forward (evm_increaseTime) and mine a block"),
  entry("dev mine", () => import("./commands/dev/mine.ts"), [],
    "development chain: mine blocks (evm_mine) without moving the clock on purpose"),

  entry("withdraw", () => import("./commands/withdraw.ts"), ["token", "to"],
    "anyone: withdraw what the escrow credited you (payments it could not push to you)"),
  entry("balance", () => import("./commands/balance.ts"), ["token"],
    "anyone: an address's wallet balances and what the escrow holds as credit for it"),
  entry("deploy", () => import("./commands/deploy.ts"), ["treasury", "fee", "allow-token"],
    "owner: deploy Tender (registry and escrow) and record the deployment for this chain"),
];

/** Every command, loaded (for tests; the CLI loads only the one it runs). */
export const loadCommands = (): Promise<Command[]> => Promise.all(commands.map((c) => c.load()));
