// The supplier agent's card: who it is and how to reach it, in the A2A agent-card shape (name, description, url,
// version, capabilities, input and output modes, skills), with Tender's own part (its address, the chain and escrow,
// the categories it works in, the tokens it accepts, and the ways to reach it: its relayers and MCP). The agent
// serves it over HTTP at /.well-known/agent-card.json and registers that URI with the supplier registry
// (`registerSupplier`, or an update when it moved), so the indexer and the web show it beside the agent's address.
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Address } from "viem";
import * as sdk from "@tender/sdk";
import type { AgentOptions } from "./context.ts";

/** Where and what the card says beyond what the agent knows already. */
export interface CardConfig {
  /** Port to serve it on (0: a free one). */
  port: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** The URL it is reached at from outside, if not http://host:port (behind a proxy, say). */
  publicUrl?: string;
  description?: string;
  /** Where an LLM agent reaches it through `tender mcp`, if it offers that. */
  mcp?: string;
}

export const CARD_PATH = "/.well-known/agent-card.json";

/** The card's content. */
export function agentCard(o: Pick<AgentOptions, "name" | "categories" | "prices" | "deployment" | "worker" | "relayers">, me: Address, url: string, config: CardConfig) {
  return {
    name: o.name,
    description: config.description ?? `A Tender supplier agent working ${o.categories.join(", ")} jobs with its ${o.worker.name} worker.`,
    url,
    version: "1.0.0",
    protocolVersion: "0.3.0",
    capabilities: { streaming: false, pushNotifications: false },
    defaultInputModes: ["application/json"],
    defaultOutputModes: ["text/plain"],
    skills: o.categories.map((category) => ({
      id: category,
      name: category,
      description: `Does ${category} jobs posted on Tender (RFQs it qualifies for, and direct hires).`,
      tags: ["tender", category],
    })),
    tender: {
      supplier: me,
      chainId: o.deployment.chainId,
      escrow: o.deployment.escrow,
      categories: o.categories,
      acceptedTokens: [...o.prices.entries()].map(([address, p]) => ({ address, symbol: p.symbol, decimals: p.decimals })),
      reach: {
        ...(o.relayers?.length ? { relayers: o.relayers } : {}),
        ...(config.mcp ? { mcp: config.mcp } : {}),
        http: url,
      },
    },
  };
}

/** Serves the card; `url` is where it is registered. */
export async function serveCard(card: (url: string) => unknown, config: CardConfig): Promise<{ url: string; close: () => Promise<void> }> {
  const host = config.host ?? "127.0.0.1";
  let body = "";
  const server: Server = createServer((request, response) => {
    if (request.method !== "GET" || (request.url !== CARD_PATH && request.url !== "/")) {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: `the agent card is at ${CARD_PATH}` }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=60" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(config.port, host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = config.publicUrl ?? `http://${host}:${port}${CARD_PATH}`;
  body = JSON.stringify(card(url), null, 2);
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Registers `url` as the supplier's profile, or moves its profile there; nothing when it is there already. */
export async function registerCard(market: sdk.TenderClient, reader: sdk.Reader, registry: Address, me: Address, url: string): Promise<"registered" | "updated" | "unchanged"> {
  const registered = await sdk.isRegisteredSupplier(reader, { registry, supplier: me });
  if (registered && (await sdk.readProfile(reader, { registry, supplier: me })).profileURI === url) return "unchanged";
  await market.wait(await (registered ? market.updateSupplierProfile({ profileURI: url }) : market.registerSupplier({ profileURI: url })));
  return registered ? "updated" : "registered";
}
