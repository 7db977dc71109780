// What a dispute's transactions did with the money, read from the receipt's events (the escrow's DisputeOpened,
// Ruling, DisputeDefaulted, DisputeSettled and JobSettled): who got what, and which arbitration fee was paid or
// refunded, in token units.
import { type TransactionReceipt, parseEventLogs } from "viem";
import * as sdk from "@tender/sdk";
import type { Context } from "./context.ts";
import { formatAmount, formatBps, formatTime, pairs } from "./format.ts";

type Job = Awaited<ReturnType<Context["read"]["job"]>>;

const events = (receipt: TransactionReceipt, escrow: `0x${string}`) =>
  parseEventLogs({ abi: sdk.tenderEscrowAbi, logs: receipt.logs.filter((log) => log.address.toLowerCase() === escrow.toLowerCase()) });

export interface Settlement {
  buyerShareBps: number;
  how: "ruled" | "unanswered" | "arbitrator silent";
  toBuyer: bigint;
  toSupplier: bigint;
  toArbitrator: bigint;
  protocolFee: bigint;
  arbitrationFee: bigint;
  bond: bigint;
}

/** The settlement in `receipt`, with each party's total taken apart, or undefined when it holds none. */
export async function settlementReport(ctx: Context, jobId: bigint, job: Job, receipt: TransactionReceipt): Promise<{ data: Settlement; lines: string[] } | undefined> {
  const logs = events(receipt, ctx.deployment.escrow);
  const settled = logs.find((l) => l.eventName === "DisputeSettled");
  if (!settled || settled.eventName !== "DisputeSettled") return undefined;
  const ruling = logs.find((l) => l.eventName === "Ruling");
  const defaulted = logs.find((l) => l.eventName === "DisputeDefaulted");
  const jobSettled = logs.find((l) => l.eventName === "JobSettled");
  const buyerShareBps = ruling?.eventName === "Ruling" ? ruling.args.buyerShareBps : defaulted?.eventName === "DisputeDefaulted" ? defaulted.args.buyerShareBps : 0;
  const how: Settlement["how"] = ruling ? "ruled" : defaulted?.eventName === "DisputeDefaulted" && defaulted.args.unanswered ? "unanswered" : "arbitrator silent";
  const protocolFee = jobSettled?.eventName === "JobSettled" ? jobSettled.args.protocolFee : 0n;
  const { toBuyer, toSupplier, toArbitrator } = settled.args;

  const token = await ctx.tokenAt(job.token);
  const terms = await ctx.read.arbitratorTerms({ termsId: job.termsId });
  const posting = await ctx.read.posting({ jobId });
  const bond = posting?.rfq ? sdk.bondFor(posting.price, posting.rfq.floors) : 0n;
  const arbitrationFee = sdk.bpsOf(job.price, terms.feeBps);
  const amount = (value: bigint) => formatAmount(value, token);
  const buyerShare = sdk.bpsOf(job.price, buyerShareBps);
  const supplierShare = job.price - buyerShare;
  const bondToBuyer = buyerShareBps > 5_000 ? bond : 0n;
  const bondToSupplier = bond - bondToBuyer;
  const feeBack = (total: bigint, share: bigint, bondPart: bigint) => total - share - bondPart;
  const buyerFeeBack = feeBack(toBuyer, buyerShare, bondToBuyer);
  const supplierFeeBack = feeBack(toSupplier, supplierShare - protocolFee, bondToSupplier);

  const parts = (items: [bigint, string][]) => {
    const shown = items.filter(([value]) => value > 0n);
    return shown.length ? ` = ${shown.map(([value, what]) => `${amount(value)} ${what}`).join(" + ")}` : "";
  };
  const headline =
    how === "ruled"
      ? `Ruled: ${formatBps(buyerShareBps)} of the price to the buyer, ${formatBps(10_000 - buyerShareBps)} to the supplier.`
      : how === "unanswered"
        ? "Settled by default: the supplier never answered, so the buyer gets the whole price back."
        : `Settled by default: the arbitrator did not rule in time, so the job's default split applies (${formatBps(buyerShareBps)} to the buyer).`;
  const arbitratorNote =
    toArbitrator === 0n
      ? "nothing: both fees go back to the parties"
      : buyerShareBps === 5_000
        ? "half of each party's fee"
        : `the ${buyerShareBps > 5_000 ? "supplier's" : "buyer's"} fee (the side the ruling went against pays)`;
  const rows: [string, string][] = [
    ["buyer", `${amount(toBuyer)}${parts([[buyerShare, `(${formatBps(buyerShareBps)} of the price)`], [buyerFeeBack, "(its arbitration fee back)"], [bondToBuyer, "(the supplier's bond)"]])}`],
    ["supplier", `${amount(toSupplier)}${parts([[supplierShare - protocolFee, `(${formatBps(10_000 - buyerShareBps)} of the price, less the protocol fee)`], [supplierFeeBack, "(its arbitration fee back)"], [bondToSupplier, "(its bond back)"]])}`],
    ["arbitrator", `${amount(toArbitrator)}: ${arbitratorNote}; the fee is ${formatBps(terms.feeBps)} of the price, ${amount(arbitrationFee)} from each party that paid it`],
    ["protocol fee", `${amount(protocolFee)} (${formatBps(job.protocolFeeBps)} of the supplier's share)`],
  ];
  return {
    data: { buyerShareBps, how, toBuyer, toSupplier, toArbitrator, protocolFee, arbitrationFee, bond },
    lines: [headline, "Paid out:", ...pairs(rows)],
  };
}

/** What opening or answering a dispute cost, and what comes next, from DisputeOpened / DisputeAnswered. */
export async function disputeStepReport(ctx: Context, jobId: bigint, job: Job, receipt: TransactionReceipt, fee: bigint): Promise<string[]> {
  const token = await ctx.tokenAt(job.token);
  const terms = await ctx.read.arbitratorTerms({ termsId: job.termsId });
  const now = await ctx.now();
  const paid = `${formatAmount(fee, token)} (the arbitrator's ${formatBps(terms.feeBps)} of the price; refunded if the ruling goes your way)`;
  for (const log of events(receipt, ctx.deployment.escrow)) {
    if (log.eventName === "DisputeOpened") {
      return [`Disputed job ${jobId}: you paid the arbitration fee, ${paid}.`, `The supplier must answer, paying the same fee, ${formatTime(Number(log.args.respondBy), now)}; unanswered, you get the whole price back.`];
    }
    if (log.eventName === "DisputeAnswered") {
      return [`Answered the dispute on job ${jobId}: you paid the arbitration fee, ${paid}.`, `The arbitrator ${terms.arbitrator} rules ${formatTime(Number(log.args.ruleBy), now)}; silent, the job's default split applies.`];
    }
  }
  return [`Job ${jobId}: done.`];
}
