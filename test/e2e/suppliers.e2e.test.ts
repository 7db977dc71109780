// Finding and comparing suppliers in a real browser (issue 13, section 4): the production build of web/, a real
// `hardhat node` and the real indexer, as web.e2e.test.ts sets them up. Three suppliers register agent cards — two
// `data:` URI cards (one with a hostile name), one pointing at a loopback address the server must refuse — one
// completes a rated job and one holds an attestation; all three bid on an RFQ. The suppliers page lists them with
// name, address, "unverified", score and price paid against the maximum (two RFQs awarded, at 40% and 90% of
// their maximum), sorts (by price too, cheapest first) and filters; the job's bid table shows names and scores and sorts;
// a supplier's page links "Hire directly" to the post form with the supplier filled in. Screenshots of the three
// pages at desktop and phone sizes land in test-results/suppliers/, each checked for sideways overflow.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { type Address, type Hash, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { type RunningIndexer, startIndexer } from "../../scripts/dev/lib/indexer.ts";
import { type RunningWeb, buildWeb, startWeb } from "../../scripts/dev/lib/web.ts";
import { type RunningNode, startNode } from "../helpers/node.ts";

const SHOTS = join(process.cwd(), "test-results", "suppliers");
const DEPLOYER = 0, TREASURY = 1, JUDGE = 2, BUYER = 3, S1 = 5, S2 = 6, S3 = 7, ATTESTOR = 8;
const dataCard = (card: object) => `data:application/json,${encodeURIComponent(JSON.stringify(card))}`;
const HOSTILE = `<img src=x onerror="window.__pwned=1">Beta Bot`;

