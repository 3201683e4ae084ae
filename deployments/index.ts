import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Address, getAddress, isAddress } from "viem";

/** The contracts every deployment has, by the name of their artifact. */
export const DEPLOYED_CONTRACTS = [
  "GovernanceToken",
  "TimelockController",
  "CommonsGovernor",
  "ModelRegistry",
  "UsagePolicyRegistry",
] as const;

export type DeployedContractName = (typeof DEPLOYED_CONTRACTS)[number];

/**
 * `deployments/<chainId>.json`: where the contracts of one chain live. Written by scripts/deploy.ts, read by the
 * backend, the subgraph's networks.json and the web app; nothing else should hold a contract address.
 */
export interface Deployment {
  chainId: number;
  /** Hardhat network name the deployment was made with. */
  network: string;
  /** First block that can hold events of these contracts: indexers start here. */
  startBlock: number;
  /** ISO-8601 time of the deployment. */
  deployedAt: string;
  contracts: Record<DeployedContractName, Address>;
}

/** Where deployment files live: this folder, or COMMONS_DEPLOYMENTS_DIR (tests use a temporary one). */
export const DEPLOYMENTS_DIR = process.env.COMMONS_DEPLOYMENTS_DIR ?? path.dirname(fileURLToPath(import.meta.url));

export function deploymentPath(chainId: number, dir: string = DEPLOYMENTS_DIR): string {
  return path.join(dir, `${chainId}.json`);
}

/** Thrown when a deployment file is missing or malformed; the message says which and what to do. */
export class DeploymentFileError extends Error {
  override name = "DeploymentFileError";
}

/** Reads and validates `deployments/<chainId>.json`. */
export function readDeployment(chainId: number, dir: string = DEPLOYMENTS_DIR): Deployment {
  const file = deploymentPath(chainId, dir);
  if (!existsSync(file)) {
    throw new DeploymentFileError(
      `No deployment for chain ${chainId}: ${file} does not exist. Deploy first (npm start deploys to a local chain).`,
    );
  }
  return parseDeployment(JSON.parse(readFileSync(file, "utf8")), file);
}

/** Validates a parsed deployment file; `source` names it in errors. */
export function parseDeployment(value: unknown, source: string): Deployment {
  const fail = (what: string): never => {
    throw new DeploymentFileError(`${source}: ${what}. Re-run the deployment to rewrite it.`);
  };
  if (typeof value !== "object" || value === null) return fail("not a JSON object");
  const v = value as Record<string, unknown>;
  if (!Number.isSafeInteger(v.chainId) || (v.chainId as number) <= 0) fail("chainId must be a positive integer");
  if (typeof v.network !== "string") fail("network must be a string");
  if (!Number.isSafeInteger(v.startBlock) || (v.startBlock as number) < 0) fail("startBlock must be a block number");
  if (typeof v.deployedAt !== "string") fail("deployedAt must be an ISO-8601 string");
  if (typeof v.contracts !== "object" || v.contracts === null) fail("contracts must be an object");
  const raw = v.contracts as Record<string, unknown>;
  const contracts = {} as Record<DeployedContractName, Address>;
  for (const name of DEPLOYED_CONTRACTS) {
    const address = raw[name];
    if (typeof address !== "string" || !isAddress(address)) fail(`contracts.${name} must be an address`);
    contracts[name] = getAddress(address as string);
  }
  return {
    chainId: v.chainId as number,
    network: v.network as string,
    startBlock: v.startBlock as number,
    deployedAt: v.deployedAt as string,
    contracts,
  };
}

/** Writes `deployments/<chainId>.json` and returns its path. */
export function writeDeployment(deployment: Deployment, dir: string = DEPLOYMENTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = deploymentPath(deployment.chainId, dir);
  writeFileSync(file, `${JSON.stringify(deployment, null, 2)}\n`);
  return file;
}
