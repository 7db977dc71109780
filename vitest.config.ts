import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/build.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own in-process chain; two cores run two files at a time.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
