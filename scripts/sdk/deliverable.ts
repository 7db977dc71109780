// Deliverables: the bytes a supplier hands over, their keccak256 (what `deliver` puts on-chain) and a URI anyone can
// fetch them from. encodeDeliverable makes a self-contained data: URI, so no server is needed; fetchDeliverable reads
// data:, file:, http(s): (and ipfs: through a gateway) with a size cap.
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { type Hash, keccak256 } from "viem";

/** The largest deliverable encodeDeliverable inlines by default (the data: URI goes into the delivery's calldata and
 * event, about 1.4 bytes per byte; larger work belongs on a server or IPFS). */
export const MAX_INLINE_BYTES = 32 * 1024;
/** The largest deliverable fetchDeliverable reads by default. */
export const MAX_FETCH_BYTES = 1024 * 1024;

export interface EncodedDeliverable {
  /** keccak256 of `bytes`: the deliverableHash to deliver. */
  hash: Hash;
  /** data:<mediaType>;base64,<bytes> */
  uri: string;
  bytes: Uint8Array;
}

const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*( *;[^,]*)?$/;

/** keccak256 of a deliverable's bytes. */
export function deliverableHash(bytes: Uint8Array): Hash {
  return keccak256(bytes);
}

/** The bytes of a text or binary deliverable, their hash, and a data: URI holding them. Text content is UTF-8, and a
 * text/* media type without a charset gets ";charset=utf-8". */
export function encodeDeliverable(
  content: string | Uint8Array,
  mediaType: string,
  { maxBytes = MAX_INLINE_BYTES }: { maxBytes?: number } = {},
): EncodedDeliverable {
  if (!MEDIA_TYPE.test(mediaType)) throw new Error(`${JSON.stringify(mediaType)} is not a media type such as text/plain`);
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : Uint8Array.from(content);
  if (bytes.length > maxBytes) {
    throw new Error(`the deliverable is ${bytes.length} bytes; at most ${maxBytes} go inline in a data: URI (host it and deliver its URL)`);
  }
  const type = typeof content === "string" && /^text\//i.test(mediaType) && !/;\s*charset=/i.test(mediaType)
    ? `${mediaType};charset=utf-8`
    : mediaType;
  return { hash: deliverableHash(bytes), uri: `data:${type};base64,${Buffer.from(bytes).toString("base64")}`, bytes };
}

/** Whether `bytes` are the deliverable `hash` names (keccak256). */
export function checkDeliverable(bytes: Uint8Array, hash: string): boolean {
  return deliverableHash(bytes).toLowerCase() === hash.toLowerCase();
}

/** A data: URI's media type and bytes (RFC 2397: base64 or percent-encoded). */
export function decodeDataUri(uri: string, { maxBytes = MAX_FETCH_BYTES }: { maxBytes?: number } = {}): { mediaType: string; bytes: Uint8Array } {
  if (!/^data:/i.test(uri)) throw new Error("not a data: URI");
  const comma = uri.indexOf(",");
  if (comma < 0) throw new Error("a data: URI needs a comma before its data");
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  const base64 = /;base64$/i.test(meta);
  const mediaType = (base64 ? meta.slice(0, -7) : meta) || "text/plain;charset=US-ASCII";
  const estimate = base64 ? Math.floor((payload.length * 3) / 4) - 2 : payload.length / 3;
  if (estimate > maxBytes) throw new Error(`the data: URI holds more than ${maxBytes} bytes`);
  let bytes: Uint8Array;
  if (base64) {
    const clean = payload.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, "").length % 4 === 1) throw new Error("the data: URI's base64 is malformed");
    bytes = new Uint8Array(Buffer.from(clean, "base64"));
  } else {
    const out: number[] = [];
    const encoder = new TextEncoder();
    for (let i = 0; i < payload.length; i++) {
      if (payload[i] === "%" && /^[0-9A-Fa-f]{2}$/.test(payload.slice(i + 1, i + 3))) {
        out.push(parseInt(payload.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        const code = payload.codePointAt(i)!;
        const char = String.fromCodePoint(code);
        out.push(...encoder.encode(char));
        i += char.length - 1;
      }
    }
    bytes = Uint8Array.from(out);
  }
  if (bytes.length > maxBytes) throw new Error(`the data: URI holds ${bytes.length} bytes; at most ${maxBytes}`);
  return { mediaType, bytes };
}

export interface FetchOptions {
  /** Largest deliverable to read (default 1 MiB). */
  maxBytes?: number;
  /** For http(s) and ipfs (default 15 s). */
  timeoutMs?: number;
  /** The URI schemes allowed, without the colon (default: data, file, http, https, ipfs). */
  schemes?: readonly string[];
  /** A gateway for ipfs:// URIs, e.g. "https://ipfs.io" (ipfs://<cid>/<path> → <gateway>/ipfs/<cid>/<path>). */
  ipfsGateway?: string;
}

export const DEFAULT_SCHEMES: readonly string[] = ["data", "file", "http", "https", "ipfs"];

/** A deliverable's bytes from its URI: data:, file:, http:, https:, or ipfs: through `ipfsGateway`. Throws when the
 * scheme is not allowed, the fetch fails, or the deliverable is larger than `maxBytes`. */
export async function fetchDeliverable(uri: string, options: FetchOptions = {}): Promise<Uint8Array> {
  const { maxBytes = MAX_FETCH_BYTES, timeoutMs = 15_000, schemes = DEFAULT_SCHEMES } = options;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
  if (!scheme) throw new Error(`${shorten(uri)} is not a URI`);
  if (!schemes.includes(scheme)) throw new Error(`${scheme}: URIs are not fetched here (allowed: ${schemes.join(", ")})`);
  switch (scheme) {
    case "data":
      return decodeDataUri(uri, { maxBytes }).bytes;
    case "file": {
      const path = fileURLToPath(uri);
      const info = await stat(path);
      if (!info.isFile()) throw new Error(`${path} is not a file`);
      if (info.size > maxBytes) throw new Error(`${path} is ${info.size} bytes; at most ${maxBytes}`);
      return new Uint8Array(await readFile(path));
    }
    case "http":
    case "https":
      return fetchHttp(uri, maxBytes, timeoutMs);
    case "ipfs": {
      if (!options.ipfsGateway) throw new Error("ipfs: URIs need an ipfsGateway to be fetched");
      const rest = uri.replace(/^ipfs:\/\/(ipfs\/)?/i, "");
      return fetchHttp(`${options.ipfsGateway.replace(/\/+$/, "")}/ipfs/${rest}`, maxBytes, timeoutMs);
    }
    default:
      throw new Error(`${scheme}: URIs cannot be fetched`);
  }
}

async function fetchHttp(url: string, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  if (!response.ok) throw new Error(`GET ${shorten(url)}: HTTP ${response.status}`);
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (length > maxBytes) {
    await response.body?.cancel();
    throw new Error(`GET ${shorten(url)}: ${length} bytes; at most ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      total += chunk.length;
      if (total > maxBytes) {
        // leaving the loop cancels the stream
        throw new Error(`GET ${shorten(url)}: more than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
