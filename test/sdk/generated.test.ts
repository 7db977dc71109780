import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { render } from "../../scripts/dev/generate.ts";
import { tenderEscrowAbi } from "@tender/sdk";

describe("generated ABI module", () => {
  it("matches the contracts as built (run `npm run generate` if this fails)", () => {
    const committed = readFileSync(new URL("../../scripts/sdk/generated.ts", import.meta.url), "utf8");
    expect(committed).toBe(render());
  });

  it("exposes every escrow operation the SDK drives", () => {
    const names = new Set<string>(tenderEscrowAbi.filter((item) => item.type === "function").map((item) => item.name));
    for (const name of ["postDirectHire", "deliver", "decline", "confirm", "finalize", "refund", "dispute", "withdraw"]) {
      expect(names.has(name), name).toBe(true);
    }
  });
});
