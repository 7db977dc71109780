// Component tests for the web app: jsdom + Testing Library, run from the repository root with
//   npx vitest run --config web/vitest.config.ts
// (the root vitest.config.ts runs the contract, SDK and indexer tests; this one only web/**/*.test.ts(x)).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const web = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: web,
  // Vite's cache beside the repository's other caches, not in a web/node_modules of its own.
  cacheDir: join(web, "../node_modules/.vite/web"),
  // React's automatic JSX runtime, as Next compiles it.
  oxc: { jsx: { runtime: "automatic" } },
  test: {
    environment: "jsdom",
    include: ["**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", ".next/**"],
    setupFiles: ["./test/setup.ts"],
    // Small, quick files: one worker leaves the shared cores to others, and VM contexts in one thread keep each file
    // isolated without building a new jsdom per file (half the run time).
    maxWorkers: 1,
    pool: "vmThreads",
    testTimeout: 15_000,
  },
});
