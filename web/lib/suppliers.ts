// The suppliers page's and the bid table's reads from the indexer: the leaderboard (sorted, filtered) and, for each
// bidder, its score and agent card. Server only.
import "server-only";
import type { BidderInfo } from "../components/BidsTable.tsx";
import type { Leaderboard, SupplierProfile } from "./api-types.ts";
import { type CardResult, agentCard, agentCards } from "./agent-card.ts";
import { publicConfig } from "./config.ts";

export { SUPPLIER_SORTS, type SupplierSort } from "../components/SuppliersTable.tsx";

async function getJson<T>(path: string, params: Record<string, string | undefined>): Promise<T> {
  const base = publicConfig().indexerUrl;
  const url = new URL(path, `${base}/`);
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "") url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", signal: AbortSignal.timeout(10_000) });
  } catch {
    throw new Error(`The indexer at ${base} is not reachable. Is it running (npm start)?`);
  }
  const body = (await response.json().catch(() => null)) as ({ error?: string } & T) | null;
  if (!response.ok || body === null) throw Object.assign(new Error(body?.error ?? `The indexer answered ${response.status} for ${url.pathname}.`), { status: response.status });
  return body;
}

export interface LeaderboardQuery {
  category?: string;
  sort?: string;
  token?: string;
  metric?: string;
  limit?: string;
}

/** Every known supplier (minJobs=0: registered or seen, even before a first job), ranked as asked. */
export const getLeaderboard = (q: LeaderboardQuery) => getJson<Leaderboard>("api/leaderboard", { minJobs: "0", limit: "100", ...q });


/** Each bidder's card and score (one indexer read per bidder, in parallel; at most 50); a failed read is a blank. */
export async function bidderInfo(addresses: readonly string[], categoryId: string | null): Promise<Record<string, BidderInfo>> {
  const unique = [...new Set(addresses.map((a) => a.toLowerCase()))].slice(0, 50);
  const profiles = await Promise.all(
    unique.map((a) => getJson<SupplierProfile>(`api/suppliers/${a}`, { limit: "1" }).catch(() => null)),
  );
  const cards = await agentCards(profiles.map((p) => p?.profile.profileUri));
  const out: Record<string, BidderInfo> = {};
  unique.forEach((address, i) => {
    const p = profiles[i];
    const card = p?.profile.profileUri ? cards.get(p.profile.profileUri) : undefined;
    out[address] = {
      name: card?.ok ? card.card.name : null,
      score: p ? p.reputation.score : null,
      categoryScore: p && categoryId ? (p.categories.find((c) => c.categoryId.toLowerCase() === categoryId.toLowerCase())?.reputation.score ?? null) : null,
    };
  });
  return out;
}

export { agentCard, agentCards, type CardResult };
