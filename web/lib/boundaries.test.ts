// @vitest-environment node
// What the browser bundles must never reach: node:* built-ins (the SDK's deployments.ts and deliverable.ts read
// files) and the server-only modules of this app. Walks the relative and SDK imports of every client component ("use
// client") and of the SDK pieces the job page loads on demand.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { encodeDeliverable } from "@tender/sdk/deliverable";
import { encodeTextDeliverable } from "./deliverable.ts";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sdkDir = resolve(web, "../scripts/sdk");

/** The file an import names: relative, or a module of the SDK's package (`@tender/sdk/x` is scripts/sdk/x.ts). */
function resolveImport(from: string, spec: string): string | undefined {
  if (spec.startsWith(".")) return resolve(dirname(from), spec);
  if (spec === "@tender/sdk") return join(sdkDir, "index.ts");
  if (spec.startsWith("@tender/sdk/")) return join(sdkDir, `${spec.slice("@tender/sdk/".length)}.ts`);
  return undefined;
}
const SERVER_ONLY = ["lib/server.ts", "lib/config.ts", "lib/indexer.ts", "lib/agent-card.ts", "lib/suppliers.ts"].map((f) => join(web, f));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name === ".next" || entry.name === "test") return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every file `file` reaches through relative and SDK imports (static, type-only excluded, and dynamic), and every
 * bare specifier on the way. */
function reach(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm), ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => m[1]!,
  );
  seen.set(file, specifiers);
  for (const spec of specifiers) {
    const target = resolveImport(file, spec);
    if (target) reach(target, seen);
  }
  return seen;
}

const clientEntries = sources(web).filter((f) => /^\s*["']use client["']/.test(readFileSync(f, "utf8")));

describe("the browser's side of the boundary", () => {
  it("has client components to check", () => {
    expect(clientEntries.map((f) => relative(web, f)).sort()).toEqual(
      expect.arrayContaining(["components/JobActions.tsx", "components/JobsFilter.tsx", "components/Providers.tsx", "components/Wallet.tsx"]),
    );
  });

  it.each(clientEntries.map((f) => [relative(web, f), f]))("%s reaches no node:* module and no server-only module", (_name, entry) => {
    const graph = reach(entry);
    for (const [file, specifiers] of graph) {
      const where = relative(web, file);
      expect(SERVER_ONLY, `${where} is server-only`).not.toContain(file);
      for (const spec of specifiers) {
        expect(spec.startsWith("node:") || spec === "server-only", `${where} imports ${spec}`).toBe(false);
      }
    }
  });

  it("makes the same hash and data: URI as the SDK's encodeDeliverable", () => {
    for (const text of ["done\n", "héllo wörld ✓\n", ""]) {
      const sdk = encodeDeliverable(text, "text/plain");
      const web = encodeTextDeliverable(text);
      expect(web.hash).toBe(sdk.hash);
      expect(web.uri).toBe(sdk.uri);
    }
  });
});
