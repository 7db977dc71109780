import { describe, expect, it } from "vitest";
import { biddingClosed, displayStatus, statusTone } from "./format.ts";

describe("the bidding-closed state", () => {
  const now = 1_000_000;
  it("an Open RFQ past its bid deadline is not 'Open'", () => {
    expect(displayStatus({ status: "Open", mode: "LowestPrice", bidDeadline: now + 60 }, now)).toBe("Open");
    expect(displayStatus({ status: "Open", mode: "LowestPrice", bidDeadline: now - 86_400 }, now)).toBe("Awaiting award");
    expect(displayStatus({ status: "Open", mode: "BuyerChoice", bidDeadline: now }, now)).toBe("Awaiting the buyer's pick");
    expect(displayStatus({ status: "Awarded", mode: "LowestPrice", bidDeadline: now - 1 }, now)).toBe("Awarded");
    expect(displayStatus({ status: "Open", bidDeadline: now - 1 })).toBe("Open"); // no time given: as the indexer says
    expect(biddingClosed({ status: "Open", bidDeadline: null }, now)).toBe(false);
    expect(statusTone("Awaiting award")).toBe("closed");
  });
});
