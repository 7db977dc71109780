// Ponder wants a schema: one table, never written.
import { onchainTable } from "ponder";

export const noop = onchainTable("noop", (t) => ({
  id: t.text().primaryKey(),
}));
