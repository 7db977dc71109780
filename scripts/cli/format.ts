// Reading what a person types (amounts in token units, durations, percentages) and writing what a person reads
// (amounts with symbols, times relative and absolute).
import { type TokenInfo, formatAmount, formatBps, parseAmount as parseTokenAmount } from "@tender/sdk/units";
import { formatDuration } from "@tender/sdk/time";
import { DEFAULT_WINDOW_BOUNDS } from "@tender/sdk/validate";
import { CliError } from "./command.ts";

export { type TokenInfo, formatAmount, formatBps };

/** "120", "0.05" → base units of the token (the SDK's reading of an amount); a bad one is bad usage. */
export function parseAmount(field: string, text: string, token: TokenInfo): bigint {
  const parsed = parseTokenAmount(text, token);
  if (!parsed.ok) throw new CliError(`${field}: ${parsed.error}`);
  return parsed.value;
}

const UNITS: Record<string, number> = { s: 1, m: 60, min: 60, h: 3_600, d: 86_400, w: 604_800 };

/** "90m", "2h", "3d", "1w", or plain seconds → seconds. */
export function parseDuration(field: string, text: string): number {
  const match = /^([0-9]+)\s*(s|m|min|h|d|w)?$/.exec(text.trim());
  if (!match) throw new CliError(`${field}: ${JSON.stringify(text)} is not a duration (e.g. 90m, 2h, 3d, or seconds)`);
  return Number(match[1]) * UNITS[match[2] ?? "s"]!;
}

export { formatDuration };

/** A window (bidding, award, delivery, review): a duration inside the deployment's bounds, said in words. */
export function parseWindow(field: string, text: string, bounds: { min: number; max: number } = DEFAULT_WINDOW_BOUNDS): number {
  const seconds = parseDuration(field, text);
  if (seconds < bounds.min || seconds > bounds.max) {
    throw new CliError(`${field}: ${formatDuration(seconds)} is outside ${formatDuration(bounds.min)} – ${formatDuration(bounds.max)}`);
  }
  return seconds;
}

/** "in 2 h (2026-11-27 15:00 UTC)" or "3 d ago (…)", relative to the chain's `now`. */
export function formatTime(timestamp: number, now: number): string {
  if (timestamp === 0) return "—";
  const absolute = new Date(timestamp * 1000).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  const delta = timestamp - now;
  const relative = delta === 0 ? "now" : delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`;
  return `${relative} (${absolute})`;
}

/** "70%" or "7000bps" → basis points. The unit is required: a bare 0.7 could mean 70% or 0.7%. */
export function parseBps(field: string, text: string, max = 10_000): number {
  const percent = /^([0-9]+(?:\.[0-9]{1,2})?)\s*%$/.exec(text.trim());
  const bps = /^([0-9]+)\s*bps$/.exec(text.trim());
  if (!percent && !bps) throw new CliError(`${field}: ${JSON.stringify(text)} is not a percentage with its unit (e.g. 70% or 7000bps)`);
  const value = bps ? Number(bps[1]) : Math.round(Number(percent![1]) * 100);
  if (value > max) throw new CliError(`${field}: ${text} is above ${max / 100}%`);
  return value;
}

/** Aligned two-column lines: [label, value]. */
export function pairs(rows: [string, string][], indent = "  "): string[] {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${indent}${label.padEnd(width)}  ${value}`);
}

/** A table with a header row. */
export function table(header: string[], rows: string[][], indent = "  "): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) => indent + cells.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}
