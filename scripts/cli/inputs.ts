// Checks of CLI inputs (they run before anything is read or sent): the SDK's where it has one, returning the value.
import { type Address, isAddress } from "viem";
import * as sdk from "@tender/sdk/validate";
import { CliError } from "./command.ts";

/** The SDK's URI check (a bad one is a TenderInputError: bad usage, exit 2), returning the URI. */
export function checkUri(field: string, uri: string): string {
  sdk.checkUri(field, uri);
  return uri;
}

export function checkAddressArg(field: string, value: string): Address {
  if (!isAddress(value, { strict: false })) throw new CliError(`${field}: ${JSON.stringify(value)} is not an address`);
  return value;
}

/** The SDK's check of a nonzero 32-byte hash, returning it. */
export function checkHash(field: string, value: string): `0x${string}` {
  sdk.checkHash(field, value);
  return value as `0x${string}`;
}

/** Relayer URLs given as one option (comma-separated `http(s)://host:port`), each checked. */
export function parseRelayers(text: string, option = "--relay"): string[] {
  const urls = text.split(",").map((url) => url.trim()).filter(Boolean);
  if (urls.length === 0 || urls.some((url) => !/^https?:\/\/[^\s]+$/.test(url))) throw new CliError(`${option}: give relayer URLs (http://host:port), comma-separated`);
  return urls;
}

export function checkCount(field: string, value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new CliError(`${field}: ${JSON.stringify(value)} is not a whole number`);
  return Number(value);
}

/** The SDK's field names in a command's terms: "bidDeadline" → "--bid-window". */
export type FieldNames = Record<string, string>;

/** Runs an SDK check and rewords a refusal to name the command's options instead of the SDK's fields. */
export function inOptionTerms<T>(names: FieldNames, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof sdk.TenderInputError)) throw error;
    const rename = (path: string) => names[path] ?? path;
    const problems = error.problems.map((p) => ({ path: rename(p.path), message: p.message }));
    throw new sdk.TenderInputError(problems[0]!.path, problems[0]!.message, problems);
  }
}
