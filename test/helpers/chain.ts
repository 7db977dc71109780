// A fresh in-process Hardhat chain with Tender deployed through the SDK, for each test file.
import hre from "hardhat";
import * as sdk from "@tender/sdk";

export async function deployedChain() {
  const { viem, networkHelpers } = await hre.network.create();
  const clients = await viem.getWalletClients();
  const writers = clients as unknown as sdk.Writer[];
  const reader = (await viem.getPublicClient()) as unknown as sdk.Reader;
  const [deployer, buyer, supplier, arbitrator, treasury, stranger] = writers as [
    sdk.Writer,
    sdk.Writer,
    sdk.Writer,
    sdk.Writer,
    sdk.Writer,
    sdk.Writer,
  ];
  const deployment = await sdk.deployEscrow(deployer, reader, {
    owner: deployer.account.address,
    treasury: treasury.account.address,
    feeBps: 100,
  });
  const token = await sdk.deployMockToken(deployer, reader, { name: "Mock USD", symbol: "mUSD", decimals: 6, escrow: deployment.escrow });
  await sdk.waitForSuccess(
    reader,
    await sdk.registerArbitrator(arbitrator, {
      escrow: deployment.escrow,
      feeBps: 200,
      ruleWindow: 3 * sdk.DAY,
      termsURI: "ipfs://terms",
    }),
  );
  return { networkHelpers, reader, deployment, escrow: deployment.escrow, token, deployer, buyer, supplier, arbitrator, treasury, stranger };
}

export const SPEC = JSON.stringify({
  version: 1,
  title: "Summarize a document",
  category: "text",
  task: "Summarize the input in three bullet points",
  inputs: [{ name: "doc", text: "Tender is an on-chain market for machine labor." }],
  acceptance: [{ id: "bullets", description: "exactly three bullets", regex: "^(- .+\\n){3}$" }],
  deliverable: { mediaType: "text/markdown", via: "uri" },
});

/** A direct hire of the chain's supplier for 0.001 ETH, one-day windows, the registered arbitrator: what a test
 * changes is in `overrides`. */
export function directHire(chain: Awaited<ReturnType<typeof deployedChain>>, overrides: Partial<sdk.DirectHireParams> = {}): sdk.DirectHireParams {
  return {
    escrow: chain.escrow,
    supplier: chain.supplier.account.address,
    token: sdk.ETH,
    price: 10n ** 15n,
    deliveryWindow: sdk.DAY,
    reviewWindow: sdk.DAY,
    arbitrator: chain.arbitrator.account.address,
    defaultBuyerShareBps: 0,
    category: "text",
    spec: SPEC,
    ...overrides,
  };
}
