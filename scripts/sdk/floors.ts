// Whether a supplier meets an RFQ's floors, read the way the escrow checks them at bid time (TenderMarket's
// _checkRecordFloors and _checkMetricFloors), so a client can skip jobs it would be refused and say why.
import type { Address } from "viem";
import { supplierRegistryAbi, tenderEscrowAbi } from "./generated.ts";
import { type Reader, readSupplierRecord } from "./escrow.ts";
import { Comparison, type Floors } from "./market.ts";
import { metricName } from "./registry.ts";
import { BPS } from "./units.ts";

export interface UnmetFloor {
  /** The floor's name as the escrow's errors give it (minCompleted, minVolume, …) or the metric's name. */
  floor: string;
  required: bigint;
  /** What the supplier has; 0 for a missing or expired attestation. */
  actual: bigint;
}


/** The floors `supplier` does not meet for a job in `token` at chain time `now` (empty: it may bid). */
export async function unmetFloors(
  reader: Reader,
  p: { escrow: Address; registry: Address; supplier: Address; token: Address; floors: Floors; now: number },
): Promise<UnmetFloor[]> {
  const { floors } = p;
  const record = await readSupplierRecord(reader, { escrow: p.escrow, supplier: p.supplier });
  const unmet: UnmetFloor[] = [];
  const check = (floor: string, ok: boolean, required: bigint | number, actual: bigint | number) => {
    if (!ok) unmet.push({ floor, required: BigInt(required), actual: BigInt(actual) });
  };
  check("minCompleted", record.completed >= floors.minCompleted, floors.minCompleted, record.completed);
  if (floors.minVolume !== 0n) {
    const volume = await reader.readContract({
      address: p.escrow,
      abi: tenderEscrowAbi,
      functionName: "completedVolume",
      args: [p.supplier, p.token],
    });
    check("minVolume", volume >= floors.minVolume, floors.minVolume, volume);
  }
  if (floors.maxLossShareBps < 10_000) {
    const share = record.disputesFaced === 0 ? 0n : (BigInt(record.disputesLost) * BPS) / BigInt(record.disputesFaced);
    check("maxLossShareBps", share <= BigInt(floors.maxLossShareBps), floors.maxLossShareBps, share);
  }
  const maxClawback = floors.maxClawbackShareBps ?? 10_000;
  if (maxClawback < 10_000) {
    const claims = await reader.readContract({ address: p.escrow, abi: tenderEscrowAbi, functionName: "claimRecord", args: [p.supplier] });
    const share = claims.claimsFaced === 0 ? 0n : (BigInt(claims.clawedBack) * BPS) / BigInt(claims.claimsFaced);
    check("maxClawbackShareBps", share <= BigInt(maxClawback), maxClawback, share);
  }
  check("minRatings", record.ratingCount >= floors.minRatings, floors.minRatings, record.ratingCount);
  if (floors.minAvgRating !== 0) {
    const average = record.ratingCount === 0 ? 0n : (BigInt(record.ratingSum) * 100n) / BigInt(record.ratingCount);
    check("minAvgRating", average >= BigInt(floors.minAvgRating), floors.minAvgRating, average);
  }
  for (const floor of floors.metrics) {
    const [value, validUntil] = await reader.readContract({
      address: p.registry,
      abi: supplierRegistryAbi,
      functionName: "attestation",
      args: [floor.attestor, p.supplier, floor.metric],
    });
    const valid = validUntil > p.now;
    const met = valid && (floor.comparison === Comparison.AtLeast ? value >= floor.threshold : value <= floor.threshold);
    check(metricName(floor.metric), met, floor.threshold, valid ? value : 0n);
  }
  return unmet;
}
