"use client";
// Goes to the connected wallet's activity; without a wallet, asks for an address (a plain GET form first).
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useWalletState } from "./Wallet.tsx";

export function ActivityChooser() {
  const wallet = useWalletState();
  const router = useRouter();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const connected = wallet.status === "ready" || wallet.status === "wrong-network" ? wallet.address : undefined;

  useEffect(() => {
    if (connected) router.replace(`/activity/${connected}`);
  }, [connected, router]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = value.trim();
    if (!/^0x[0-9a-fA-F]{40}$/.test(address)) {
      setError("An address is 0x and 40 hex digits.");
      document.getElementById(`${id}-address`)?.focus();
      return;
    }
    setError(null);
    router.push(`/activity/${address}`);
  };

  return (
    <section className="panel">
      {connected ? <p role="status">Opening your activity…</p> : <p>Connect a wallet (top right) to see your activity, or look up any address:</p>}
      <form onSubmit={submit} noValidate className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-address`}>Address</label>
          <input
            id={`${id}-address`}
            value={value}
            onChange={(e) => { setValue(e.target.value); setError(null); }}
            placeholder="0x…"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          {error ? (
            <p id={`${id}-error`} className="field-error">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          Show activity
        </button>
      </form>
    </section>
  );
}
