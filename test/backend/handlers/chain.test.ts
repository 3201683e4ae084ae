// The handlers on a real chain: the scripted governance history of test/helpers/governance-history.ts (every proposal
// state, votes of every kind, delegations, model versions, policies, a cancellation on the timelock) on the local chain
// `npm start` runs, its logs replayed in order into a store that checks every entity against the schema, with the
// backend's own ChainReader. The entities are then compared with what the contracts say at the last block, and each
// stored action with the subgraph's own decoding (compiled to WebAssembly).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type Address, createPublicClient, decodeEventLog, type Hex, http, type PublicClient } from "viem";
import { type HandlerContext, handleLog } from "../../../backend/src/indexer/handlers/index.js";
import type { IndexedLog } from "../../../backend/src/indexer/indexed-log.js";
import { ViemChainReader } from "../../../backend/src/indexer/viem-chain-reader.js";
import { type Deployment, readDeployment } from "../../../deployments/index.js";
import { type GovernanceHistory, runGovernanceHistory } from "../../helpers/governance-history.js";
import { type RunningChain, startLocalChain } from "../../helpers/local-chain.js";
import { type Harness, loadHarness } from "../../subgraph/helpers/harness.js";
import { ABIS, type ContractKey } from "./helpers/chain.js";
import { MemoryStore } from "./helpers/memory-store.js";

const port = 30_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-handlers-"));
const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
const MODEL_STATUSES = ["None", "Approved", "Deprecated", "Revoked"];

let chain: RunningChain | undefined;
let deployment: Deployment;
let history: GovernanceHistory;
let client: PublicClient;
let h: Harness;
const store = new MemoryStore();
const warnings: string[] = [];
let now: bigint;

/** The chain's logs of the deployed contracts, decoded and positioned as the indexer gives them to the handlers. */
async function indexedLogs(): Promise<IndexedLog[]> {
  const byAddress = new Map(
    Object.entries(deployment.contracts).map(([name, address]) => [address.toLowerCase(), name as ContractKey]),
  );
  const raw = await client.getLogs({
    address: Object.values(deployment.contracts),
    fromBlock: BigInt(deployment.startBlock),
    toBlock: history.lastBlock,
  });
  const timestamps = new Map<bigint, bigint>();
  for (const number of new Set(raw.map((log) => log.blockNumber))) {
    timestamps.set(number, (await client.getBlock({ blockNumber: number })).timestamp);
  }
  return raw.map((log) => {
    const contract = byAddress.get(log.address.toLowerCase());
    if (!contract) throw new Error(`log of ${log.address}`);
    return {
      contract,
      event: decodeEventLog({ abi: ABIS[contract], data: log.data, topics: log.topics }),
      address: log.address,
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      blockTimestamp: timestamps.get(log.blockNumber) ?? 0n,
      transactionHash: log.transactionHash,
      transactionIndex: log.transactionIndex,
      logIndex: log.logIndex,
    } as IndexedLog;
  });
}

beforeAll(async () => {
  chain = await startLocalChain(port, deploymentsDir);
  deployment = readDeployment(31337, deploymentsDir);
  history = await runGovernanceHistory({ rpcUrl, deployment });
  client = createPublicClient({ transport: http(rpcUrl) });
  now = (await client.getBlock({ blockNumber: history.lastBlock })).timestamp;
  const context: HandlerContext = {
    store,
    chain: new ViemChainReader(client, deployment.contracts.CommonsGovernor),
    deployment,
    logger: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
  };
  for (const log of await indexedLogs()) await handleLog(log, context);
  h = await loadHarness();
}, 900_000);

afterAll(() => {
  chain?.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
});

/** A read of one of the deployed contracts at the history's last block. */
function read<C extends ContractKey>(contract: C, functionName: string, args: unknown[] = []): Promise<unknown> {
  return client.readContract({
    address: deployment.contracts[contract],
    abi: ABIS[contract],
    functionName,
    args,
    blockNumber: history.lastBlock,
  } as never);
}

