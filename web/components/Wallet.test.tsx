import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeWallet, installFakeWallet } from "../test/fake-wallet.ts";
import { Providers } from "./Providers.tsx";
import { ConnectWallet } from "./Wallet.tsx";

const ACCOUNT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const config = { chainId: 31337, rpcUrl: "http://127.0.0.1:9", chainName: "Tender local" };

describe("ConnectWallet", () => {
  let wallet: FakeWallet | undefined;
  afterEach(() => {
    wallet?.remove();
    localStorage.clear();
  });

  it("lists the announced wallet, connects, guards the network and switches it", async () => {
    wallet = installFakeWallet({ account: ACCOUNT, chainId: 1 });
    render(
      <Providers config={config}>
        <ConnectWallet />
      </Providers>,
    );
    const open = await screen.findByRole("button", { name: "Connect wallet" });
    expect(open.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(open);
    expect(open.getAttribute("aria-expanded")).toBe("true");

    const option = await screen.findByRole("button", { name: "Test Wallet" });
    await act(async () => fireEvent.click(option));

    // Connected on chain 1: the guard says so and offers the switch.
    expect(await screen.findByText("Wrong network (chain 1)")).toBeDefined();
    expect(screen.getByText("0x90F7…b906")).toBeDefined();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Switch to Tender local" })));

    await waitFor(() => expect(screen.queryByText(/Wrong network/)).toBeNull());
    expect(wallet.chainId).toBe(31337);
    expect(wallet.requests.map((r) => r.method)).toContain("wallet_switchEthereumChain");
    expect(screen.getByRole("button", { name: "Disconnect" })).toBeDefined();

    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Disconnect" })));
    expect(await screen.findByRole("button", { name: "Connect wallet" })).toBeDefined();
  });

  it("says so when the browser has no wallet", async () => {
    render(
      <Providers config={config}>
        <ConnectWallet />
      </Providers>,
    );
    const open = await screen.findByRole("button", { name: "Connect wallet" });
    fireEvent.click(open);
    expect(screen.getByText(/No wallet found in this browser/)).toBeDefined();
    // Escape closes the list and gives the focus back to the button.
    fireEvent.keyDown(document, { key: "Escape" });
    expect(open.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(open);
  });
});
