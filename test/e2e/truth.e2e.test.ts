// Pages that tell the truth (issue 13, section 5 and section 2's web part), in a real browser against the production
// build, a real `hardhat node` and the real indexer (the same setup as web.e2e.test.ts):
// - RFQs whose bidding closed are shown apart from those taking bids: their own section on /jobs, their own pill
//   ("Awaiting award", "Awaiting the buyer's pick"), and the home page's counts;
// - a job settled by a ruling has one breakdown of who got what, each part labelled;
// - on a phone (390 px) "Act on this job" comes before the spec, and the bids table scrolls inside its card;
// - the post form preselects the only arbitrator and starts a direct hire from ?supplier=;
// - a hung indexer (a TCP server that accepts and never answers) gets a 503 page at once, a missing job a 404.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { type Server, type Socket, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { type Address, type Hash, keccak256, parseEther, toBytes } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { type RunningIndexer, startIndexer } from "../../scripts/dev/lib/indexer.ts";
import { freePort } from "../../scripts/dev/lib/ports.ts";
import { type RunningWeb, buildWeb, startWeb } from "../../scripts/dev/lib/web.ts";
import { type RunningNode, startNode } from "../helpers/node.ts";

const DEPLOYER = 0, TREASURY = 1, JUDGE = 2, BUYER = 3, S1 = 5, S2 = 6;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const HOUR = 3_600;

