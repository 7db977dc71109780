"use client";
// Sending one SDK action from the connected wallet, for every form of the app: inputs are checked by the caller
// first (a bad one sends nothing); the exact call is then run against the chain (eth_call) before the wallet is
// asked, so a refusal comes back as the SDK's describeError sentence and nothing is signed; then progress is shown
// until the transaction is in a block, and the page reads the indexer again.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { Address, Hash, SimulateContractParameters, TransactionReceipt, WriteContractParameters } from "viem";
import { writeContract } from "viem/actions";
import { usePublicClient, useWalletClient } from "wagmi";
import { type TokenInfo, formatAmount, shortHash } from "../lib/format.ts";

export type Sdk = typeof import("../lib/sdk-client.ts");
export type TenderClient = import("../lib/sdk-client.ts").TenderClient;
export type Deployment = import("../lib/sdk-client.ts").Deployment;
export type Writer = import("../lib/sdk-client.ts").Writer;
export type Reader = import("../lib/sdk-client.ts").Reader;
export const loadSdk = (): Promise<Sdk> => import("../lib/sdk-client.ts");

export type Progress =
  | { phase: "idle" }
  | { phase: "checking" | "signing"; label: string }
  | { phase: "mining"; label: string; hash: Hash }
  | { phase: "done"; label: string; hash: Hash; block: bigint }
  | { phase: "error"; label: string; message: string };

/** The chain's time, ticking in the browser from the server's reading. */
export function useChainNow(now: number): number {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const offset = now - Date.now() / 1000;
    const id = window.setInterval(() => setCurrent(Math.floor(Date.now() / 1000 + offset)), 1_000);
    return () => window.clearInterval(id);
  }, [now]);
  return current;
}

/** Sends one action of the SDK's bound client (the wallet's, on `deployment`) and follows it to its block. An action
 * that makes the escrow pull an ERC-20 applies the SDK's allowance policy first (balance checked, the escrow's own
 * refusal before any approval, exactly the amount), each approval shown as its own step. */
export function useSend(token: TokenInfo, deployment: Deployment | null, options: { onDone?: (receipt: TransactionReceipt) => void } = {}) {
  const { data: walletClient } = useWalletClient();
  const publicClient = usePublicClient();
  const router = useRouter();
  const [progress, setProgress] = useState<Progress>({ phase: "idle" });

  async function send(label: string, action: (t: TenderClient, sdk: Sdk) => Promise<Hash>) {
    const sdk = await loadSdk();
    if (!walletClient || !publicClient) {
      setProgress({ phase: "error", label, message: "Connect a wallet on the right network first." });
      return;
    }
    if (!deployment) {
      setProgress({ phase: "error", label, message: "The escrow's address is unknown." });
      return;
    }
    setProgress({ phase: "checking", label });
    // The SDK calls writer.writeContract; this one first runs the same call against the chain (eth_call), so the
    // escrow's refusal comes back decoded whatever the wallet does with reverts, and nothing reaches the wallet.
    let step = label;
    const checkedWrite = (async (args: WriteContractParameters) => {
      await publicClient.simulateContract({ ...(args as unknown as SimulateContractParameters), account: walletClient.account });
      setProgress({ phase: "signing", label: step });
      return writeContract(walletClient, args);
    }) as unknown as typeof walletClient.writeContract;
    const writer = walletClient.extend(() => ({ writeContract: checkedWrite })) as unknown as Writer;
    const t = sdk.tender({ reader: publicClient as unknown as Reader, writer }, deployment, {
      onApproval: (event) => {
        step = event.phase === "permitting" ? `Signing a permit for ${formatAmount(event.amount, event.token)} (no approval transaction)` : `Approving ${formatAmount(event.amount, event.token)} for the escrow`;
        if (event.phase === "permitting") setProgress({ phase: "signing", label: step });
        if (event.phase === "sent") setProgress({ phase: "mining", label: step, hash: event.hash });
        if (event.phase === "mined") {
          step = label;
          setProgress({ phase: "checking", label });
        }
      },
    });
    try {
      const hash = await action(t, sdk);
      setProgress({ phase: "mining", label, hash });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") {
        setProgress({ phase: "error", label, message: `Transaction ${shortHash(hash)} reverted in block ${receipt.blockNumber}.` });
        return;
      }
      setProgress({ phase: "done", label, hash, block: receipt.blockNumber });
      options.onDone?.(receipt);
      // The indexer follows the chain within a fraction of a second; read the page again then.
      window.setTimeout(() => router.refresh(), 700);
      window.setTimeout(() => router.refresh(), 2_500);
    } catch (error) {
      setProgress({ phase: "error", label, message: sdk.describeError(error, { symbol: token.symbol, decimals: token.decimals }) });
    }
  }

  return {
    progress,
    send,
    busy: progress.phase === "checking" || progress.phase === "signing" || progress.phase === "mining",
    /** The wallet's client is there to sign (wagmi makes it a moment after the wallet connects): until then an
     * action's button stays disabled rather than failing with "connect a wallet". */
    canSign: walletClient !== undefined && publicClient !== undefined && deployment !== null,
  };
}

export function ProgressLine({ progress }: { progress: Progress }) {
  if (progress.phase === "idle") return null;
  let text: string;
  switch (progress.phase) {
    case "checking":
      text = `${progress.label}: checking with the escrow…`;
      break;
    case "signing":
      text = `${progress.label}: confirm in your wallet…`;
      break;
    case "mining":
      text = `${progress.label}: sent (${shortHash(progress.hash)}), waiting for a block…`;
      break;
    case "done":
      text = `${progress.label}: done in block ${progress.block}.`;
      break;
    case "error":
      text = `${progress.label} failed: ${progress.message}`;
      break;
  }
  return (
    <p className={progress.phase === "error" ? "notice notice-error" : progress.phase === "done" ? "notice notice-ok" : "notice"} role={progress.phase === "error" ? "alert" : "status"}>
      {text}
    </p>
  );
}

