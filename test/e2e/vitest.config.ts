// The browser suite (`npm run test:e2e`): Chromium driven by Playwright against the production build of web/, with
// a real hardhat node and the real indexer. One file at a time: each starts its own stack.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.test.ts"],
    globalSetup: ["test/setup/build.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