function chromiumPath(): string {
  for (const path of [process.env.TENDER_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (path && existsSync(path)) return path;
  throw new Error("Chromium is not installed: on Debian, `apt-get install -y chromium fonts-dejavu-core` (or set TENDER_CHROMIUM)");
}

describe("pages that tell the truth", () => {
  let node: RunningNode;
  let indexer: RunningIndexer;
  let web: RunningWeb;
  let browser: Browser;
  let dir: string;
  let escrow: Address;
  const contexts: BrowserContext[] = [];
  const addr = (index: number) => node.writer(index).account.address;
  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(node.reader, await hash);
  const indexed = async () => indexer.waitForBlock(await node.reader.getBlockNumber());
  const chainTime = async () => Number((await node.reader.getBlock()).timestamp);
  const advance = async (seconds: number) => {
    await node.reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
    await node.reader.request({ method: "evm_mine" as never, params: [] as never });
  };

  async function page(viewport = DESKTOP, baseURL = web.url): Promise<Page> {
    const context = await browser.newContext({ viewport, baseURL });
    contexts.push(context);
    return context.newPage();
  }

  const spec = (title: string) => JSON.stringify({ version: 1, title, category: "text", task: `${title}.` });

  async function postRfq(title: string, mode: number): Promise<bigint> {
    return sdk.waitForJobId(
      node.reader,
      await sdk.postRFQ(node.writer(BUYER), {
        escrow, token: sdk.ETH, maxPrice: parseEther("1"), bidDeadline: (await chainTime()) + HOUR + 120,
        awardWindow: mode === sdk.AwardMode.BuyerChoice ? sdk.DAY : 0, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, mode,
        arbitrator: addr(JUDGE), defaultBuyerShareBps: 0, category: "text", floors: sdk.NO_FLOORS, spec: spec(title),
      }),
    );
  }

  const jobs: { lowest?: bigint; choice?: bigint; taking?: bigint; ruled?: bigint } = {};

  beforeAll(async () => {
    await buildWeb();
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-truth-e2e-"));
    const deployer = node.writer(DEPLOYER);
    const deployment = await sdk.deployEscrow(deployer, node.reader, { owner: deployer.account.address, treasury: addr(TREASURY), feeBps: 100 });
    escrow = deployment.escrow;
    sdk.writeDeployment(deployment, dir);
    await ok(sdk.registerArbitrator(node.writer(JUDGE), { escrow, feeBps: 300, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://judge-terms-v1" }));

    // Two RFQs whose bidding will have closed (one of each mode), one bid on the first.
    jobs.lowest = await postRfq("Closed lowest price", sdk.AwardMode.LowestPrice);
    jobs.choice = await postRfq("Closed buyer's choice", sdk.AwardMode.BuyerChoice);
    await ok(sdk.bid(node.writer(S1), { escrow, jobId: jobs.lowest, price: parseEther("0.8"), floors: sdk.NO_FLOORS, token: sdk.ETH, bond: 0n }));
    await advance(2 * HOUR);
    // One still taking bids, with two bids (a table on the job page).
    jobs.taking = await postRfq("Still taking bids", sdk.AwardMode.LowestPrice);
    for (const [who, price] of [[S1, "0.7"], [S2, "0.65"]] as const) {
      await ok(sdk.bid(node.writer(who), { escrow, jobId: jobs.taking, price: parseEther(price), floors: sdk.NO_FLOORS, token: sdk.ETH, bond: 0n }));
    }

    // A direct hire in ETH settled by a ruling: 30% to the buyer, so the supplier wins and gets its fee back.
    const buyer = node.writer(BUYER);
    jobs.ruled = await sdk.waitForJobId(
      node.reader,
      await sdk.postDirectHire(buyer, {
        escrow, supplier: addr(S1), token: sdk.ETH, price: parseEther("1"), deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY,
        arbitrator: addr(JUDGE), defaultBuyerShareBps: 0, category: "text", spec: spec("Ruled job"),
      }),
    );
    const jobId = jobs.ruled;
    await ok(sdk.deliver(node.writer(S1), { escrow, jobId, deliverableHash: sdk.specHash("work"), uri: "ipfs://work" }));
    const fee = await sdk.disputeFee(node.reader, { escrow, jobId });
    await ok(sdk.dispute(buyer, { escrow, jobId, statementURI: "ipfs://statement", token: sdk.ETH, fee }));
    await ok(sdk.respond(node.writer(S1), { escrow, jobId, responseURI: "ipfs://answer", token: sdk.ETH, fee }));
    await ok(sdk.rule(node.writer(JUDGE), { escrow, jobId, buyerShareBps: 3_000, reasonHash: keccak256(toBytes("mostly done")) }));

    indexer = await startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir });
    await indexed();
    web = await startWeb({ rpcUrl: node.rpcUrl, indexerUrl: indexer.url, deploymentsDir: dir });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await web?.stop();
    await indexer?.stop();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows RFQs whose bidding closed apart: their own section and pill on /jobs, the job page's pill, the home page's counts", async () => {
    const p = await page();
    await p.goto("/jobs");
    const taking = p.getByRole("region", { name: /^Taking bids/ });
    const closed = p.getByRole("region", { name: /^Bidding closed/ });
    expect(await taking.getByRole("link").allTextContents()).toEqual(["Still taking bids"]);
    expect((await closed.getByRole("link").allTextContents()).sort()).toEqual(["Closed buyer's choice", "Closed lowest price"]);
    expect(await taking.locator(".badge").allTextContents()).toEqual(["Open"]);
    const lowestRow = closed.locator(".job-row").filter({ hasText: "Closed lowest price" });
    expect(await lowestRow.locator(".badge").first().textContent()).toBe("Awaiting award");
    expect(await lowestRow.textContent()).toContain("Bids closed");
    expect(await closed.locator(".job-row").filter({ hasText: "Closed buyer's choice" }).locator(".badge").first().textContent()).toBe("Awaiting the buyer's pick");

    await p.goto(`/jobs/${jobs.lowest}`);
    expect(await p.locator(".job-header .badge").first().textContent()).toBe("Awaiting award");
    await p.goto(`/jobs/${jobs.taking}`);
    expect(await p.locator(".job-header .badge").first().textContent()).toBe("Open");

    const home = await p.goto("/");
    expect(home?.status()).toBe(200);
    expect(await p.locator(".lede").first().textContent()).toContain("1 category, 1 open job taking bids, 2 awaiting an award or the buyer's pick.");
    expect(await p.locator(".market-counts").first().textContent()).toMatch(/^1 open job · 2 awaiting award · 4 posted · 1 settled$/);
    // What Tender is, and the way to post; the title ends with "· Tender"; the icon is served.
    expect(await p.locator(".intro").textContent()).toMatch(/^Tender is an on-chain market for machine labor/);
    expect(await p.getByRole("link", { name: "Post a job" }).first().getAttribute("href")).toBe("/post");
    expect(await p.title()).toBe("Markets · Tender");
    for (const icon of ["/icon.svg", "/favicon.ico"]) expect((await p.request.get(icon)).status(), icon).toBe(200);
  });

  it("a job settled by a ruling shows one breakdown of who got what, each part labelled", async () => {
    const p = await page();
    await p.goto(`/jobs/${jobs.ruled}`);
    const main = (await p.locator("main").textContent()) ?? "";
    expect(main.match(/Paid to the supplier/g)).toHaveLength(1);
    const breakdown = p.getByRole("region", { name: "Who got what" });
    const supplier = breakdown.locator('[data-party="supplier"]');
    // 70% of 1 ETH, less the 1% protocol fee, plus the supplier's 0.03 ETH dispute fee back.
    expect(await supplier.locator("dd > strong").textContent()).toBe("0.723 ETH");
    expect(await supplier.locator("li").allTextContents()).toEqual(["price share: 0.7 ETH", "protocol fee: − 0.007 ETH", "dispute fee back: 0.03 ETH"]);
    expect(await breakdown.locator('[data-party="buyer"] dd > strong').textContent()).toBe("0.3 ETH");
    expect(await breakdown.locator('[data-party="arbitrator"] dd > strong').textContent()).toBe("0.03 ETH");
    expect(await p.title()).toBe("Ruled job (job " + jobs.ruled + ") · Tender");
  });

  it("on a phone, 'Act on this job' comes before the spec and the bids scroll inside their card", async () => {
    const p = await page(PHONE);
    await p.goto(`/jobs/${jobs.taking}`);
    const actions = (await p.getByRole("heading", { name: "Act on this job" }).boundingBox())!;
    const spec = (await p.getByRole("heading", { name: "Spec", exact: true }).boundingBox())!;
    const bids = (await p.getByRole("heading", { name: /^Bids/ }).boundingBox())!;
    expect(actions.y).toBeLessThan(spec.y);
    expect(actions.y).toBeLessThan(bids.y);
    expect(actions.y).toBeLessThan(PHONE.height); // on the first screen
    expect(await p.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth")).toBeLessThanOrEqual(0);
    const wrap = p.locator(".table-wrap").first();
    expect(await wrap.evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).overflowX)).toBe("auto");
    const [wrapBox, cardBox] = [(await wrap.boundingBox())!, (await wrap.locator("xpath=ancestor::section[1]").boundingBox())!];
    expect(wrapBox.x + wrapBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);

    // On a desktop the actions sit beside the spec, at the top of the side column.
    const d = await page(DESKTOP);
    await d.goto(`/jobs/${jobs.taking}`);
    const [a, s] = [(await d.getByRole("heading", { name: "Act on this job" }).boundingBox())!, (await d.getByRole("heading", { name: "Spec", exact: true }).boundingBox())!];
    expect(a.x).toBeGreaterThan(s.x + s.width);
    expect(Math.abs(a.y - s.y)).toBeLessThan(40);
    const terms = (await d.getByRole("heading", { name: "Terms" }).boundingBox())!;
    expect(terms.y).toBeGreaterThan(a.y);
  });

  it("the post form preselects the only arbitrator and starts a direct hire from ?supplier=", async () => {
    const p = await page();
    await p.goto(`/post?supplier=${addr(S2)}`);
    expect(await p.getByRole("radio", { name: /Direct hire/ }).isChecked()).toBe(true);
    expect(await p.getByLabel("Supplier address").inputValue()).toBe(addr(S2));
    expect(await p.getByRole("radio", { name: new RegExp(addr(JUDGE), "i") }).isChecked()).toBe(true);
    expect(await p.title()).toBe("Post a job · Tender");
    // The market's categories are suggested.
    expect(await p.locator("datalist option").evaluateAll((options) => options.map((o) => o.getAttribute("value")))).toContain("text");
    await p.goto("/post");
    expect(await p.getByRole("radio", { name: /Request for quotes/ }).isChecked()).toBe(true);
  });

  it("error pages answer with their status: 404 for a missing job, 503 at once when the indexer hangs", async () => {
    const p = await page();
    expect((await p.goto("/jobs/999999"))?.status()).toBe(404);
    expect((await p.goto("/no-such-page"))?.status()).toBe(404);

    // A TCP server that accepts and never answers, as the indexer.
    const sockets: Socket[] = [];
    const hung: Server = createServer((socket) => void sockets.push(socket.on("data", () => undefined)));
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    const hungUrl = `http://127.0.0.1:${(hung.address() as { port: number }).port}`;
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [join("node_modules", "next", "dist", "bin", "next"), "start", "web", "-p", String(port), "-H", "127.0.0.1"], {
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_PUBLIC_TENDER_RPC_URL: node.rpcUrl, NEXT_PUBLIC_TENDER_INDEXER_URL: hungUrl, TENDER_DEPLOYMENTS_DIR: dir },
      stdio: "ignore",
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 120; i++) {
        if ((await fetch(`${base}/icon.svg`).catch(() => null))?.status === 200) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const q = await page(DESKTOP, base);
      for (const path of ["/", "/jobs", `/jobs/${jobs.taking}`, "/post"]) {
        const started = Date.now();
        const response = await q.goto(path);
        const took = Date.now() - started;
        expect(response?.status(), path).toBe(503);
        expect(took, path).toBeLessThan(3_000);
        expect(await q.locator("h1").textContent()).toBe("The market's data is unavailable");
        expect(await q.locator("main").textContent()).toContain(`The indexer at ${hungUrl} did not answer`);
      }
    } finally {
      child.kill("SIGTERM");
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hung.close(resolve));
    }
  });
});
