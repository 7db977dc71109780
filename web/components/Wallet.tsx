"use client";
// Connecting a wallet: every wallet that announces itself over EIP-6963 is listed (plus the page's injected
// `window.ethereum` when no wallet announces itself), and a wallet on another chain gets a switch button.
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { type Connector, useConnect, useConnection, useConnectors, useDisconnect, useSwitchChain } from "wagmi";
import { shortAddress } from "../lib/format.ts";
import { useTenderConfig } from "./Providers.tsx";

/** What the connected wallet can do here. */
export type WalletState =
  | { status: "disconnected" }
  | { status: "connecting" }
  | { status: "wrong-network"; address: `0x${string}`; chainId: number | undefined }
  | { status: "ready"; address: `0x${string}` };

export function useWalletState(): WalletState {
  const { chainId } = useTenderConfig();
  const connection = useConnection();
  const mounted = useMounted();
  if (!mounted) return { status: "disconnected" };
  if (connection.status === "connecting" || connection.status === "reconnecting") return { status: "connecting" };
  if (connection.status !== "connected" || !connection.address) return { status: "disconnected" };
  if (connection.chainId !== chainId) return { status: "wrong-network", address: connection.address, chainId: connection.chainId };
  return { status: "ready", address: connection.address };
}

/** False during the server render and the hydration pass: wallet state exists only in the browser. */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

function messageOf(error: unknown): string {
  if (!error) return "";
  const e = error as { shortMessage?: string; message?: string };
  return e.shortMessage ?? e.message ?? String(error);
}

/** The wallets a person can pick: announced (EIP-6963) ones, or the page's injected provider when none announced. */
export function useWallets(): readonly Connector[] {
  const connectors = useConnectors();
  const mounted = useMounted();
  if (!mounted) return [];
  const announced = connectors.filter((c) => c.id !== "injected");
  if (announced.length > 0) return announced;
  const hasInjected = typeof window !== "undefined" && (window as { ethereum?: unknown }).ethereum !== undefined;
  return hasInjected ? connectors.filter((c) => c.id === "injected") : [];
}

/** "Switch to <chain>": asks the wallet to change networks (adding the chain when it does not know it). */
export function SwitchNetworkButton({ className }: { className?: string }) {
  const { chainId, chainName } = useTenderConfig();
  const switchChain = useSwitchChain();
  return (
    <span className="switch-network">
      <button type="button" className={className ?? "button button-warn"} onClick={() => switchChain.mutate({ chainId })} disabled={switchChain.isPending}>
        {switchChain.isPending ? "Switching…" : `Switch to ${chainName}`}
      </button>
      {switchChain.error ? (
        <span role="alert" className="field-error">
          {messageOf(switchChain.error)}
        </span>
      ) : null}
    </span>
  );
}

function WalletIcon({ connector }: { connector: Connector }): ReactNode {
  // EIP-6963 icons are data: URIs the wallet provides (no request leaves the machine); others get a neutral mark.
  if (connector.icon && connector.icon.startsWith("data:")) {
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={connector.icon} alt="" width={20} height={20} className="wallet-icon" />;
  }
  return <span aria-hidden="true" className="wallet-icon wallet-icon-blank" />;
}

/** The header's wallet control: connect (with the list of wallets), the account, the network guard, disconnect. */
export function ConnectWallet() {
  const state = useWalletState();
  const { chainName } = useTenderConfig();
  const wallets = useWallets();
  const connect = useConnect();
  const disconnect = useDisconnect();
  const connection = useConnection();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onClick = (event: MouseEvent) => root.current && !root.current.contains(event.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    root.current?.querySelector<HTMLButtonElement>("[data-wallet]")?.focus();
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  useEffect(() => {
    if (state.status !== "disconnected") setOpen(false);
  }, [state.status]);

  if (state.status === "ready" || state.status === "wrong-network") {
    return (
      <div className="wallet" ref={root}>
        <span className="wallet-account" title={state.address}>
          <span className="visually-hidden">Connected as </span>
          {shortAddress(state.address)}
          {connection.connector ? <span className="wallet-name"> · {connection.connector.name}</span> : null}
        </span>
        {state.status === "wrong-network" ? (
          <span className="wallet-network" role="status">
            <span className="badge badge-warn">Wrong network{state.chainId ? ` (chain ${state.chainId})` : ""}</span>
            <SwitchNetworkButton />
          </span>
        ) : (
          <span className="visually-hidden">on {chainName}</span>
        )}
        <button type="button" className="button button-quiet" onClick={() => disconnect.mutate()}>
          Disconnect
        </button>
      </div>
    );
  }

  return (
    <div className="wallet" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        disabled={state.status === "connecting" || connect.isPending}
      >
        {state.status === "connecting" || connect.isPending ? "Connecting…" : "Connect wallet"}
      </button>
      <div id={panelId} className="wallet-panel" hidden={!open}>
        {wallets.length === 0 ? (
          <p className="muted">
            No wallet found in this browser. Install or unlock a wallet extension (any that supports EIP-6963), then reload.
          </p>
        ) : (
          <ul className="wallet-list" aria-label="Wallets in this browser">
            {wallets.map((connector) => (
              <li key={connector.uid}>
                <button type="button" data-wallet className="wallet-option" onClick={() => connect.mutate({ connector })}>
                  <WalletIcon connector={connector} />
                  {connector.id === "injected" ? "Browser wallet" : connector.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        {connect.error ? (
          <p role="alert" className="field-error">
            {messageOf(connect.error)}
          </p>
        ) : null}
      </div>
    </div>
  );
}
