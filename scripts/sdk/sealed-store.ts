// Openings of sealed bids kept on disk (Node only), for a program that commits now and reveals after the bid deadline,
// possibly after a restart: an opening lost is a bond lost. Each is written — to a temporary file, flushed, then
// renamed — before its commit is sent, so a crash at any moment leaves either no commit or a commit with its opening.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { type Address, type Hash, getAddress } from "viem";
import type { SealedOpening } from "./sealed.ts";

export interface OpeningStore {
  /** Keeps `o` durably (flushed to disk) before returning. */
  save(o: SealedOpening): void;
  get(p: { chainId: number; escrow: Address; jobId: bigint; supplier: Address }): SealedOpening | undefined;
  /** Every opening kept (oldest job first). */
  list(): SealedOpening[];
  /** Forgets an opening once its bid is revealed or its bond gone. */
  remove(p: { chainId: number; escrow: Address; jobId: bigint; supplier: Address }): void;
}

const fileOf = (p: { chainId: number; escrow: Address; jobId: bigint; supplier: Address }) =>
  `${p.chainId}-${getAddress(p.escrow)}-${p.jobId}-${getAddress(p.supplier)}.json`;

function parse(text: string): SealedOpening {
  const raw = JSON.parse(text) as Record<string, string | number>;
  return {
    chainId: Number(raw.chainId),
    escrow: getAddress(String(raw.escrow)),
    jobId: BigInt(raw.jobId!),
    supplier: getAddress(String(raw.supplier)),
    price: BigInt(raw.price!),
    salt: String(raw.salt) as Hash,
  };
}

/** The openings kept in `dir` (created if missing). */
export function openingStore(dir: string): OpeningStore {
  mkdirSync(dir, { recursive: true });
  return {
    save(o) {
      const path = join(dir, fileOf(o));
      const temporary = `${path}.${process.pid}.tmp`;
      const fd = openSync(temporary, "w", 0o600);
      try {
        writeSync(fd, JSON.stringify({ ...o, jobId: o.jobId.toString(), price: o.price.toString() }));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
    },
    get(p) {
      try {
        return parse(readFileSync(join(dir, fileOf(p)), "utf8"));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw error;
      }
    },
    list() {
      return readdirSync(dir)
        .filter((name) => name.endsWith(".json"))
        .map((name) => parse(readFileSync(join(dir, name), "utf8")))
        .sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
    },
    remove(p) {
      rmSync(join(dir, fileOf(p)), { force: true });
    },
  };
}
