import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { type Hex, decodeFunctionData, encodeErrorResult, getAddress, keccak256, toBytes } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tenderEscrowAbi } from "@tender/sdk/generated";
import { type CallAnswer, fakeRpc as fakeChain } from "../test/fake-rpc.ts";
import { type FakeWallet, installFakeWallet } from "../test/fake-wallet.ts";
import { JobActions, type JobActionsProps } from "./JobActions.tsx";
import { Providers } from "./Providers.tsx";
import { ConnectWallet } from "./Wallet.tsx";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh, replace: vi.fn(), prefetch: vi.fn() }), usePathname: () => "/jobs/10" }));

const BUYER = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";
const SUPPLIER = "0x976ea74026e726554db657fa54763abd0c3a0aa9";
const JUDGE = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc" as const;
const ESCROW = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512";
const NOW = 1_795_889_225;
const config = { chainId: 31337, rpcUrl: "http://127.0.0.1:9", chainName: "Tender local" };
const job: JobActionsProps = {
  jobId: "10",
  status: "Delivered",
  buyer: BUYER,
  supplier: SUPPLIER,
  deliverBy: NOW - 100,
  reviewEndsAt: NOW + 3_600,
  now: NOW,
  token: { address: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", symbol: "mUSD", decimals: 6 },
  deployment: { chainId: 31337, escrow: ESCROW, registry: "0x5FbDB2315678afecb367f032d93F642f64180aa3", startBlock: 0 },
};

/** The chain's JSON-RPC, faked (web/test/fake-rpc.ts): `eth_call` answers with `call`, receipts come mined in block 42. */
const fakeRpc = (call: () => CallAnswer) => fakeChain({ call, from: BUYER, to: ESCROW });

async function connectedAs(account: string, props: JobActionsProps = job): Promise<FakeWallet> {
  const wallet = installFakeWallet({ account: account as `0x${string}`, chainId: 31337 });
  render(
    <Providers config={config}>
      <ConnectWallet />
      <JobActions {...props} />
    </Providers>,
  );
  fireEvent.click(await screen.findByRole("button", { name: "Connect wallet" }));
  await act(async () => fireEvent.click(await screen.findByRole("button", { name: "Test Wallet" })));
  await screen.findByRole("button", { name: "Disconnect" });
  return wallet;
}

describe("JobActions", () => {
  let wallet: FakeWallet | undefined;
  beforeEach(() => refresh.mockReset());
  afterEach(() => {
    wallet?.remove();
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it("offers the buyer confirm-with-rating, and sends nothing without a rating", async () => {
    const rpc = fakeRpc(() => ({ result: "0x" }));
    wallet = await connectedAs(BUYER);
    expect(screen.getByText(/the buyer\./)).toBeDefined();
    const confirm = screen.getByRole("region", { name: "Confirm and pay" });
    await act(async () => fireEvent.click(within(confirm).getByRole("button", { name: "Confirm and pay" })));
    expect(await within(confirm).findByText("Choose a rating from 1 to 5 stars.")).toBeDefined();
    expect(rpc).not.toContain("eth_call");
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");
    // Finalizing waits for the review window.
    expect(screen.getByRole("button", { name: "Finalize and pay the supplier" }).hasAttribute("disabled")).toBe(true);
  });

  it("shows the escrow's refusal as the SDK's sentence, and the wallet is never asked", async () => {
    const data = encodeErrorResult({ abi: tenderEscrowAbi, errorName: "WrongStatus", args: [10n, 3, 5] as never });
    const rpc = fakeRpc(() => ({ error: { code: 3, message: "execution reverted", data } }));
    wallet = await connectedAs(BUYER);
    fireEvent.click(screen.getByLabelText("5 stars"));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Confirm and pay" })));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Confirm failed: WrongStatus: Job 10 is Settled; this needs it Delivered.");
    expect(rpc).toContain("eth_call");
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");
  });

  it("sends a confirmation the escrow accepts and follows it to its block", async () => {
    fakeRpc(() => ({ result: "0x" }));
    wallet = await connectedAs(BUYER);
    fireEvent.click(screen.getByLabelText("4 stars"));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Confirm and pay" })));
    expect(await screen.findByText("Confirm: done in block 42.")).toBeDefined();
    const sent = wallet.requests.find((r) => r.method === "eth_sendTransaction");
    expect(sent).toBeDefined();
    expect((sent!.params as [{ to: string }])[0].to.toLowerCase()).toBe(ESCROW);
  });

  it("checks a delivery's hash and URI before anything is sent", async () => {
    const rpc = fakeRpc(() => ({ result: "0x" }));
    wallet = await connectedAs(SUPPLIER, { ...job, status: "Awarded", deliverBy: NOW + 3_600, reviewEndsAt: null });
    const deliver = screen.getByRole("region", { name: "Deliver" });
    fireEvent.change(within(deliver).getByLabelText("Deliverable hash (keccak256)"), { target: { value: "0x1234" } });
    fireEvent.change(within(deliver).getByLabelText("URI"), { target: { value: "not a uri" } });
    await act(async () => fireEvent.click(within(deliver).getByRole("button", { name: "Deliver" })));
    expect(await within(deliver).findByText("0x1234 is not a 32-byte hex hash")).toBeDefined();
    expect(within(deliver).getByText('"not a uri" is not a URI (e.g. ipfs://…, https://…, data:…)')).toBeDefined();
    expect(rpc).not.toContain("eth_call");
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");

    // The helper fills both from the text, as the SDK's encodeDeliverable would.
    fireEvent.click(within(deliver).getByText("Make the hash and a data: URI from text"));
    fireEvent.change(within(deliver).getByLabelText("Deliverable text"), { target: { value: "done\n" } });
    fireEvent.click(within(deliver).getByRole("button", { name: "Fill hash and URI" }));
    expect((within(deliver).getByLabelText("URI") as HTMLInputElement).value).toBe("data:text/plain;charset=utf-8;base64,ZG9uZQo=");
  });

  it("asks the buyer for a statement before a dispute, and the arbitrator for a share and reasons before a ruling", async () => {
    const rpc = fakeRpc(() => ({ result: "0x" }));
    wallet = await connectedAs(BUYER, { ...job, arbitrator: JUDGE, price: "50000000", feeBps: 300 });
    const dispute = screen.getByRole("region", { name: "Dispute" });
    expect(within(dispute).getByText(/the arbitrator's fee, 1\.5 mUSD/)).toBeDefined();
    await act(async () => fireEvent.click(within(dispute).getByRole("button", { name: "Dispute the delivery" })));
    expect(await within(dispute).findByText("Write your statement, or give a URI where it is.")).toBeDefined();
    fireEvent.change(within(dispute).getByLabelText("…or a URI where it is"), { target: { value: "statement.txt" } });
    await act(async () => fireEvent.click(within(dispute).getByRole("button", { name: "Dispute the delivery" })));
    expect(await within(dispute).findByText('"statement.txt" is not a URI (e.g. ipfs://…, https://…, data:…)')).toBeDefined();
    expect(rpc).not.toContain("eth_call");
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");
    wallet.remove();
    cleanup();

    const disputed = { ...job, status: "Disputed" as const, arbitrator: JUDGE, dispute: { status: "answered", respondBy: NOW - 10, ruleBy: NOW + 3_600 } };
    wallet = await connectedAs(JUDGE, disputed);
    const rule = screen.getByRole("region", { name: "Rule" });
    fireEvent.change(within(rule).getByLabelText("Buyer's share of the price (%)"), { target: { value: "120" } });
    await act(async () => fireEvent.click(within(rule).getByRole("button", { name: "Rule" })));
    expect(await within(rule).findByText("Give the buyer's share as a percentage from 0 to 100 (at most two decimals).")).toBeDefined();
    expect(within(rule).getByText("Give the reasons for the ruling; their hash is recorded on-chain.")).toBeDefined();
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");
    // Only the named arbitrator may rule; the parties may add evidence instead.
    expect(screen.queryByRole("region", { name: "Answer the dispute" })).toBeNull();
    expect(screen.getByRole("region", { name: "Add evidence" })).toBeDefined();

    // A good ruling goes out as rule(jobId, 2,050 bps, keccak256(reasons)).
    fireEvent.change(within(rule).getByLabelText("Buyer's share of the price (%)"), { target: { value: "20.5" } });
    fireEvent.change(within(rule).getByLabelText("Reasons"), { target: { value: "Half the rules failed." } });
    await act(async () => fireEvent.click(within(rule).getByRole("button", { name: "Rule" })));
    expect(await screen.findByText("Ruling: done in block 42.")).toBeDefined();
    const sent = wallet.requests.find((r) => r.method === "eth_sendTransaction")!;
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: (sent.params as [{ data: Hex }])[0].data });
    expect(call).toEqual({ functionName: "rule", args: [10n, 2_050, keccak256(toBytes("Half the rules failed."))] });
  });

  it("lets the buyer pick among the bids once bidding closed (buyer's choice), and nobody else", async () => {
    fakeRpc(() => ({ result: "0x" }));
    const open: JobActionsProps = {
      ...job,
      status: "Open",
      kind: "rfq",
      mode: "BuyerChoice",
      bidDeadline: NOW - 60,
      awardDeadline: NOW + 3_600,
      bids: [
        { supplier: SUPPLIER, price: "30000000" },
        { supplier: JUDGE, price: "35000000" },
      ],
    };
    wallet = await connectedAs(BUYER, open);
    const pick = screen.getByRole("region", { name: "Pick a bid" });
    await act(async () => fireEvent.click(within(pick).getByRole("button", { name: "Award to this bid" })));
    expect(await within(pick).findByText("Choose the bid to award.")).toBeDefined();
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");
    fireEvent.click(within(pick).getByLabelText(/at 35 mUSD/));
    await act(async () => fireEvent.click(within(pick).getByRole("button", { name: "Award to this bid" })));
    expect(await screen.findByText("Pick: done in block 42.")).toBeDefined();
    const sent = wallet.requests.find((r) => r.method === "eth_sendTransaction")!;
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: (sent.params as [{ data: Hex }])[0].data });
    expect(call).toEqual({ functionName: "pick", args: [10n, getAddress(JUDGE)] });
  });

  it("acts on the milestone in progress: confirm without a rating before the last (rating 0 sent), with one on the last; the dispute fee on its share", async () => {
    const rpc = fakeRpc(() => ({ result: "0x" }));
    const inParts: JobActionsProps = { ...job, arbitrator: JUDGE, price: "50000000", feeBps: 300, milestone: { index: 0, count: 2, gross: "20000000" } };
    wallet = await connectedAs(BUYER, inParts);
    expect(screen.queryByRole("region", { name: "Confirm and pay" })).toBeNull();
    const confirm = screen.getByRole("region", { name: "Confirm milestone 1 and pay" });
    expect(within(confirm).queryByRole("radio")).toBeNull();
    expect(within(confirm).getByText(/milestone 1 of 2; its part of the price \(20 mUSD\) is paid at once and milestone 2 opens\. The rating comes with the last milestone\./)).toBeDefined();
    // 3% of this milestone's 20 mUSD, not of the whole price.
    expect(within(screen.getByRole("region", { name: "Dispute" })).getByText(/the arbitrator's fee, 0\.6 mUSD \(on this milestone's part of the price\)/)).toBeDefined();
    await act(async () => fireEvent.click(within(confirm).getByRole("button", { name: "Confirm milestone 1 and pay" })));
    expect(await screen.findByText("Confirm: done in block 42.")).toBeDefined();
    expect(rpc).toContain("eth_call"); // tried against the chain first
    const sent = wallet.requests.filter((r) => r.method === "eth_sendTransaction");
    expect(sent).toHaveLength(1);
    expect(decodeFunctionData({ abi: tenderEscrowAbi, data: (sent[0]!.params as [{ data: Hex }])[0].data })).toEqual({ functionName: "confirm", args: [10n, 0] });
    wallet.remove();
    cleanup();

    // The last milestone: the usual confirm, a rating asked for before anything is sent.
    fakeRpc(() => ({ result: "0x" }));
    wallet = await connectedAs(BUYER, { ...inParts, milestone: { index: 1, count: 2, gross: "30000000" } });
    const last = screen.getByRole("region", { name: "Confirm and pay" });
    expect(within(last).getByText(/accepts the last milestone \(milestone 2 of 2, 30 mUSD\) and rates the whole job/)).toBeDefined();
    await act(async () => fireEvent.click(within(last).getByRole("button", { name: "Confirm and pay" })));
    expect(await within(last).findByText("Choose a rating from 1 to 5 stars.")).toBeDefined();
    fireEvent.click(within(last).getByLabelText("5 stars"));
    await act(async () => fireEvent.click(within(last).getByRole("button", { name: "Confirm and pay" })));
    expect(await screen.findByText("Confirm: done in block 42.")).toBeDefined();
    const rated = wallet.requests.filter((r) => r.method === "eth_sendTransaction");
    expect(decodeFunctionData({ abi: tenderEscrowAbi, data: (rated[0]!.params as [{ data: Hex }])[0].data })).toEqual({ functionName: "confirm", args: [10n, 5] });
  });

  it("shows the escrow's refusal of a milestone's confirm (the last takes a rating) and sends nothing", async () => {
    const data = encodeErrorResult({ abi: tenderEscrowAbi, errorName: "InvalidRating", args: [0] as never });
    fakeRpc(() => ({ error: { code: 3, message: "execution reverted", data } }));
    wallet = await connectedAs(BUYER, { ...job, milestone: { index: 0, count: 2, gross: "20000000" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Confirm milestone 1 and pay" })));
    expect((await screen.findByRole("alert")).textContent).toBe("Confirm failed: InvalidRating: A rating is a whole number from 1 to 5, not 0.");
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");
  });

  describe("the warranty on a held share", () => {
    const OTHER = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
    const none = { asked: null, fee: null, claimDeadline: null };
    const settled = (held: NonNullable<JobActionsProps["held"]>): JobActionsProps => ({
      ...job,
      status: "Settled",
      reviewEndsAt: null,
      arbitrator: JUDGE,
      price: "50000000",
      feeBps: 300,
      warranty: { holdbackBps: 2_000, warrantyWindow: 30 * 86_400, holdBond: false },
      held,
    });

    it("offers the buyer a claim with its fee during the warranty, all of the held share by default, and checks the amount", async () => {
      const rpc = fakeRpc(() => ({ result: "0x" }));
      wallet = await connectedAs(BUYER, settled({ held: "10000000", heldBond: "0", warrantyEndsAt: NOW + 86_400, claimStatus: "none", ...none }));
      const claim = screen.getByRole("region", { name: "Claim under warranty" });
      // ⌈10 mUSD × 3%⌉ of the stake.
      expect(within(claim).getByText(/paying the claim fee, 0\.3 mUSD/)).toBeDefined();
      const asked = within(claim).getByLabelText("Amount asked (mUSD)") as HTMLInputElement;
      expect(asked.value).toBe("10");
      fireEvent.change(asked, { target: { value: "12" } });
      fireEvent.change(within(claim).getByLabelText("Your statement"), { target: { value: "The output broke in production." } });
      await act(async () => fireEvent.click(within(claim).getByRole("button", { name: "Claim" })));
      expect(await within(claim).findByText("12 mUSD is more than the held share, 10 mUSD.")).toBeDefined();
      expect(rpc).not.toContain("eth_call");
      expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");
      expect(screen.getByRole("region", { name: "Waive the warranty" })).toBeDefined();
      // Release waits for the warranty's end.
      expect(screen.getByRole("button", { name: "Release to the supplier" }).hasAttribute("disabled")).toBe(true);
    });

    it("acts on the held share of the milestone chosen: a job in milestones holds one per settled milestone", async () => {
      fakeRpc(() => ({ result: "0x" }));
      const ended = { payment: 0, held: "2000000", heldBond: "0", warrantyEndsAt: NOW - 10, claimStatus: "none" as const, ...none };
      const running = { payment: 1, held: "6000000", heldBond: "0", warrantyEndsAt: NOW + 86_400, claimStatus: "none" as const, ...none };
      wallet = await connectedAs(BUYER, { ...settled(ended), heldPayments: [ended, running] });
      // First the first still held: milestone 1's, whose warranty ended: anyone may release it.
      const chooser = screen.getByLabelText("The held share to act on") as HTMLSelectElement;
      expect([...chooser.options].map((o) => o.textContent)).toEqual(["Milestone 1: 2 mUSD held", "Milestone 2: 6 mUSD held"]);
      expect(chooser.value).toBe("0");
      expect(screen.queryByRole("region", { name: "Claim under warranty" })).toBeNull();
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Release to the supplier" })));
      expect(await screen.findByText("Release what is held: done in block 42.")).toBeDefined();
      const [release] = wallet.requests.filter((r) => r.method === "eth_sendTransaction");
      expect(decodeFunctionData({ abi: tenderEscrowAbi, data: (release!.params as [{ data: Hex }])[0].data })).toEqual({ functionName: "release", args: [10n, 0n] });

      // Milestone 2's is still under warranty: a claim of up to its 6 mUSD, and a waiver that names payment 1.
      fireEvent.change(chooser, { target: { value: "1" } });
      const claim = screen.getByRole("region", { name: "Claim under warranty" });
      expect((within(claim).getByLabelText("Amount asked (mUSD)") as HTMLInputElement).value).toBe("6");
      expect(screen.getByRole("button", { name: "Release to the supplier" }).hasAttribute("disabled")).toBe(true);
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Waive and pay the supplier" })));
      expect(await screen.findByText("Waive the warranty: done in block 42.")).toBeDefined();
      const [, waive] = wallet.requests.filter((r) => r.method === "eth_sendTransaction");
      expect(decodeFunctionData({ abi: tenderEscrowAbi, data: (waive!.params as [{ data: Hex }])[0].data })).toEqual({ functionName: "waive", args: [10n, 1n] });
    });

    it("lets anyone release what is held once the warranty ended", async () => {
      fakeRpc(() => ({ result: "0x" }));
      wallet = await connectedAs(OTHER, settled({ held: "10000000", heldBond: "0", warrantyEndsAt: NOW - 60, claimStatus: "none", ...none }));
      expect(screen.queryByRole("region", { name: "Claim under warranty" })).toBeNull();
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Release to the supplier" })));
      expect(await screen.findByText("Release what is held: done in block 42.")).toBeDefined();
      const sent = wallet.requests.find((r) => r.method === "eth_sendTransaction")!;
      expect(decodeFunctionData({ abi: tenderEscrowAbi, data: (sent.params as [{ data: Hex }])[0].data })).toEqual({ functionName: "release", args: [10n, 0n] });
    });

    it("offers the supplier agree or answer while a claim is filed, and not agree once it answered", async () => {
      fakeRpc(() => ({ result: "0x" }));
      const claim = { held: "10000000", heldBond: "0", warrantyEndsAt: NOW + 86_400, asked: "4000000", fee: "300000", claimDeadline: NOW + 3_600 };
      wallet = await connectedAs(SUPPLIER, settled({ ...claim, claimStatus: "filed" }));
      expect(within(screen.getByRole("region", { name: "Agree to the claim" })).getByText(/4 mUSD goes back to the buyer/)).toBeDefined();
      expect(within(screen.getByRole("region", { name: "Answer the claim" })).getByText(/paying the claim fee, 0\.3 mUSD/)).toBeDefined();
      expect(screen.queryByRole("region", { name: "Return part of the held share" })).toBeNull();
      wallet.remove();
      cleanup();

      wallet = await connectedAs(SUPPLIER, settled({ ...claim, claimStatus: "answered" }));
      expect(screen.queryByRole("region", { name: "Agree to the claim" })).toBeNull();
      expect(screen.queryByRole("region", { name: "Answer the claim" })).toBeNull();
      expect(screen.getByRole("region", { name: "Add claim evidence" })).toBeDefined();
    });

    it("gives the arbitrator's console a claim's ruling form (a share of the amount asked) and its settle button after the deadline", async () => {
      fakeRpc(() => ({ result: "0x" }));
      const held = { held: "10000000", heldBond: "0", warrantyEndsAt: NOW + 86_400, asked: "4000000", fee: "300000", claimDeadline: NOW + 3_600, claimStatus: "answered" as const };
      wallet = await connectedAs(JUDGE, { ...job, status: "Settled", arbitrator: JUDGE, held, arbitratorOnly: true });
      expect(screen.getByRole("button", { name: "Settle the claim" }).hasAttribute("disabled")).toBe(true);
      fireEvent.change(screen.getByLabelText("Buyer's share of the amount asked (%)"), { target: { value: "30" } });
      fireEvent.change(screen.getByLabelText("Reasons"), { target: { value: "Partly broken." } });
      await act(async () => fireEvent.click(screen.getByRole("button", { name: "Rule" })));
      expect(await screen.findByText("Ruling: done in block 42.")).toBeDefined();
      const sent = wallet.requests.find((r) => r.method === "eth_sendTransaction")!;
      const call = decodeFunctionData({ abi: tenderEscrowAbi, data: (sent.params as [{ data: Hex }])[0].data });
      expect(call).toEqual({ functionName: "ruleClaim", args: [10n, 0n, 3_000, keccak256(toBytes("Partly broken."))] });
    });
  });

  it("takes a supplier's bid in token units, refuses one above the maximum, and posts the bond the floors ask for", async () => {
    fakeRpc(() => ({ result: "0x" }));
    const floors = { minCompleted: 0, minVolume: "0", maxLossShareBps: 10_000, minAvgRating: 0, minRatings: 0, bondBps: 1_000, metrics: [] };
    const rfq: JobActionsProps = {
      ...job,
      token: { address: "0x0000000000000000000000000000000000000000", symbol: "ETH", decimals: 18 },
      status: "Open",
      supplier: null,
      kind: "rfq",
      mode: "LowestPrice",
      bidDeadline: NOW + 3_600,
      maxPrice: "2000000000000000000",
      floors,
      bids: [],
    };
    wallet = await connectedAs(SUPPLIER, rfq);
    const bid = screen.getByRole("region", { name: "Bid" });
    expect(within(bid).getByText(/bond of 10% of the maximum \(0\.2 ETH\)/)).toBeDefined();
    fireEvent.change(within(bid).getByLabelText("Your price (ETH)"), { target: { value: "2.5" } });
    await act(async () => fireEvent.click(within(bid).getByRole("button", { name: "Place the bid" })));
    expect(await within(bid).findByText("2.5 ETH is above the job's maximum of 2 ETH.")).toBeDefined();
    expect(wallet.requests.map((r) => r.method)).not.toContain("eth_sendTransaction");

    fireEvent.change(within(bid).getByLabelText("Your price (ETH)"), { target: { value: "1.25" } });
    await act(async () => fireEvent.click(within(bid).getByRole("button", { name: "Place the bid" })));
    expect(await screen.findByText("Bid: done in block 42.")).toBeDefined();
    const sent = wallet.requests.find((r) => r.method === "eth_sendTransaction")!;
    const tx = (sent.params as [{ data: Hex; value?: Hex }])[0];
    expect(BigInt(tx.value!)).toBe(200_000_000_000_000_000n);
    const call = decodeFunctionData({ abi: tenderEscrowAbi, data: tx.data });
    expect(call).toEqual({ functionName: "bid", args: [10n, 1_250_000_000_000_000_000n, { ...floors, minVolume: 0n, maxClawbackShareBps: 10_000, metrics: [] }] });
  });
});
