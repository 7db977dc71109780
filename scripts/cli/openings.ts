// Where the CLI keeps the openings of the sealed bids it commits (price and salt, needed to reveal): a folder of the
// user's, ~/.tender/openings unless TENDER_OPENINGS_DIR moves it. Each opening is written before its commit is sent.
import { homedir } from "node:os";
import { join } from "node:path";
import { type OpeningStore, openingStore } from "@tender/sdk/sealed-store";

export function openingsDir(): string {
  return process.env.TENDER_OPENINGS_DIR ?? join(homedir(), ".tender", "openings");
}

export function cliOpenings(): OpeningStore {
  return openingStore(openingsDir());
}
