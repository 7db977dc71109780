// Deploys TenderEscrow to the network Hardhat is pointed at and records its address and start block in
// deployments/<chainId>.json (then `npm run generate` puts public networks' records into the SDK).
//
//   npx hardhat keystore set TENDER_REMOTE_RPC_URL      # or export it
//   npx hardhat keystore set TENDER_DEPLOYER_KEY
//   TENDER_TREASURY=0x… TENDER_FEE_BPS=100 npm run deploy -- --network remote
//
// The owner defaults to the deployer; TENDER_OWNER sets another (a multisig, say).
import hre from "hardhat";
import { type Address, isAddress } from "viem";
import * as sdk from "@tender/sdk";

function addressFromEnv(name: string, fallback: Address): Address {
  const value = process.env[name];
  if (value === undefined || value === "") return fallback;
  if (!isAddress(value)) throw new Error(`${name} is not an address: ${value}`);
  return value;
}

const { viem } = await hre.network.create();
const [deployer] = (await viem.getWalletClients()) as unknown as sdk.Writer[];
if (!deployer) throw new Error("no deployer account: set TENDER_DEPLOYER_KEY for this network");
const reader = (await viem.getPublicClient()) as unknown as sdk.Reader;

const feeBps = Number(process.env.TENDER_FEE_BPS ?? 100);
if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 500) {
  throw new Error(`TENDER_FEE_BPS must be a whole number from 0 to 500, not ${process.env.TENDER_FEE_BPS}`);
}
const config = {
  owner: addressFromEnv("TENDER_OWNER", deployer.account.address),
  treasury: addressFromEnv("TENDER_TREASURY", deployer.account.address),
  feeBps,
};
const deployment = await sdk.deployEscrow(deployer, reader, config);
const file = sdk.writeDeployment(deployment);
console.log(`TenderEscrow ${deployment.escrow} on chain ${deployment.chainId} from block ${deployment.startBlock}`);
console.log(`owner ${config.owner}, treasury ${config.treasury}, fee ${feeBps} bps; recorded in ${file}`);
