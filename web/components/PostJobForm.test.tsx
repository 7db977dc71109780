import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import {
  type Address,
  decodeFunctionData,
  encodeAbiParameters,
  encodeErrorResult,
  encodeEventTopics,
  encodeFunctionResult,
  erc20Abi,
  getAddress,
  keccak256,
  parseEther,
  toBytes,
  toHex,
} from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tenderEscrowAbi } from "@tender/sdk/generated";
import type { Arbitrator } from "../lib/api-types.ts";
import { type CallAnswer, fakeRpc as fakeChain } from "../test/fake-rpc.ts";
import { type FakeWallet, installFakeWallet } from "../test/fake-wallet.ts";
import { PostJobForm, type PostJobFormProps } from "./PostJobForm.tsx";
import { Providers } from "./Providers.tsx";
import { ConnectWallet } from "./Wallet.tsx";

const push = vi.fn();
const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push, refresh, replace: vi.fn(), prefetch: vi.fn() }), usePathname: () => "/post" }));

const BUYER: Address = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
const ESCROW: Address = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const MUSD: Address = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
const ARBITRATOR: Address = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
const OTHER_ARBITRATOR: Address = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
const TX = `0x${"ab".repeat(32)}` as const;
const NOW = 1_795_889_225;
const JOB_ID = 7n;
const config = { chainId: 31337, rpcUrl: "http://127.0.0.1:9", chainName: "Tender local" };

const arbitrator = (address: Address, feeBps: number, record: [number, number, number, number]): Arbitrator => ({
  address,
  active: true,
  termsId: 1,
  feeBps,
  ruleWindow: 172_800,
  termsUri: "ipfs://terms",
  termsVersions: 1,
  registeredAt: NOW - 86_400,
  retiredAt: null,
  rulingsForBuyer: record[0],
  rulingsForSupplier: record[1],
  rulingsEven: record[2],
  timedOut: record[3],
  disputeCount: record[0] + record[1] + record[2] + record[3],
  jobsNamed: 12,
  claimCount: 0,
});

