// Who got what when a job ended: one breakdown per party, each part labelled, adding up to what the contract truly
// paid (the events' totals, as the indexer recorded them). Pure: the job page renders it, the tests check it.
//
// The contract's rules (contracts/TenderEscrow.sol `_settle`, `_refund`; contracts/TenderArbitration.sol `_resolve`):
// - a confirmed or finalized job pays the supplier the price minus the protocol fee, plus its bond back;
// - a refund returns the price to the buyer, with a winning bidder's forfeited bond;
// - a dispute splits the price by the buyer's share; the supplier's part pays the protocol fee; the dispute fees
//   go back to the winner of the ruling (half each when even, both back when the arbitrator was silent, the
//   buyer's back when the supplier never answered); the bond goes to the side that got more than half;
// - under a holdback (contracts/TenderWarranty.sol), a confirm or finalize holds a share of the price (and, posted
//   with holdBond, part of the bond) back under warranty: this breakdown is what was paid at settlement, the held
//   share's own payout is the job page's Warranty panel.

export interface SettlementPart {
  label: string;
  /** Base units; negative for a deduction (the protocol fee). */
  amount: bigint;
}

export interface PartyPayout {
  party: "buyer" | "supplier" | "arbitrator" | "protocol";
  label: string;
  /** What this party was paid (the sum of the parts; the protocol's fee is kept by the escrow for the treasury). */
  total: bigint;
  parts: SettlementPart[];
}

interface JobFigures {
  status: string;
  price: string | bigint;
  protocolFee?: string | bigint | null;
  toSupplier?: string | bigint | null;
  refundToBuyer?: string | bigint | null;
  bondToBuyer?: string | bigint | null;
  kind?: string;
}

interface DisputeFigures {
  fee: string | bigint;
  outcome?: string | null;
  buyerShareBps?: number | null;
  toBuyer?: string | bigint | null;
  toSupplier?: string | bigint | null;
  toArbitrator?: string | bigint | null;
}

const big = (v: string | bigint | null | undefined): bigint => (v === null || v === undefined ? 0n : BigInt(v));
const HALF = 5000;

/** The dispute fee each side got back: [buyer, supplier]. */
function feeRefunds(d: DisputeFigures): [bigint, bigint] {
  const fee = big(d.fee);
  if (d.outcome === "unanswered") return [fee, 0n];
  if (d.outcome === "silent") return [fee, fee];
  const share = d.buyerShareBps ?? 0;
  if (share > HALF) return [fee, 0n];
  if (share < HALF) return [0n, fee];
  return [fee / 2n, fee / 2n];
}

function party(partyName: PartyPayout["party"], label: string, parts: SettlementPart[]): PartyPayout {
  const shown = parts.filter((p) => p.amount !== 0n);
  return { party: partyName, label, parts: shown, total: shown.reduce((sum, p) => sum + p.amount, 0n) };
}

/**
 * The payouts of an ended job, or null when nothing has been paid out (not ended, or cancelled: a cancelled RFQ's
 * budget and bonds go back as the timeline shows). `winningBond` is the awarded bid's bond (0 for a direct hire).
 */
export function settlementBreakdown(
  job: JobFigures,
  dispute: DisputeFigures | null,
  winningBond: bigint = 0n,
  /** What the settlement held back (PaymentHeld's held share and bond), when it did. */
  held?: { held: bigint; bond: bigint },
): PartyPayout[] | null {
  if (job.status === "Refunded") {
    return [party("buyer", "Refunded to the buyer", [
      { label: "price back", amount: big(job.refundToBuyer) },
      { label: "supplier's forfeited bond", amount: big(job.bondToBuyer) },
    ])];
  }
  if (job.status !== "Settled") return null;
  const protocolFee = big(job.protocolFee);
  const supplierNet = big(job.toSupplier);
  if (!dispute || dispute.toSupplier === null || dispute.toSupplier === undefined) {
    return [
      party("supplier", "Paid to the supplier", [
        { label: held && held.held > 0n ? "price, less the share held under warranty" : "price", amount: supplierNet + protocolFee },
        { label: "protocol fee", amount: -protocolFee },
        { label: "bond back", amount: winningBond - (held?.bond ?? 0n) },
      ]),
      party("protocol", "Protocol fee (kept for the treasury)", [{ label: "protocol fee", amount: protocolFee }]),
    ];
  }
  // Ended by a ruling or a default: the totals are the DisputeSettled event's; the parts are derived from the
  // rules above, and the bond is what remains of each side's total (exact, whatever the bond was).
  const price = big(job.price);
  const supplierShare = supplierNet + protocolFee;
  const buyerShare = price - supplierShare;
  const [buyerFee, supplierFee] = feeRefunds(dispute);
  const toBuyer = big(dispute.toBuyer);
  const toSupplier = big(dispute.toSupplier);
  const buyerBond = toBuyer - buyerShare - buyerFee;
  const supplierBond = toSupplier - supplierNet - supplierFee;
  const out = [
    party("buyer", "Paid to the buyer", [
      { label: "price share", amount: buyerShare },
      { label: "dispute fee back", amount: buyerFee },
      { label: "supplier's bond", amount: buyerBond > 0n ? buyerBond : 0n },
    ]),
    party("supplier", "Paid to the supplier", [
      { label: "price share", amount: supplierShare },
      { label: "protocol fee", amount: -protocolFee },
      { label: "dispute fee back", amount: supplierFee },
      { label: "bond back", amount: supplierBond > 0n ? supplierBond : 0n },
    ]),
  ];
  const toArbitrator = big(dispute.toArbitrator);
  if (toArbitrator > 0n) out.push(party("arbitrator", "Paid to the arbitrator", [{ label: "dispute fees", amount: toArbitrator }]));
  if (protocolFee > 0n) out.push(party("protocol", "Protocol fee (kept for the treasury)", [{ label: "protocol fee", amount: protocolFee }]));
  // Should the derived parts not add up to the event's totals, the totals are what was paid.
  out[0]!.total = toBuyer;
  out[1]!.total = toSupplier;
  return out;
}

