// A supplier's agent card (the URI it registered with `registerSupplier(uri)`), fetched and cached on the server,
// safely: the URI is the supplier's to choose, so it may point anywhere, serve anything or never answer.
//
// - `https:` only; plain `http:` only to a loopback address and only when local HTTP is allowed explicitly
//   (`allowLocalHttp`, or TENDER_AGENT_CARDS_LOCAL_HTTP=1 for the development stack and the tests);
// - the host is resolved first (node:dns, every address) and refused when any address is private, loopback (unless
//   local HTTP is allowed), link-local, multicast or otherwise reserved; the connection then goes to the checked
//   address itself (a pinned `lookup`), so a second resolution cannot swap it;
// - redirects are followed by hand, each hop checked again, at most `maxRedirects`;
// - at most `maxBytes` of body and `timeoutMs` in all (resolution, connection, every hop);
// - `data:` URIs are decoded here, under the same size limit;
// - the card's content is JSON whose name, endpoint and description become short plain strings: nothing of it is
//   ever rendered as HTML, and a broken card is an error value, never a thrown error.
import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { BlockList, isIP } from "node:net";
import http from "node:http";
import https from "node:https";

export interface AgentCard {
  /** The supplier's claim: show its address beside it. */
  name: string | null;
  endpoint: string | null;
  description: string | null;
}

export type CardResult = { ok: true; card: AgentCard } | { ok: false; error: string };

