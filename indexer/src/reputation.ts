// A supplier's and a buyer's reputation score, 0–100, from the record the handlers keep and its ratings. Pure: no
// database, no Ponder, so the handlers (addRating), the API, the tests and the web (the weights it shows, as
// `@tender/indexer/reputation`) compute with the same numbers. The formula is documented in indexer/README.md.

/** Half-life of a rating's weight: a rating this old counts half as much as one given now. */
export const RATING_HALF_LIFE_SECONDS = 90 * 86_400;
/** The Bayesian prior of the rating average: PRIOR_WEIGHT pseudo-ratings of PRIOR_MEAN stars. */
export const PRIOR_MEAN = 3;
export const PRIOR_WEIGHT = 3;
/** How much each part counts (they sum to 1). */
export const WEIGHTS = { rating: 0.4, completion: 0.25, onTime: 0.2, disputes: 0.15 } as const;

export interface ReputationInput {
  /** Mirrors of the escrow's supplierRecord. */
  won: number;
  completed: number;
  disputesLost: number;
  /** Mirror of the escrow's claimRecord: held payments clawed back under warranty (agreed to, unanswered, or
   * ruled above 5,000 bps to the buyer). */
  clawedBack: number;
  /** The indexer's: deliveries (all on time: the escrow refuses late ones) and awarded jobs left undelivered. */
  onTimeDeliveries: number;
  missedDeadlines: number;
  /** Σ weight and Σ weight × stars over the supplier's ratings, weight = ½^(age / half-life). */
  ratingWeight: number;
  ratingWeightedSum: number;
}

export interface Reputation {
  /** 0–100, one decimal. */
  score: number;
  /** The recency-weighted Bayesian average rating, 1–5. */
  rating: number;
  /** Each part in 0–1, before weighting. */
  parts: { rating: number; completion: number; onTime: number; disputes: number };
}

/** The weight of a rating given at `timestamp`, seen at `now` (both Unix seconds). */
export function ratingWeight(timestamp: number, now: number): number {
  return 0.5 ** (Math.max(0, now - timestamp) / RATING_HALF_LIFE_SECONDS);
}

/** A supplier's ratings as the indexer keeps them (per supplier, and per supplier and category): the recency
 * weights as of its latest rating, so that neither a request nor a new rating has to look at the older ones. */
export interface RatingState {
  /** Σ ½^((lastRatedAt − tᵢ) / half-life) over its ratings. */
  ratingWeight: number;
  /** Σ ½^((lastRatedAt − tᵢ) / half-life) × starsᵢ. */
  ratingWeightedSum: number;
  /** When its latest rating was given (Unix seconds), null before the first. */
  lastRatedAt: number | null;
}

/** The state after one more rating of `stars` given at `at`: the sums decayed from the previous rating to `at`,
 * plus the new rating at full weight. */
export function addRating(state: RatingState, stars: number, at: number): RatingState {
  const decay = state.lastRatedAt === null ? 0 : ratingWeight(state.lastRatedAt, at);
  return {
    ratingWeight: state.ratingWeight * decay + 1,
    ratingWeightedSum: state.ratingWeightedSum * decay + stars,
    lastRatedAt: state.lastRatedAt === null ? at : Math.max(at, state.lastRatedAt),
  };
}

/** Σ wᵢ and Σ wᵢ × starsᵢ with wᵢ = ½^((now − tᵢ) / half-life): the kept sums decayed from the latest rating to
 * `now` in one step (½^(a+b) = ½^a × ½^b). */
export function ratingSumsAt(state: RatingState, now: number): Pick<ReputationInput, "ratingWeight" | "ratingWeightedSum"> {
  if (state.lastRatedAt === null) return { ratingWeight: 0, ratingWeightedSum: 0 };
  const decay = ratingWeight(state.lastRatedAt, now);
  return { ratingWeight: state.ratingWeight * decay, ratingWeightedSum: state.ratingWeightedSum * decay };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function reputation(input: ReputationInput): Reputation {
  const rating = (PRIOR_WEIGHT * PRIOR_MEAN + input.ratingWeightedSum) / (PRIOR_WEIGHT + input.ratingWeight);
  const parts = {
    rating: (rating - 1) / 4,
    // Laplace-smoothed: a newcomer sits at ½, every job moves it.
    completion: (input.completed + 1) / (input.won + 2),
    onTime: (input.onTimeDeliveries + 1) / (input.onTimeDeliveries + input.missedDeadlines + 2),
    // Share of the jobs it took that it lost in a dispute or had clawed back under warranty (a newcomer has lost
    // none); never below 0 (a job paid in several payments can face a claim on each).
    disputes: Math.max(0, 1 - (input.disputesLost + input.clawedBack) / (input.won + 1)),
  };
  const score =
    100 *
    (WEIGHTS.rating * parts.rating +
      WEIGHTS.completion * parts.completion +
      WEIGHTS.onTime * parts.onTime +
      WEIGHTS.disputes * parts.disputes);
  return {
    score: round(score, 1),
    rating: round(rating, 3),
    parts: {
      rating: round(parts.rating, 4),
      completion: round(parts.completion, 4),
      onTime: round(parts.onTime, 4),
      disputes: round(parts.disputes, 4),
    },
  };
}

/** A supplier with no record and no rating: every part at its prior. */
export const NEWCOMER: Reputation = reputation({
  won: 0,
  completed: 0,
  disputesLost: 0,
  clawedBack: 0,
  onTimeDeliveries: 0,
  missedDeadlines: 0,
  ratingWeight: 0,
  ratingWeightedSum: 0,
});

// ---------------------------------------------------------------------------------------------------------------
// Buyers

/** How much each part of a buyer's score counts (they sum to 1). */
export const BUYER_WEIGHTS = { payment: 0.5, disputes: 0.3, cancellations: 0.2 } as const;

export interface BuyerInput {
  /** Mirrors of the escrow's buyerRecord. */
  posted: number;
  paid: number;
  disputesLost: number;
  /** Warranty claims it filed that were ruled below 5,000 bps to it. */
  claimsLost: number;
  /** The indexer's: its jobs that ended in a settlement (each after a delivery), and RFQs it cancelled (or that
   * were cancelled as lapsed) while they held bids. */
  settled: number;
  cancelledWithBids: number;
}

export interface BuyerReputation {
  /** 0–100, one decimal. */
  score: number;
  /** Each part in 0–1, before weighting. */
  parts: { payment: number; disputes: number; cancellations: number };
}

export function buyerReputation(input: BuyerInput): BuyerReputation {
  const parts = {
    // Delivered jobs whose supplier got paid, Laplace-smoothed.
    payment: (input.paid + 1) / (input.settled + 2),
    // Disputes and warranty claims it lost, per delivered job (a newcomer has lost none); never below 0.
    disputes: Math.max(0, 1 - (input.disputesLost + input.claimsLost) / (input.settled + 1)),
    // RFQs it walked away from after suppliers had bid, per job posted.
    cancellations: 1 - input.cancelledWithBids / (input.posted + 1),
  };
  const score =
    100 * (BUYER_WEIGHTS.payment * parts.payment + BUYER_WEIGHTS.disputes * parts.disputes + BUYER_WEIGHTS.cancellations * parts.cancellations);
  return {
    score: round(score, 1),
    parts: { payment: round(parts.payment, 4), disputes: round(parts.disputes, 4), cancellations: round(parts.cancellations, 4) },
  };
}
