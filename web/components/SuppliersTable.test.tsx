import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Leaderboard } from "../lib/api-types.ts";
import { SUPPLIER_SORTS, SuppliersTable, pricePaid } from "./SuppliersTable.tsx";

type Supplier = Leaderboard["suppliers"][number];
const ETH = { address: "0x0000000000000000000000000000000000000000", symbol: "ETH", decimals: 18 } as const;

function supplier(rank: number, address: string, price: Supplier["price"], extra: Partial<Supplier> = {}): Supplier {
  return {
    rank,
    address: address as `0x${string}`,
    registered: true,
    profileUri: null,
    score: 60,
    rating: 3,
    parts: { rating: 0.5, completion: 0.5, onTime: 0.5, disputes: 1 },
    record: { won: price.rfqAwards, completed: 0, declined: 0, refunded: 0, disputesFaced: 0, disputesLost: 0, ratingSum: 0, ratingCount: 0 },
    onTimeDeliveries: 0,
    missedDeadlines: 0,
    price,
    volume: [],
    attested: [],
    ...extra,
  } as Supplier;
}

const CHEAP = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const DEAR = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const NEW = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
const rows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1);

describe("SuppliersTable", () => {
  it("shows the price paid against the maximum, with the number of RFQs, and a dash before the first", () => {
    render(
      <SuppliersTable
        suppliers={[
          supplier(1, CHEAP, { rfqAwards: 3, averagePriceBps: 8_200 }),
          supplier(2, DEAR, { rfqAwards: 1, averagePriceBps: 9_750 }),
          supplier(3, NEW, { rfqAwards: 0, averagePriceBps: null }),
        ]}
        sort="price"
        volumeToken={ETH}
        cards={new Map()}
      />,
    );
    expect(screen.getByRole("columnheader", { name: /Price vs\. max/ }).getAttribute("aria-sort")).toBe("ascending");
    expect(screen.getByRole("columnheader", { name: "Score" }).getAttribute("aria-sort")).toBeNull();
    const [cheap, dear, fresh] = rows() as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(cheap).getByRole("cell", { name: "Price paid vs. max: 82% over 3 RFQs" }).textContent).toBe("82% (3 RFQs)");
    expect(within(dear).getByRole("cell", { name: "Price paid vs. max: 97.5% over 1 RFQ" }).textContent).toBe("97.5% (1 RFQ)");
    expect(within(fresh).getByRole("cell", { name: "Price paid vs. max: no RFQ won yet" }).textContent).toBe("—");
    expect(screen.getByText("Suppliers by price paid vs. max (cheapest first)")).toBeDefined();
  });

  it("marks the other sorts descending, and offers price as a sort", () => {
    render(<SuppliersTable suppliers={[supplier(1, CHEAP, { rfqAwards: 1, averagePriceBps: 5_000 })]} sort="score" volumeToken={ETH} cards={new Map()} />);
    expect(screen.getByRole("columnheader", { name: "Score" }).getAttribute("aria-sort")).toBe("descending");
    expect(screen.getByRole("columnheader", { name: /Price vs\. max/ }).getAttribute("aria-sort")).toBeNull();
    expect(SUPPLIER_SORTS.map((s) => s.value)).toEqual(["score", "rating", "completed", "volume", "price"]);
    expect(pricePaid({ rfqAwards: 2, averagePriceBps: 7_550 })).toBe("75.5%");
    expect(pricePaid({ rfqAwards: 0, averagePriceBps: null })).toBe("—");
  });
});
