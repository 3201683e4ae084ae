// Deploys the Commons AI contracts with Hardhat Ignition and writes deployments/<chainId>.json.
//
//   npx hardhat run scripts/deploy.ts --network <network>
//
// On a local chain (chain id 31337) the parameters come from ignition/parameters.ts (dev accounts, short periods).
// Anywhere else, COMMONS_DEPLOY_PARAMETERS must name a JSON file with the module's parameters (see
// ignition/parameters.example.json); big numbers are written as strings ending in `n`.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { network } from "hardhat";
import { writeDeployment } from "../deployments/index.js";
import CommonsModule from "../ignition/modules/Commons.js";
import { type CommonsParameters, localParameters, readParametersFile } from "../ignition/parameters.js";

const LOCAL_CHAIN_ID = 31337;

const connection = await network.getOrCreate();
const { viem, ignition } = connection;
const publicClient = await viem.getPublicClient();
const chainId = await publicClient.getChainId();
const wallets = await viem.getWalletClients();

let parameters: CommonsParameters | Record<string, unknown>;
if (chainId === LOCAL_CHAIN_ID) {
  parameters = localParameters(wallets.map((w) => w.account.address));
  // A local chain starts empty every time: forget the journal of a previous run of it.
  rmSync(path.join("ignition", "deployments", `chain-${LOCAL_CHAIN_ID}`), { recursive: true, force: true });
} else {
  const file = process.env.COMMONS_DEPLOY_PARAMETERS;
  if (!file) {
    throw new Error(
      `Chain ${chainId} is not a local chain: set COMMONS_DEPLOY_PARAMETERS to a JSON file with the deployment parameters`,
    );
  }
  if (!existsSync(file)) throw new Error(`COMMONS_DEPLOY_PARAMETERS names ${file}, which does not exist`);
  parameters = readParametersFile(file);
}

const startBlock = Number(await publicClient.getBlockNumber()) + 1;
const deployed = await ignition.deploy(CommonsModule, {
  parameters: { Commons: parameters as Record<string, never> },
  displayUi: process.env.CI !== "true",
});

const file = writeDeployment({
  chainId,
  network: connection.networkName,
  startBlock,
  deployedAt: new Date().toISOString(),
  contracts: {
    GovernanceToken: deployed.token.address,
    TimelockController: deployed.timelock.address,
    CommonsGovernor: deployed.governor.address,
    ModelRegistry: deployed.modelRegistry.address,
    UsagePolicyRegistry: deployed.usagePolicyRegistry.address,
  },
});
console.log(`Deployment written to ${file}`);
