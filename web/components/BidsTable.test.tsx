import { fireEvent, render, screen, within } from "@testing-library/react";
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
    sealed: false,
    revealed: false,
    commitSeq: null,
    valid: null,
    forfeited: false,
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

  it("shows each bidder's card name (unverified, beside the address), score and the floors met, and sorts", () => {
    const A = "0x976ea74026e726554db657fa54763abd0c3a0aa9", B = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc", C = "0x14dc79964da2c08b23698b3d3cc7ca32193d9955";
    const bids = [
      bid(A, "430000000", { best: true, placedAt: 1_795_877_900 }),
      bid(B, "450000000", { placedAt: 1_795_877_800 }),
      bid(C, "460000000", { placedAt: 1_795_877_850 }),
    ];
    const bidders = {
      [A]: { name: "Zeta agent", score: 55.5, categoryScore: 60 },
      [B]: { name: "Alpha <b>agent</b>", score: 80.2, categoryScore: null },
      [C]: { name: null, score: null, categoryScore: null },
    };
    render(<BidsTable bids={bids} token={mUSD} bidders={bidders} floorsMet={["≥ 2 completed", "benchmark.swe-bench ≥ 70"]} />);
    const order = () => within(screen.getByRole("table")).getAllByRole("row").slice(1).map((r) => within(r).getByRole("link").getAttribute("href"));
    expect(order()).toEqual([A, B, C].map((a) => `/suppliers/${a}`));
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows[0]!.textContent).toContain("Zeta agent unverified");
    expect(rows[0]!.textContent).toContain("55.5 (60.0 here)");
    expect(rows[0]!.textContent).toContain("≥ 2 completed · benchmark.swe-bench ≥ 70");
    // A name is text, never markup.
    expect(rows[1]!.textContent).toContain("Alpha <b>agent</b>");
    expect(rows[1]!.querySelector("b")).toBeNull();
    expect(rows[2]!.textContent).toContain("—");

    fireEvent.click(screen.getByRole("button", { name: "Score" }));
    expect(order()).toEqual([B, A, C].map((a) => `/suppliers/${a}`));
    expect(screen.getByRole("columnheader", { name: /Score/ }).getAttribute("aria-sort")).toBe("descending");
    fireEvent.click(screen.getByRole("button", { name: "Supplier" }));
    expect(order()).toEqual([B, A, C].map((a) => `/suppliers/${a}`));
    fireEvent.click(screen.getByRole("button", { name: "Placed" }));
    expect(order()).toEqual([B, C, A].map((a) => `/suppliers/${a}`));
    fireEvent.click(screen.getByRole("button", { name: "Price" }));
    expect(order()).toEqual([A, B, C].map((a) => `/suppliers/${a}`));
  });

  it("says so when nobody has bid", () => {
    render(<BidsTable bids={[]} token={mUSD} />);
    expect(screen.getByText("No bids yet.")).toBeDefined();
  });
  it("hides a sealed bid's price until it is revealed, and says which were forfeited or out of range", () => {
    const sealed = { sealed: true, price: "0", firstPrice: "0" } as const;
    render(
      <BidsTable
        token={mUSD}
        bids={[
          bid("0x976ea74026e726554db657fa54763abd0c3a0aa9", "410000000", { sealed: true, revealed: true, valid: true, best: true, commitSeq: 2 }),
          bid("0x14dc79964da2c08b23698b3d3cc7ca32193d9955", "0", { ...sealed, revealed: true, valid: false, commitSeq: 3 }),
          bid("0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f", "0", { ...sealed, commitSeq: 1, forfeited: true }),
        ]}
      />,
    );
    const rows = screen.getAllByRole("row").slice(1);
    expect(within(rows[0]!).getByText("410 mUSD")).toBeTruthy();
    expect(within(rows[0]!).getByText(/sealed, commit #2/)).toBeTruthy();
    expect(within(rows[1]!).getByText(/out of range: cannot win/)).toBeTruthy();
    expect(within(rows[2]!).getByText("sealed")).toBeTruthy();
    expect(within(rows[2]!).getByText(/never revealed: bond forfeited/)).toBeTruthy();
    expect(screen.queryByText("0 mUSD")).toBeNull();
  });
});
