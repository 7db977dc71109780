// SupplierRegistry: supplier profiles and attestations.
import { ponder } from "ponder:registry";
import { attestation } from "ponder:schema";
import { metricName } from "@tender/sdk/registry";
import { clean, lower, time, touchSupplier } from "../rows.ts";

ponder.on("SupplierRegistry:SupplierRegistered", async ({ event, context }) => {
  const at = time(event);
  await touchSupplier(context.db, lower(event.args.supplier), at, () => ({
    registered: true,
    profileUri: clean(event.args.profileURI),
    registeredAt: at,
  }));
});

ponder.on("SupplierRegistry:SupplierProfileUpdated", async ({ event, context }) => {
  const at = time(event);
  await touchSupplier(context.db, lower(event.args.supplier), at, () => ({
    profileUri: clean(event.args.profileURI),
    profileUpdatedAt: at,
  }));
});

ponder.on("SupplierRegistry:Attested", async ({ event, context }) => {
  const { db } = context;
  const { metric, value, validUntil } = event.args;
  const key = { attestor: lower(event.args.attestor), supplier: lower(event.args.supplier), metric: lower(metric) };
  const at = time(event);
  await db
    .insert(attestation)
    .values({ ...key, metricName: clean(metricName(metric)), value, validUntil, attestedAt: at, revoked: false, updates: 1 })
    .onConflictDoUpdate((row) => ({ value, validUntil, attestedAt: at, revoked: false, revokedAt: null, updates: row.updates + 1 }));
  await touchSupplier(db, key.supplier, at);
});

ponder.on("SupplierRegistry:AttestationRevoked", async ({ event, context }) => {
  const key = {
    attestor: lower(event.args.attestor),
    supplier: lower(event.args.supplier),
    metric: lower(event.args.metric),
  };
  await context.db.update(attestation, key).set({ revoked: true, revokedAt: time(event) });
});
