import { describe, expect, it } from "vitest";
import { settlementBreakdown } from "./settlement.ts";

const parts = (p: { parts: { label: string; amount: bigint }[] }) => Object.fromEntries(p.parts.map((x) => [x.label, x.amount]));

describe("settlementBreakdown", () => {
  it("a ruling: one breakdown per party, each part labelled, the totals what DisputeSettled paid", () => {
    // Price 20 mUSD, protocol fee 1%, dispute fee 0.6 each side, bond 2 mUSD; 30% to the buyer (the supplier wins).
    const price = 20_000_000n;
    const supplierShare = 14_000_000n;
    const protocolFee = 140_000n;
    const fee = 600_000n;
    const bond = 2_000_000n;
    const job = { status: "Settled", price, toSupplier: supplierShare - protocolFee, protocolFee };
    const dispute = { fee, outcome: "ruled", buyerShareBps: 3_000, toBuyer: 6_000_000n, toSupplier: supplierShare - protocolFee + fee + bond, toArbitrator: fee };
    const out = settlementBreakdown(job, dispute, bond)!;
    const [buyer, supplier, arbitrator, protocol] = out;
    expect(supplier!.label).toBe("Paid to the supplier");
    expect(supplier!.total).toBe(16_460_000n);
    expect(parts(supplier!)).toEqual({ "price share": 14_000_000n, "protocol fee": -140_000n, "dispute fee back": 600_000n, "bond back": 2_000_000n });
    expect(supplier!.parts.reduce((s, p) => s + p.amount, 0n)).toBe(supplier!.total);
    expect(buyer!.total).toBe(6_000_000n);
    expect(parts(buyer!)).toEqual({ "price share": 6_000_000n });
    expect(arbitrator).toMatchObject({ party: "arbitrator", total: fee });
    expect(protocol).toMatchObject({ party: "protocol", total: protocolFee });
    // Only one "Paid to the supplier".
    expect(out.filter((p) => p.label === "Paid to the supplier")).toHaveLength(1);
  });

  it("a confirmation under a holdback: the paid part and the bond not held; the held share is the warranty's", () => {
    // Price 10 mUSD, 20% held (2 mUSD), 1% protocol fee on the paid 8 mUSD, a 1 mUSD bond of which 1 mUSD is held.
    const job = { status: "Settled", price: 10_000_000n, toSupplier: 7_920_000n, protocolFee: 80_000n };
    const [supplier] = settlementBreakdown(job, null, 1_500_000n, { held: 2_000_000n, bond: 1_000_000n })!;
    expect(parts(supplier!)).toEqual({ "price, less the share held under warranty": 8_000_000n, "protocol fee": -80_000n, "bond back": 500_000n });
    expect(supplier!.total).toBe(8_420_000n);
  });

  it("a ruling for the buyer: the buyer gets its fee and the supplier's bond back", () => {
    const job = { status: "Settled", price: 1000n, toSupplier: 297n, protocolFee: 3n };
    const dispute = { fee: 30n, outcome: "ruled", buyerShareBps: 7_000, toBuyer: 700n + 30n + 100n, toSupplier: 297n, toArbitrator: 30n };
    const [buyer, supplier] = settlementBreakdown(job, dispute, 100n)!;
    expect(parts(buyer!)).toEqual({ "price share": 700n, "dispute fee back": 30n, "supplier's bond": 100n });
    expect(parts(supplier!)).toEqual({ "price share": 300n, "protocol fee": -3n });
    expect(supplier!.total).toBe(297n);
  });

  it("a confirmed job: the price less the protocol fee, and the bond back", () => {
    const [supplier] = settlementBreakdown({ status: "Settled", price: 1000n, toSupplier: 990n, protocolFee: 10n }, null, 50n)!;
    expect(supplier!.total).toBe(1040n);
    expect(parts(supplier!)).toEqual({ price: 1000n, "protocol fee": -10n, "bond back": 50n });
  });

  it("a refund, and a job not ended", () => {
    const [buyer] = settlementBreakdown({ status: "Refunded", price: 1000n, refundToBuyer: 1000n, bondToBuyer: 50n }, null)!;
    expect(buyer!.total).toBe(1050n);
    expect(settlementBreakdown({ status: "Delivered", price: 1000n }, null)).toBeNull();
  });
});
