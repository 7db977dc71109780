// A supplier's reputation score, 0–100, from its on-chain record and its ratings. Pure: no database, no Ponder, so
// tests and other programs can compute the same number. The formula is documented in indexer/README.md.

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

export function reputation(input: ReputationInput): Reputation {
  const rating = (PRIOR_WEIGHT * PRIOR_MEAN + input.ratingWeightedSum) / (PRIOR_WEIGHT + input.ratingWeight);
  const parts = {
    rating: (rating - 1) / 4,
    // Laplace-smoothed: a newcomer sits at ½, every job moves it.
    completion: (input.completed + 1) / (input.won + 2),
    onTime: (input.onTimeDeliveries + 1) / (input.onTimeDeliveries + input.missedDeadlines + 2),
    // Share of the jobs it took that it lost in a dispute (a newcomer has lost none).
    disputes: 1 - input.disputesLost / (input.won + 1),
  };
  const score =
    100 *
    (WEIGHTS.rating * parts.rating +
      WEIGHTS.completion * parts.completion +
      WEIGHTS.onTime * parts.onTime +
      WEIGHTS.disputes * parts.disputes);
  const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
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
