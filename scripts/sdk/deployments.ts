// Where Tender is deployed on each chain: the generated records of public networks, or a deployments/<chainId>.json
// written by the deploy script (the local chain's record is written per run and not committed).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Address } from "viem";
import { deployments as generated } from "./generated.ts";

export interface Deployment {
  chainId: number;
  escrow: Address;
  /** The supplier registry (profiles, attested metrics) the escrow reads. */
  registry: Address;
  /** Block of the first deployment (the registry's): where indexers start. */
  startBlock: number;
  /** Demo token deployed beside it on development chains. */
  stablecoin?: Address;
}

const defaultDir = join(dirname(fileURLToPath(import.meta.url)), "../../deployments");

export function deploymentFile(chainId: number, dir = defaultDir): string {
  return join(dir, `${chainId}.json`);
}

export function writeDeployment(deployment: Deployment, dir = defaultDir): string {
  const file = deploymentFile(deployment.chainId, dir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
  return file;
}

export function readDeployment(chainId: number, dir = defaultDir): Deployment {
  const known = (generated as Record<string, Deployment | undefined>)[String(chainId)];
  if (known) return known;
  const file = deploymentFile(chainId, dir);
  if (!existsSync(file)) {
    throw new Error(`Tender is not deployed on chain ${chainId}: no ${file} (run the deploy script first)`);
  }
  return JSON.parse(readFileSync(file, "utf8")) as Deployment;
}
