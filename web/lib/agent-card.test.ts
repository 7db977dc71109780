// @vitest-environment node
// The agent-card fetcher against real local HTTP servers (node:http on 127.0.0.1).
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { addressProblem, fetchAgentCard, parseCard } = await import("./agent-card.ts");

const CARD = { name: "Summariser 3000", description: "Summarises <b>text</b>.", url: "https://agent.example/a2a" };

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case "/card.json":
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(CARD));
        break;
      case "/to-card":
        res.writeHead(302, { location: "/card.json" }).end();
        break;
      case "/to-private":
        res.writeHead(302, { location: "http://10.0.0.1/card.json" }).end();
        break;
      case "/to-metadata":
        res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" }).end();
        break;
      case "/loop":
        res.writeHead(302, { location: "/loop" }).end();
        break;
      case "/big":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ name: "x".repeat(100_000) }));
        break;
      case "/big-chunked": {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = "x".repeat(16 * 1024);
        for (let i = 0; i < 10; i++) res.write(chunk);
        res.end();
        break;
      }
      case "/slow":
        setTimeout(() => res.writeHead(200).end(JSON.stringify(CARD)), 2_000).unref();
        break;
      case "/html":
        res.writeHead(200, { "content-type": "text/html" }).end("<html><script>alert(1)</script></html>");
        break;
      case "/array":
        res.writeHead(200).end("[1,2,3]");
        break;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const local = { allowLocalHttp: true };