function chromiumPath(): string {
  for (const path of [process.env.TENDER_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (path && existsSync(path)) return path;
  throw new Error("Chromium is not installed: on Debian, `apt-get install -y chromium fonts-dejavu-core` (or set TENDER_CHROMIUM)");
}

describe("finding and comparing suppliers in a browser", () => {
  let node: RunningNode;
  let indexer: RunningIndexer;
  let web: RunningWeb;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let escrow: Address;
  let jobId: bigint;
  const addr = (index: number) => node.writer(index).account.address;
  const low = (index: number) => addr(index).toLowerCase();
  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(node.reader, await hash);
  const posted = async (hash: Promise<Hash>) => sdk.waitForJobId(node.reader, await hash);
  const now = async () => Number((await node.reader.getBlock()).timestamp);
  const spec = (title: string) => JSON.stringify({ version: 1, title, category: "text", task: `${title}, please.` });

  beforeAll(async () => {
    await buildWeb();
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-e2e-suppliers-"));
    const deployer = node.writer(DEPLOYER);
    const deployment = await sdk.deployEscrow(deployer, node.reader, { owner: deployer.account.address, treasury: addr(TREASURY), feeBps: 100 });
    escrow = deployment.escrow;
    sdk.writeDeployment(deployment, dir);
    const registry = deployment.registry;
    await ok(sdk.registerArbitrator(node.writer(JUDGE), { escrow, feeBps: 300, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://judge-terms-v1" }));

    // Agent cards: two data: URIs (offline), one at a loopback address the web server refuses.
    await ok(sdk.registerSupplier(node.writer(S1), { registry, profileURI: dataCard({ name: "Alpha Summariser", url: "https://alpha.example/a2a", description: "Summaries in seconds." }) }));
    await ok(sdk.registerSupplier(node.writer(S2), { registry, profileURI: dataCard({ name: HOSTILE, endpoint: "javascript:alert(1)" }) }));
    await ok(sdk.registerSupplier(node.writer(S3), { registry, profileURI: "http://127.0.0.1:1/card.json" }));
    await ok(sdk.attest(node.writer(ATTESTOR), { registry, supplier: addr(S1), metric: sdk.METRICS.sweBench, value: 72n, validUntil: (await now()) + 30 * sdk.DAY }));

    // S2 completes a direct hire with five stars: the best score and the only completed job.
    const hire = await posted(
      sdk.postDirectHire(node.writer(BUYER), {
        escrow, supplier: addr(S2), token: sdk.ETH, price: parseEther("0.1"), deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: addr(JUDGE), defaultBuyerShareBps: 0, category: "text", spec: spec("Proofread the README"),
      }),
    );
    await ok(sdk.deliver(node.writer(S2), { escrow, jobId: hire, deliverableHash: sdk.specHash("done"), uri: "ipfs://done" }));
    await ok(sdk.confirm(node.writer(BUYER), { escrow, jobId: hire, rating: 5 }));

    // Price history: two RFQs awarded after their bidding closes (in an hour, the shortest bid window), S1's at 0.2 of a 0.5 maximum (40%), S3's
    // at 0.45 of 0.5 (90%); S2's only job is a direct hire, which has no maximum.
    const awarded: bigint[] = [];
    for (const [who, price] of [[S1, "0.2"], [S3, "0.45"]] as const) {
      const id = await posted(
        sdk.postRFQ(node.writer(BUYER), {
          escrow, token: sdk.ETH, maxPrice: parseEther("0.5"), bidDeadline: (await now()) + sdk.HOUR + 120, awardWindow: 0, deliveryWindow: sdk.DAY,
          reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: addr(JUDGE), defaultBuyerShareBps: 0, category: "text",
          floors: { ...sdk.NO_FLOORS, minCompleted: 0 }, spec: spec(`Translate part ${awarded.length + 1}`),
        }),
      );
      const floors = (await sdk.readRFQ(node.reader, { escrow, jobId: id })).floors;
      await ok(sdk.bid(node.writer(who), { escrow, jobId: id, price: parseEther(price), floors, token: sdk.ETH, bond: 0n }));
      awarded.push(id);
    }

    // An RFQ: S1 bids lowest, S3 next, S2 highest (price order S1, S3, S2; score order S2 first).
    jobId = await posted(
      sdk.postRFQ(node.writer(BUYER), {
        escrow, token: sdk.ETH, maxPrice: parseEther("0.5"), bidDeadline: (await now()) + 2 * sdk.HOUR, awardWindow: 0, deliveryWindow: sdk.DAY,
        reviewWindow: sdk.DAY, mode: sdk.AwardMode.LowestPrice, arbitrator: addr(JUDGE), defaultBuyerShareBps: 0, category: "text",
        floors: { ...sdk.NO_FLOORS, minCompleted: 0 }, spec: spec("Summarise the changelog"),
      }),
    );
    const rfq = await sdk.readRFQ(node.reader, { escrow, jobId });
    for (const [who, price] of [[S1, "0.3"], [S3, "0.35"], [S2, "0.4"]] as const) {
      await ok(sdk.bid(node.writer(who), { escrow, jobId, price: parseEther(price), floors: rfq.floors, token: sdk.ETH, bond: 0n }));
    }
    // The two short RFQs close (this one, open two hours, still takes bids) and are awarded.
    await node.reader.request({ method: "evm_increaseTime" as never, params: [sdk.HOUR + 300] as never });
    await node.reader.request({ method: "evm_mine" as never, params: [] as never });
    for (const id of awarded) await ok(sdk.award(node.writer(BUYER), { escrow, jobId: id }));

    indexer = await startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir });
    await indexer.waitForBlock(await node.reader.getBlockNumber());
    web = await startWeb({ rpcUrl: node.rpcUrl, indexerUrl: indexer.url, deploymentsDir: dir });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: web.url })).newPage();
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await web?.stop();
    await indexer?.stop();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The supplier links of a table's rows, in order (lowercase addresses). */
  const rowSuppliers = (table: string) =>
    page.locator(`${table} tbody tr`).evaluateAll((rows) =>
      rows.map((r) => r.querySelector('a[href^="/suppliers/"]')?.getAttribute("href")?.slice("/suppliers/".length).toLowerCase()),
    );

  it("lists suppliers with their card's name, the address beside it marked unverified, and the score; sorts and filters", async () => {
    await page.goto("/");
    await page.getByRole("link", { name: "Suppliers", exact: true }).click();
    await page.waitForURL("**/suppliers");
    await expect.poll(() => page.title(), { timeout: 10_000 }).toContain("Suppliers"); // set once the page streamed in

    const rows = page.locator(".suppliers-table tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    // By score: S2 (a completed, five-star job) first.
    expect((await rowSuppliers(".suppliers-table"))[0]).toBe(low(S2));
    const alpha = rows.filter({ has: page.locator(`a[href="/suppliers/${low(S1)}"]`) });
    const text = (await alpha.textContent()) ?? "";
    expect(text).toContain("Alpha Summariser");
    expect(text).toContain("unverified");
    expect(text).toContain("https://alpha.example/a2a");
    expect(text).toContain("benchmark.swe-bench 72");
    expect(await alpha.locator(`a[href="/suppliers/${low(S1)}"]`).getAttribute("aria-label")).toBe(`Supplier ${low(S1)}`);
    expect(text).toMatch(/\d+\.\d/); // its score

    // The hostile name is text: no element from it, no script ran; its javascript: endpoint is dropped.
    const beta = rows.filter({ has: page.locator(`a[href="/suppliers/${low(S2)}"]`) });
    expect(await beta.textContent()).toContain(HOSTILE);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(await beta.textContent()).not.toContain("javascript:");

    // The loopback card is refused on the server: the address alone, with the reason.
    const third = rows.filter({ has: page.locator(`a[href="/suppliers/${low(S3)}"]`) });
    expect(await third.textContent()).toContain("no card: only https: card URIs are fetched");
    expect(await third.locator(".card-name").count()).toBe(0);

    // Filter by an attested metric; sort by jobs completed; per category.
    await page.getByLabel("benchmark.swe-bench").check();
    await page.getByRole("button", { name: "Show suppliers" }).click();
    await page.waitForURL(/metric=benchmark.swe-bench/);
    expect(await rowSuppliers(".suppliers-table")).toEqual([low(S1)]);
    await page.goto("/suppliers?sort=completed&category=text");
    expect((await rowSuppliers(".suppliers-table"))[0]).toBe(low(S2));
    expect(await page.locator("#suppliers-title").textContent()).toContain("text");
  });

  it("shows the price each supplier was paid against the maximum, and sorts by it, cheapest first", async () => {
    await page.goto("/suppliers");
    const priceOf = (index: number) =>
      page.locator(".suppliers-table tbody tr").filter({ has: page.locator(`a[href="/suppliers/${low(index)}"]`) }).locator(".supplier-price");
    expect(await priceOf(S1).textContent()).toBe("40% (1 RFQ)");
    expect(await priceOf(S1).getAttribute("aria-label")).toBe("Price paid vs. max: 40% over 1 RFQ");
    expect(await priceOf(S3).textContent()).toBe("90% (1 RFQ)");
    expect(await priceOf(S2).textContent()).toBe("—");
    // Chosen in the form: S1 (40%), S3 (90%), then S2 without an RFQ won, although S2 has the best score.
    await page.getByLabel("Sort by").selectOption({ label: "Price paid vs. max (cheapest first)" });
    await page.getByRole("button", { name: "Show suppliers" }).click();
    await page.waitForURL(/sort=price/);
    expect(await rowSuppliers(".suppliers-table")).toEqual([low(S1), low(S3), low(S2)]);
    expect(await page.getByRole("columnheader", { name: /Price vs\. max/ }).getAttribute("aria-sort")).toBe("ascending");
    // The supplier's own page says it too.
    await page.goto(`/suppliers/${low(S3)}`);
    expect(await page.locator("main").textContent()).toContain("90% on average over 1 RFQ");
  });

  it("shows each bidder's name and score in the bid table, and the buyer sorts it", async () => {
    await page.goto(`/jobs/${jobId}`);
    const table = ".table.bids";
    await page.locator(table).waitFor();
    expect(await rowSuppliers(table)).toEqual([low(S1), low(S3), low(S2)]); // best price first
    const first = page.locator(`${table} tbody tr`).first();
    expect(await first.textContent()).toContain("Alpha Summariser");
    expect(await first.textContent()).toContain("unverified");
    expect(await first.locator(".bid-score").textContent()).toMatch(/^\d+\.\d/);
    expect(await first.locator(".floors-met").textContent()).toBe("none asked");

    // Sort by score: S2 first (a button in the column header; the page must have hydrated).
    const score = page.getByRole("button", { name: "Score", exact: true });
    await expect
      .poll(async () => {
        await score.click();
        return (await rowSuppliers(table))[0];
      }, { timeout: 15_000 })
      .toBe(low(S2));
    expect(await page.getByRole("columnheader", { name: /Score/ }).getAttribute("aria-sort")).toBe("descending");
    await page.getByRole("button", { name: "Price", exact: true }).click();
    expect(await rowSuppliers(table)).toEqual([low(S1), low(S3), low(S2)]);
  });

  it("fits a phone: the suppliers, job and supplier pages are no wider than the screen (screenshots)", async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: web.url })).newPage();
    for (const [name, path] of [["suppliers", "/suppliers"], ["job-bids", `/jobs/${jobId}`], ["supplier", `/suppliers/${low(S1)}`]] as const) {
      for (const [size, p] of [["desktop", page], ["phone", phone]] as const) {
        expect((await p.goto(path))?.status()).toBe(200);
        await p.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: true });
        const overflow = await p.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        expect(overflow, `${path} at ${size} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
      }
    }
    await phone.context().close();
  });

  it("links 'Hire directly' from a supplier's page to the post form with the supplier filled in", async () => {
    await page.goto(`/suppliers/${addr(S1)}`);
    const hire = page.getByRole("link", { name: "Hire directly" });
    expect(await hire.getAttribute("href")).toBe(`/post?supplier=${low(S1)}`);
    const card = page.locator(".supplier-card");
    expect(await card.textContent()).toContain("Alpha Summariser");
    expect(await card.textContent()).toContain("unverified");
    expect(await page.locator("h1").textContent()).toContain(low(S1));
  });
});
