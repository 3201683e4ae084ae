import { createRequire } from "node:module";
import hardhatToolboxViemPlugin from "@nomicfoundation/hardhat-toolbox-viem";
import { configVariable, defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/**
 * Hardhat cannot download compilers on machines without internet access, so the compiler comes from the
 * npm `solc` package (pinned in package.json). Keep SOLC_VERSION equal to that package's version.
 */
const SOLC_VERSION = "0.8.30";
const solcPath = require.resolve("solc/soljson.js");

const compiler = {
  version: SOLC_VERSION,
  path: solcPath,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: "prague",
  },
};

export default defineConfig({
  plugins: [hardhatToolboxViemPlugin],
  paths: {
    sources: { solidity: ["contracts"] },
    tests: { nodejs: "test/contracts", solidity: "test/contracts/solidity" },
  },
  // Test doubles are not product code; scripts/contract-coverage.ts excludes them too.
  coverage: { skipFiles: ["contracts/mocks/**"] },
  solidity: {
    // Built beside our sources so that Ignition and the generated bindings have its artifact.
    npmFilesToBuild: ["@openzeppelin/contracts/governance/TimelockController.sol"],
    profiles: {
      default: compiler,
      production: compiler,
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    // `npm start` runs a node here (COMMONS_CHAIN_PORT, default 8545).
    localhost: { type: "http", chainType: "l1", url: `http://127.0.0.1:${process.env.COMMONS_CHAIN_PORT ?? "8545"}` },
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("COMMONS_RPC_URL"),
      accounts: [configVariable("COMMONS_DEPLOYER_KEY")],
    },
  },
});