const props: PostJobFormProps = {
  now: NOW,
  tokens: [
    { address: "0x0000000000000000000000000000000000000000", symbol: "ETH", decimals: 18 },
    { address: MUSD, symbol: "mUSD", decimals: 6 },
  ],
  arbitrators: [arbitrator(ARBITRATOR, 250, [3, 2, 1, 0]), arbitrator(OTHER_ARBITRATOR, 500, [0, 0, 0, 1])],
  categories: ["code"],
  deployment: { chainId: 31337, escrow: ESCROW, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", startBlock: 0 },
};

const SELECTOR = {
  allowance: "0xdd62ed3e",
  balanceOf: "0x70a08231",
  approve: "0x095ea7b3",
  symbol: "0x95d89b41",
  decimals: "0x313ce567",
};

/** The escrow's RFQPosted log for job 7 (its body is not read by the form, only decoded). */
function rfqPostedLog() {
  const event = tenderEscrowAbi.find((x) => x.type === "event" && x.name === "RFQPosted")!;
  const floors = { minCompleted: 0, minVolume: 0n, maxLossShareBps: 10_000, maxClawbackShareBps: 10_000, minAvgRating: 0, minRatings: 0, bondBps: 0, metrics: [] };
  const rfq = {
    token: "0x0000000000000000000000000000000000000000",
    maxPrice: 1n,
    bidDeadline: NOW + 3_600,
    awardWindow: 0,
    deliveryWindow: 3_600,
    reviewWindow: 3_600,
    mode: 0,
    arbitrator: ARBITRATOR,
    arbitratorTermsId: 1,
    defaultBuyerShareBps: 0,
    warranty: { holdbackBps: 0, warrantyWindow: 0, holdBond: false },
    category: keccak256(toBytes("code")),
    floors,
    spec: "{}",
  };
  return {
    address: ESCROW,
    topics: encodeEventTopics({ abi: tenderEscrowAbi, eventName: "RFQPosted", args: { jobId: JOB_ID, buyer: BUYER } }),
    data: encodeAbiParameters((event as { inputs: readonly { indexed?: boolean }[] }).inputs.filter((i) => !i.indexed) as never, [rfq, NOW + 3_600, 1, 100] as never),
    blockNumber: "0x2a",
    blockHash: `0x${"cd".repeat(32)}`,
    logIndex: "0x0",
    transactionHash: TX,
    transactionIndex: "0x0",
    removed: false,
  };
}

const BLOCK = {
  number: "0x2a",
  hash: `0x${"cd".repeat(32)}`,
  parentHash: `0x${"00".repeat(32)}`,
  timestamp: toHex(NOW),
  nonce: "0x0000000000000000",
  sha3Uncles: `0x${"00".repeat(32)}`,
  logsBloom: `0x${"00".repeat(256)}`,
  transactionsRoot: `0x${"00".repeat(32)}`,
  stateRoot: `0x${"00".repeat(32)}`,
  receiptsRoot: `0x${"00".repeat(32)}`,
  miner: `0x${"00".repeat(20)}`,
  difficulty: "0x0",
  totalDifficulty: "0x0",
  extraData: "0x",
  size: "0x0",
  gasLimit: "0x1c9c380",
  gasUsed: "0x0",
  baseFeePerGas: "0x1",
  transactions: [],
  uncles: [],
};

/** The chain's JSON-RPC, faked (web/test/fake-rpc.ts): token reads answer `allowance`/`balance`/metadata, a post's
 * simulation answers `post` (job 7 by default), receipts come mined in block 42 with the escrow's RFQPosted event. */
function fakeRpc({ allowance = 0n, balance = 0n, post }: { allowance?: bigint; balance?: bigint; post?: () => CallAnswer } = {}) {
  return fakeChain({
    from: BUYER,
    to: ESCROW,
    block: BLOCK,
    logs: () => [rfqPostedLog()],
    call: (data) => {
      if (data.startsWith(SELECTOR.allowance)) return { result: encodeFunctionResult({ abi: erc20Abi, functionName: "allowance", result: allowance }) };
      if (data.startsWith(SELECTOR.balanceOf)) return { result: encodeFunctionResult({ abi: erc20Abi, functionName: "balanceOf", result: balance }) };
      if (data.startsWith(SELECTOR.approve)) return { result: encodeFunctionResult({ abi: erc20Abi, functionName: "approve", result: true }) };
      if (data.startsWith(SELECTOR.symbol)) return { result: encodeFunctionResult({ abi: erc20Abi, functionName: "symbol", result: "mUSD" }) };
      if (data.startsWith(SELECTOR.decimals)) return { result: encodeFunctionResult({ abi: erc20Abi, functionName: "decimals", result: 6 }) };
      return post?.() ?? { result: encodeFunctionResult({ abi: tenderEscrowAbi, functionName: "postRFQ", result: JOB_ID }) };
    },
  });
}

async function connected(): Promise<FakeWallet> {
  const wallet = installFakeWallet({ account: BUYER, chainId: 31337 });
  // The SDK's postRFQ reads the chain's time through the wallet's provider (a real wallet forwards it to its node).
  const original = wallet.provider.request;
  wallet.provider.request = async (args) => (args.method === "eth_getBlockByNumber" ? BLOCK : original(args));
  render(
    <Providers config={config}>
      <ConnectWallet />
      <PostJobForm {...props} />
    </Providers>,
  );
  fireEvent.click(await screen.findByRole("button", { name: "Connect wallet" }));
  await act(async () => fireEvent.click(await screen.findByRole("button", { name: "Test Wallet" })));
  await screen.findByRole("button", { name: "Disconnect" });
  return wallet;
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const sent = (wallet: FakeWallet) => wallet.requests.filter((r) => r.method === "eth_sendTransaction").map((r) => (r.params as [{ to: string; data: `0x${string}`; value?: string }])[0]);

/** A complete RFQ: a spec with one rule, a 2 h bid window, floors, the first arbitrator. */
function fillGoodRfq() {
  type("Title", "Sort these lines");
  type("Category", "code");
  type("Task", "Sort the lines of the input.");
  fireEvent.click(screen.getByRole("button", { name: "Add a rule" }));
  type("Rule 1 Description", "No TODO left");
  fireEvent.change(screen.getByLabelText("Rule 1 Check"), { target: { value: "notContains" } });
  type("Rule 1 Strings (one per line)", "TODO");
  type("Maximum price", "0.5");
  type("Bid window", "2");
  fireEvent.change(screen.getByLabelText("Bid window unit"), { target: { value: "h" } });
  type("Minimum average rating", "4.5");
  type("Bond", "10");
  fireEvent.click(screen.getByRole("radio", { name: /0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc/i }));
  type("Your share if the arbitrator never rules", "20");
}

const SPEC =
  '{"version":1,"title":"Sort these lines","category":"code","task":"Sort the lines of the input.",' +
  '"acceptance":[{"id":"rule-1","description":"No TODO left","notContains":["TODO"]}],"deliverable":{"mediaType":"text/plain","via":"uri"}}';

describe("PostJobForm", () => {
  let wallet: FakeWallet | undefined;
  beforeEach(() => {
    push.mockReset();
    refresh.mockReset();
  });
  afterEach(() => {
    wallet?.remove();
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it("shows a bad field's error at the field, focuses the first, and sends nothing", async () => {
    const rpc = fakeRpc();
    wallet = await connected();
    type("Maximum price", "abc");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));

    const title = screen.getByLabelText("Title");
    expect(title.getAttribute("aria-invalid")).toBe("true");
    const titleError = document.getElementById(title.getAttribute("aria-describedby")!.split(" ")[0]!);
    expect(titleError?.textContent).toBe("Give the job a title.");
    expect(document.activeElement).toBe(title);

    const price = screen.getByLabelText("Maximum price");
    expect(price.getAttribute("aria-invalid")).toBe("true");
    const priceError = document.getElementById(price.getAttribute("aria-describedby")!.split(" ")[0]!);
    expect(priceError?.textContent).toBe('"abc" is not an amount; write a number of ETH, e.g. 12.5.');
    expect(screen.getByText("Pick an arbitrator.")).toBeDefined();
    expect(screen.getByRole("status").textContent).toMatch(/^\d+ fields need a fix; nothing was sent\.$/);

    // Still editing: no review, no simulation, nothing for the wallet.
    expect(screen.queryByRole("button", { name: "Post the job" })).toBeNull();
    expect(rpc).not.toContain("eth_call");
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");

    // Fixing a field clears its error.
    type("Title", "Sort these lines");
    expect(screen.getByLabelText("Title").getAttribute("aria-invalid")).toBeNull();
  });

  it("reviews a good RFQ in ETH, then sends exactly one postRFQ with the reviewed arguments and opens the job", async () => {
    fakeRpc();
    wallet = await connected();
    fillGoodRfq();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));

    // The review: the escrowed amount, the terms, the spec as it will be posted; nothing sent yet.
    const review = screen.getByRole("region", { name: "Review the job" });
    expect(document.activeElement).toBe(within(review).getByRole("heading", { name: "Review the job" }));
    expect(within(review).getByText("0.5 ETH")).toBeDefined();
    expect(within(review).getByText("Request for quotes: the lowest qualified bid wins")).toBeDefined();
    expect(within(review).getByText(/terms #1: fee 2.5% from each side/)).toBeDefined();
    expect(within(review).getByText("an average rating of at least 4.5 ★")).toBeDefined();
    expect(within(review).getByText("Each bidder posts a bond of 0.05 ETH (10% of the maximum price).")).toBeDefined();
    expect(within(review).getByText("20% of the price back to you, 80% to the supplier")).toBeDefined();
    const json = within(review).getByRole("region", { name: "Spec JSON" }).querySelector("pre");
    expect(JSON.parse(json!.textContent!)).toEqual(JSON.parse(SPEC));
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");

    await act(async () => fireEvent.click(within(review).getByRole("button", { name: "Post the job" })));
    expect(await screen.findByText("Posting the job: done in block 42.")).toBeDefined();

    const transactions = sent(wallet);
    expect(transactions).toHaveLength(1);
    expect(transactions[0]!.to.toLowerCase()).toBe(ESCROW);
    expect(BigInt(transactions[0]!.value!)).toBe(parseEther("0.5"));
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: transactions[0]!.data });
    expect(call.functionName).toBe("postRFQ");
    const [rfq] = call.args as unknown as [Record<string, unknown> & { bidDeadline: number }];
    expect(rfq).toEqual({
      token: "0x0000000000000000000000000000000000000000",
      maxPrice: parseEther("0.5"),
      bidDeadline: expect.any(Number),
      awardWindow: 0,
      deliveryWindow: 86_400,
      reviewWindow: 86_400,
      mode: 0,
      arbitrator: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
      arbitratorTermsId: 1, // the terms the review showed, pinned
      defaultBuyerShareBps: 2_000,
      warranty: { holdbackBps: 0, warrantyWindow: 0, holdBond: false },
      category: keccak256(toBytes("code")),
      floors: { minCompleted: 0, minVolume: 0n, maxLossShareBps: 10_000, maxClawbackShareBps: 10_000, minAvgRating: 450, minRatings: 0, bondBps: 1_000, metrics: [] },
      spec: SPEC,
    });
    // Two hours from the chain's time (which may have ticked a second or two while the test ran), not the browser's.
    expect(rfq.bidDeadline - NOW - 7_200).toBeGreaterThanOrEqual(0);
    expect(rfq.bidDeadline - NOW - 7_200).toBeLessThan(10);

    // The new job's id comes from the receipt's RFQPosted event.
    // What happens next, then the link; the job page opens after a moment.
    const note = screen.getByRole("region", { name: "Job 7 is posted" });
    expect(within(note).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Suppliers who meet your floors bid until the bid window closes; the job page shows each bid.",
      "Then the lowest bid wins: anyone may award it, and the rest of your maximum comes back to you.",
      "The supplier delivers; you confirm with a rating, or dispute it, within the review window.",
    ]);
    expect(within(note).getByRole("link", { name: "Open job 7" }).getAttribute("href")).toBe("/jobs/7");
    await waitFor(() => expect(push).toHaveBeenCalledWith("/jobs/7"), { timeout: 6_000 });
    expect(screen.getByRole("button", { name: "Post the job" }).hasAttribute("disabled")).toBe(true);
  });

  it("holds back a share under warranty: a bad holdback is shown at its field and nothing is sent; a good one is reviewed in words and posted", async () => {
    const rpc = fakeRpc();
    wallet = await connected();
    fillGoodRfq();
    type("Holdback", "60");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    const holdback = screen.getByLabelText("Holdback");
    expect(holdback.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(holdback.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent).toBe("Give a share from 0% to 50%; 60% (6000 bps) is not.");
    expect(document.activeElement).toBe(holdback);
    expect(screen.queryByRole("button", { name: "Post the job" })).toBeNull();
    expect(rpc).not.toContain("eth_call");

    type("Holdback", "20");
    type("Warranty window", "30");
    fireEvent.click(screen.getByLabelText("Keep the winner's bond through the warranty"));
    type("Largest share of warranty claims clawed back", "25");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    const review = screen.getByRole("region", { name: "Review the job" });
    expect(within(review).getByText(/^20% of the payment \(0\.1 ETH at the maximum price; the same share of the winning bid\) stays in escrow for 30 d/)).toBeDefined();
    expect(within(review).getByText(/The winner's bond is held with it/)).toBeDefined();
    expect(within(review).getByText("clawed back at most 25% of the warranty claims faced")).toBeDefined();
    await act(async () => fireEvent.click(within(review).getByRole("button", { name: "Post the job" })));
    expect(await screen.findByText("Posting the job: done in block 42.")).toBeDefined();
    const [posting] = sent(wallet);
    const [rfq] = decodeFunctionData({ abi: tenderEscrowAbi, data: posting!.data }).args as unknown as [{ warranty: unknown; floors: { maxClawbackShareBps: number } }];
    expect(rfq.warranty).toEqual({ holdbackBps: 2_000, warrantyWindow: 2_592_000, holdBond: true });
    expect(rfq.floors.maxClawbackShareBps).toBe(2_500);
  });

  it("approves an ERC-20 first when the allowance is short, then posts", async () => {
    fakeRpc({ allowance: 0n, balance: 100_000_000n });
    wallet = await connected();
    fillGoodRfq();
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: MUSD } });
    type("Maximum price", "25");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    expect(screen.getByText("25 mUSD")).toBeDefined();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Post the job" })));

    expect(await screen.findByText("Posting the job: done in block 42.")).toBeDefined();
    const [approval, posting, ...more] = sent(wallet);
    expect(more).toHaveLength(0);
    expect(approval!.to.toLowerCase()).toBe(MUSD);
    expect(decodeFunctionData({ abi: erc20Abi, data: approval!.data })).toEqual({ functionName: "approve", args: [getAddress(ESCROW), 25_000_000n] });
    expect(posting!.to.toLowerCase()).toBe(ESCROW);
    expect(BigInt(posting!.value ?? "0x0")).toBe(0n);
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: posting!.data });
    expect(call.functionName).toBe("postRFQ");
    expect((call.args as unknown as [{ token: string; maxPrice: bigint }])[0]).toMatchObject({ token: getAddress(MUSD), maxPrice: 25_000_000n });
  });

  it("stops before the wallet when the balance is short", async () => {
    fakeRpc({ allowance: 0n, balance: 1_000_000n });
    wallet = await connected();
    fillGoodRfq();
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: MUSD } });
    type("Maximum price", "25");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Post the job" })));
    expect((await screen.findByRole("alert")).textContent).toMatch(/^Posting the job failed: 0x[0-9a-fA-F]{40} holds 1 mUSD; this needs 25 mUSD\.$/);
    expect(sent(wallet)).toHaveLength(0);
  });

  it("shows the escrow's refusal as the SDK's sentence, and the wallet is never asked", async () => {
    const data = encodeErrorResult({ abi: tenderEscrowAbi, errorName: "ArbitratorNotActive", args: [ARBITRATOR] });
    const rpc = fakeRpc({ post: () => ({ error: { code: 3, message: "execution reverted", data } }) });
    wallet = await connected();
    fillGoodRfq();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Post the job" })));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/^Posting the job failed: ArbitratorNotActive: 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC is not a registered, active arbitrator\.$/);
    expect(rpc).toContain("eth_call");
    expect(sent(wallet)).toHaveLength(0);
    // Back to edit keeps what was typed.
    fireEvent.click(screen.getByRole("button", { name: "Back to edit" }));
    expect((screen.getByLabelText("Title") as HTMLInputElement).value).toBe("Sort these lines");
  });

  it("posts a direct hire: the SDK's own check refuses hiring yourself, then one postDirectHire is sent", async () => {
    const rpc = fakeRpc();
    wallet = await connected();
    fireEvent.click(screen.getByRole("radio", { name: /Direct hire/ }));
    expect(screen.queryByLabelText("Maximum price")).toBeNull();
    expect(screen.queryByLabelText("Bid window")).toBeNull();
    expect(screen.queryByRole("heading", { name: "Who may bid" })).toBeNull();
    type("Title", "Fix the flaky test");
    type("Category", "code");
    type("Task", "Make the test pass reliably.");
    type("Price", "1.5");
    fireEvent.click(screen.getByRole("radio", { name: /0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc/i }));
    type("Supplier address", BUYER);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    const supplier = screen.getByLabelText("Supplier address");
    expect(supplier.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(supplier.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent).toBe("You cannot hire yourself: the supplier is your own address.");
    expect(document.activeElement).toBe(supplier);
    expect(rpc).not.toContain("eth_call");

    type("Supplier address", "0x976EA74026E726554dB657fA54763abd0C3a0aa9");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    expect(screen.getByText("Direct hire at a fixed price")).toBeDefined();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Post the job" })));
    expect(await screen.findByText("Posting the job: done in block 42.")).toBeDefined();
    const transactions = sent(wallet);
    expect(transactions).toHaveLength(1);
    expect(BigInt(transactions[0]!.value!)).toBe(parseEther("1.5"));
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: transactions[0]!.data });
    expect(call.functionName).toBe("postDirectHire");
    expect((call.args as unknown as [Record<string, unknown>])[0]).toEqual({
      supplier: "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
      token: "0x0000000000000000000000000000000000000000",
      price: parseEther("1.5"),
      deliveryWindow: 86_400,
      reviewWindow: 86_400,
      arbitrator: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
      arbitratorTermsId: 1,
      defaultBuyerShareBps: 0,
      warranty: { holdbackBps: 0, warrantyWindow: 0, holdBond: false },
      category: keccak256(toBytes("code")),
      spec: '{"version":1,"title":"Fix the flaky test","category":"code","task":"Make the test pass reliably.","deliverable":{"mediaType":"text/plain","via":"uri"}}',
    });
  });

  it("pays a direct hire in milestones: every schedule problem is shown at its row before anything is sent, then one postDirectHireInMilestones", async () => {
    const rpc = fakeRpc();
    wallet = await connected();
    fireEvent.click(screen.getByRole("radio", { name: /Direct hire/ }));
    type("Title", "Fix the flaky test");
    type("Category", "code");
    type("Task", "Make the test pass reliably.");
    type("Price", "2");
    fireEvent.click(screen.getByRole("radio", { name: /0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc/i }));
    type("Supplier address", "0x976EA74026E726554dB657fA54763abd0C3a0aa9");
    type("Holdback", "20");

    // Two halves to start with, in the job's delivery window; the Deadlines section's own window gives way to them.
    fireEvent.click(screen.getByLabelText("Pay in milestones"));
    expect(screen.queryByLabelText("Delivery window")).toBeNull();
    expect((screen.getByLabelText("Milestone 1 Share") as HTMLInputElement).value).toBe("50");
    expect((screen.getByLabelText("Milestone 2 delivery window") as HTMLInputElement).value).toBe("1");
    expect(screen.getByText("1 ETH (the last part pays the rest).")).toBeDefined();

    // A third row takes the share left (none), a zero share and shares short of 100%: each at its place, nothing sent.
    type("Milestone 1 Share", "30");
    expect(screen.getByText("The shares add up to 80% of 100%.")).toBeDefined();
    fireEvent.click(screen.getByRole("button", { name: "Add a milestone" }));
    expect((screen.getByLabelText("Milestone 3 Share") as HTMLInputElement).value).toBe("20");
    type("Milestone 3 Share", "0");
    type("Milestone 3 delivery window", "2");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    const third = screen.getByLabelText("Milestone 3 Share");
    expect(third.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(third.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent).toBe("each milestone needs a share of the price (1 to 10,000 bps)");
    expect(document.activeElement).toBe(third);
    type("Milestone 3 Share", "10");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    expect(screen.getByText("the shares must sum to 100% (10,000 bps), not 90%")).toBeDefined();
    expect(screen.queryByRole("button", { name: "Post the job" })).toBeNull();
    expect(rpc).not.toContain("eth_call");
    expect(sent(wallet)).toHaveLength(0);

    // Fixed: the review lists the parts, and the post is one postDirectHireInMilestones with the reviewed schedule.
    type("Milestone 3 Share", "20");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    const review = screen.getByRole("region", { name: "Review the job" });
    expect(within(review).getAllByRole("listitem").map((li) => li.textContent).slice(0, 3)).toEqual([
      "Milestone 1: 30% (0.6 ETH), delivered within 1 d of the posting",
      "Milestone 2: 50% (1 ETH), delivered within 1 d of milestone 1's payment",
      "Milestone 3: 20% (0.4 ETH), delivered within 2 d of milestone 2's payment",
    ]);
    await act(async () => fireEvent.click(within(review).getByRole("button", { name: "Post the job" })));
    expect(await screen.findByText("Posting the job: done in block 42.")).toBeDefined();
    const transactions = sent(wallet);
    expect(transactions).toHaveLength(1);
    expect(BigInt(transactions[0]!.value!)).toBe(parseEther("2"));
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: transactions[0]!.data });
    expect(call.functionName).toBe("postDirectHireInMilestones");
    const [hire, schedule] = call.args as unknown as [{ price: bigint; deliveryWindow: number; warranty: unknown; arbitratorTermsId: number }, unknown];
    expect(hire).toMatchObject({ price: parseEther("2"), deliveryWindow: 86_400, arbitratorTermsId: 1, warranty: { holdbackBps: 2_000, warrantyWindow: 2_592_000, holdBond: false } });
    expect(schedule).toEqual([
      { shareBps: 3_000, deliveryWindow: 86_400 },
      { shareBps: 5_000, deliveryWindow: 86_400 },
      { shareBps: 2_000, deliveryWindow: 172_800 },
    ]);
    expect(within(screen.getByRole("region", { name: "Job 7 is posted" })).getAllByRole("listitem").map((li) => li.textContent).slice(1)).toEqual([
      "The supplier delivers each of the 3 milestones within its window (the next opens when one is paid), or you may take back every part not yet paid.",
      "You confirm each part, or dispute it, within the review window; the rating comes with the last.",
    ]);
  });

  it("pays an RFQ's winning price in milestones: one postRFQInMilestones, the job's delivery window the first milestone's", async () => {
    fakeRpc();
    wallet = await connected();
    fillGoodRfq();
    fireEvent.click(screen.getByLabelText("Pay in milestones"));
    type("Milestone 1 Share", "40");
    type("Milestone 1 delivery window", "6");
    fireEvent.change(screen.getByLabelText("Milestone 1 delivery window unit"), { target: { value: "h" } });
    type("Milestone 2 Share", "60");
    expect(screen.getByText("0.2 ETH at the maximum price.")).toBeDefined();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    const review = screen.getByRole("region", { name: "Review the job" });
    expect(within(review).getByText("Milestone 1: 40% (0.2 ETH at the maximum price), delivered within 6 h of the award")).toBeDefined();
    await act(async () => fireEvent.click(within(review).getByRole("button", { name: "Post the job" })));
    expect(await screen.findByText("Posting the job: done in block 42.")).toBeDefined();
    const [posting, ...more] = sent(wallet);
    expect(more).toHaveLength(0);
    expect(BigInt(posting!.value!)).toBe(parseEther("0.5"));
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: posting!.data });
    expect(call.functionName).toBe("postRFQInMilestones");
    const [rfq, schedule] = call.args as unknown as [{ deliveryWindow: number; maxPrice: bigint }, unknown];
    expect(rfq).toMatchObject({ deliveryWindow: 21_600, maxPrice: parseEther("0.5") });
    expect(schedule).toEqual([
      { shareBps: 4_000, deliveryWindow: 21_600 },
      { shareBps: 6_000, deliveryWindow: 86_400 },
    ]);
  });

  it("preselects the only arbitrator, and starts a direct hire with the supplier from the page's ?supplier=", async () => {
    fakeRpc();
    const SUPPLIER = "0x976EA74026E726554dB657fA54763abd0C3a0aa9";
    render(
      <Providers config={config}>
        <PostJobForm {...props} arbitrators={[arbitrator(ARBITRATOR, 250, [0, 0, 0, 0])]} supplier={SUPPLIER} />
      </Providers>,
    );
    expect((screen.getByRole("radio", { name: /Direct hire/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Supplier address") as HTMLInputElement).value).toBe(SUPPLIER);
    expect((screen.getByRole("radio", { name: /0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc/i }) as HTMLInputElement).checked).toBe(true);
    // Nothing else to fill about who: a review without the arbitrator or the supplier asks for neither.
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Review" })));
    expect(screen.queryByText("Pick an arbitrator.")).toBeNull();
    expect(screen.getByLabelText("Supplier address").getAttribute("aria-invalid")).toBeNull();
  });

  it("shows the connected wallet's balance of the chosen token", async () => {
    fakeRpc({ balance: 12_500_000n });
    wallet = await connected();
    fireEvent.change(screen.getByLabelText("Token"), { target: { value: MUSD } });
    expect((await screen.findByText("12.5 mUSD")).closest("p")?.textContent).toBe("Your wallet holds 12.5 mUSD.");
  });
});
