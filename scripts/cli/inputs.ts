// Checks of CLI inputs that the SDK's checks do not cover (they run before anything is read or sent).
import { type Address, isAddress, isHex } from "viem";
import { CliError } from "./command.ts";

export function checkUri(field: string, uri: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(uri)) throw new CliError(`${field}: ${JSON.stringify(uri)} is not a URI (e.g. ipfs://…, https://…)`);
  return uri;
}

export function checkAddressArg(field: string, value: string): Address {
  if (!isAddress(value, { strict: false })) throw new CliError(`${field}: ${JSON.stringify(value)} is not an address`);
  return value;
}

export function checkHash(field: string, value: string): `0x${string}` {
  if (!isHex(value) || value.length !== 66) throw new CliError(`${field}: ${JSON.stringify(value)} is not a 32-byte hex hash`);
  return value;
}

export function checkCount(field: string, value: string): number {
  if (!/^[0-9]+$/.test(value) || Number(value) > 2 ** 32 - 1) throw new CliError(`${field}: ${JSON.stringify(value)} is not a whole number`);
  return Number(value);
}