describe("fetchAgentCard", () => {
  it("refuses a loopback server when local http is not allowed, over http and https alike", async () => {
    expect(await fetchAgentCard(`${base}/card.json`)).toEqual({ ok: false, error: "only https: card URIs are fetched" });
    const https = await fetchAgentCard(`https://127.0.0.1:${(server.address() as AddressInfo).port}/card.json`);
    expect(https).toEqual({ ok: false, error: "127.0.0.1: 127.0.0.1 is a loopback address" });
    // A name that resolves to loopback is refused after resolution.
    const named = await fetchAgentCard("https://card.test/card.json", { resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    expect(named).toMatchObject({ ok: false, error: expect.stringContaining("loopback") });
  });

  it("reads the card when local http is allowed, its fields as capped plain text", async () => {
    expect(await fetchAgentCard(`${base}/card.json`, local)).toEqual({
      ok: true,
      card: { name: "Summariser 3000", endpoint: "https://agent.example/a2a", description: "Summarises <b>text</b>." },
    });
    // Redirects are followed, each hop checked.
    expect(await fetchAgentCard(`${base}/to-card`, local)).toMatchObject({ ok: true, card: { name: "Summariser 3000" } });
  });

  it("refuses a redirect to a private or link-local address, and endless redirects", async () => {
    expect(await fetchAgentCard(`${base}/to-private`, local)).toEqual({ ok: false, error: "10.0.0.1: 10.0.0.1 is a private, link-local or reserved address" });
    expect(await fetchAgentCard(`${base}/to-metadata`, local)).toMatchObject({ ok: false, error: expect.stringContaining("169.254.169.254") });
    expect(await fetchAgentCard(`${base}/loop`, local)).toEqual({ ok: false, error: "more than 3 redirects" });
  });

  it("refuses a name that resolves to any private address, even beside a public one", async () => {
    const resolve = async () => [{ address: "93.184.216.34", family: 4 }, { address: "192.168.1.10", family: 4 }];
    expect(await fetchAgentCard("https://mixed.test/card.json", { resolve })).toMatchObject({ ok: false, error: expect.stringContaining("192.168.1.10") });
    expect(await fetchAgentCard("https://[::ffff:127.0.0.1]/card.json")).toMatchObject({ ok: false, error: expect.stringContaining("loopback") });
    expect(await fetchAgentCard("https://[fe80::1]/card.json")).toMatchObject({ ok: false, error: expect.stringContaining("link-local") });
  });

  it("refuses an oversized card, declared or streamed", async () => {
    expect(await fetchAgentCard(`${base}/big`, local)).toEqual({ ok: false, error: "the card is larger than 65536 bytes" });
    expect(await fetchAgentCard(`${base}/big-chunked`, local)).toEqual({ ok: false, error: "the card is larger than 65536 bytes" });
  });

  it("gives up on a server that does not answer in time", async () => {
    const started = Date.now();
    expect(await fetchAgentCard(`${base}/slow`, { ...local, timeoutMs: 300 })).toEqual({ ok: false, error: "no answer within 300 ms" });
    expect(Date.now() - started).toBeLessThan(1_500);
    // The time limit covers name resolution too.
    const never = () => new Promise<never>(() => undefined);
    expect(await fetchAgentCard("https://hangs.test/card.json", { resolve: never, timeoutMs: 200 })).toEqual({ ok: false, error: "no answer within 200 ms" });
  });

  it("refuses what is not a JSON object, and other schemes", async () => {
    expect(await fetchAgentCard(`${base}/html`, local)).toEqual({ ok: false, error: "the card is not JSON" });
    expect(await fetchAgentCard(`${base}/array`, local)).toEqual({ ok: false, error: "the card is not a JSON object" });
    expect(await fetchAgentCard(`${base}/missing`, local)).toEqual({ ok: false, error: "the card's server answered 404" });
    expect(await fetchAgentCard("ipfs://bafy/card.json")).toEqual({ ok: false, error: "ipfs: card URIs are not fetched" });
    expect(await fetchAgentCard("file:///etc/passwd")).toEqual({ ok: false, error: "file: card URIs are not fetched" });
    expect(await fetchAgentCard("not a uri")).toEqual({ ok: false, error: "the card URI is not a URL" });
  });

  it("reads a data: URI card, plain or base64, under the size limit", async () => {
    const json = JSON.stringify({ name: "Offline agent", endpoint: "https://offline.example/rpc" });
    expect(await fetchAgentCard(`data:application/json,${encodeURIComponent(json)}`)).toEqual({
      ok: true,
      card: { name: "Offline agent", endpoint: "https://offline.example/rpc", description: null },
    });
    expect(await fetchAgentCard(`data:application/json;base64,${Buffer.from(json).toString("base64")}`)).toMatchObject({ ok: true, card: { name: "Offline agent" } });
    const huge = `data:application/json;base64,${Buffer.from(JSON.stringify({ name: "x".repeat(70_000) })).toString("base64")}`;
    expect(await fetchAgentCard(huge)).toMatchObject({ ok: false, error: expect.stringContaining("larger than") });
    expect(await fetchAgentCard("data:application/json,%7Bnot json")).toEqual({ ok: false, error: "the card is not JSON" });
  });
});

describe("parseCard", () => {
  it("keeps short plain strings: control characters out, long names capped, endpoints only http(s)", () => {
    const card = parseCard(JSON.stringify({ name: `Evil\u202e\n${"n".repeat(200)}`, endpoint: "javascript:alert(1)", description: 7 }));
    expect(card.name!.length).toBe(80);
    expect(card.name!.startsWith("Evil n")).toBe(true);
    expect(card.endpoint).toBeNull();
    expect(card.description).toBeNull();
    expect(parseCard(JSON.stringify({ endpoints: [{ name: "A2A", endpoint: "https://a.example/x" }] })).endpoint).toBe("https://a.example/x");
  });

  it("classifies addresses", () => {
    expect(addressProblem("8.8.8.8", false)).toBeNull();
    expect(addressProblem("2606:4700::1111", false)).toBeNull();
    expect(addressProblem("127.0.0.1", true)).toBeNull();
    expect(addressProblem("::1", false)).toContain("loopback");
    expect(addressProblem("172.20.0.1", true)).toContain("private");
    expect(addressProblem("fd00::1", true)).toContain("private");
    expect(addressProblem("::ffff:a9fe:a9fe", true)).toContain("private");
  });
});
