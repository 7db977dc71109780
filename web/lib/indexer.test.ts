// @vitest-environment node
// A hung indexer (a real TCP server that accepts and never answers) must not hold a page: each read gives up within
// INDEXER_TIMEOUT_MS with a sentence saying the data is unavailable, and the proxy's probe says so sooner.
import { type Server, type Socket, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

let server: Server;
const sockets: Socket[] = [];
let url: string;

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.push(socket); // accepted, read, never answered
    socket.on("data", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  url = `http://127.0.0.1:${address.port}`;
  process.env.NEXT_PUBLIC_TENDER_INDEXER_URL = url;
});

afterAll(async () => {
  delete process.env.NEXT_PUBLIC_TENDER_INDEXER_URL;
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe("a hung indexer", () => {
  it("a read times out fast and says the data is unavailable", async () => {
    const { INDEXER_TIMEOUT_MS, IndexerError, getMarkets } = await import("./indexer.ts");
    expect(INDEXER_TIMEOUT_MS).toBeLessThanOrEqual(3_000);
    const started = performance.now();
    const error = await getMarkets().catch((e: unknown) => e);
    const took = performance.now() - started;
    expect(error).toBeInstanceOf(IndexerError);
    expect((error as InstanceType<typeof IndexerError>).status).toBe(0);
    expect((error as Error).message).toBe(`The indexer at ${url} did not answer within 3 s: the data is unavailable for now. Is it stuck or restarting?`);
    expect(took).toBeGreaterThanOrEqual(INDEXER_TIMEOUT_MS - 50);
    expect(took).toBeLessThan(INDEXER_TIMEOUT_MS + 1_500);
    expect(sockets.length).toBeGreaterThan(0); // it did reach the server
  });

  it("the proxy's probe answers with the reason within its limit, and the 503 page says so", async () => {
    const { INDEXER_PROBE_MS, probeIndexer, unavailablePage } = await import("./health.ts");
    const started = performance.now();
    const problem = await probeIndexer();
    expect(performance.now() - started).toBeLessThan(INDEXER_PROBE_MS + 1_000);
    expect(problem).toBe(`The indexer at ${url} did not answer within 1.5 s (it may be stuck or restarting).`);
    // Cached for a moment: the next request does not wait again.
    const again = performance.now();
    expect(await probeIndexer()).toBe(problem);
    expect(performance.now() - again).toBeLessThan(50);
    const page = unavailablePage("<b>x</b> & more");
    expect(page).toContain("<title>Data unavailable · Tender</title>");
    expect(page).toContain("&lt;b&gt;x&lt;/b&gt; &amp; more");
  });
});
