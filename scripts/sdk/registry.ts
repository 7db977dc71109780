// Supplier profiles and attested metrics.
import { type Address, type Hash, keccak256, toBytes } from "viem";
import { supplierRegistryAbi } from "./generated.ts";
import type { Reader, Writer } from "./escrow.ts";
import { TenderInputError, checkAddress, checkUri } from "./validate.ts";

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

/** Publishes the caller's supplier profile (its agent card's URI); with `update`, moves an existing one. */
export async function registerSupplier(writer: Writer, p: { registry: Address; profileURI: string }, update = false): Promise<Hash> {
  checkUri("profileURI", p.profileURI);
  return writer.writeContract({
    address: p.registry,
    abi: supplierRegistryAbi,
    functionName: update ? "updateSupplierProfile" : "registerSupplier",
    args: [p.profileURI],
  });
}

export function updateSupplierProfile(writer: Writer, p: { registry: Address; profileURI: string }): Promise<Hash> {
  return registerSupplier(writer, p, true);
}

export function isRegisteredSupplier(reader: Reader, p: { registry: Address; supplier: Address }): Promise<boolean> {
  return reader.readContract({ address: p.registry, abi: supplierRegistryAbi, functionName: "isRegistered", args: [p.supplier] });
}

/** The supplier's current profile URI and every attestation made about it that still stands, from events. */
export async function readProfile(reader: Reader, p: { registry: Address; supplier: Address; fromBlock?: bigint }) {
  const fromBlock = p.fromBlock ?? 0n;
  const [registered, updated, attested] = await Promise.all([
    reader.getContractEvents({ address: p.registry, abi: supplierRegistryAbi, eventName: "SupplierRegistered", args: { supplier: p.supplier }, fromBlock }),
    reader.getContractEvents({ address: p.registry, abi: supplierRegistryAbi, eventName: "SupplierProfileUpdated", args: { supplier: p.supplier }, fromBlock }),
    reader.getContractEvents({ address: p.registry, abi: supplierRegistryAbi, eventName: "Attested", args: { supplier: p.supplier }, fromBlock }),
  ]);
  const seen = new Map<string, { attestor: Address; metric: Hash }>();
  for (const log of attested) seen.set(`${log.args.attestor}:${log.args.metric}`, { attestor: log.args.attestor!, metric: log.args.metric! });
  const attestations = [];
  for (const { attestor, metric } of seen.values()) {
    const [value, validUntil] = await reader.readContract({
      address: p.registry,
      abi: supplierRegistryAbi,
      functionName: "attestation",
      args: [attestor, p.supplier, metric],
    });
    if (validUntil > 0) attestations.push({ attestor, metric, name: metricName(metric), value, validUntil });
  }
  return { profileURI: (updated.at(-1) ?? registered.at(-1))?.args.profileURI ?? null, attestations };
}

export async function attest(
  writer: Writer,
  p: { registry: Address; supplier: Address; metric: string; value: bigint; validUntil: number },
): Promise<Hash> {
  checkAddress("supplier", p.supplier);
  if (p.metric.trim() === "") throw new TenderInputError("metric", "must not be empty");
  if (p.value < 0n || p.value >= 2n ** 216n) throw new TenderInputError("value", `${p.value} is outside 0 – 2^216 − 1`);
  if (!Number.isInteger(p.validUntil) || p.validUntil <= 0) throw new TenderInputError("validUntil", "must be a Unix time in seconds");
  return writer.writeContract({
    address: p.registry,
    abi: supplierRegistryAbi,
    functionName: "attest",
    args: [p.supplier, metricId(p.metric), p.value, p.validUntil],
  });
}

export async function revoke(writer: Writer, p: { registry: Address; supplier: Address; metric: string }): Promise<Hash> {
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
