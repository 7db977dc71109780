// Who may bid on an RFQ: floors on the bidder's record (completed jobs and volume, disputes lost, warranty claims
// clawed back, ratings), the bond
// each bidder posts, and floors on metrics attested in the supplier registry.
import { bpsOf } from "@tender/sdk/units";
import { formatAmount, parseAmount, type TokenInfo } from "../../lib/format.ts";
import { MAX_METRIC_FLOORS, METRICS, type MetricRow, type PostForm } from "../../lib/post-form.ts";
import { FieldError, type Kit, LabelText, SelectField, TextField } from "./fields.tsx";

export function FloorFields({
  kit,
  form,
  token,
  set,
  setMetric,
  addMetric,
  removeMetric,
}: {
  kit: Kit;
  form: PostForm;
  token: TokenInfo;
  set: <K extends keyof PostForm>(key: K, value: PostForm[K]) => void;
  setMetric: (index: number, patch: Partial<MetricRow>) => void;
  addMetric: () => void;
  removeMetric: (index: number) => void;
}) {
  // The bond as an amount, while the maximum price and the percentage can be read.
  const maxPrice = parseAmount(form.maxPrice, token);
  const bondPercent = /^\d{1,3}(\.\d{1,2})?$/.test(form.bond.trim()) ? Math.round(Number(form.bond.trim()) * 100) : undefined;
  const bond = maxPrice.ok && bondPercent !== undefined && bondPercent <= 10_000 ? bpsOf(maxPrice.value, bondPercent) : undefined;
  return (
    <section className="panel" aria-labelledby={kit.id("floors-title")}>
      <h2 id={kit.id("floors-title")}>Who may bid</h2>
      <p className="post-hint">The escrow refuses a bid from a supplier below any floor. Leave them as they are to let anyone bid.</p>
      <div className="post-grid">
        <TextField kit={kit} name="minCompleted" label="Minimum completed jobs" value={form.minCompleted} onChange={(v) => set("minCompleted", v)} inputMode="numeric" />
        <TextField
          kit={kit}
          name="minVolume"
          label="Minimum volume completed"
          value={form.minVolume}
          onChange={(v) => set("minVolume", v)}
          inputMode="decimal"
          suffix={token.symbol}
          placeholder="none"
          hint={`Paid to the supplier in ${token.symbol} for completed jobs.`}
        />
        <TextField
          kit={kit}
          name="maxLossShare"
          label="Largest share of disputes lost"
          value={form.maxLossShare}
          onChange={(v) => set("maxLossShare", v)}
          inputMode="decimal"
          suffix="%"
          hint="100% is no limit."
        />
        <TextField
          kit={kit}
          name="maxClawbackShare"
          label="Largest share of warranty claims clawed back"
          value={form.maxClawbackShare}
          onChange={(v) => set("maxClawbackShare", v)}
          inputMode="decimal"
          suffix="%"
          hint="Of the claims a supplier faced, those it agreed to or lost. 100% is no limit."
        />
        <TextField
          kit={kit}
          name="minRating"
          label="Minimum average rating"
          value={form.minRating}
          onChange={(v) => set("minRating", v)}
          inputMode="decimal"
          suffix="stars"
          placeholder="none, e.g. 4.5"
          hint="0 to 5, up to two decimals."
        />
        <TextField kit={kit} name="minRatings" label="Minimum number of ratings" value={form.minRatings} onChange={(v) => set("minRatings", v)} inputMode="numeric" />
        <TextField
          kit={kit}
          name="bond"
          label="Bond"
          value={form.bond}
          onChange={(v) => set("bond", v)}
          inputMode="decimal"
          suffix="% of the maximum price"
          hint={bond !== undefined && bond > 0n ? `Each bidder posts ${formatAmount(bond, token)} with its bid.` : "What each bidder posts with its bid; it makes a winner that walks away pay for it."}
        />
      </div>
      <fieldset className="post-rows" aria-describedby={kit.error("metrics") ? `${kit.id("metrics")}-error` : undefined}>
        <legend>Metric floors</legend>
        <p className="post-hint">A value an attestor vouched for in the supplier registry, e.g. a benchmark score. Up to {MAX_METRIC_FLOORS}.</p>
        <FieldError kit={kit} name="metrics" />
        <datalist id={kit.id("metric-names")}>
          {Object.values(METRICS).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        {form.metrics.map((row, i) => {
          const n = i + 1;
          const key = `metrics.${i}`;
          const hidden = `Metric floor ${n}`;
          return (
            <fieldset key={i} className="post-row">
              <legend>Metric floor {n}</legend>
              <div className="post-grid">
                <TextField kit={kit} name={`${key}.attestor`} label={<LabelText hidden={hidden}>Attestor</LabelText>} value={row.attestor} onChange={(v) => setMetric(i, { attestor: v })} mono placeholder="0x…" />
                <TextField kit={kit} name={`${key}.metric`} label={<LabelText hidden={hidden}>Metric</LabelText>} value={row.metric} onChange={(v) => setMetric(i, { metric: v })} mono list={kit.id("metric-names")} placeholder="benchmark.swe-bench" />
                <SelectField
                  kit={kit}
                  name={`${key}.comparison`}
                  label={<LabelText hidden={hidden}>Comparison</LabelText>}
                  value={row.comparison}
                  onChange={(v) => setMetric(i, { comparison: v as MetricRow["comparison"] })}
                  options={[
                    { value: "atLeast", label: "at least" },
                    { value: "atMost", label: "at most" },
                  ]}
                />
                <TextField kit={kit} name={`${key}.threshold`} label={<LabelText hidden={hidden}>Threshold</LabelText>} value={row.threshold} onChange={(v) => setMetric(i, { threshold: v })} inputMode="numeric" />
              </div>
              <button type="button" className="button button-quiet" onClick={() => removeMetric(i)}>
                Remove metric floor {n}
              </button>
            </fieldset>
          );
        })}
        <button type="button" className="button button-quiet" onClick={addMetric} disabled={form.metrics.length >= MAX_METRIC_FLOORS}>
          Add a metric floor
        </button>
      </fieldset>
    </section>
  );
}
