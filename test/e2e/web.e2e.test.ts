// The web app end to end in a real browser (issue 7): Debian's Chromium driven by Playwright, the app's production
// build (`next start`), a real `hardhat node` and the real indexer. Each role's browser has the test wallet
// (./wallet.ts) holding that role's development key. A buyer posts a job in the UI, two suppliers bid through the
// SDK, the buyer awards, the supplier delivers, the buyer confirms with a rating and the supplier's profile shows
// it; a second job (in mUSD: the dispute fee needs an approval) is disputed in the UI and ruled in the arbitrator
// console; a third, with a 20% holdback, is claimed against in the UI and the claim ruled in the console; a fourth,
// a direct hire in two milestones with a holdback, is posted from the form and confirmed part by part; a bad form
// input shows its error and sends nothing. Every page is saved as a screenshot at desktop and
// phone sizes (test-results/screenshots/), checked for sideways overflow, and Largest Contentful Paint and
// Cumulative Layout Shift are measured on the markets, open-jobs and job pages (test-results/web-vitals.json).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { type Address, type Hash, parseEther, parseUnits } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as sdk from "@tender/sdk";
import { type RunningIndexer, startIndexer } from "../../scripts/dev/lib/indexer.ts";
import { type RunningWeb, buildWeb, startWeb } from "../../scripts/dev/lib/web.ts";
import { type RunningNode, startNode } from "../helpers/node.ts";
import { TEST_WALLET_NAME, type TestWallet, installTestWallet } from "./wallet.ts";

const OUT = join(process.cwd(), "test-results");
const SHOTS = join(OUT, "screenshots");
const DEPLOYER = 0, TREASURY = 1, JUDGE = 2, BUYER = 3, S1 = 5, S2 = 6, S3 = 7;
const USD = (amount: string) => parseUnits(amount, 6);
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

