import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Bid } from "../lib/api-types.ts";
import { BidsTable } from "./BidsTable.tsx";

const mUSD = { address: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", symbol: "mUSD", decimals: 6 } as const;

function bid(supplier: string, price: string, extra: Partial<Bid> = {}): Bid {
  return {
    jobId: "13",
    supplier: supplier as `0x${string}`,
    price,
    firstPrice: price,
    bond: "50000000",
    placedAt: 1_795_877_848,
    firstPlacedAt: 1_795_877_848,
    placedSeq: 1,
    improvements: 0,
    best: false,
    won: false,
    bondReclaimed: false,
    reclaimedAt: null,
    ...extra,
  };
}

describe("BidsTable", () => {
  it("lists bids in token units and marks the best one, and only it", () => {
    const bids = [
      bid("0x976ea74026e726554db657fa54763abd0c3a0aa9", "430000000", { best: true, improvements: 1, firstPrice: "460000000" }),
      bid("0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc", "450000000"),
    ];
    render(<BidsTable bids={bids} token={mUSD} />);
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);

    const [best, other] = rows as [HTMLElement, HTMLElement];
    expect(best.className).toBe("bid-best");
    expect(within(best).getByText("Best bid")).toBeDefined();
    expect(within(best).getByText("430 mUSD").tagName).toBe("STRONG");
    expect(best.textContent).toContain("lowered 1× from 460 mUSD");
    expect(within(best).getByRole("link", { name: "Supplier 0x976ea74026e726554db657fa54763abd0c3a0aa9" }).getAttribute("href")).toBe(
      "/suppliers/0x976ea74026e726554db657fa54763abd0c3a0aa9",
    );

    expect(other.className).toBe("");
    expect(within(other).queryByText("Best bid")).toBeNull();
    expect(within(other).getByText("450 mUSD")).toBeDefined();
    expect(other.textContent).toContain("50 mUSD");
  });

  it("says so when nobody has bid", () => {
    render(<BidsTable bids={[]} token={mUSD} />);
    expect(screen.getByText("No bids yet.")).toBeDefined();
  });
});
