// Encrypted accounts: Web3 Secret Storage v3 files (scrypt + AES-128-CTR, keccak MAC), the format geth, Foundry's
// `cast wallet` and most wallets import. One file per account name in the keystore directory. Keys are read from a
// terminal prompt or stdin, never from argv, and never printed.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type Hex, bytesToHex, concat, getAddress, hexToBytes, keccak256 } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CliError, EXIT } from "./command.ts";

// scrypt cost: 2^17 × r 8 is ~128 MiB and ~0.5 s per unlock on this class of machine.
const SCRYPT = { n: 131_072, r: 8, p: 1, dklen: 32 } as const;

export interface KeystoreFile {
  version: 3;
  id: string;
  address: string;
  crypto: {
    cipher: "aes-128-ctr";
    cipherparams: { iv: string };
    ciphertext: string;
    kdf: "scrypt";
    kdfparams: { n: number; r: number; p: number; dklen: number; salt: string };
    mac: string;
  };
}

export function keystoreDir(): string {
  return process.env.TENDER_KEYSTORE_DIR ?? join(homedir(), ".tender", "keystore");
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function accountFile(name: string, dir = keystoreDir()): string {
  if (!NAME.test(name)) throw new CliError(`account name ${JSON.stringify(name)} must be letters, digits, '.', '_' or '-'`);
  return join(dir, `${name}.json`);
}

function derive(password: string, params: { n: number; r: number; p: number; dklen: number; salt: string }): Buffer {
  return scryptSync(password.normalize("NFKC"), Buffer.from(params.salt, "hex"), params.dklen, {
    N: params.n,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.n * params.r + 1024 * 1024,
  });
}

export function encryptKey(privateKey: Hex, password: string): KeystoreFile {
  const salt = randomBytes(32).toString("hex");
  const iv = randomBytes(16);
  const key = derive(password, { ...SCRYPT, salt });
  const cipher = createCipheriv("aes-128-ctr", key.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(hexToBytes(privateKey)), cipher.final()]);
  const mac = keccak256(concat([key.subarray(16, 32), ciphertext]));
  return {
    version: 3,
    id: randomUUID(),
    address: privateKeyToAccount(privateKey).address.slice(2).toLowerCase(),
    crypto: {
      cipher: "aes-128-ctr",
      cipherparams: { iv: iv.toString("hex") },
      ciphertext: ciphertext.toString("hex"),
      kdf: "scrypt",
      kdfparams: { ...SCRYPT, salt },
      mac: mac.slice(2),
    },
  };
}

export function decryptKey(file: KeystoreFile, password: string): Hex {
  if (file.version !== 3 || file.crypto.kdf !== "scrypt" || file.crypto.cipher !== "aes-128-ctr") {
    throw new CliError("unsupported keystore file (expected v3, scrypt, aes-128-ctr)");
  }
  const key = derive(password, file.crypto.kdfparams);
  const ciphertext = Buffer.from(file.crypto.ciphertext, "hex");
  const mac = hexToBytes(keccak256(concat([key.subarray(16, 32), ciphertext])));
  if (!timingSafeEqual(Buffer.from(mac), Buffer.from(file.crypto.mac, "hex"))) {
    throw new CliError("wrong password for this account", EXIT.usage);
  }
  const decipher = createDecipheriv("aes-128-ctr", key.subarray(0, 16), Buffer.from(file.crypto.cipherparams.iv, "hex"));
  return bytesToHex(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}

export function saveAccount(name: string, file: KeystoreFile, dir = keystoreDir()): string {
  const path = accountFile(name, dir);
  if (existsSync(path)) throw new CliError(`an account named ${name} already exists (${path})`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(file, null, 2) + "\n", { mode: 0o600 });
  return path;
}

export function loadAccount(name: string, dir = keystoreDir()): KeystoreFile {
  const path = accountFile(name, dir);
  if (!existsSync(path)) throw new CliError(`no account named ${name} in ${dir} (see \`tender account list\`)`, EXIT.notFound);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as KeystoreFile;
  } catch (error) {
    throw new CliError(`${path} is not a keystore file (${(error as Error).message})`);
  }
}

export function listAccounts(dir = keystoreDir()): { name: string; address: string; file: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((entry) => entry.endsWith(".json"))
    .sort()
    .map((entry) => {
      const file = join(dir, entry);
      const { address } = JSON.parse(readFileSync(file, "utf8")) as KeystoreFile;
      return { name: entry.slice(0, -5), address: getAddress(`0x${address}`), file };
    });
}

/** Reads a secret: from the terminal without echo, or the first line of piped stdin. */
export async function readSecret(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(chunk as Buffer);
    const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (!line) throw new CliError(`${prompt.replace(/:\s*$/, "")}: nothing on stdin (pipe it in, or run in a terminal)`);
    return line;
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let secret = "";
    const onData = (data: Buffer) => {
      for (const char of data.toString("utf8")) {
        if (char === "\r" || char === "\n") {
          done();
          process.stderr.write("\n");
          return resolve(secret);
        }
        if (char === "\u0003") {
          done();
          process.stderr.write("\n");
          return reject(new CliError("cancelled"));
        }
        if (char === "\u007f") secret = secret.slice(0, -1);
        else secret += char;
      }
    };
    const done = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
    stdin.on("data", onData);
  });
}

/** The keystore password: TENDER_PASSWORD, or a prompt in a terminal. */
export async function password(prompt = "Keystore password: "): Promise<string> {
  const fromEnv = process.env.TENDER_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) throw new CliError("set TENDER_PASSWORD, or run in a terminal to be asked for the password");
  return readSecret(prompt);
}