export interface CardOptions {
  /** Plain http to loopback addresses, and loopback addresses at all (development and tests only). */
  allowLocalHttp?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Name resolution (tests may swap it); every address it returns is checked. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

export const CARD_LIMITS = { maxBytes: 64 * 1024, timeoutMs: 3_000, maxRedirects: 3, name: 80, endpoint: 200, description: 280 } as const;

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24],
  ["192.0.2.0", 24], ["192.88.99.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24],
  ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 96], ["64:ff9b::", 96], ["64:ff9b:1::", 48], ["100::", 64], ["2001::", 23], ["2001:db8::", 32], ["2002::", 16],
  ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
] as const) blocked.addSubnet(net, prefix, "ipv6");
const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** An IPv4 address written as IPv6 (::ffff:a.b.c.d or ::ffff:hhhh:hhhh) as IPv4; anything else unchanged. */
function unmap(address: string): string {
  const a = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (hex) {
    const hi = parseInt(hex[1]!, 16), lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return address;
}

/** Why an address may not be reached, or null when it may. */
export function addressProblem(address: string, allowLoopback: boolean): string | null {
  const a = unmap(address);
  const family = isIP(a) === 4 ? "ipv4" : isIP(a) === 6 ? "ipv6" : null;
  if (!family) return `${address} is not an IP address`;
  if (loopback.check(a, family)) return allowLoopback ? null : `${address} is a loopback address`;
  if (blocked.check(a, family)) return `${address} is a private, link-local or reserved address`;
  return null;
}

class CardError extends Error {}

const clean = (value: unknown, max: number): string | null => {
  if (typeof value !== "string") return null;
  // Control and bidirectional-override characters out, whitespace folded; then the cap.
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, " ").replace(/\s+/g, " ").trim();
  if (text === "") return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** The card's fields as plain, capped strings; the endpoint only when it is an http(s) URL. */
export function parseCard(text: string): AgentCard {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CardError("the card is not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new CardError("the card is not a JSON object");
  const card = json as Record<string, unknown>;
  const endpoints = Array.isArray(card.endpoints) ? card.endpoints : [];
  const firstEndpoint = endpoints.find((e): e is { endpoint: unknown } => typeof e === "object" && e !== null && "endpoint" in e);
  const rawEndpoint = clean(card.endpoint, 2_048) ?? clean(card.url, 2_048) ?? clean(firstEndpoint?.endpoint, 2_048);
  let endpoint: string | null = null;
  if (rawEndpoint) {
    try {
      const url = new URL(rawEndpoint);
      if (url.protocol === "https:" || url.protocol === "http:") endpoint = clean(url.href, CARD_LIMITS.endpoint);
    } catch {
      endpoint = null;
    }
  }
  return { name: clean(card.name, CARD_LIMITS.name), endpoint, description: clean(card.description, CARD_LIMITS.description) };
}

function decodeDataUri(uri: string, maxBytes: number): string {
  if (uri.length > Math.ceil((maxBytes * 4) / 3) + 1_024) throw new CardError(`the data: URI is larger than ${maxBytes} bytes`);
  const comma = uri.indexOf(",");
  if (comma < 0) throw new CardError("the data: URI has no comma");
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  let bytes: Buffer;
  if (/;base64$/i.test(meta)) bytes = Buffer.from(payload, "base64");
  else {
    try {
      bytes = Buffer.from(decodeURIComponent(payload), "utf8");
    } catch {
      throw new CardError("the data: URI is not well encoded");
    }
  }
  if (bytes.length > maxBytes) throw new CardError(`the card is larger than ${maxBytes} bytes`);
  return bytes.toString("utf8");
}

interface Hop {
  status: number;
  location?: string;
  body?: string;
}

async function fetchOnce(url: URL, options: Required<CardOptions>, deadline: number): Promise<Hop> {
  const local = options.allowLocalHttp;
  if (url.protocol === "http:" && !local) throw new CardError("only https: card URIs are fetched");
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new CardError(`${url.protocol} card URIs are not fetched`);
  if (url.username || url.password) throw new CardError("card URIs with credentials are not fetched");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const left = () => deadline - Date.now();
  const within = <T,>(promise: Promise<T>) =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new CardError(`no answer within ${options.timeoutMs} ms`)), Math.max(0, left())).unref())]);

  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await within(options.resolve(host));
    } catch (error) {
      if (error instanceof CardError) throw error;
      throw new CardError(`${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new CardError(`${host} does not resolve`);
  for (const { address } of addresses) {
    const problem = addressProblem(address, local);
    if (problem) throw new CardError(`${host}: ${problem}`);
  }
  // Plain http only to loopback (every address of the host is loopback).
  if (url.protocol === "http:" && addresses.some(({ address }) => addressProblem(address, false) === null)) {
    throw new CardError("plain http: is fetched only from a loopback address");
  }
  const pinned = addresses[0]!;
  const lookup: LookupFunction = (_name, opts, callback) => {
    if (opts && (opts as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

  return within(
    new Promise<Hop>((resolve, reject) => {
      const client = url.protocol === "https:" ? https : http;
      const request = client.request(
        url,
        { method: "GET", lookup, headers: { accept: "application/json", "user-agent": "tender-web/agent-card" }, agent: false },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400) {
            response.resume();
            resolve({ status, location: response.headers.location });
            request.destroy();
            return;
          }
          if (status !== 200) {
            response.resume();
            request.destroy();
            reject(new CardError(`the card's server answered ${status}`));
            return;
          }
          const declared = Number(response.headers["content-length"] ?? 0);
          if (declared > options.maxBytes) {
            request.destroy();
            reject(new CardError(`the card is larger than ${options.maxBytes} bytes`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > options.maxBytes) {
              request.destroy();
              reject(new CardError(`the card is larger than ${options.maxBytes} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on("end", () => resolve({ status, body: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", () => reject(new CardError("the card's server broke off")));
        },
      );
      request.on("error", (error) => reject(error instanceof CardError ? error : new CardError(`the card's server is not reachable (${(error as NodeJS.ErrnoException).code ?? "error"})`)));
      setTimeout(() => request.destroy(), Math.max(0, left())).unref();
      request.end();
    }),
  );
}

const defaultResolve = (host: string) => dnsLookup(host, { all: true, verbatim: true });

/** Fetches and reads one card; never throws. */
export async function fetchAgentCard(uri: string, opts: CardOptions = {}): Promise<CardResult> {
  const options: Required<CardOptions> = {
    allowLocalHttp: opts.allowLocalHttp ?? false,
    maxBytes: opts.maxBytes ?? CARD_LIMITS.maxBytes,
    timeoutMs: opts.timeoutMs ?? CARD_LIMITS.timeoutMs,
    maxRedirects: opts.maxRedirects ?? CARD_LIMITS.maxRedirects,
    resolve: opts.resolve ?? defaultResolve,
  };
  try {
    if (typeof uri !== "string" || uri.trim() === "") throw new CardError("no card URI");
    if (/^data:/i.test(uri)) return { ok: true, card: parseCard(decodeDataUri(uri, options.maxBytes)) };
    if (uri.length > 2_048) throw new CardError("the card URI is too long");
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new CardError("the card URI is not a URL");
    }
    const deadline = Date.now() + options.timeoutMs;
    for (let hop = 0; ; hop++) {
      const answer = await fetchOnce(url, options, deadline);
      if (answer.body !== undefined) return { ok: true, card: parseCard(answer.body) };
      if (hop >= options.maxRedirects) throw new CardError(`more than ${options.maxRedirects} redirects`);
      if (!answer.location) throw new CardError(`a redirect (${answer.status}) without a location`);
      try {
        url = new URL(answer.location, url);
      } catch {
        throw new CardError("a redirect to something that is not a URL");
      }
    }
  } catch (error) {
    return { ok: false, error: error instanceof CardError ? error.message : "the card could not be read" };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server's cache: a card per URI, 5 minutes when read, 1 minute when not; at most 500 URIs.

const TTL_OK = 5 * 60_000, TTL_FAILED = 60_000, MAX_ENTRIES = 500;
const cache = new Map<string, { until: number; result: Promise<CardResult> }>();

/** Whether plain http to loopback is allowed: TENDER_AGENT_CARDS_LOCAL_HTTP=1 (development stack, tests). */
export const localHttpAllowed = () => process.env["TENDER_AGENT_CARDS_LOCAL_HTTP"]?.trim() === "1";

export function agentCard(uri: string | null | undefined): Promise<CardResult> {
  if (!uri) return Promise.resolve({ ok: false, error: "no card registered" });
  const now = Date.now();
  const hit = cache.get(uri);
  if (hit && hit.until > now) return hit.result;
  const result = fetchAgentCard(uri, { allowLocalHttp: localHttpAllowed() });
  const entry = { until: now + TTL_OK, result };
  cache.set(uri, entry);
  void result.then((r) => {
    if (!r.ok) entry.until = Date.now() + TTL_FAILED;
  });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return result;
}

/** The cards of several URIs at once (in parallel), by URI. */
export async function agentCards(uris: readonly (string | null | undefined)[]): Promise<Map<string, CardResult>> {
  const unique = [...new Set(uris.filter((u): u is string => !!u))];
  const results = await Promise.all(unique.map((u) => agentCard(u)));
  return new Map(unique.map((u, i) => [u, results[i]!]));
}
