// Next 16's proxy (formerly middleware): before a page renders, check that the indexer answers at all. Every page
// reads it; when it is down or hung, the page could only say "unavailable" after its reads time out, and Next would
// send that with 200. Here the answer is a short page saying the data is unavailable, with its real status, 503
// (and Retry-After), within INDEXER_PROBE_MS. The probe's answer is cached for a moment, so a healthy indexer costs
// one /status read per PROBE_TTL_MS, not one per request. The browser's in-place refreshes (RSC requests) and files
// are let through: an open page keeps what it shows.
import { type NextRequest, NextResponse } from "next/server";
import { probeIndexer, unavailablePage } from "./lib/health.ts";

export async function proxy(request: NextRequest): Promise<NextResponse | undefined> {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  if (request.headers.get("rsc") !== null || request.headers.get("next-router-prefetch") !== null) return undefined;
  const problem = await probeIndexer();
  if (problem === null) return undefined;
  return new NextResponse(request.method === "HEAD" ? null : unavailablePage(problem), {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": "5", "cache-control": "no-store" },
  });
}

export const config = {
  // Pages only: not Next's own files, the icon or other static files.
  matcher: ["/((?!_next/|icon|favicon|robots|.*\\.[a-z0-9]+$).*)"],
};
