// The form's field pieces: a label for every control, the field's error beside it (aria-invalid, aria-describedby),
// an optional hint and unit. Every control's id comes from its form key ("rules.0.value"), so an error found by
// lib/post-form.ts lands at the control it names.
import type { ReactNode } from "react";
import { DURATION_UNITS, type DurationInput, type DurationUnit } from "../../lib/post-form.ts";

/** Ids and errors of the form's fields, by form key. */
export interface Kit {
  id: (key: string) => string;
  error: (key: string) => string | undefined;
}

/** The attributes that tie a control to its error and hint. */
export function described(kit: Kit, key: string, ...more: (string | undefined | false)[]) {
  const error = kit.error(key);
  const ids = [error ? `${kit.id(key)}-error` : undefined, ...more].filter(Boolean);
  return { "aria-invalid": error ? true : undefined, "aria-describedby": ids.length ? ids.join(" ") : undefined } as const;
}

export function FieldError({ kit, name }: { kit: Kit; name: string }) {
  const error = kit.error(name);
  return error ? (
    <p id={`${kit.id(name)}-error`} className="field-error">
      {error}
    </p>
  ) : null;
}

/** A label whose first words are only for screen readers ("Rule 2 " + "Pattern"): rows read alike on screen and
 * apart by ear. */
export function LabelText({ hidden, children }: { hidden?: string; children: ReactNode }) {
  return (
    <>
      {hidden ? <span className="visually-hidden">{hidden} </span> : null}
      {children}
    </>
  );
}

interface TextFieldProps {
  kit: Kit;
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  /** The unit shown after the control (a token's symbol, "%", "stars"). */
  suffix?: string;
  rows?: number;
  inputMode?: "decimal" | "numeric" | "text";
  placeholder?: string;
  list?: string;
  mono?: boolean;
}

export function TextField({ kit, name, label, value, onChange, hint, suffix, rows, inputMode, placeholder, list, mono }: TextFieldProps) {
  const id = kit.id(name);
  const hintId = hint ? `${id}-hint` : undefined;
  const suffixId = suffix ? `${id}-unit` : undefined;
  const common = {
    id,
    name,
    value,
    placeholder,
    spellCheck: mono ? false : undefined,
    autoComplete: "off",
    className: mono ? "post-mono" : undefined,
    ...described(kit, name, suffixId, hintId),
  };
  const control =
    rows !== undefined ? (
      <textarea {...common} rows={rows} onChange={(e) => onChange(e.target.value)} />
    ) : (
      <input {...common} inputMode={inputMode} list={list} onChange={(e) => onChange(e.target.value)} />
    );
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {suffix ? (
        <div className="post-suffixed">
          {control}
          <span id={suffixId} className="post-unit">
            {suffix}
          </span>
        </div>
      ) : (
        control
      )}
      {hint ? (
        <p id={hintId} className="post-hint">
          {hint}
        </p>
      ) : null}
      <FieldError kit={kit} name={name} />
    </div>
  );
}

export function SelectField({
  kit,
  name,
  label,
  value,
  onChange,
  options,
  hint,
}: {
  kit: Kit;
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  hint?: ReactNode;
}) {
  const id = kit.id(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value)} {...described(kit, name, hintId)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={hintId} className="post-hint">
          {hint}
        </p>
      ) : null}
      <FieldError kit={kit} name={name} />
    </div>
  );
}

/** A window: a whole number and its unit (minutes, hours, days), each with its own label. */
export function DurationField({
  kit,
  name,
  label,
  value,
  onChange,
  hint,
}: {
  kit: Kit;
  name: string;
  label: string;
  value: DurationInput;
  onChange: (value: DurationInput) => void;
  hint?: ReactNode;
}) {
  const id = kit.id(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="post-duration">
        <input
          id={id}
          name={name}
          value={value.amount}
          inputMode="numeric"
          autoComplete="off"
          onChange={(e) => onChange({ ...value, amount: e.target.value })}
          {...described(kit, name, hintId)}
        />
        <label htmlFor={`${id}-unit`} className="visually-hidden">
          {label} unit
        </label>
        <select id={`${id}-unit`} name={`${name}-unit`} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as DurationUnit })}>
          {DURATION_UNITS.map((u) => (
            <option key={u.value} value={u.value}>
              {u.label}
            </option>
          ))}
        </select>
      </div>
      {hint ? (
        <p id={hintId} className="post-hint">
          {hint}
        </p>
      ) : null}
      <FieldError kit={kit} name={name} />
    </div>
  );
}
