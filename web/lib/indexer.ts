// The indexer's REST API, read on the server (indexer/README.md). Every read is fresh: the market moves with each
// block, and the pages are rendered per request.
import "server-only";
import type { Arbitrator, ArbitratorDisputes, BuyerProfile, JobDetail, JobsPage, Market, PriceSeries, SupplierProfile } from "./api-types.ts";
import { publicConfig } from "./config.ts";

/** The indexer answered with an error (`status` 400 or 404 carry its sentence), or could not be reached (0). */
export class IndexerError extends Error {
  override name = "IndexerError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** How long one read may take: a hung indexer must not hold a page for long (the page then says the data is
 * unavailable; lib/health.ts answers 503 for the whole page when the indexer does not answer at all). */
export const INDEXER_TIMEOUT_MS = 3_000;

async function get<T>(path: string, params?: Record<string, string | undefined>): Promise<T> {
  const base = publicConfig().indexerUrl;
  const url = new URL(path, `${base}/`);
  for (const [key, value] of Object.entries(params ?? {})) if (value !== undefined && value !== "") url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(url, { cache: "no-store", signal: AbortSignal.timeout(INDEXER_TIMEOUT_MS) });
  } catch (error) {
    throw new IndexerError(
      0,
      (error as Error).name === "TimeoutError"
        ? `The indexer at ${base} did not answer within ${INDEXER_TIMEOUT_MS / 1000} s: the data is unavailable for now. Is it stuck or restarting?`
        : `The indexer at ${base} is not reachable: the data is unavailable for now. Is it running (npm start)?`,
    );
  }
  // The body too must arrive in time: the same signal's deadline covers it (a stalled body is a timeout).
  const body = (await response.json().catch(() => null)) as ({ error?: string } & T) | null;
  if (!response.ok) {
    throw new IndexerError(response.status, body?.error ?? `The indexer answered ${response.status} for ${url.pathname}.`);
  }
  if (body === null) throw new IndexerError(response.status, `The indexer's answer for ${url.pathname} is not JSON.`);
  return body;
}

export interface JobsQuery {
  status?: string;
  category?: string;
  token?: string;
  minPrice?: string;
  maxPrice?: string;
  kind?: string;
  sort?: string;
  limit?: string;
  cursor?: string;
  buyer?: string;
  supplier?: string;
  qualifiedFor?: string;
}

export const getJobs = (query: JobsQuery) => get<JobsPage>("api/jobs", { ...query });
export const getJob = (id: string) => get<JobDetail>(`api/jobs/${encodeURIComponent(id)}`);
export const getMarkets = () => get<{ markets: Market[] }>("api/markets").then((r) => r.markets);
export const getPrices = (category: string, limit = 200) =>
  get<PriceSeries>(`api/markets/${encodeURIComponent(category)}/prices`, { limit: String(limit) });
export const getSupplier = (address: string, limit = 50) =>
  get<SupplierProfile>(`api/suppliers/${encodeURIComponent(address)}`, { limit: String(limit) });
/** The registry's arbitrators (by default only those taking new jobs), active first, then by disputes handled. */
export const getArbitrators = ({ active = true }: { active?: boolean } = {}) =>
  get<{ items: Arbitrator[] }>("api/arbitrators", { active: active ? "true" : undefined }).then((r) => r.items);
export const getBuyer = (address: string, limit = 50) => get<BuyerProfile>(`api/buyers/${encodeURIComponent(address)}`, { limit: String(limit) });
export const getArbitratorDisputes = (address: string) => get<ArbitratorDisputes>(`api/arbitrators/${encodeURIComponent(address)}/disputes`);
