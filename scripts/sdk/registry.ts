// Supplier profiles and attested metrics.
import { type Address, type Hash, keccak256, toBytes } from "viem";
import { supplierRegistryAbi } from "./generated.ts";
import type { Reader, Writer } from "./escrow.ts";

/** Conventional metric names; a metric's on-chain id is keccak256 of its name. */
export const METRICS = {
  sweBench: "benchmark.swe-bench",
  latencyP95Ms: "latency.p95.ms",
  uptimeBps: "uptime.bps",
  errorRateBps: "error-rate.bps",
} as const;

export function metricId(name: string): Hash {
  return keccak256(toBytes(name));
}

/** The conventional name of a metric id, or the id itself when it is not one of {@link METRICS}. */
export function metricName(id: Hash): string {
  for (const name of Object.values(METRICS)) if (metricId(name) === id.toLowerCase()) return name;
  return id;
}

export function registerSupplier(writer: Writer, p: { registry: Address; profileURI: string }): Promise<Hash> {
  return writer.writeContract({
    address: p.registry,
    abi: supplierRegistryAbi,
    functionName: "registerSupplier",
    args: [p.profileURI],
  });
}

export function attest(
  writer: Writer,
  p: { registry: Address; supplier: Address; metric: string; value: bigint; validUntil: number },
): Promise<Hash> {
  return writer.writeContract({
    address: p.registry,
    abi: supplierRegistryAbi,
    functionName: "attest",
    args: [p.supplier, metricId(p.metric), p.value, p.validUntil],
  });
}

export function revoke(writer: Writer, p: { registry: Address; supplier: Address; metric: string }): Promise<Hash> {
  return writer.writeContract({
    address: p.registry,
    abi: supplierRegistryAbi,
    functionName: "revoke",
    args: [p.supplier, metricId(p.metric)],
  });
}

export function readAttestation(
  reader: Reader,
  p: { registry: Address; attestor: Address; supplier: Address; metric: string },
) {
  return reader.readContract({
    address: p.registry,
    abi: supplierRegistryAbi,
    functionName: "attestation",
    args: [p.attestor, p.supplier, metricId(p.metric)],
  });
}
