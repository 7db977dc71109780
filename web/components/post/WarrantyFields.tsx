// Holdback under warranty: the share of each payment the escrow keeps after the job is paid, how long the buyer may
// claim against it, and (RFQs) whether the winner's bond stays with it. The rules and their sentences are the SDK's
// (warrantyProblems), put at these fields by lib/post-form.ts.
import { bpsOf } from "@tender/sdk/units";
import { type TokenInfo, formatAmount, formatDuration, parseAmount } from "../../lib/format.ts";
import { type PostForm, durationSeconds } from "../../lib/post-form.ts";
import { DurationField, FieldError, type Kit, TextField, described } from "./fields.tsx";

export function WarrantyFields({
  kit,
  form,
  token,
  set,
}: {
  kit: Kit;
  form: PostForm;
  token: TokenInfo;
  set: <K extends keyof PostForm>(key: K, value: PostForm[K]) => void;
}) {
  const rfq = form.kind === "rfq";
  const percent = /^\d{1,3}(\.\d{1,2})?$/.test(form.holdback.trim()) ? Math.round(Number(form.holdback.trim()) * 100) : undefined;
  const price = parseAmount(rfq ? form.maxPrice : form.price, token);
  const held = price.ok && percent !== undefined && percent > 0 && percent <= 5_000 ? bpsOf(price.value, percent) : undefined;
  const window = durationSeconds(form.warrantyWindow);
  const holding = percent !== undefined && percent > 0;
  return (
    <section className="panel" aria-labelledby={kit.id("warranty-title")}>
      <h2 id={kit.id("warranty-title")}>Holdback and warranty</h2>
      <p className="post-hint">
        Keep part of the payment in escrow for a while after you pay: until the warranty ends you may claim against it (paying the arbitrator&apos;s fee
        on what is held), and after it anyone releases it to the supplier. 0% pays the supplier in full.
      </p>
      <div className="post-grid">
        <TextField
          kit={kit}
          name="holdback"
          label="Holdback"
          value={form.holdback}
          onChange={(v) => set("holdback", v)}
          inputMode="decimal"
          suffix="% of each payment"
          hint={
            held !== undefined
              ? rfq
                ? `${formatAmount(held, token)} at the maximum price; the same share of the winning bid is held.`
                : `${formatAmount(held, token)} of the price is held.`
              : "0 to 50%."
          }
        />
        <DurationField
          kit={kit}
          name="warrantyWindow"
          label="Warranty window"
          value={form.warrantyWindow}
          onChange={(v) => set("warrantyWindow", v)}
          hint={holding ? `Claims are taken for ${window ? formatDuration(window) : "this long"} after each payment.` : "Used only with a holdback."}
        />
      </div>
      {rfq ? (
        <div className="field">
          <div className="field-check">
            <input
              type="checkbox"
              id={kit.id("holdBond")}
              name="holdBond"
              checked={form.holdBond}
              onChange={(e) => set("holdBond", e.target.checked)}
              {...described(kit, "holdBond", `${kit.id("holdBond")}-hint`)}
            />
            <label htmlFor={kit.id("holdBond")}>Keep the winner&apos;s bond through the warranty</label>
          </div>
          <p id={`${kit.id("holdBond")}-hint`} className="post-hint">
            The bond stays in escrow with the held share and goes back to the supplier with it, unless you win a claim: then it comes to you.
          </p>
          <FieldError kit={kit} name="holdBond" />
        </div>
      ) : null}
    </section>
  );
}
