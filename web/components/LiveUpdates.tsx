"use client";
// Keeps a page current: asks the indexer for the block it has reached (/status) every `everyMs`, and when that block
// moves, re-renders the page's server part (router.refresh: new jobs, bids and states appear in place, with the
// form fields and scroll position kept). Paused while the tab is hidden.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export function LiveUpdates({ indexerUrl, chainId, everyMs = 2_000 }: { indexerUrl: string; chainId: number; everyMs?: number }) {
  const router = useRouter();
  const [state, setState] = useState<{ block: number | null; live: boolean }>({ block: null, live: false });
  const last = useRef<number | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      if (document.visibilityState === "visible") {
        try {
          const response = await fetch(`${indexerUrl}/status`, { cache: "no-store" });
          const body = (await response.json()) as Record<string, { id: number; block: { number: number } | null }>;
          const block = Object.values(body).find((c) => c.id === chainId)?.block?.number ?? null;
          if (block !== null && last.current !== null && block !== last.current) router.refresh();
          last.current = block;
          if (!stopped) setState({ block, live: true });
        } catch {
          if (!stopped) setState((s) => ({ ...s, live: false }));
        }
      }
      if (!stopped) timer = window.setTimeout(tick, everyMs);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [indexerUrl, chainId, everyMs, router]);

  return (
    <p className="live">
      <span className={state.live ? "live-dot live-on" : "live-dot"} aria-hidden="true" />
      {state.live ? `Live · block ${state.block ?? "—"}` : "Connecting…"}
    </p>
  );
}
