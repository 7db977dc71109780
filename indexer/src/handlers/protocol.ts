// Money that is not a job's (credits, withdrawals, protocol fees) and the owner's settings.
import { ponder } from "ponder:registry";
import { credit, protocolFee } from "ponder:schema";
import { lower, setProtocol, time } from "../rows.ts";

ponder.on("TenderEscrow:PaymentCredited", async ({ event, context }) => {
  const { amount } = event.args;
  const at = time(event);
  await context.db
    .insert(credit)
    .values({ account: lower(event.args.account), token: lower(event.args.token), credited: amount, withdrawn: 0n, balance: amount, updatedAt: at })
    .onConflictDoUpdate((row) => ({ credited: row.credited + amount, balance: row.balance + amount, updatedAt: at }));
});

ponder.on("TenderEscrow:Withdrawn", async ({ event, context }) => {
  const { amount } = event.args;
  const at = time(event);
  // withdraw sends the whole credit, which a PaymentCredited put there.
  await context.db
    .insert(credit)
    .values({ account: lower(event.args.account), token: lower(event.args.token), credited: 0n, withdrawn: amount, balance: 0n, updatedAt: at })
    .onConflictDoUpdate((row) => ({ withdrawn: row.withdrawn + amount, balance: row.balance - amount, updatedAt: at }));
});

ponder.on("TenderEscrow:ProtocolFeesCollected", async ({ event, context }) => {
  const { amount } = event.args;
  await context.db
    .insert(protocolFee)
    .values({ token: lower(event.args.token), accrued: 0n, collected: amount, outstanding: 0n })
    .onConflictDoUpdate((row) => ({ collected: row.collected + amount, outstanding: row.outstanding - amount }));
});

ponder.on("TenderEscrow:ProtocolFeeSet", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { feeBps: event.args.feeBps });
});

ponder.on("TenderEscrow:TreasurySet", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { treasury: lower(event.args.treasury) });
});

ponder.on("TenderEscrow:PostingPausedSet", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { postingPaused: event.args.paused });
});

ponder.on("TenderEscrow:OwnershipTransferStarted", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { pendingOwner: lower(event.args.newOwner) });
});

ponder.on("TenderEscrow:OwnershipTransferred", async ({ event, context }) => {
  await setProtocol(context.db, context, time(event), { owner: lower(event.args.newOwner), pendingOwner: null });
});

