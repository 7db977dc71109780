import { readFileSync } from "node:fs";
import * as sdk from "@tender/sdk";
import { CliError, EXIT, defineCommand, list, str } from "../../command.ts";
import { connect, send } from "../../context.ts";
import { formatAmount, formatDuration, formatTime, parseAmount, parseBps, parseDuration, parseWindow } from "../../format.ts";
import { type FieldNames, checkAddressArg, checkCount, inOptionTerms } from "../../inputs.ts";
import { parseMilestones, scheduleDeliveryWindow, scheduleTerms } from "../../milestones.ts";
import { holdbackTerms } from "../../warranty.ts";

/** The SDK's names for what this command's options set. */
const OPTION_NAMES: FieldNames = {
  token: "--token", arbitrator: "--arbitrator", supplier: "--supplier", price: "--price", maxPrice: "--max-price",
  bidDeadline: "--bid-window", awardWindow: "--award-window", deliveryWindow: "--delivery-window", reviewWindow: "--review-window",
  defaultBuyerShareBps: "--default-split", mode: "--mode", "floors.bondBps": "--bond", "floors.maxLossShareBps": "--max-loss-share",
  "floors.minAvgRating": "--min-rating", "floors.metrics": "--metric", "floors.maxClawbackShareBps": "--max-clawback-share",
  "warranty.holdbackBps": "--holdback", "warranty.warrantyWindow": "--warranty", "warranty.holdBond": "--hold-bond",
  milestones: "--milestones",
  ...Object.fromEntries(
    Array.from({ length: sdk.MAX_MILESTONES }, (_, i) => [
      [`milestones[${i}].shareBps`, `--milestones (milestone ${i + 1}'s share)`],
      [`milestones[${i}].deliveryWindow`, `--milestones (milestone ${i + 1}'s window)`],
    ]).flat(),
  ),
};

const METRIC = /^(0x[0-9a-fA-F]{40}):([^<>=]+)(>=|<=)([0-9]+)$/;

