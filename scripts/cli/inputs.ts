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

export function checkCount(field: string, value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new CliError(`${field}: ${JSON.stringify(value)} is not a whole number`);
  return Number(value);
}