function chromiumPath(): string {
  for (const path of [process.env.TENDER_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (path && existsSync(path)) return path;
  throw new Error("Chromium is not installed: on Debian, `apt-get install -y chromium fonts-dejavu-core` (or set TENDER_CHROMIUM)");
}

describe("web app in a browser", () => {
  let node: RunningNode;
  let indexer: RunningIndexer;
  let web: RunningWeb;
  let browser: Browser;
  let dir: string;
  let escrow: Address;
  let token: Address;
  const contexts: BrowserContext[] = [];
  const addr = (index: number) => node.writer(index).account.address;
  const ok = async (hash: Promise<Hash>) => sdk.waitForSuccess(node.reader, await hash);
  const advance = async (seconds: number) => {
    await node.reader.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
    await node.reader.request({ method: "evm_mine" as never, params: [] as never });
  };
  /** Waits until the indexer has what the chain has now. */
  const indexed = async () => indexer.waitForBlock(await node.reader.getBlockNumber());

  /** A browser for one role: its own context (storage, wallet) at `viewport`. */
  async function as(index: number, viewport = DESKTOP): Promise<{ page: Page; wallet: TestWallet }> {
    const context = await browser.newContext({ viewport, baseURL: web.url });
    contexts.push(context);
    const wallet = await installTestWallet(context, { rpcUrl: node.rpcUrl, privateKey: node.privateKey(index) });
    const page = await context.newPage();
    return { page, wallet };
  }

  /** Connects the test wallet with the keyboard alone: Tab to "Connect wallet", Enter, Tab to the wallet, Enter. */
  async function connectByKeyboard(page: Page, wallet: TestWallet) {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate<string | undefined>("document.activeElement?.textContent?.trim()")) === "Connect wallet") break;
    }
    expect(await page.evaluate<string | undefined>("document.activeElement?.textContent?.trim()")).toBe("Connect wallet");
    await page.keyboard.press("Enter"); // opens the list, focus on its first wallet
    for (let i = 0; i < 5; i++) {
      if ((await page.evaluate<string>("document.activeElement?.textContent ?? ''")).includes(TEST_WALLET_NAME)) break;
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate<string>("document.activeElement?.textContent ?? ''")).toContain(TEST_WALLET_NAME);
    await page.keyboard.press("Enter");
    await expectConnected(page, wallet);
  }

  async function connect(page: Page, wallet: TestWallet) {
    // A click before the page has hydrated does nothing: try again until the list of wallets opens.
    const option = page.getByRole("button", { name: new RegExp(TEST_WALLET_NAME) });
    for (let attempt = 0; attempt < 20 && !(await option.isVisible()); attempt++) {
      await page.getByRole("button", { name: "Connect wallet" }).click();
      await option.waitFor({ state: "visible", timeout: 1_000 }).catch(() => undefined);
    }
    await option.click();
    await expectConnected(page, wallet);
  }

  async function expectConnected(page: Page, wallet: TestWallet) {
    const short = wallet.address.slice(0, 6).toLowerCase();
    await page.waitForFunction(`document.querySelector(".wallet")?.textContent?.toLowerCase().includes(${JSON.stringify(short)})`, undefined, { timeout: 15_000 });
  }

  /** Clicks `button` and waits for the action's outcome line ("<label>: done in block N." or "… failed: …"). */
  async function act(page: Page, button: string, label: string) {
    await page.getByRole("button", { name: button, exact: true }).click();
    const outcome = page.locator(".notice-ok, .notice-error").filter({ hasText: new RegExp(`^${label}`) });
    await outcome.first().waitFor({ timeout: 60_000 });
    const text = (await outcome.first().textContent()) ?? "";
    expect(text, text).toMatch(/done in block \d+/);
  }

  beforeAll(async () => {
    await buildWeb();
    node = await startNode();
    dir = mkdtempSync(join(tmpdir(), "tender-e2e-"));
    const deployer = node.writer(DEPLOYER);
    const deployment = await sdk.deployEscrow(deployer, node.reader, { owner: deployer.account.address, treasury: addr(TREASURY), feeBps: 100 });
    escrow = deployment.escrow;
    token = await sdk.deployMockToken(deployer, node.reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow });
    deployment.stablecoin = token;
    sdk.writeDeployment(deployment, dir);
    await ok(sdk.registerArbitrator(node.writer(JUDGE), { escrow, feeBps: 300, ruleWindow: 3 * sdk.DAY, termsURI: "ipfs://judge-terms-v1" }));
    for (const index of [BUYER, S1, S2]) await ok(sdk.mintMock(deployer, { token, to: addr(index), amount: USD("1000") }));
    indexer = await startIndexer({ rpcUrl: node.rpcUrl, deploymentsDir: dir });
    web = await startWeb({ rpcUrl: node.rpcUrl, indexerUrl: indexer.url, deploymentsDir: dir });
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await web?.stop();
    await indexer?.stop();
    await node?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const jobs: { posted?: bigint; disputed?: bigint; held?: bigint; milestones?: bigint } = {};

  it("a buyer posts a job in the UI; suppliers bid; the buyer awards and confirms with a rating; the supplier's profile shows it", async () => {
    const { page, wallet } = await as(BUYER);
    await page.goto("/post");
    await connectByKeyboard(page, wallet);

    await page.getByLabel("Title").fill("Summarise the release notes");
    await page.getByLabel("Category").fill("text");
    await page.getByLabel("Task").fill("Summarise the attached release notes in five bullet points.");
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByLabel("Rule 1 Description").fill("Five bullet points");
    await page.getByLabel("Rule 1 Pattern").fill("^(- .+\\n?){5}$");
    await page.getByLabel("Maximum price", { exact: true }).fill("0.5");
    await page.getByRole("radio", { name: new RegExp(addr(JUDGE), "i") }).check();
    await page.getByRole("button", { name: "Review" }).click();
    await page.screenshot({ path: join(SHOTS, "post-review-desktop.png"), fullPage: true });
    await page.getByRole("button", { name: "Post the job" }).click();
    await page.waitForURL(/\/jobs\/\d+$/, { timeout: 60_000 });
    const jobId = BigInt(page.url().split("/").at(-1)!);
    jobs.posted = jobId;
    expect(wallet.sent).toHaveLength(1);
    const job = await sdk.readJob(node.reader, { escrow, jobId });
    expect(job.buyer).toBe(addr(BUYER));
    expect(job.price).toBe(parseEther("0.5")); // the maximum, escrowed

    // Two suppliers bid through the SDK; the lower one leads.
    const rfq = await sdk.readRFQ(node.reader, { escrow, jobId });
    for (const [who, price] of [[S1, "0.4"], [S2, "0.3"]] as const) {
      await ok(sdk.bid(node.writer(who), { escrow, jobId, price: parseEther(price), floors: rfq.floors, token: sdk.ETH, bond: 0n }));
    }
    // A third supplier bids from the web app: a price above the maximum is refused at the field, a good one is sent.
    await indexed();
    const third = await as(S3);
    await third.page.goto(`/jobs/${jobId}`);
    await connect(third.page, third.wallet);
    await third.page.getByLabel("Your price (ETH)").fill("0.6");
    await third.page.getByRole("button", { name: "Place the bid" }).click();
    await third.page.getByText("0.6 ETH is above the job's maximum of 0.5 ETH.").waitFor();
    expect(third.wallet.sent).toHaveLength(0);
    await third.page.getByLabel("Your price (ETH)").fill("0.35");
    await act(third.page, "Place the bid", "Bid");
    expect((await sdk.readBid(node.reader, { escrow, jobId, supplier: addr(S3) })).price).toBe(parseEther("0.35"));

    await advance(sdk.DAY + 60);
    await indexed();
    await page.reload();
    await expect.poll(() => page.locator(".bid-best").count(), { timeout: 15_000 }).toBe(1);
    await act(page, "Award to the lowest bid", "Award");
    expect((await sdk.readJob(node.reader, { escrow, jobId })).supplier).toBe(addr(S2));

    // The winner delivers through the SDK; the buyer confirms with five stars.
    const work = sdk.encodeDeliverable("- one\n- two\n- three\n- four\n- five", "text/plain");
    await ok(sdk.deliver(node.writer(S2), { escrow, jobId, deliverableHash: work.hash, uri: work.uri }));
    await indexed();
    await page.reload();
    await page.getByRole("radio", { name: "5 stars" }).check();
    await act(page, "Confirm and pay", "Confirm");
    expect((await sdk.readJob(node.reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Settled);
    await page.screenshot({ path: join(SHOTS, "job-settled-desktop.png"), fullPage: true });

    await indexed();
    await page.goto(`/suppliers/${addr(S2)}`);
    const profile = page.locator("main");
    await expect.poll(async () => (await profile.textContent()) ?? "").toContain("Summarise the release notes");
    expect(await profile.textContent()).toMatch(/Ratings\s*1 \(average 5 ★\)/);
    expect(await profile.textContent()).toContain("5 of 5");
  });

  it("a second job is disputed in the UI (paying the fee in mUSD after an approval) and ruled in the arbitrator console", async () => {
    const buyer = node.writer(BUYER);
    const price = USD("50");
    await ok(sdk.approve(buyer, { token, spender: escrow, amount: price }));
    const jobId = await sdk.waitForJobId(
      node.reader,
      await sdk.postDirectHire(buyer, {
        escrow, supplier: addr(S1), token, price, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, arbitrator: addr(JUDGE),
        defaultBuyerShareBps: 0, category: "text", spec: JSON.stringify({ version: 1, title: "Translate the FAQ", category: "text", task: "Translate the FAQ into French." }),
      }),
    );
    jobs.disputed = jobId;
    await ok(sdk.deliver(node.writer(S1), { escrow, jobId, deliverableHash: sdk.specHash("in English still"), uri: "ipfs://faq-en" }));
    await indexed();

    const { page, wallet } = await as(BUYER);
    await page.goto(`/jobs/${jobId}`);
    await connect(page, wallet);
    await page.getByLabel("Your statement").fill("The FAQ came back in English: nothing was translated.");
    await act(page, "Dispute the delivery", "Dispute");
    expect(wallet.sent).toHaveLength(2); // the approval of the fee, then the dispute
    expect((await sdk.readJob(node.reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Disputed);

    // The supplier answers through the SDK, paying the same fee.
    const fee = await sdk.disputeFee(node.reader, { escrow, jobId });
    await ok(sdk.approve(node.writer(S1), { token, spender: escrow, amount: fee }));
    await ok(sdk.respond(node.writer(S1), { escrow, jobId, responseURI: "ipfs://answer-faq", token, fee }));
    await indexed();

    const judge = await as(JUDGE);
    await judge.page.goto(`/arbitrators/${addr(JUDGE)}`);
    await connect(judge.page, judge.wallet);
    const card = judge.page.locator(".dispute-card").filter({ hasText: "Translate the FAQ" });
    await expect.poll(() => card.textContent()).toContain("The FAQ came back in English");
    await card.getByLabel("Buyer's share of the price (%)").fill("70");
    await card.getByLabel("Reasons").fill("The delivery is not a translation; the supplier keeps 30% for the formatting work.");
    await judge.page.screenshot({ path: join(SHOTS, "arbitrator-console-desktop.png"), fullPage: true });
    await card.getByRole("button", { name: "Rule", exact: true }).click();
    await card.locator(".notice-ok").filter({ hasText: /^Ruling: done in block/ }).waitFor({ timeout: 60_000 });
    const settled = await sdk.readJob(node.reader, { escrow, jobId });
    expect(settled.status).toBe(sdk.JobStatus.Settled);
    await indexed();
    await page.reload();
    await expect.poll(async () => (await page.locator("main").textContent()) ?? "").toContain("70% to the buyer");
  });

  it("a job with a 20% holdback: the buyer claims against the held share in the UI, the arbitrator rules it in the console", async () => {
    const buyer = node.writer(BUYER);
    const price = USD("40");
    await ok(sdk.approve(buyer, { token, spender: escrow, amount: price }));
    const jobId = await sdk.waitForJobId(
      node.reader,
      await sdk.postDirectHire(buyer, {
        escrow, supplier: addr(S2), token, price, deliveryWindow: sdk.DAY, reviewWindow: sdk.DAY, arbitrator: addr(JUDGE),
        defaultBuyerShareBps: 0, warranty: { holdbackBps: 2_000, warrantyWindow: 14 * sdk.DAY, holdBond: false },
        category: "text", spec: JSON.stringify({ version: 1, title: "Fix the login bug", category: "text", task: "Fix the login bug and say how." }),
      }),
    );
    jobs.held = jobId;
    await ok(sdk.deliver(node.writer(S2), { escrow, jobId, deliverableHash: sdk.specHash("patched"), uri: "ipfs://login-fix" }));
    await ok(sdk.confirm(buyer, { escrow, jobId, rating: 4 }));
    expect((await sdk.readHeld(node.reader, { escrow, jobId })).amount).toBe(USD("8"));
    await indexed();

    // The buyer sees what is held and claims half of it back (the fee approved first).
    const { page, wallet } = await as(BUYER);
    await page.goto(`/jobs/${jobId}`);
    await connect(page, wallet);
    await expect.poll(async () => (await page.locator("main").textContent()) ?? "").toContain("8 mUSD");
    await page.getByLabel("Amount asked (mUSD)").fill("4");
    await page.getByLabel("Your statement").fill("The bug came back after a week.");
    await act(page, "Claim", "Claim");
    expect(wallet.sent).toHaveLength(2); // the approval of the claim fee, then the claim
    const filed = await sdk.readClaim(node.reader, { escrow, jobId });
    expect(filed.asked).toBe(USD("4"));

    // The supplier answers through the SDK; the arbitrator rules 75% of the amount asked to the buyer.
    await ok(sdk.approve(node.writer(S2), { token, spender: escrow, amount: filed.fee }));
    await ok(sdk.answerClaim(node.writer(S2), { escrow, jobId, responseURI: "ipfs://it-was-another-bug", token, fee: filed.fee }));
    await indexed();
    const judge = await as(JUDGE);
    await judge.page.goto(`/arbitrators/${addr(JUDGE)}`);
    await connect(judge.page, judge.wallet);
    const card = judge.page.locator(".dispute-card").filter({ hasText: "Fix the login bug" });
    await card.getByLabel("Buyer's share of the amount asked (%)").fill("75");
    await card.getByLabel("Reasons").fill("The regression is the same bug.");
    await card.getByRole("button", { name: "Rule", exact: true }).click();
    await card.locator(".notice-ok").filter({ hasText: /^Ruling: done in block/ }).waitFor({ timeout: 60_000 });
    const held = await sdk.readHeld(node.reader, { escrow, jobId });
    expect(held.amount).toBe(0n);
    expect((await sdk.readClaimRecord(node.reader, { escrow, supplier: addr(S2) })).clawedBack).toBe(1);
    await indexed();
    await page.reload();
    await expect.poll(async () => (await page.locator("main").textContent()) ?? "").toContain("ruled by the arbitrator");
  });

  it("a direct hire in two milestones with a 20% holdback is posted from the form; each milestone is delivered through the SDK and confirmed in the UI, the list following", async () => {
    const { page, wallet } = await as(BUYER);
    await page.goto("/post");
    await connect(page, wallet);
    await page.getByRole("radio", { name: /Direct hire/ }).check();
    await page.getByLabel("Title").fill("Write the migration guide");
    await page.getByLabel("Category").fill("text");
    await page.getByLabel("Task").fill("Write the guide in two parts: the outline, then the full text.");
    await page.getByLabel("Price", { exact: true }).fill("0.4");
    await page.getByLabel("Supplier address").fill(addr(S1));
    await page.getByRole("radio", { name: new RegExp(addr(JUDGE), "i") }).check();
    await page.getByLabel("Holdback", { exact: true }).fill("20");
    await page.getByLabel("Pay in milestones").check();
    // Shares short of 100% are refused at the list before anything is sent; 25% + 75% goes.
    await page.getByLabel("Milestone 1 Share").fill("25");
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByText("the shares must sum to 100% (10,000 bps), not 75%").waitFor();
    expect(wallet.sent).toHaveLength(0);
    await page.getByLabel("Milestone 2 Share").fill("75");
    await page.locator("section").filter({ has: page.getByRole("heading", { name: "Milestones" }) }).screenshot({ path: join(SHOTS, "post-milestones-desktop.png") });
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByText("Milestone 2: 75% (0.3 ETH), delivered within 1 d of milestone 1's payment").waitFor();
    await page.getByRole("button", { name: "Post the job" }).click();
    // The link in the posted note, rather than waiting for the page to open by itself.
    await page.getByRole("link", { name: /^Open job \d+$/ }).click({ timeout: 60_000 });
    await page.waitForURL(/\/jobs\/\d+$/, { timeout: 60_000 });
    const jobId = BigInt(page.url().split("/").at(-1)!);
    jobs.milestones = jobId;
    expect(wallet.sent).toHaveLength(1);
    expect((await sdk.readJob(node.reader, { escrow, jobId })).inMilestones).toBe(true);
    expect((await sdk.readMilestones(node.reader, { escrow, jobId }))?.milestones).toEqual([
      { shareBps: 2_500, deliveryWindow: sdk.DAY },
      { shareBps: 7_500, deliveryWindow: sdk.DAY },
    ]);

    const item = (i: number) => page.locator(".milestone").nth(i);
    const text = async (i: number) => (await item(i).textContent()) ?? "";
    // The page opened from the posted note may have been served before the indexer had the job: read it again once it has.
    await indexed();
    await page.reload();
    await expect.poll(() => text(0), { timeout: 15_000 }).toContain("in progress: awarded");
    expect(await text(1)).toContain("to come");

    // Milestone 1: delivered through the SDK, confirmed in the UI without a rating; 20% of its 0.1 ETH is held.
    const deliverPart = async (content: string) => {
      const work = sdk.encodeDeliverable(content, "text/plain");
      await ok(sdk.deliver(node.writer(S1), { escrow, jobId, deliverableHash: work.hash, uri: work.uri }));
      await indexed();
      await page.reload();
    };
    await deliverPart("1. Why\n2. How\n3. Rollback");
    await expect.poll(() => text(0), { timeout: 15_000 }).toContain("in progress: delivered");
    expect(await page.getByRole("radio", { name: "5 stars" }).count()).toBe(0);
    await act(page, "Confirm milestone 1 and pay", "Confirm");
    const plan = await sdk.readMilestones(node.reader, { escrow, jobId });
    expect(plan?.current).toBe(1);
    expect((await sdk.readJob(node.reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Awarded);
    expect((await sdk.readHeld(node.reader, { escrow, jobId, payment: 0 })).amount).toBe(parseEther("0.02"));
    await indexed();
    await page.reload();
    await expect.poll(() => text(0), { timeout: 15_000 }).toContain("settled");
    expect(await text(0)).toContain("0.02 ETH under warranty");
    expect(await text(1)).toContain("in progress: awarded");
    await page.screenshot({ path: join(SHOTS, "job-milestone-1-settled-desktop.png"), fullPage: true });

    // Milestone 2, the last: confirmed with a rating; the job is settled and each part holds its own share.
    await deliverPart("The full guide.");
    await expect.poll(() => text(1), { timeout: 15_000 }).toContain("in progress: delivered");
    await page.getByRole("radio", { name: "5 stars" }).check();
    await act(page, "Confirm and pay", "Confirm");
    expect((await sdk.readJob(node.reader, { escrow, jobId })).status).toBe(sdk.JobStatus.Settled);
    expect((await sdk.readHeld(node.reader, { escrow, jobId, payment: 1 })).amount).toBe(parseEther("0.06"));
    await indexed();
    await page.reload();
    await expect.poll(async () => (await page.locator("#milestones-title").textContent()) ?? "", { timeout: 15_000 }).toBe("Milestones 2 of 2 settled");
    expect(await text(1)).toContain("0.06 ETH under warranty");
    // The warranty actions act on one milestone's held share at a time, chosen in the panel.
    expect(await page.getByLabel("The held share to act on").locator("option").allTextContents()).toEqual(["Milestone 1: 0.02 ETH held", "Milestone 2: 0.06 ETH held"]);
    await page.screenshot({ path: join(SHOTS, "job-milestones-settled-desktop.png"), fullPage: true });
  });

  it("a direct hire in mUSD posted from the form is funded through a permit the wallet signs: one transaction, no approval", async () => {
    const { page, wallet } = await as(BUYER);
    const before = await sdk.balanceOf(node.reader, { token, account: addr(BUYER) });
    await page.goto("/post");
    await connect(page, wallet);
    await page.getByRole("radio", { name: /Direct hire/ }).check();
    await page.getByLabel("Title").fill("Proofread the release notes");
    await page.getByLabel("Category").fill("text");
    await page.getByLabel("Task").fill("Proofread the release notes and fix every typo.");
    await page.getByLabel("Token").selectOption({ label: "mUSD" });
    await page.getByLabel("Price", { exact: true }).fill("12");
    await page.getByLabel("Supplier address").fill(addr(S2));
    await page.getByRole("radio", { name: new RegExp(addr(JUDGE), "i") }).check();
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByRole("button", { name: "Post the job" }).click();
    await page.getByRole("link", { name: /^Open job \d+$/ }).waitFor({ timeout: 60_000 });
    expect(wallet.requests).toContain("eth_signTypedData_v4");
    expect(wallet.sent).toHaveLength(1); // the post alone: the permit replaced the approval
    expect(await sdk.balanceOf(node.reader, { token, account: addr(BUYER) })).toBe(before - USD("12"));
    expect(await sdk.allowanceOf(node.reader, { token, owner: addr(BUYER), spender: escrow })).toBe(0n);
  });

  it("a bad form input shows its error at the field and sends nothing", async () => {
    const { page, wallet } = await as(BUYER);
    await page.goto("/post");
    await connect(page, wallet);
    const nonce = await node.reader.getTransactionCount({ address: addr(BUYER) });
    await page.getByLabel("Title").fill("Too cheap to say");
    await page.getByLabel("Category").fill("text");
    await page.getByLabel("Task").fill("Anything.");
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByLabel("Rule 1 Description").fill("Anything");
    await page.getByLabel("Rule 1 Pattern").fill(".+");
    await page.getByLabel("Maximum price", { exact: true }).fill("ten");
    await page.getByRole("button", { name: "Review" }).click();
    const field = page.getByLabel("Maximum price", { exact: true });
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    const describedBy = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").find((id) => id.endsWith("error"));
    expect(describedBy).toBeDefined();
    const error = await page.locator(`[id="${describedBy}"]`).textContent();
    expect(error).toMatch(/ten/);
    expect(await page.evaluate<string | null | undefined>('document.activeElement?.getAttribute("aria-invalid")')).toBe("true");
    expect(await page.getByRole("button", { name: "Post the job" }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "post-error-desktop.png"), fullPage: true });
    expect(wallet.requests).not.toContain("eth_sendTransaction");
    expect(await node.reader.getTransactionCount({ address: addr(BUYER) })).toBe(nonce);
  });

  it("every page fits a phone and a desktop (screenshots), and the main pages render fast and stay still", async () => {
    expect(jobs.posted).toBeDefined();
    const pages: [string, string][] = [
      ["markets", "/"],
      ["open-jobs", "/jobs"],
      ["job", `/jobs/${jobs.posted}`],
      ["job-disputed", `/jobs/${jobs.disputed}`],
      ["job-held", `/jobs/${jobs.held}`],
      ["job-milestones", `/jobs/${jobs.milestones}`],
      ["post", "/post"],
      ["supplier", `/suppliers/${addr(S2)}`],
      ["arbitrator", `/arbitrators/${addr(JUDGE)}`],
      ["activity", `/activity/${addr(BUYER)}`],
    ];
    // Every request the pages make, to check that none leaves for anywhere but the app, the RPC and the indexer.
    const origins = new Set<string>();
    for (const [viewportName, viewport] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
      const context = await browser.newContext({ viewport, baseURL: web.url });
      contexts.push(context);
      context.on("request", (request) => {
        const url = new URL(request.url());
        if (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ws:" || url.protocol === "wss:") origins.add(url.origin);
      });
      const page = await context.newPage();
      for (const [name, path] of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await page.waitForLoadState("networkidle");
        const overflow = await page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        const wide =
          overflow > 0
            ? await page.evaluate<string[]>(
                `[...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(-6).map((e) => e.tagName.toLowerCase() + "." + String(e.className).replaceAll(" ", "."))`,
              )
            : [];
        expect(overflow, `${path} at ${viewportName} is ${overflow}px wider than the screen: ${wide.join(", ")}`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SHOTS, `${name}-${viewportName}.png`), fullPage: true });
      }
    }

    expect(origins.has(web.url)).toBe(true);
    for (const origin of origins) expect([web.url, indexer.url, new URL(node.rpcUrl).origin], origin).toContain(origin);

    // Web vitals on the local production build: a fresh page each time, observers installed before anything loads.
    const vitals: { page: string; path: string; lcpMs: number; cls: number; ttfbMs: number }[] = [];
    for (const [name, path] of pages.slice(0, 3)) {
      const context = await browser.newContext({ viewport: DESKTOP, baseURL: web.url });
      contexts.push(context);
      await context.addInitScript({
        content: `window.__vitals = { lcp: 0, cls: 0 };
          new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__vitals.lcp = e.startTime; }).observe({ type: "largest-contentful-paint", buffered: true });
          new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__vitals.cls += e.value; }).observe({ type: "layout-shift", buffered: true });`,
      });
      const page = await context.newPage();
      await page.goto(path, { waitUntil: "load" });
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(1_000);
      const measured = await page.evaluate<{ lcpMs: number; cls: number; ttfbMs: number }>(
        `({ lcpMs: window.__vitals.lcp, cls: window.__vitals.cls, ttfbMs: performance.getEntriesByType("navigation")[0].responseStart })`,
      );
      vitals.push({ page: name, path, ...measured });
      await context.close();
    }
    writeFileSync(join(OUT, "web-vitals.json"), `${JSON.stringify(vitals, null, 2)}\n`);
    console.log(
      ["", "Web vitals (production build, desktop 1280×800, Chromium headless):", ...vitals.map((v) => `  ${v.page.padEnd(10)} LCP ${v.lcpMs.toFixed(0).padStart(5)} ms   CLS ${v.cls.toFixed(3)}   TTFB ${v.ttfbMs.toFixed(0)} ms`)].join("\n"),
    );
    for (const v of vitals) {
      expect(v.lcpMs, `${v.page}: no largest-contentful-paint entry`).toBeGreaterThan(0);
      expect(v.cls, `${v.page}: layout shift`).toBeLessThan(0.1);
    }
  });
});