describe("the scripted governance history, replayed through the handlers", () => {
  it("writes only schema-valid entities and logs no warning", () => {
    expect(warnings).toEqual([]);
    expect(store.all("Proposal")).toHaveLength(Object.keys(history.proposals).length);
  });

  it("stores, for every proposal, the state from which the governor's own state follows", async () => {
    const governance = store.entity("Governance", "governance") ?? {};
    const live = Object.fromEntries(
      Object.entries(history.proposals).map(([label, id]) => {
        const p = store.entity("Proposal", id.toString()) ?? {};
        const n = (field: string) => BigInt(String(p[field] ?? 0));
        const quorumReached =
          p.quorum === undefined
            ? governance.quorumNumerator === "0"
            : n("quorum") <= n("forVotes") + n("abstainVotes");
        const state = h.liveState({
          stored: String(p.state),
          now,
          voteStart: n("voteStart"),
          voteEnd: n("voteEnd"),
          quorumReached,
          voteSucceeded: n("forVotes") > n("againstVotes"),
          eta: n("eta"),
          executionGracePeriod: BigInt(String(governance.executionGracePeriod)),
        });
        return [label, state];
      }),
    );
    expect(live).toEqual(history.states);
    for (const id of Object.values(history.proposals)) {
      expect(STATES[Number(await read("CommonsGovernor", "state", [id]))]).toBe(
        live[Object.entries(history.proposals).find(([, v]) => v === id)?.[0] ?? ""],
      );
    }
  });

  it("counts every vote, as the governor tallies them", async () => {
    for (const id of Object.values(history.proposals)) {
      const [against, forVotes, abstain] = (await read("CommonsGovernor", "proposalVotes", [id])) as bigint[];
      expect(store.entity("Proposal", id.toString())).toMatchObject({
        againstVotes: String(against),
        forVotes: String(forVotes),
        abstainVotes: String(abstain),
      });
    }
    for (const v of history.votes) {
      const id = `${`0x${v.proposalId.toString(16).padStart(64, "0")}`}${v.voter.slice(2).toLowerCase()}`;
      expect(store.entity("Vote", id)).toMatchObject({
        support: ["Against", "For", "Abstain"][v.support],
        weight: v.weight.toString(),
        reason: v.reason,
        ...(v.params !== "0x" ? { params: v.params } : {}),
      });
    }
    expect(store.entity("Governance", "governance")).toMatchObject({
      proposalCount: Object.keys(history.proposals).length,
      voteCount: history.votes.length,
      voterCount: history.voters.length,
    });
  });

  it("gives every account the token's voting power and delegate", async () => {
    let total = 0n;
    for (const d of store.all("Delegate")) {
      const votes = (await read("GovernanceToken", "getVotes", [d.id])) as bigint;
      total += votes;
      expect({ id: d.id, votingPower: d.votingPower }).toEqual({ id: d.id, votingPower: votes.toString() });
      const delegatee = String(await read("GovernanceToken", "delegates", [d.id])).toLowerCase();
      expect({ id: d.id, delegatedTo: d.delegatedTo ?? "0x0000000000000000000000000000000000000000" }).toEqual({
        id: d.id,
        delegatedTo: delegatee,
      });
    }
    expect(store.entity("Governance", "governance")?.totalVotingPower).toBe(total.toString());
  });

  it("gives every model version the registry's status, and each model its default", async () => {
    for (const v of store.all("ModelVersion")) {
      const status = MODEL_STATUSES[Number(await read("ModelRegistry", "statusOf", [v.modelId, v.version]))];
      expect({ version: v.version, status: v.status }).toEqual({ version: v.version, status });
    }
    for (const m of store.all("Model")) {
      const defaultVersion = String(await read("ModelRegistry", "defaultVersion", [m.modelId]));
      const stored = m.defaultVersion ? store.entity("ModelVersion", String(m.defaultVersion))?.version : "";
      expect(stored).toBe(defaultVersion);
    }
    expect(store.all("ModelVersion").length).toBeGreaterThanOrEqual(history.models.length);
  });

  it("marks the registry's active policy, and only it", () => {
    const active = store.all("UsagePolicy").filter((p) => p.isActive);
    expect(active.map((p) => p.id)).toEqual([history.activePolicyVersion.toString()]);
    expect(store.entity("Governance", "governance")?.activePolicy).toBe(history.activePolicyVersion.toString());
    expect(store.entity("UsagePolicy", history.publishedPolicyVersion.toString())).toBeDefined();
  });

  it("gives every timelock operation the timelock's state, linked to its proposal", async () => {
    const operations = store.all("TimelockOperation");
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) {
      const state = Number(await read("TimelockController", "getOperationState", [op.id]));
      const expected = ["Canceled", "Scheduled", "Scheduled", "Executed"][state];
      expect({ id: op.id, status: op.status }).toEqual({ id: op.id, status: expected });
      if (op.proposal) expect(store.entity("Proposal", String(op.proposal))?.timelockOperation).toBe(op.id);
    }
    const canceled = store.entity("TimelockOperation", history.canceledTimelockOperation.toLowerCase());
    expect(canceled).toMatchObject({ status: "Canceled" });
    expect(store.entity("Proposal", String(canceled?.proposal))).toMatchObject({
      state: "Canceled",
      canceledOnTimelock: true,
    });
  });

  it("decodes every action as the subgraph does", () => {
    const actions = store.all("ProposalAction");
    expect(actions.length).toBeGreaterThan(Object.keys(history.proposals).length - 1);
    for (const a of actions) {
      const theirs = h.decodeAction(
        String(a.contract ?? ""),
        a.calldata as Hex,
        a.target as Address,
        BigInt(String(a.value)),
      );
      expect({
        id: a.id,
        kind: a.kind,
        decoded: a.decoded,
        summary: a.summary,
        signature: a.signature ?? null,
      }).toEqual({
        id: a.id,
        kind: theirs.kind,
        decoded: theirs.decoded,
        summary: theirs.summary,
        signature: theirs.signature,
      });
      expect(a.decoded).toBe(true);
    }
  });
});
