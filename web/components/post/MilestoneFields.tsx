// Paid in milestones: the job's price in 2 to 8 parts, each with its share (percent of the price; together 100%) and
// its delivery window, counted from the previous milestone's settlement. The first milestone's window is the job's
// delivery window. The rules and their sentences are the SDK's (milestoneProblems), put at these rows by
// lib/post-form.ts; the running total is shown as the buyer types.
import { milestoneGross } from "@tender/sdk/milestones";
import { type TokenInfo, formatAmount, formatDuration, parseAmount } from "../../lib/format.ts";
import { MAX_MILESTONES, type MilestoneRow, type PostForm, durationSeconds, percentBps } from "../../lib/post-form.ts";
import { DurationField, FieldError, type Kit, LabelText, TextField } from "./fields.tsx";

export function MilestoneFields({
  kit,
  form,
  token,
  toggle,
  setRow,
  add,
  remove,
}: {
  kit: Kit;
  form: PostForm;
  token: TokenInfo;
  /** Pay in milestones (true: two halves to start with) or at once. */
  toggle: (on: boolean) => void;
  setRow: (index: number, patch: Partial<MilestoneRow>) => void;
  add: () => void;
  remove: (index: number) => void;
}) {
  const rfq = form.kind === "rfq";
  const rows = form.milestones;
  const on = rows.length > 0;
  const shares = rows.map((row) => percentBps(row.share));
  const total = shares.reduce<number>((sum, bps) => sum + (bps ?? 0), 0);
  const price = parseAmount(rfq ? form.maxPrice : form.price, token);
  // What each part pays at the price typed (an RFQ: at the maximum), once every share can be read and they add up.
  const amounts =
    price.ok && total === 10_000 && shares.every((bps) => bps !== undefined && bps > 0)
      ? rows.map((_, i) => milestoneGross(price.value, shares.map((bps) => ({ shareBps: bps! })), i))
      : undefined;
  const errorId = kit.error("milestones") ? `${kit.id("milestones")}-error` : undefined;
  return (
    <section className="panel" aria-labelledby={kit.id("milestones-title")}>
      <h2 id={kit.id("milestones-title")}>Milestones</h2>
      <div className="field">
        <div className="field-check">
          <input type="checkbox" id={kit.id("inMilestones")} name="inMilestones" checked={on} onChange={(e) => toggle(e.target.checked)} aria-describedby={`${kit.id("inMilestones")}-hint`} />
          <label htmlFor={kit.id("inMilestones")}>Pay in milestones</label>
        </div>
        <p id={`${kit.id("inMilestones")}-hint`} className="post-hint">
          The price is paid in 2 to {MAX_MILESTONES} parts: the supplier delivers each in its own window (counted from the previous part&apos;s payment), and you
          confirm, dispute or let each be finalized like a whole job. The rating comes with the last part.
          {form.holdback.trim() !== "" && form.holdback.trim() !== "0" ? " The holdback holds the same share of each part, each under its own warranty." : ""}
        </p>
      </div>
      {on ? (
        <fieldset className="post-rows" aria-describedby={errorId}>
          <legend>The parts, in order</legend>
          <FieldError kit={kit} name="milestones" />
          {rows.map((row, i) => {
            const n = i + 1;
            const key = `milestones.${i}`;
            const seconds = durationSeconds(row.window);
            return (
              <fieldset key={i} className="post-row">
                <legend>Milestone {n}</legend>
                <div className="post-grid">
                  <TextField
                    kit={kit}
                    name={`${key}.share`}
                    label={<LabelText hidden={`Milestone ${n}`}>Share</LabelText>}
                    value={row.share}
                    onChange={(share) => setRow(i, { share })}
                    inputMode="decimal"
                    suffix="% of the price"
                    hint={amounts ? `${formatAmount(amounts[i]!, token)}${rfq ? " at the maximum price" : ""}${i === rows.length - 1 && rows.length > 1 ? " (the last part pays the rest)" : ""}.` : undefined}
                  />
                  <DurationField
                    kit={kit}
                    name={`${key}.window`}
                    label={`Milestone ${n} delivery window`}
                    value={row.window}
                    onChange={(window) => setRow(i, { window })}
                    hint={
                      i === 0
                        ? `The job's delivery window: from ${rfq ? "the award" : "the posting"}${seconds ? `, ${formatDuration(seconds)}` : ""}.`
                        : `From milestone ${i}'s payment${seconds ? `, ${formatDuration(seconds)}` : ""}.`
                    }
                  />
                </div>
                <button type="button" className="button button-quiet" onClick={() => remove(i)}>
                  Remove milestone {n}
                </button>
              </fieldset>
            );
          })}
          <p className={total === 10_000 ? "post-hint" : "post-hint post-hint-warn"} aria-live="polite">
            The shares add up to {(total / 100).toLocaleString("en-US", { maximumFractionDigits: 2 })}% of 100%.
          </p>
          <button type="button" className="button button-quiet" onClick={add} disabled={rows.length >= MAX_MILESTONES}>
            Add a milestone
          </button>
        </fieldset>
      ) : null}
    </section>
  );
}
