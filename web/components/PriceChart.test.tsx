import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { formatPlotValue } from "../lib/format.ts";
import { PriceChart } from "./PriceChart.tsx";

const fmt = (v: number) => formatPlotValue(v, "mUSD");

describe("PriceChart", () => {
  it("draws the prices over time and describes them for screen readers", () => {
    const points = [
      { t: 1_795_881_641, value: 5 },
      { t: 1_795_885_432, value: 4.75 },
      { t: 1_795_889_222, value: 6 },
    ];
    const { container } = render(<PriceChart points={points} label="text.transform clearing prices in mUSD" formatValue={fmt} />);
    const chart = screen.getByRole("img");
    expect(chart.getAttribute("aria-label")).toBe(
      "text.transform clearing prices in mUSD: 3 clearings from 2026-11-28 16:00 UTC to 2026-11-28 18:07 UTC, between 4.75 mUSD and 6 mUSD, last 6 mUSD.",
    );
    const path = container.querySelector("path")!.getAttribute("d")!;
    expect(path.split(" ")).toHaveLength(3);
    // The highest price is drawn highest (smallest y).
    const ys = path.split(" ").map((p) => Number(p.split(",")[1]));
    expect(Math.min(...ys)).toBe(ys[2]);
  });

  it("shows one clearing as a dot, and none as words", () => {
    const { container } = render(<PriceChart points={[{ t: 1, value: 2 }]} label="x" formatValue={fmt} />);
    expect(container.querySelector("circle")).not.toBeNull();
    render(<PriceChart points={[]} label="y" formatValue={fmt} />);
    expect(screen.getByText("No clearings yet")).toBeDefined();
  });
});
