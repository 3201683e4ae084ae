// `npm run bench:gas`: gas used by the governance path of a model version and by the registries, measured on
// Hardhat's in-process network with the real deployment (Ignition module, local parameters). Prints a table and
// rewrites the gas section of docs/BENCHMARKS.md. Gas is deterministic for a given compiler and settings; nothing
// here asserts a number.
import { readFileSync, writeFileSync } from "node:fs";
import { network } from "hardhat";
import { type Hash, keccak256, toHex } from "viem";
import { genesisPolicy } from "../../ignition/parameters.js";
import { deployCommons } from "../../test/contracts/helpers/fixture.js";
import {
  actions,
  delegateToSelf,
  endVoting,
  execute,
  modelVersion,
  type Proposal,
  queue,
  startVoting,
  Vote,
  waitForEta,
} from "../../test/contracts/helpers/governance.js";
import { asTimelock } from "../../test/contracts/helpers/timelock.js";

const connection = await network.create();
const commons = await deployCommons(connection);
const { governor, wallets, publicClient } = commons;
const rows: [string, bigint][] = [];

async function measure(label: string, tx: Promise<Hash>) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await tx });
  if (receipt.status !== "success") throw new Error(`${label} reverted`);
  rows.push([label, receipt.gasUsed]);
}

await measure("delegate (to self)", commons.token.write.delegate([wallets.deployer.account.address]));
await delegateToSelf(commons, [wallets.alice, wallets.bob, wallets.carol]);

// Governance path of "approve commons-chat 1.1.0".
const description = "Approve commons-chat 1.1.0";
const approve = actions.approveModelVersion(commons, modelVersion({ version: "1.1.0" }));
const proposal: Proposal = {
  targets: [approve.target],
  values: [0n],
  calldatas: [approve.data],
  description,
  descriptionHash: keccak256(toHex(description)),
  id: 0n,
};
proposal.id = await governor.read.hashProposal([
  proposal.targets,
  proposal.values,
  proposal.calldatas,
  proposal.descriptionHash,
]);
await measure(
  "propose (approve a model version)",
  governor.write.propose([proposal.targets, proposal.values, proposal.calldatas, description], {
    account: wallets.alice.account,
  }),
);
await startVoting(connection, commons, proposal);
await measure("castVote", governor.write.castVote([proposal.id, Vote.For], { account: wallets.deployer.account }));
await measure(
  "castVoteWithReason",
  governor.write.castVoteWithReason([proposal.id, Vote.Against, "Not yet: no eval results"], {
    account: wallets.bob.account,
  }),
);
const nonce = await governor.read.nonces([wallets.alice.account.address]);
const signature = await wallets.alice.signTypedData({
  account: wallets.alice.account,
  domain: {
    name: "CommonsGovernor",
    version: "1",
    chainId: await publicClient.getChainId(),
    verifyingContract: governor.address,
  },
  types: {
    Ballot: [
      { name: "proposalId", type: "uint256" },
      { name: "support", type: "uint8" },
      { name: "voter", type: "address" },
      { name: "nonce", type: "uint256" },
    ],
  },
  primaryType: "Ballot",
  message: { proposalId: proposal.id, support: Vote.For, voter: wallets.alice.account.address, nonce },
});
await measure(
  "castVoteBySig (relayed)",
  governor.write.castVoteBySig([proposal.id, Vote.For, wallets.alice.account.address, signature], {
    account: wallets.outsider.account,
  }),
);
await endVoting(connection, commons, proposal);
await measure("queue", queue(commons, proposal));
await waitForEta(connection, commons, proposal);
await measure("execute (approve a model version)", execute(commons, proposal));

// The registries' own cost, called directly by the timelock (what execute pays on top of the governor).
const timelock = await asTimelock(connection, commons);
await measure(
  "ModelRegistry.approveModelVersion",
  timelock.modelRegistry.write.approveModelVersion([modelVersion({ version: "1.2.0" })]),
);
await measure(
  "ModelRegistry.setDefaultVersion",
  timelock.modelRegistry.write.setDefaultVersion(["commons-chat", "1.2.0"]),
);
await measure(
  "ModelRegistry.revokeModelVersion",
  timelock.modelRegistry.write.revokeModelVersion(["commons-chat", "1.1.0", "superseded"]),
);
await measure(
  "UsagePolicyRegistry.publishPolicy",
  timelock.usagePolicyRegistry.write.publishPolicy([{ ...genesisPolicy(), requestQuota: 100 }]),
);
await measure("UsagePolicyRegistry.activatePolicy", timelock.usagePolicyRegistry.write.activatePolicy([1n]));

const width = Math.max(...rows.map(([label]) => label.length));
const table = [
  `| ${"Operation".padEnd(width)} | Gas used |`,
  `| ${"-".repeat(width)} | -------: |`,
  ...rows.map(([label, gas]) => `| ${label.padEnd(width)} | ${gas.toString().padStart(8)} |`),
].join("\n");
console.log(table);

const solc = JSON.parse(readFileSync(new URL("../../node_modules/solc/package.json", import.meta.url), "utf8")) as {
  version: string;
};
const section = `<!-- gas:start -->
Measured by \`npm run bench:gas\` on ${new Date().toISOString().slice(0, 10)} (solc ${solc.version}, optimizer 200 runs,
EVM prague; Hardhat's in-process network). Gas is deterministic for a given build: a change here means the code changed.

${table}
<!-- gas:end -->`;
const docsPath = new URL("../../docs/BENCHMARKS.md", import.meta.url);
const docs = readFileSync(docsPath, "utf8");
if (!docs.includes("<!-- gas:start -->")) throw new Error("docs/BENCHMARKS.md has no <!-- gas:start --> section");
writeFileSync(docsPath, docs.replace(/<!-- gas:start -->[\s\S]*<!-- gas:end -->/, section));
console.log("docs/BENCHMARKS.md updated");
