"use client";
// The open-jobs filter form. It is a plain GET form (it works before the script loads); with the script it checks
// the budget before anything is fetched: a bad one shows its error beside the field and the page stays as it is.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState, useTransition } from "react";
import type { TokenInfo } from "../lib/format.ts";
import { type FilterErrors, type FilterValues, SORTS, checkFilter, filterHref, tokenParam } from "../lib/jobs-filter.ts";
import { useWalletState } from "./Wallet.tsx";

export function JobsFilter({
  initial,
  initialErrors = {},
  categories,
  tokens,
}: {
  initial: FilterValues;
  /** Problems the page found in the URL's filter, shown at their fields. */
  initialErrors?: FilterErrors;
  categories: readonly string[];
  tokens: readonly TokenInfo[];
}) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FilterErrors>(initialErrors);
  const [pending, startTransition] = useTransition();
  const id = useId();
  const wallet = useWalletState();
  const connected = wallet.status === "ready" || wallet.status === "wrong-network" ? wallet.address : undefined;
  const chosenToken = tokens.find((t) => tokenParam(t) === values.token || t.address.toLowerCase() === values.token.toLowerCase());

  const set = (field: keyof FilterValues) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkFilter(values, tokens);
    if (!checked.ok) {
      setErrors(checked.errors ?? {});
      const first = Object.keys(checked.errors ?? {})[0];
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    startTransition(() => router.push(filterHref(values)));
  };

  const field = (name: keyof FilterValues) => ({
    id: `${id}-${name}`,
    name,
    value: values[name],
    onChange: set(name),
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });
  const errorOf = (name: keyof FilterValues) =>
    errors[name] ? (
      <p id={`${id}-${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;
  const count = Object.values(errors).filter(Boolean).length;

  return (
    <form className="filter" action="/jobs" method="get" onSubmit={onSubmit} noValidate aria-label="Filter open jobs">
      <div className="filter-fields">
        <div className="field">
          <label htmlFor={`${id}-category`}>Category</label>
          <select {...field("category")}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            {values.category && !categories.includes(values.category) ? <option value={values.category}>{values.category}</option> : null}
          </select>
          {errorOf("category")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-token`}>Token</label>
          <select {...field("token")}>
            <option value="">Any token</option>
            {tokens.map((t) => (
              <option key={t.address} value={tokenParam(t)}>
                {t.symbol}
              </option>
            ))}
          </select>
          {errorOf("token")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-min`}>Budget from{chosenToken ? ` (${chosenToken.symbol})` : ""}</label>
          <input {...field("min")} inputMode="decimal" autoComplete="off" placeholder="0" />
          {errorOf("min")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-max`}>Budget up to{chosenToken ? ` (${chosenToken.symbol})` : ""}</label>
          <input {...field("max")} inputMode="decimal" autoComplete="off" placeholder="any" />
          {errorOf("max")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-sort`}>Sort</label>
          <select {...field("sort")}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
          {errorOf("sort")}
        </div>
      </div>
      {connected || values.qualifiedFor ? (
        <div className="field field-check">
          <input
            type="checkbox"
            id={`${id}-qualifiedFor`}
            name="for"
            value={values.qualifiedFor || connected}
            checked={values.qualifiedFor !== ""}
            onChange={(event) => {
              const on = event.target.checked;
              setValues((v) => ({ ...v, qualifiedFor: on ? (connected ?? v.qualifiedFor) : "" }));
              setErrors((e) => ({ ...e, qualifiedFor: undefined }));
            }}
            aria-invalid={errors.qualifiedFor ? true : undefined}
            aria-describedby={errors.qualifiedFor ? `${id}-qualifiedFor-error` : undefined}
          />
          <label htmlFor={`${id}-qualifiedFor`}>
            Only jobs {values.qualifiedFor && values.qualifiedFor.toLowerCase() !== connected?.toLowerCase() ? `${values.qualifiedFor.slice(0, 8)}…` : "I"} qualify
            for (record, ratings and attestations meet the job's floors)
          </label>
          {errorOf("qualifiedFor")}
        </div>
      ) : null}
      <div className="filter-actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Loading…" : "Show jobs"}
        </button>
        <Link href="/jobs" className="button button-quiet">
          Clear
        </Link>
        <p className="visually-hidden" role="status" aria-live="polite">
          {count > 0 ? `${count} ${count === 1 ? "field needs" : "fields need"} a fix` : ""}
        </p>
      </div>
    </form>
  );
}
