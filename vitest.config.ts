import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The browser suite has its own run (npm run test:e2e, test/e2e/vitest.config.ts).
    exclude: [...configDefaults.exclude, "test/e2e/**"],
    globalSetup: ["test/setup/build.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own in-process chain; two cores run two files at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
