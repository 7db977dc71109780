// Next.js configuration for Tender's web app. The app lives in web/ and imports the SDK by its package name
// (@tender/sdk, an npm workspace: node_modules/@tender/sdk links to scripts/sdk), as TypeScript sources with `.ts`
// extensions: Turbopack (Next 16's default bundler) resolves files only inside its root, so the root is the
// repository (where package-lock.json and node_modules are), and transpilePackages compiles the SDK like the app's
// own files, so it needs no build step of its own.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const here = dirname(fileURLToPath(import.meta.url));
const repository = join(here, "..");

const config: NextConfig = {
  reactStrictMode: true,
  transpilePackages: ["@tender/sdk"],
  poweredByHeader: false,
  turbopack: { root: repository },
  // Server bundles trace their files from the same root (the SDK and node_modules are outside web/).
  outputFileTracingRoot: repository,
  // Browsers still ask for /favicon.ico on their own: it is the app's icon (app/icon.svg), not a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
};

export default config;
