// Whether the indexer answers at all, asked by the proxy (proxy.ts) before a page renders: a page whose data cannot
// be read answers 503 at once instead of waiting on reads that time out and then answering 200.
import { publicConfig } from "./config.ts";

/** How long the probe waits for the indexer's /status (a healthy one answers in milliseconds). */
export const INDEXER_PROBE_MS = 1_500;
/** How long a probe's answer is reused. */
export const PROBE_TTL_MS = 2_000;

let last: { url: string; at: number; problem: Promise<string | null> } | undefined;

async function probe(base: string): Promise<string | null> {
  try {
    const response = await fetch(`${base}/status`, { cache: "no-store", signal: AbortSignal.timeout(INDEXER_PROBE_MS) });
    await response.body?.cancel();
    // Any HTTP answer means the indexer is up; each read then handles its own error.
    return null;
  } catch (error) {
    return (error as Error).name === "TimeoutError"
      ? `The indexer at ${base} did not answer within ${INDEXER_PROBE_MS / 1000} s (it may be stuck or restarting).`
      : `The indexer at ${base} is not reachable (is it running? npm start starts it).`;
  }
}

/** null when the indexer answers, else the sentence saying why the data is unavailable. */
export function probeIndexer(now = Date.now()): Promise<string | null> {
  const base = publicConfig().indexerUrl;
  if (last && last.url === base && now - last.at < PROBE_TTL_MS) return last.problem;
  const problem = probe(base);
  last = { url: base, at: now, problem };
  return problem;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page sent with 503: self-contained (no script, no stylesheet), light and dark. */
export function unavailablePage(problem: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Data unavailable · Tender</title><link rel="icon" href="/icon.svg" type="image/svg+xml">
<style>:root{color-scheme:light dark;font-family:system-ui,sans-serif}body{max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
.panel{border:1px solid #b42318;border-radius:10px;padding:1rem 1.2rem}a{color:inherit}</style></head>
<body><main><section class="panel" role="alert"><h1>The market's data is unavailable</h1>
<p>${escapeHtml(problem)}</p><p>This page reads the indexer, which is not answering. It tries again on reload: <a href="">reload</a> · <a href="/">Markets</a></p>
</section></main></body></html>
`;
}
