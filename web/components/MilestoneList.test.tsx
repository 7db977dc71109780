import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { TokenInfo } from "../lib/format.ts";
import { type JobMilestones, milestoneInProgress } from "../lib/milestones.ts";
import { MilestoneList } from "./MilestoneList.tsx";

const MUSD: TokenInfo = { address: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", symbol: "mUSD", decimals: 6 };
const NOW = 1_795_889_225;
const HOUR = 3_600;
const DAY = 86_400;

/** 100 mUSD in three parts, 33.33% / 33.33% / the rest: milestone 2 in progress. */
const running: JobMilestones = {
  status: "Delivered",
  deadline: NOW + 2 * HOUR,
  answered: false,
  price: "100000000",
  count: 3,
  current: 1,
  settledBps: 3_333,
  settled: "33330000",
  milestones: [
    { shareBps: 3_333, deliveryWindow: DAY },
    { shareBps: 3_333, deliveryWindow: 2 * DAY },
    { shareBps: 3_334, deliveryWindow: 3 * HOUR },
  ],
};

/** Each milestone's heading (number and state) and facts, as a person reads them. */
const items = () =>
  within(screen.getByRole("list")).getAllByRole("listitem").map((li) => ({
    heading: li.querySelector("h3")!.textContent,
    facts: [...li.querySelectorAll("dt")].map((dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`),
    current: li.getAttribute("aria-current"),
  }));

describe("MilestoneList", () => {
  it("lists each milestone's share, amount, window and state, the one in progress with its deadline, and a settled one's held share", () => {
    render(
      <MilestoneList
        milestones={running}
        token={MUSD}
        now={NOW}
        direct
        held={[{ payment: 0, held: "6666000", heldAtSettlement: "6666000", warrantyEndsAt: NOW + 14 * DAY, claimStatus: "none", outcome: null }]}
      />,
    );
    expect(screen.getByRole("heading", { name: /Milestones/ }).textContent).toBe("Milestones 1 of 3 settled");
    const [first, second, third] = items();
    expect(first).toEqual({
      heading: "Milestone 1settled",
      facts: ["Share: 33.33% · 33.33 mUSD", "Delivery window: 1 d from the posting", "Held: 6.666 mUSD under warranty, the warranty ends in 14 d"],
      current: null,
    });
    expect(second!.heading).toBe("Milestone 2in progress: delivered, in review");
    expect(second!.current).toBe("step");
    expect(second!.facts.slice(0, 2)).toEqual(["Share: 33.33% · 33.33 mUSD", "Delivery window: 2 d from milestone 1's payment"]);
    expect(second!.facts[2]).toMatch(/^Review ends: in 2 h/);
    // The last pays the rest of the price: 100 − 33.33 − 33.33.
    expect(third).toEqual({
      heading: "Milestone 3to come",
      facts: ["Share: 33.34% · 33.34 mUSD (the rest of the price)", "Delivery window: 3 h from milestone 2's payment"],
      current: null,
    });
    expect(milestoneInProgress(running)).toEqual({ index: 1, count: 3, gross: 33_330_000n, last: false });
  });

  it("follows the job: awarded, disputed (answered: the ruling's deadline), every part settled, an early end, an RFQ before its award", () => {
    const states = (m: JobMilestones) => {
      const { unmount } = render(<MilestoneList milestones={m} token={MUSD} now={NOW} atMaxPrice={m.status === "Open"} />);
      const seen = items().map((i) => `${i.heading}${i.facts.find((f) => /by|ends/.test(f.split(":")[0]!))?.replace(/ \(.*/, "").replace(/:.*/, "") ?? ""}`);
      unmount();
      return seen;
    };
    expect(states({ ...running, status: "Awarded" })).toEqual(["Milestone 1settled", "Milestone 2in progress: awarded, to be delivered" + "Deliver by", "Milestone 3to come"]);
    expect(states({ ...running, status: "Disputed", answered: true })).toEqual(["Milestone 1settled", "Milestone 2in progress: disputed" + "Ruling by", "Milestone 3to come"]);
    expect(states({ ...running, status: "Disputed", answered: false })[1]).toBe("Milestone 2in progress: disputed" + "Answer by");
    expect(states({ ...running, status: "Settled", current: 2 })).toEqual(["Milestone 1settled", "Milestone 2settled", "Milestone 3settled"]);
    expect(states({ ...running, status: "Refunded" })).toEqual(["Milestone 1settled", "Milestone 2refunded: the job ended early", "Milestone 3refunded: the job ended early"]);
    expect(milestoneInProgress({ ...running, status: "Refunded" })).toBeUndefined();

    render(<MilestoneList milestones={{ ...running, status: "Open", current: 0, settledBps: 0, settled: "0" }} token={MUSD} now={NOW} atMaxPrice />);
    expect(screen.getByText("Amounts at the maximum price; the same shares of the winning bid are paid.")).toBeDefined();
    expect(items().map((i) => i.heading)).toEqual(["Milestone 1to come", "Milestone 2to come", "Milestone 3to come"]);
    expect(items()[0]!.facts[1]).toBe("Delivery window: 1 d from the award");
  });
});
