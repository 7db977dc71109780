"use client";
// The connected wallet's balance of the token the buyer picked, read through the wallet's chain (the SDK's
// ETH's balance, or an ERC-20's through the SDK's balanceOf), so the buyer sees before the review whether the price can be escrowed. Says
// nothing when no wallet is connected or the chain cannot be read.
import { useEffect, useState } from "react";
import { type Address, zeroAddress } from "viem";
import { usePublicClient } from "wagmi";
import type { Reader } from "@tender/sdk/escrow";
import { balanceOf } from "@tender/sdk/token";
import { type TokenInfo, formatAmount } from "../../lib/format.ts";

export function TokenBalance({ token, account }: { token: TokenInfo; account: Address | undefined }) {
  const client = usePublicClient();
  const [balance, setBalance] = useState<{ key: string; value: bigint } | null>(null);
  const key = `${account}:${token.address}`.toLowerCase();
  useEffect(() => {
    if (!account || !client) return;
    let live = true;
    const read =
      token.address.toLowerCase() === zeroAddress
        ? client.getBalance({ address: account })
        : balanceOf(client as unknown as Reader, { token: token.address as Address, account });
    read.then(
      (value) => live && setBalance({ key, value }),
      () => live && setBalance(null),
    );
    return () => {
      live = false;
    };
  }, [account, client, token.address, key]);
  if (!account || balance === null || balance.key !== key) return null;
  return (
    <p className="post-hint token-balance" aria-live="polite">
      Your wallet holds <strong>{formatAmount(balance.value, token)}</strong>.
    </p>
  );
}
