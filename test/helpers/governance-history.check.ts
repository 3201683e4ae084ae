// Checks test/helpers/governance-history.ts against a real local chain and times it (not a jest test):
//
//   npx tsx test/helpers/governance-history.check.ts
//
// Starts `npm start`'s chain on a free port with its deployment in a temporary folder, plays runGovernanceHistory and
// prints every proposal's state, then generates voting histories of 5 x 10 and 200 x 50 votes, and stops the chain.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPublicClient, http } from "viem";
import { readDeployment } from "../../deployments/index.js";
import { commonsGovernorAbi } from "../../generated/contracts.js";
import { ProposalState } from "../contracts/helpers/governance.js";
import {
  generateVotingHistory,
  HISTORY_PROPOSALS,
  type HistoryProposalLabel,
  runGovernanceHistory,
} from "./governance-history.js";
import { startLocalChain } from "./local-chain.js";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

const port = await freePort();
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-history-"));
const chain = await timed(`start the local chain on port ${port}`, () => startLocalChain(port, deploymentsDir));
try {
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deployment = readDeployment(31337, deploymentsDir);
  const history = await timed("runGovernanceHistory", () => runGovernanceHistory({ rpcUrl, deployment }));
  const { counts, fromBlock, lastBlock, votingDelay, votingPeriod, publishedPolicyVersion, activePolicyVersion } =
    history;
  console.log({ counts, fromBlock, lastBlock, votingDelay, votingPeriod, publishedPolicyVersion, activePolicyVersion });
  console.log(history.models);
  console.log(`${history.voters.length} voters, ${Object.keys(history.delegates).length} delegators`);

  const client = createPublicClient({ transport: http(rpcUrl) });
  const stateNames = Object.keys(ProposalState);
  for (const label of Object.keys(HISTORY_PROPOSALS) as HistoryProposalLabel[]) {
    const id = history.proposals[label];
    const state = await client.readContract({
      address: deployment.contracts.CommonsGovernor,
      abi: commonsGovernorAbi,
      functionName: "state",
      args: [id],
    });
    console.log(`  ${label.padEnd(24)} ${String(stateNames[state]).padEnd(10)} ${id}`);
  }

  const small = await timed("generateVotingHistory 5 x 10", () =>
    generateVotingHistory({ rpcUrl, deployment, proposals: 5, votesPerProposal: 10 }),
  );
  console.log(small);
  let reported = 0;
  const large = await timed("generateVotingHistory 200 x 50", () =>
    generateVotingHistory({
      rpcUrl,
      deployment,
      proposals: 200,
      votesPerProposal: 50,
      onProgress: (done) => {
        if (done - reported >= 2_000) {
          reported = done;
          console.log(`  ${done} votes`);
        }
      },
    }),
  );
  console.log(large);
} finally {
  chain.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
}
