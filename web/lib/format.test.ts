// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  ETH_TOKEN,
  eventLabel,
  formatAbsolute,
  formatAmount,
  formatBps,
  holdbackNote,
  formatDuration,
  formatRatingX100,
  formatRelative,
  parseAmount,
  shortAddress,
} from "./format.ts";

const mUSD = { symbol: "mUSD", decimals: 6 };

describe("formatAmount", () => {
  it("writes base units in token units, exactly, with grouped thousands", () => {
    expect(formatAmount("1234500000", mUSD)).toBe("1,234.5 mUSD");
    expect(formatAmount(50_000_000_000_000_000n, ETH_TOKEN)).toBe("0.05 ETH");
    expect(formatAmount("1", ETH_TOKEN)).toBe("0.000000000000000001 ETH");
    expect(formatAmount("0", mUSD)).toBe("0 mUSD");
  });

  it("shows a dash for a missing or malformed amount", () => {
    expect(formatAmount(null, mUSD)).toBe("—");
    expect(formatAmount("12.5", mUSD)).toBe("—");
  });
});

describe("parseAmount", () => {
  it("reads token units into base units", () => {
    expect(parseAmount("12.5", mUSD)).toEqual({ ok: true, value: 12_500_000n });
    expect(parseAmount(" 1,000 ", mUSD)).toEqual({ ok: true, value: 1_000_000_000n });
    expect(parseAmount(".5", ETH_TOKEN)).toEqual({ ok: true, value: 500_000_000_000_000_000n });
  });

  it("refuses what is not an amount, and more decimals than the token has", () => {
    expect(parseAmount("abc", mUSD)).toEqual({ ok: false, error: '"abc" is not an amount; write a number of mUSD, e.g. 12.5' });
    expect(parseAmount("-1", mUSD).ok).toBe(false);
    expect(parseAmount("1e3", mUSD).ok).toBe(false);
    expect(parseAmount("0.0000001", mUSD)).toEqual({ ok: false, error: 'mUSD has 6 decimals; "0.0000001" has 7' });
  });
});

describe("times", () => {
  it("writes durations at a readable precision", () => {
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(12 * 60)).toBe("12 min");
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe("3 h 20 min");
    expect(formatDuration(2 * 86_400 + 4 * 3600)).toBe("2 d 4 h");
  });

  it("says how far a moment is from the chain's now, both ways", () => {
    expect(formatRelative(1_000 + 7_200, 1_000)).toBe("in 2 h");
    expect(formatRelative(1_000 - 3 * 86_400, 1_000)).toBe("3 d ago");
    expect(formatRelative(1_000, 1_000)).toBe("now");
  });

  it("writes absolute times in UTC, the same on the server and in any browser", () => {
    expect(formatAbsolute(1_795_877_849)).toBe("2026-11-28 14:57 UTC");
  });
});

describe("small things", () => {
  it("shortens addresses", () => {
    expect(shortAddress("0x976ea74026e726554db657fa54763abd0c3a0aa9")).toBe("0x976e…0aa9");
    expect(shortAddress(null)).toBe("—");
  });

  it("writes shares and ratings", () => {
    expect(formatBps(1000)).toBe("10%");
    expect(formatBps(7050)).toBe("70.5%");
    expect(formatRatingX100(450)).toBe("4.5 ★");
    expect(formatRatingX100(0)).toBe("—");
  });

  it("writes a holdback in a few words, and nothing for none", () => {
    expect(holdbackNote({ holdbackBps: 2_000, warrantyWindow: 30 * 86_400 })).toBe("holdback 20% · 30 d warranty");
    expect(holdbackNote({ holdbackBps: 0, warrantyWindow: 0 })).toBeNull();
    expect(holdbackNote(null)).toBeNull();
  });

  it("names the escrow's events in words", () => {
    expect(eventLabel("RFQPosted")).toBe("Posted for bids");
    expect(eventLabel("SomethingNew")).toBe("Something New");
  });
});
