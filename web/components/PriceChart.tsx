// A small line chart of clearing prices over time, as inline SVG (no chart library, no script): the line, the
// range of prices at the side, and a description for screen readers.
import { formatAbsolute } from "../lib/format.ts";

export interface ChartPoint {
  /** Unix seconds. */
  t: number;
  /** The price in token units (for plotting only; labels come formatted). */
  value: number;
}

const W = 240;
const H = 64;
const PAD = 4;

export function PriceChart({
  points,
  label,
  formatValue,
}: {
  points: readonly ChartPoint[];
  /** What is plotted, e.g. "text.transform clearing prices in mUSD". */
  label: string;
  formatValue: (value: number) => string;
}) {
  if (points.length === 0) return <p className="chart-empty muted">No clearings yet</p>;
  const values = points.map((p) => p.value);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const [t0, t1] = [points[0]!.t, points.at(-1)!.t];
  const x = (t: number, i: number) =>
    t1 === t0 ? (points.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1)) : PAD + ((t - t0) / (t1 - t0)) * (W - 2 * PAD);
  const y = (v: number) => (max === min ? H / 2 : PAD + (1 - (v - min) / (max - min)) * (H - 2 * PAD));
  const coords = points.map((p, i) => [x(p.t, i), y(p.value)] as const);
  const path = coords.map(([cx, cy], i) => `${i === 0 ? "M" : "L"}${cx.toFixed(1)},${cy.toFixed(1)}`).join(" ");
  const last = points.at(-1)!;
  const description =
    `${label}: ${points.length} clearing${points.length === 1 ? "" : "s"} from ${formatAbsolute(t0)} to ${formatAbsolute(t1)}, ` +
    `between ${formatValue(min)} and ${formatValue(max)}, last ${formatValue(last.value)}.`;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={description} className="chart-svg">
        <line x1={0} x2={W} y1={H - 1} y2={H - 1} className="chart-axis" />
        {points.length === 1 ? (
          <circle cx={coords[0]![0]} cy={coords[0]![1]} r={3} className="chart-dot" />
        ) : (
          <path d={path} className="chart-line" vectorEffect="non-scaling-stroke" />
        )}
      </svg>
      <figcaption className="chart-range" aria-hidden="true">
        <span>{formatValue(max)}</span>
        <span>{formatValue(min)}</span>
      </figcaption>
    </figure>
  );
}