export default defineCommand({
  path: ["job", "post"],
  summary: "buyer: post a job — an RFQ for bids (--max-price) or a direct hire (--supplier, --price) — and escrow its price",
  options: {
    spec: { type: "string", value: "FILE", description: "the job spec, JSON (see scripts/sdk/job-spec.schema.json); - reads stdin", required: true },
    category: { type: "string", value: "NAME", description: "the job's category (default: the spec's)" },
    arbitrator: { type: "string", value: "ADDRESS", description: "the registered arbitrator disputes go to", required: true },
    token: { type: "string", value: "TOKEN", description: "what the job pays in: ETH, the demo stablecoin's symbol, or an ERC-20 address", required: true },
    "max-price": { type: "string", value: "AMOUNT", description: "RFQ: the most you pay, in token units; escrowed now" },
    mode: { type: "string", value: "MODE", description: "RFQ: lowest (default: the lowest qualified bid wins), choice (you pick) or sealed (hidden bids, revealed after bidding; the lowest revealed wins)" },
    "bid-window": { type: "string", value: "DURATION", description: "RFQ: how long bids are taken (default 1d)" },
    "award-window": { type: "string", value: "DURATION", description: "RFQ, choice: how long you have to pick after bidding (default 1d)" },
    "reveal-window": { type: "string", value: "DURATION", description: "RFQ, sealed: how long bidders have to reveal after bidding (default 1d); needs --bond of at least 5%" },
    supplier: { type: "string", value: "ADDRESS", description: "direct hire: the supplier you hire" },
    price: { type: "string", value: "AMOUNT", description: "direct hire: the price, in token units; escrowed now" },
    "delivery-window": { type: "string", value: "DURATION", description: "time to deliver after the award (default 1d)" },
    "review-window": { type: "string", value: "DURATION", description: "time to confirm or dispute after delivery (default 1d)" },
    "default-split": { type: "string", value: "PCT", description: "buyer's share if the arbitrator never rules, at most 50% (default 0%)" },
    bond: { type: "string", value: "PCT", description: "RFQ floor: bond each bidder posts, % of the maximum price" },
    "min-completed": { type: "string", value: "N", description: "RFQ floor: jobs the bidder completed" },
    "min-volume": { type: "string", value: "AMOUNT", description: "RFQ floor: volume the bidder completed in this token" },
    "max-loss-share": { type: "string", value: "PCT", description: "RFQ floor: largest share of faced disputes lost (default 100%)" },
    "max-clawback-share": { type: "string", value: "PCT", description: "RFQ floor: largest share of faced warranty claims clawed back (default 100%)" },
    "min-rating": { type: "string", value: "X.XX", description: "RFQ floor: average rating, 0–5" },
    "min-ratings": { type: "string", value: "N", description: "RFQ floor: number of ratings" },
    metric: { type: "string", multiple: true, value: "ATTESTOR:METRIC>=N", description: "RFQ floor on an attested metric (>= or <=)" },
    holdback: { type: "string", value: "PCT", description: "share of the payment held under warranty once the job is paid, at most 50% (default none)" },
    warranty: { type: "string", value: "DURATION", description: "with --holdback: how long after payment you may claim against the held share" },
    "hold-bond": { type: "boolean", description: "RFQ, with --holdback: the winner's bond (up to the held share) stays staked through the warranty" },
    milestones: { type: "string", value: "SCHEDULE", description: "pay in 2–8 milestones: SHARE:WINDOW,… (e.g. 30%:2d,70%:5d; each window from the previous milestone's settlement) or @FILE.json; the delivery window is the first's" },
  },
  details:
    "A holdback keeps part of the payment in escrow after you confirm (or the review window passes): until the warranty ends you may claim against it (`tender job claim`), paying the arbitrator's fee of what is held; then anyone releases it to the supplier (`tender job release`). " +
    "With --milestones the price is paid in parts: each milestone is delivered (`tender job deliver`), then confirmed (rated only on the last), finalized or disputed on its own share; the next one's delivery window starts when it settles. A missed deadline, a decline or a milestone dispute the supplier loses ends the job and refunds every unsettled milestone.",
  examples: [
    "tender job post --spec job.json --arbitrator 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --token mUSD --max-price 100 --bid-window 2h --bond 10% --account buyer",
    "tender job post --spec job.json --arbitrator 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --token ETH --supplier 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc --price 0.05 --account buyer",
    "tender job post --spec job.json --arbitrator 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --token mUSD --supplier 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc --price 100 --holdback 20% --warranty 30d --account buyer",
    "tender job post --spec job.json --arbitrator 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --token mUSD --supplier 0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc --price 300 --milestones 30%:2d,30%:2d,40%:5d --account buyer",
    "tender job post --spec job.json --arbitrator 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC --token mUSD --max-price 50 --metric '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f:benchmark.swe-bench>=60' --account buyer",
  ],
  async run(parsed, globals) {
    const specFile = str(parsed, "spec")!;
    let spec: string;
    try {
      spec = readFileSync(specFile === "-" ? 0 : specFile, "utf8").trim();
    } catch {
      throw new CliError(`--spec: cannot read ${specFile}`, EXIT.notFound);
    }
    let category = str(parsed, "category");
    if (category === undefined) {
      try {
        category = String((JSON.parse(spec) as { category?: unknown }).category ?? "");
      } catch {
        category = "";
      }
    }
    sdk.checkSpec(spec, category);
    const arbitrator = checkAddressArg("--arbitrator", str(parsed, "arbitrator")!);
    const direct = str(parsed, "supplier") !== undefined;
    if (direct === (str(parsed, "max-price") !== undefined)) {
      throw new CliError("give --max-price for an RFQ, or --supplier with --price for a direct hire");
    }
    if (direct && str(parsed, "price") === undefined) throw new CliError("a direct hire needs --price");
    // An option that does not apply is refused rather than ignored: a buyer must not believe a floor is in force.
    const rfqOnly = ["mode", "bid-window", "award-window", "reveal-window", "bond", "min-completed", "min-volume", "max-loss-share", "max-clawback-share", "min-rating", "min-ratings", "metric", "hold-bond"];
    const misplaced = direct ? rfqOnly.filter((name) => parsed.values[name] !== undefined) : str(parsed, "price") !== undefined ? ["price"] : [];
    if (misplaced.length) {
      throw new CliError(`${misplaced.map((name) => `--${name}`).join(", ")} ${misplaced.length === 1 ? "does" : "do"} not apply to ${direct ? "a direct hire" : "an RFQ (its bids set the price; use --max-price)"}`);
    }
    if (str(parsed, "mode") !== "choice" && str(parsed, "award-window") !== undefined) throw new CliError("--award-window applies only with --mode choice");
    if (str(parsed, "mode") !== "sealed" && str(parsed, "reveal-window") !== undefined) throw new CliError("--reveal-window applies only with --mode sealed");
    const duration = (name: string, fallback: string) => parseWindow(`--${name}`, str(parsed, name) ?? fallback);
    // A schedule sets the job's delivery window (its first milestone's); a --delivery-window that differs is refused.
    const milestones = str(parsed, "milestones") === undefined ? undefined : parseMilestones(str(parsed, "milestones")!);
    const deliveryWindow = milestones
      ? scheduleDeliveryWindow(milestones, str(parsed, "delivery-window") === undefined ? undefined : duration("delivery-window", "1d"))
      : duration("delivery-window", "1d");
    if (milestones) inOptionTerms(OPTION_NAMES, () => sdk.checkMilestones(milestones, deliveryWindow));
    const scheduleLine = milestones ? [`Paid in ${milestones.length} milestones: ${scheduleTerms(milestones)}; each one's window runs from the previous one's settlement, and the work is rated on the last.`] : [];
    const reviewWindow = duration("review-window", "1d");
    const defaultBuyerShareBps = parseBps("--default-split", str(parsed, "default-split") ?? "0%", 5_000);
    // The holdback: its share and window as typed; the SDK's checks (below) say what is wrong with them together.
    if (str(parsed, "warranty") !== undefined && str(parsed, "holdback") === undefined) throw new CliError("--warranty applies only with --holdback");
    const warranty: sdk.Warranty | undefined =
      str(parsed, "holdback") === undefined
        ? parsed.values["hold-bond"] === true
          ? { ...sdk.NO_WARRANTY, holdBond: true }
          : undefined
        : {
            holdbackBps: parseBps("--holdback", str(parsed, "holdback")!),
            warrantyWindow: str(parsed, "warranty") === undefined ? 0 : parseDuration("--warranty", str(parsed, "warranty")!),
            holdBond: parsed.values["hold-bond"] === true,
          };
    if (warranty) inOptionTerms(OPTION_NAMES, () => sdk.throwProblems(sdk.warrantyProblems(warranty, { rfq: !direct })));
    const heldLine = warranty && holdbackTerms(warranty) ? [`Holdback: ${holdbackTerms(warranty)!}, claimable by you until it ends.`] : [];

    const ctx = await connect(globals);
    const token = await ctx.token(str(parsed, "token")!);
    const escrow = ctx.deployment.escrow;
    // Checked before an ERC-20 approval is sent, so a job the escrow would refuse costs nothing.
    const record = await ctx.read.arbitrator({ arbitrator });
    if (!record.active) {
      throw new CliError(`--arbitrator: ${arbitrator} is not a registered, active arbitrator (see \`tender arbitrator register\`)`, EXIT.refused);
    }
    // The terms shown here are the ones the post pins: if the arbitrator publishes others first, the escrow refuses it.
    const arbitratorTermsId = record.termsId;
    const terms = await ctx.read.arbitratorTerms({ termsId: arbitratorTermsId });
    const termsLine = `Arbitrator ${arbitrator}: terms #${arbitratorTermsId}, a fee of ${terms.feeBps / 100}% of the price from each disputing party, rules within ${formatDuration(terms.ruleWindow)} (pinned: the post is refused if they change first).`;

    if (direct) {
      const params: sdk.DirectHireParams = {
        escrow,
        supplier: checkAddressArg("--supplier", str(parsed, "supplier")!),
        token: token.address,
        price: parseAmount("--price", str(parsed, "price")!, token),
        deliveryWindow,
        reviewWindow,
        arbitrator,
        arbitratorTermsId,
        defaultBuyerShareBps,
        warranty,
        category,
        spec,
      };
      const t = await ctx.tender();
      inOptionTerms(OPTION_NAMES, () => sdk.checkDirectHire(params, t.account));
      const receipt = await send(ctx, "Posting the direct hire", () => (milestones ? t.postDirectHireInMilestones({ ...params, milestones }) : t.postDirectHire(params)));
      const jobId = await t.waitForJobId(receipt.transactionHash);
      const job = await ctx.read.job({ jobId });
      const now = await ctx.now();
      return {
        data: { jobId, kind: "direct", arbitratorTermsId, category, token: token.address, price: params.price, supplier: params.supplier, deliverBy: job.deadline, warranty: warranty ?? sdk.NO_WARRANTY, milestones: milestones ?? null, transactionHash: receipt.transactionHash },
        lines: [
          `Posted job ${jobId}: a direct hire of ${params.supplier} in ${category} for ${formatAmount(params.price, token)} (escrowed).`,
          `${milestones ? "Milestone 1's delivery" : "Delivery"} due ${formatTime(job.deadline, now)}.`,
          ...scheduleLine,
          ...heldLine,
          termsLine,
        ],
      };
    }

    const maxPrice = parseAmount("--max-price", str(parsed, "max-price")!, token);
    const modeName = str(parsed, "mode") ?? "lowest";
    const modes = { lowest: sdk.AwardMode.LowestPrice, choice: sdk.AwardMode.BuyerChoice, sealed: sdk.AwardMode.SealedLowestPrice } as const;
    if (!Object.hasOwn(modes, modeName)) throw new CliError(`--mode: ${JSON.stringify(modeName)} is not lowest, choice or sealed`);
    const mode = modes[modeName as keyof typeof modes];
    const metrics = list(parsed, "metric").map((text, i) => {
      const match = METRIC.exec(text.trim());
      if (!match) throw new CliError(`--metric #${i + 1}: ${JSON.stringify(text)} is not ATTESTOR:METRIC>=N or ATTESTOR:METRIC<=N`);
      return {
        attestor: match[1] as `0x${string}`,
        metric: sdk.metricId(match[2]!),
        comparison: match[3] === ">=" ? sdk.Comparison.AtLeast : sdk.Comparison.AtMost,
        threshold: BigInt(match[4]!),
      };
    });
    const rating = str(parsed, "min-rating");
    if (rating !== undefined && !/^[0-5](\.[0-9]{1,2})?$/.test(rating)) throw new CliError(`--min-rating: ${JSON.stringify(rating)} is not a rating from 0 to 5`);
    const floors: sdk.Floors = {
      minCompleted: checkCount("--min-completed", str(parsed, "min-completed") ?? "0"),
      minVolume: str(parsed, "min-volume") === undefined ? 0n : parseAmount("--min-volume", str(parsed, "min-volume")!, token),
      maxLossShareBps: parseBps("--max-loss-share", str(parsed, "max-loss-share") ?? "100%"),
      maxClawbackShareBps: parseBps("--max-clawback-share", str(parsed, "max-clawback-share") ?? "100%"),
      minAvgRating: rating === undefined ? 0 : Math.round(Number(rating) * 100),
      minRatings: checkCount("--min-ratings", str(parsed, "min-ratings") ?? "0"),
      bondBps: parseBps("--bond", str(parsed, "bond") ?? "0%"),
      metrics,
    };
    const now = await ctx.now();
    const params: sdk.RFQParams = {
      escrow,
      token: token.address,
      maxPrice,
      bidDeadline: now + duration("bid-window", "1d"),
      awardWindow: mode === sdk.AwardMode.BuyerChoice ? duration("award-window", "1d") : mode === sdk.AwardMode.SealedLowestPrice ? duration("reveal-window", "1d") : 0,
      deliveryWindow,
      reviewWindow,
      mode,
      arbitrator,
      arbitratorTermsId,
      defaultBuyerShareBps,
      warranty,
      category,
      floors,
      spec,
    };
    inOptionTerms(OPTION_NAMES, () => sdk.checkRFQ(params, now));
    const t = await ctx.tender();
    const receipt = await send(ctx, "Posting the RFQ", () => (milestones ? t.postRFQInMilestones({ ...params, milestones }) : t.postRFQ(params)));
    const jobId = await t.waitForJobId(receipt.transactionHash);
    return {
      data: { jobId, kind: "rfq", arbitratorTermsId, mode: modeName, category, token: token.address, maxPrice, bidDeadline: params.bidDeadline, floors, warranty: warranty ?? sdk.NO_WARRANTY, milestones: milestones ?? null, transactionHash: receipt.transactionHash },
      lines: [
        `Posted job ${jobId}: an RFQ in ${category}, ${modeName === "choice" ? "you pick the winner" : modeName === "sealed" ? "sealed bids, the lowest revealed wins" : "the lowest qualified bid wins"}, up to ${formatAmount(maxPrice, token)} (escrowed).`,
        `Bids close ${formatTime(params.bidDeadline, now)}.${mode === sdk.AwardMode.SealedLowestPrice ? ` Reveals close ${formatTime(params.bidDeadline + params.awardWindow, now)}; an unrevealed bid's bond comes to you.` : ""}${floors.bondBps ? ` Bidders post a ${floors.bondBps / 100}% bond.` : ""}`,
        ...scheduleLine,
        ...heldLine,
        termsLine,
      ],
    };
  },
});
