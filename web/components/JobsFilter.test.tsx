import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ETH_TOKEN, type TokenInfo } from "../lib/format.ts";
import { EMPTY_FILTER } from "../lib/jobs-filter.ts";
import { JobsFilter } from "./JobsFilter.tsx";
import { Providers } from "./Providers.tsx";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push, replace: vi.fn(), refresh: vi.fn(), prefetch: vi.fn() }) }));

const mUSD: TokenInfo = { address: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", symbol: "mUSD", decimals: 6 };
const tokens = [ETH_TOKEN, mUSD];

describe("JobsFilter", () => {
  const fetchSpy = vi.fn();
  beforeEach(() => {
    push.mockReset();
    fetchSpy.mockReset();
    vi.stubGlobal("fetch", fetchSpy);
  });
  afterEach(() => vi.unstubAllGlobals());

  const config = { chainId: 31337, rpcUrl: "http://127.0.0.1:9", chainName: "Tender local" };
  const setup = (initial = EMPTY_FILTER) =>
    render(
      <Providers config={config}>
        <JobsFilter initial={initial} categories={["code", "text"]} tokens={tokens} />
      </Providers>,
    );

  it("shows the error at a bad budget and fetches nothing", () => {
    setup();
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: "ETH" } });
    const min = screen.getByLabelText("Budget from (ETH)");
    fireEvent.change(min, { target: { value: "ten" } });
    fireEvent.click(screen.getByRole("button", { name: "Show jobs" }));

    expect(min.getAttribute("aria-invalid")).toBe("true");
    const error = document.getElementById(min.getAttribute("aria-describedby")!);
    expect(error?.textContent).toBe('"ten" is not an amount; write a number of ETH, e.g. 12.5');
    expect(document.activeElement).toBe(min);
    expect(push).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("refuses a budget without a token, and more decimals than the token has", () => {
    setup();
    fireEvent.change(screen.getByLabelText("Budget up to"), { target: { value: "5" } });
    fireEvent.click(screen.getByRole("button", { name: "Show jobs" }));
    expect(screen.getByText("Choose a token first: budgets in different tokens do not compare")).toBeDefined();

    fireEvent.change(screen.getByLabelText("Token"), { target: { value: mUSD.address } });
    fireEvent.change(screen.getByLabelText("Budget up to (mUSD)"), { target: { value: "1.0000001" } });
    fireEvent.click(screen.getByRole("button", { name: "Show jobs" }));
    expect(screen.getByText('mUSD has 6 decimals; "1.0000001" has 7')).toBeDefined();
    expect(push).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("refuses a range whose top is below its bottom", () => {
    setup();
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: "ETH" } });
    fireEvent.change(screen.getByLabelText("Budget from (ETH)"), { target: { value: "2" } });
    fireEvent.change(screen.getByLabelText("Budget up to (ETH)"), { target: { value: "1" } });
    fireEvent.click(screen.getByRole("button", { name: "Show jobs" }));
    expect(screen.getByText("The largest budget is below the smallest")).toBeDefined();
    expect(push).not.toHaveBeenCalled();
  });

  it("puts a good filter in the URL, in token units", () => {
    setup();
    fireEvent.change(screen.getByLabelText("Category"), { target: { value: "code" } });
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: "ETH" } });
    fireEvent.change(screen.getByLabelText("Budget from (ETH)"), { target: { value: "0.1" } });
    fireEvent.change(screen.getByLabelText("Sort"), { target: { value: "price_asc" } });
    fireEvent.click(screen.getByRole("button", { name: "Show jobs" }));
    expect(push).toHaveBeenCalledWith("/jobs?category=code&token=ETH&min=0.1&sort=price_asc");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("keeps \"jobs I qualify for\" from the URL, and drops it when unticked", () => {
    const who = "0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc";
    setup({ ...EMPTY_FILTER, qualifiedFor: who });
    const box = screen.getByRole("checkbox") as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Show jobs" }));
    expect(push).toHaveBeenLastCalledWith(`/jobs?for=${who}`);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole("button", { name: "Show jobs" }));
    expect(push).toHaveBeenLastCalledWith("/jobs");
  });
});
