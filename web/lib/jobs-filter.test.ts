// @vitest-environment node
import { describe, expect, it } from "vitest";
import { ETH_TOKEN, type TokenInfo } from "./format.ts";
import { checkFilter, filterHref, valuesFromParams } from "./jobs-filter.ts";

const mUSD: TokenInfo = { address: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", symbol: "mUSD", decimals: 6 };

describe("the open-jobs filter", () => {
  it("turns the URL's budgets in token units into the indexer's base units", () => {
    const values = valuesFromParams({ category: "code", token: mUSD.address.toUpperCase().replace("0X", "0x"), min: "10", max: "12.5", sort: "deadline" });
    expect(checkFilter(values, [ETH_TOKEN, mUSD])).toEqual({
      ok: true,
      value: { status: "open", category: "code", token: mUSD.address, minPrice: "10000000", maxPrice: "12500000", sort: "deadline" },
    });
  });

  it("names each bad field", () => {
    const result = checkFilter(valuesFromParams({ token: "DOGE", sort: "random" }), [ETH_TOKEN, mUSD]);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual({ token: '"DOGE" is not a token this market uses', sort: '"random" is not a sort order' });
  });

  it("asks for the jobs a supplier qualifies for, and refuses what is not an address", () => {
    const who = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
    const values = valuesFromParams({ for: who });
    expect(values.qualifiedFor).toBe(who);
    expect(checkFilter(values, [ETH_TOKEN])).toEqual({ ok: true, value: { status: "open", qualifiedFor: who.toLowerCase(), sort: "newest" } });
    expect(filterHref(values)).toBe(`/jobs?for=${who}`);
    const bad = checkFilter(valuesFromParams({ for: "0x1234" }), [ETH_TOKEN]);
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual({ qualifiedFor: '"0x1234" is not an address (0x and 40 hex digits)' });
  });

  it("writes only the fields that are set, and the cursor of the next page", () => {
    expect(filterHref({ category: "", token: "", min: "", max: "", sort: "newest", qualifiedFor: "" })).toBe("/jobs");
    expect(filterHref({ category: "text.transform", token: "ETH", min: "", max: "1", sort: "newest", qualifiedFor: "" }, "abc")).toBe(
      "/jobs?category=text.transform&token=ETH&max=1&cursor=abc",
    );
  });
});
