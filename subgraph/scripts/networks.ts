// Writes subgraph/networks.json, graph-cli's networks file, from every deployments/<chainId>.json:
//
//   { "<graph network>": { "<data source>": { "address": "0x…", "startBlock": 123 } } }
//
// Data sources are named after the deployed contracts (deployments/index.ts DEPLOYED_CONTRACTS), and The Graph names
// networks its own way (chain 1 is "mainnet", 31337 is "hardhat"): GRAPH_NETWORKS maps one to the other.
//
//   tsx subgraph/scripts/networks.ts [--out <file>]      (COMMONS_DEPLOYMENTS_DIR to read another deployments folder)
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DEPLOYED_CONTRACTS,
  DEPLOYMENTS_DIR,
  type DeployedContractName,
  type Deployment,
  readDeployment,
} from "../../deployments/index.js";

export const SUBGRAPH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_NETWORKS_FILE = path.join(SUBGRAPH_DIR, "networks.json");

/**
 * Chain id -> The Graph network name (the `network:` of subgraph.yaml, as graph-node and Subgraph Studio know it; see
 * https://thegraph.com/docs/en/supported-networks/). Add a chain here before deploying the subgraph for it.
 */
export const GRAPH_NETWORKS: Readonly<Record<number, string>> = {
  31337: "hardhat",
  1: "mainnet",
  11155111: "sepolia",
  17000: "holesky",
  560048: "hoodi",
  10: "optimism",
  11155420: "optimism-sepolia",
  8453: "base",
  84532: "base-sepolia",
  42161: "arbitrum-one",
  421614: "arbitrum-sepolia",
  137: "matic",
  80002: "polygon-amoy",
  100: "gnosis",
  43114: "avalanche",
  43113: "fuji",
  56: "bsc",
  97: "chapel",
  59144: "linea",
  59141: "linea-sepolia",
  534352: "scroll",
  534351: "scroll-sepolia",
  42220: "celo",
  324: "zksync-era",
};

export interface DataSourceNetwork {
  address: string;
  startBlock: number;
}

export type Networks = Record<string, Record<DeployedContractName, DataSourceNetwork>>;

/** The chain ids of the deployment files in `dir`, ascending (files named `<chainId>.json`). */
export function deployedChainIds(dir: string = DEPLOYMENTS_DIR): number[] {
  return readdirSync(dir)
    .map((file) => /^(\d+)\.json$/.exec(file)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The networks.json entry of one deployment. */
export function networkEntry(deployment: Deployment): Record<DeployedContractName, DataSourceNetwork> {
  const entry = {} as Record<DeployedContractName, DataSourceNetwork>;
  for (const name of DEPLOYED_CONTRACTS) {
    entry[name] = { address: deployment.contracts[name], startBlock: deployment.startBlock };
  }
  return entry;
}

/**
 * networks.json from every deployment in `dir` (validated by deployments/index.ts). A chain without a The Graph
 * network name is left out with a warning: nothing could index it.
 */
export function buildNetworks(dir: string = DEPLOYMENTS_DIR, warn: (message: string) => void = console.warn): Networks {
  const networks: Networks = {};
  for (const chainId of deployedChainIds(dir)) {
    const deployment = readDeployment(chainId, dir);
    if (deployment.chainId !== chainId) {
      throw new Error(`${path.join(dir, `${chainId}.json`)} holds chain ${deployment.chainId}, not ${chainId}`);
    }
    const network = GRAPH_NETWORKS[chainId];
    if (network === undefined) {
      warn(`[networks] chain ${chainId} has no The Graph network name in subgraph/scripts/networks.ts; skipped`);
      continue;
    }
    networks[network] = networkEntry(deployment);
  }
  return networks;
}

/** Writes networks.json and returns what it wrote. */
export function writeNetworks(file: string = DEFAULT_NETWORKS_FILE, dir: string = DEPLOYMENTS_DIR): Networks {
  const networks = buildNetworks(dir);
  writeFileSync(file, `${JSON.stringify(networks, null, 2)}\n`);
  return networks;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const outIndex = process.argv.indexOf("--out");
  const file = outIndex > 0 ? path.resolve(process.argv[outIndex + 1] ?? "") : DEFAULT_NETWORKS_FILE;
  const networks = writeNetworks(file);
  const names = Object.keys(networks);
  console.log(
    `[networks] ${path.relative(process.cwd(), file)}: ${names.length > 0 ? names.join(", ") : "no deployment"}`,
  );
}
