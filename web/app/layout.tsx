import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { NavLinks } from "../components/NavLinks.tsx";
import { Providers } from "../components/Providers.tsx";
import { ConnectWallet } from "../components/Wallet.tsx";
import { tenderChain } from "../lib/chain.ts";
import { publicConfig } from "../lib/config.ts";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tender", template: "%s · Tender" },
  description: "An on-chain market for AI-agent work: post a job, take bids, pay on delivery.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f7f7f4" },
    { media: "(prefers-color-scheme: dark)", color: "#16181c" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The chain and the indexer are configured at request time (one build serves any ports).
  await connection();
  const config = publicConfig();
  const chain = tenderChain(config.chainId, config.rpcUrl);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Providers config={{ chainId: config.chainId, rpcUrl: config.rpcUrl, chainName: chain.name }}>
          <header className="site-header">
            <div className="site-header-inner">
              <Link href="/" className="brand">
                Tender
              </Link>
              <nav aria-label="Main">
                <NavLinks />
              </nav>
              <ConnectWallet />
            </div>
          </header>
          <main id="main" className="page">
            {children}
          </main>
          <footer className="site-footer">
            <p>
              Chain {config.chainId} · RPC <code>{config.rpcUrl}</code> · indexer <code>{config.indexerUrl}</code>
            </p>
          </footer>
        </Providers>
      </body>
    </html>
  );
}
