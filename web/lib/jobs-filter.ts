// The open-jobs filter: what the URL says (/jobs?category=code&token=ETH&min=0.1&max=2&sort=price_asc&for=0x…&cursor=…),
// checked the same way by the form before it navigates and by the page before it asks the indexer. Budgets are
// written in token units and become base units only here, with the chosen token's decimals.
import { type Parsed, type TokenInfo, parseAmount } from "./format.ts";

export const SORTS = [
  { value: "newest", label: "Newest first" },
  { value: "oldest", label: "Oldest first" },
  { value: "price_asc", label: "Budget: low to high" },
  { value: "price_desc", label: "Budget: high to low" },
  { value: "deadline", label: "Closing soonest" },
] as const;
export type SortValue = (typeof SORTS)[number]["value"];

/** The filter as typed: every field a string ("" = not set). */
export interface FilterValues {
  category: string;
  token: string;
  min: string;
  max: string;
  sort: string;
  /** "Jobs I qualify for": a supplier's address (the connected wallet's); only RFQs whose floors it meets now. */
  qualifiedFor: string;
}

export const EMPTY_FILTER: FilterValues = { category: "", token: "", min: "", max: "", sort: "newest", qualifiedFor: "" };

export type FilterErrors = Partial<Record<keyof FilterValues, string>>;

/** The indexer's /api/jobs parameters for a valid filter. */
export interface IndexerJobsQuery {
  status: "open";
  category?: string;
  token?: string;
  minPrice?: string;
  maxPrice?: string;
  qualifiedFor?: string;
  sort: SortValue;
}

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function param(params: SearchParams, name: string): string {
  const value = params instanceof URLSearchParams ? params.get(name) ?? undefined : params[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

export function valuesFromParams(params: SearchParams): FilterValues {
  return {
    category: param(params, "category"),
    token: param(params, "token"),
    min: param(params, "min"),
    max: param(params, "max"),
    sort: param(params, "sort") || "newest",
    qualifiedFor: param(params, "for"),
  };
}

/** The token a filter names: "ETH" or an address among the known tokens (case-insensitive). */
export function findToken(value: string, tokens: readonly TokenInfo[]): TokenInfo | undefined {
  if (value === "") return undefined;
  const v = value.toLowerCase();
  return tokens.find((t) => t.symbol.toLowerCase() === v || t.address.toLowerCase() === v);
}

/** The token's value in the URL: "ETH" for ether, its address otherwise. */
export const tokenParam = (token: TokenInfo): string => (token.symbol === "ETH" && /^0x0{40}$/.test(token.address) ? "ETH" : token.address);

/** Checks a filter; on success the indexer query, on failure one sentence per bad field. */
export function checkFilter(values: FilterValues, tokens: readonly TokenInfo[]): Parsed<IndexerJobsQuery> & { errors?: FilterErrors } {
  const errors: FilterErrors = {};
  if (!SORTS.some((s) => s.value === values.sort)) errors.sort = `"${values.sort}" is not a sort order`;
  if (values.category.length > 64) errors.category = "A category name has at most 64 characters";
  const token = findToken(values.token, tokens);
  if (values.token !== "" && !token) errors.token = `"${values.token}" is not a token this market uses`;
  let min: bigint | undefined;
  let max: bigint | undefined;
  for (const field of ["min", "max"] as const) {
    if (values[field] === "") continue;
    if (!token) {
      if (!errors.token) errors[field] = "Choose a token first: budgets in different tokens do not compare";
      continue;
    }
    const parsed = parseAmount(values[field], token);
    if (!parsed.ok) errors[field] = parsed.error;
    else if (field === "min") min = parsed.value;
    else max = parsed.value;
  }
  if (min !== undefined && max !== undefined && min > max) errors.max = "The largest budget is below the smallest";
  if (values.qualifiedFor !== "" && !/^0x[0-9a-fA-F]{40}$/.test(values.qualifiedFor)) {
    errors.qualifiedFor = `"${values.qualifiedFor}" is not an address (0x and 40 hex digits)`;
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, error: Object.values(errors)[0]!, errors };
  }
  return {
    ok: true,
    value: {
      status: "open",
      ...(values.category ? { category: values.category } : {}),
      ...(token ? { token: tokenParam(token) } : {}),
      ...(min !== undefined ? { minPrice: min.toString() } : {}),
      ...(max !== undefined ? { maxPrice: max.toString() } : {}),
      ...(values.qualifiedFor ? { qualifiedFor: values.qualifiedFor.toLowerCase() } : {}),
      sort: values.sort as SortValue,
    },
  };
}

/** /jobs with the filter's non-empty fields (and a cursor, for the next page). */
export function filterHref(values: FilterValues, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (values.category) params.set("category", values.category);
  if (values.token) params.set("token", values.token);
  if (values.min) params.set("min", values.min);
  if (values.max) params.set("max", values.max);
  if (values.sort && values.sort !== "newest") params.set("sort", values.sort);
  if (values.qualifiedFor) params.set("for", values.qualifiedFor);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `/jobs?${query}` : "/jobs";
}
