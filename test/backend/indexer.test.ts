// The embedded indexer and the GraphQL API against a real local chain (npm start's), on both storage engines: a
// scripted governance history is indexed and every answer is compared with what the contracts return when called
// directly at the indexed block.
import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { type Address, createPublicClient, getAddress, http, type PublicClient } from "viem";
import { DATABASE, type Database } from "../../backend/src/database/database.js";
import { IndexerService } from "../../backend/src/indexer/indexer.service.js";
import { type Deployment, readDeployment } from "../../deployments/index.js";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  usagePolicyRegistryAbi,
} from "../../generated/contracts.js";
import {
  type GovernanceHistory,
  HISTORY_PROPOSALS,
  type HistoryProposalLabel,
  runGovernanceHistory,
} from "../helpers/governance-history.js";
import { type RunningChain, startLocalChain } from "../helpers/local-chain.js";
import { postgresSchema } from "../helpers/postgres-schema.js";
import { graphql, startBackend } from "./helpers/backend-app.js";

const port = 21_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-indexer-"));
const STATE_NAMES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
const SUPPORT_NAMES = ["Against", "For", "Abstain"];

let chain: RunningChain;
let deployment: Deployment;
let history: GovernanceHistory;
let client: PublicClient;
const cleanups: (() => Promise<void>)[] = [];

/** A PostgreSQL schema of its own for one app; dropped afterwards. */
async function postgresUrl(): Promise<string> {
  const schema = await postgresSchema("commons_indexer");
  cleanups.push(schema.drop);
  return schema.url;
}

async function backend(env: Record<string, string> = {}): Promise<NestExpressApplication> {
  const app = await startBackend({
    RPC_URL: rpcUrl,
    COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
    INDEXER_BATCH_BLOCKS: "25",
    INDEXER_POLL_INTERVAL_MS: "50",
    ...env,
  });
  cleanups.push(() => app.close());
  return app;
}

async function indexedUpTo(app: NestExpressApplication, block: bigint): Promise<void> {
  await app.get(IndexerService).waitForBlock(block, 120_000);
}

/** Every stored entity, in a stable order: what two runs must agree on. */
async function dump(app: NestExpressApplication): Promise<unknown[]> {
  return app.get<Database>(DATABASE).query("select type, id, data from entity order by type, id");
}

beforeAll(async () => {
  chain = await startLocalChain(port, deploymentsDir);
  deployment = readDeployment(31337, deploymentsDir);
  client = createPublicClient({ transport: http(rpcUrl) });
  history = await runGovernanceHistory({ rpcUrl, deployment });
}, 600_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  chain?.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
});

describe.each([
  ["embedded PGlite", async () => ({})],
  ["PostgreSQL", async () => ({ DATABASE_URL: await postgresUrl() })],
])("GraphQL over the indexed history (%s)", (_engine, engineEnv) => {
  let app: NestExpressApplication;
  let head: bigint;

  beforeAll(async () => {
    app = await backend(await engineEnv());
    await indexedUpTo(app, history.lastBlock);
    head = app.get(IndexerService).status().head?.number ?? 0n;
  }, 300_000);

  const read = <T>(parameters: Parameters<PublicClient["readContract"]>[0]) =>
    client.readContract({ ...parameters, blockNumber: head }) as Promise<T>;

  it("gives every proposal the state governor.state() returns, with the governor's tallies and times", async () => {
    const { data } = await graphql<{
      proposals: {
        id: string;
        state: string;
        forVotes: string;
        againstVotes: string;
        abstainVotes: string;
        voteStart: string;
        voteEnd: string;
        eta: string | null;
        proposer: { id: string };
      }[];
    }>(
      app,
      `{ proposals(first: 1000) { id state forVotes againstVotes abstainVotes voteStart voteEnd eta proposer { id } } }`,
    );
    const proposals = data?.proposals ?? [];
    expect(proposals).toHaveLength(Object.keys(HISTORY_PROPOSALS).length);
    const seenStates = new Set<string>();
    for (const proposal of proposals) {
      const id = BigInt(proposal.id);
      const governor = { address: deployment.contracts.CommonsGovernor, abi: commonsGovernorAbi } as const;
      const state = await read<number>({ ...governor, functionName: "state", args: [id] });
      const [against, forVotes, abstain] = await read<[bigint, bigint, bigint]>({
        ...governor,
        functionName: "proposalVotes",
        args: [id],
      });
      const snapshot = await read<bigint>({ ...governor, functionName: "proposalSnapshot", args: [id] });
      const deadline = await read<bigint>({ ...governor, functionName: "proposalDeadline", args: [id] });
      const eta = await read<bigint>({ ...governor, functionName: "proposalEta", args: [id] });
      const proposer = await read<Address>({ ...governor, functionName: "proposalProposer", args: [id] });
      expect({ id: proposal.id, state: proposal.state }).toEqual({ id: proposal.id, state: STATE_NAMES[state] });
      expect(proposal).toMatchObject({
        forVotes: forVotes.toString(),
        againstVotes: against.toString(),
        abstainVotes: abstain.toString(),
        voteStart: snapshot.toString(),
        voteEnd: deadline.toString(),
        eta: eta === 0n ? null : eta.toString(),
        proposer: { id: proposer.toLowerCase() },
      });
      seenStates.add(proposal.state);
    }
    expect([...seenStates].sort()).toEqual([...STATE_NAMES].sort());
  });

  it("matches the script's labels and filters by state and proposer", async () => {
    for (const [label, expected] of Object.entries(HISTORY_PROPOSALS)) {
      const id = history.proposals[label as HistoryProposalLabel].toString();
      const { data } = await graphql<{ proposal: { state: string } }>(app, `{ proposal(id: "${id}") { state } }`);
      expect({ label, state: data?.proposal.state }).toEqual({ label, state: expected });
    }
    const { data: active } = await graphql<{ proposals: { id: string }[] }>(
      app,
      `{ proposals(where: { state_in: [Active, Pending] }, orderBy: createdAtTimestamp) { id } }`,
    );
    expect(active?.proposals.map((p) => p.id).sort()).toEqual(
      [history.proposals.Active, history.proposals.Pending].map(String).sort(),
    );
    const { data: all } = await graphql<{ proposals: { id: string; proposer: { id: string } }[] }>(
      app,
      "{ proposals(first: 1000) { id proposer { id } } }",
    );
    const proposer = all?.proposals[0]?.proposer.id ?? "";
    const { data: byProposer } = await graphql<{ proposals: { id: string }[] }>(
      app,
      `query($p: String) { proposals(first: 1000, where: { proposer: $p }) { id } }`,
      { p: getAddress(proposer) },
    );
    expect(byProposer?.proposals.length).toBe(all?.proposals.filter((p) => p.proposer.id === proposer).length);
  });

  it("pages with after (keyset) and skip in every order without losing or repeating a proposal", async () => {
    for (const order of ["createdAtTimestamp: asc", "voteStart: desc", "forVotes: desc"]) {
      const [orderBy, direction] = order.split(": ");
      const full = await graphql<{ proposals: { id: string }[] }>(
        app,
        `{ proposals(first: 1000, orderBy: ${orderBy}, orderDirection: ${direction}) { id } }`,
      );
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { data?: { proposals: { id: string }[] } } = await graphql<{ proposals: { id: string }[] }>(
          app,
          `query($after: ID) { proposals(first: 4, after: $after, orderBy: ${orderBy}, orderDirection: ${direction}) { id } }`,
          { after },
        );
        const ids = page.data?.proposals.map((p) => p.id) ?? [];
        paged.push(...ids);
        if (ids.length < 4) break;
        after = ids[ids.length - 1] ?? null;
      }
      expect(paged).toEqual(full.data?.proposals.map((p) => p.id));
      const skipped = await graphql<{ proposals: { id: string }[] }>(
        app,
        `{ proposals(first: 3, skip: 5, orderBy: ${orderBy}, orderDirection: ${direction}) { id } }`,
      );
      expect(skipped.data?.proposals.map((p) => p.id)).toEqual(full.data?.proposals.map((p) => p.id).slice(5, 8));
    }
  });

  it("has every vote with its support, weight, reason and params, and the proposal's decoded actions", async () => {
    for (const vote of history.votes) {
      const id = `0x${vote.proposalId.toString(16).padStart(64, "0")}${vote.voter.slice(2).toLowerCase()}`;
      const { data } = await graphql<{
        vote: { support: string; weight: string; reason: string; params: string | null; voter: { id: string } };
      }>(app, `{ vote(id: "${id}") { support weight reason params voter { id } } }`);
      expect(data?.vote).toEqual({
        support: SUPPORT_NAMES[vote.support],
        weight: vote.weight.toString(),
        reason: vote.reason,
        params: vote.method === "castVoteWithReasonAndParams" ? vote.params.toLowerCase() : null,
        voter: { id: vote.voter.toLowerCase() },
      });
    }
    const { data } = await graphql<{ votes: { id: string }[] }>(
      app,
      `query($v: String) { votes(first: 1000, where: { voter: $v }) { id } }`,
      { v: history.voters[0] },
    );
    expect(data?.votes.length).toBe(history.votes.filter((v) => v.voter === history.voters[0]).length);
    const approve = history.proposals.ExecutedApprove110;
    const { data: withActions } = await graphql<{
      proposal: {
        actions: { kind: string; summary: string; decoded: boolean; version: string }[];
        votes: { id: string }[];
      };
    }>(app, `{ proposal(id: "${approve}") { actions { kind summary decoded version } votes { id } } }`);
    expect(withActions?.proposal.actions).toEqual([
      { kind: "ApproveModelVersion", summary: "approve commons-chat 1.1.0", decoded: true, version: "1.1.0" },
    ]);
    expect(withActions?.proposal.votes.length).toBe(history.votes.filter((v) => v.proposalId === approve).length);
  });

  it("has each account's voting power and delegate as the token reports them, ordered by voting power", async () => {
    const { data } = await graphql<{
      delegates: { id: string; votingPower: string; delegatedTo: { id: string } | null }[];
    }>(
      app,
      "{ delegates(first: 1000, orderBy: votingPower, orderDirection: desc) { id votingPower delegatedTo { id } } }",
    );
    const delegates = data?.delegates ?? [];
    expect(delegates.length).toBeGreaterThan(5);
    const powers = delegates.map((d) => BigInt(d.votingPower));
    expect(powers).toEqual([...powers].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const token = { address: deployment.contracts.GovernanceToken, abi: governanceTokenAbi } as const;
    for (const delegate of delegates) {
      const account = getAddress(delegate.id);
      expect({ account, power: delegate.votingPower }).toEqual({
        account,
        power: (await read<bigint>({ ...token, functionName: "getVotes", args: [account] })).toString(),
      });
      const delegatee = await read<Address>({ ...token, functionName: "delegates", args: [account] });
      expect(delegate.delegatedTo?.id ?? "0x0000000000000000000000000000000000000000").toBe(delegatee.toLowerCase());
    }
  });

  it("has the registry's model versions, statuses and defaults, and the active policy", async () => {
    const { data } = await graphql<{
      modelVersions: { modelId: string; version: string; weightsHash: string; status: string; isDefault: boolean }[];
      usagePolicies: { version: string; isActive: boolean; minVotingPower: string }[];
    }>(
      app,
      `{ modelVersions(first: 100) { modelId version weightsHash status isDefault }
         usagePolicies(first: 100, orderBy: version) { version isActive minVotingPower } }`,
    );
    const registry = { address: deployment.contracts.ModelRegistry, abi: modelRegistryAbi } as const;
    expect(data?.modelVersions.length).toBe(history.models.length);
    for (const version of data?.modelVersions ?? []) {
      const onChain = await read<{ status: number; weightsHash: string }>({
        ...registry,
        functionName: "getModelVersion",
        args: [version.modelId, version.version],
      });
      expect({ v: version.version, status: version.status, hash: version.weightsHash }).toEqual({
        v: version.version,
        status: ["None", "Approved", "Deprecated", "Revoked"][onChain.status],
        hash: onChain.weightsHash,
      });
    }
    const policies = { address: deployment.contracts.UsagePolicyRegistry, abi: usagePolicyRegistryAbi } as const;
    const active = await read<bigint>({ ...policies, functionName: "activePolicyVersion" });
    expect(active).toBe(history.activePolicyVersion);
    expect(data?.usagePolicies.filter((p) => p.isActive).map((p) => p.version)).toEqual([active.toString()]);
  });

  it("links the proposal canceled on the timelock to its canceled operation", async () => {
    const { data } = await graphql<{
      proposal: { state: string; canceledOnTimelock: boolean; timelockOperation: { id: string; status: string } };
    }>(
      app,
      `{ proposal(id: "${history.proposals.CanceledOnTimelock}") { state canceledOnTimelock timelockOperation { id status } } }`,
    );
    expect(data?.proposal).toEqual({
      state: "Canceled",
      canceledOnTimelock: true,
      timelockOperation: { id: history.canceledTimelockOperation.toLowerCase(), status: "Canceled" },
    });
  });

  it("reports the indexed head in _meta and indexerStatus", async () => {
    const { data } = await graphql<{
      _meta: { block: { number: number }; hasIndexingErrors: boolean };
      indexerStatus: { headBlock: string; lag: string; backfilling: boolean };
    }>(app, "{ _meta { block { number } hasIndexingErrors } indexerStatus { headBlock lag backfilling } }");
    expect(data?._meta).toEqual({ block: { number: Number(head) }, hasIndexingErrors: false });
    expect(data?.indexerStatus).toMatchObject({ headBlock: head.toString(), backfilling: false });
  });
});

describe("indexing across restarts and replicas", () => {
  let expected: unknown[];

  beforeAll(async () => {
    const reference = await backend();
    await indexedUpTo(reference, history.lastBlock);
    expected = await dump(reference);
  }, 300_000);

  it("resumes a backfill stopped in the middle without losing or duplicating anything", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "commons-resume-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const middle = history.fromBlock + (history.lastBlock - history.fromBlock) / 2n;
    const first = await startBackend({
      RPC_URL: rpcUrl,
      COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
      DATA_DIR: dataDir,
      INDEXER_BATCH_BLOCKS: "3",
      INDEXER_POLL_INTERVAL_MS: "50",
    });
    await indexedUpTo(first, middle);
    const stoppedAt = first.get(IndexerService).status().head?.number ?? 0n;
    await first.close();
    expect(stoppedAt).toBeLessThan(history.lastBlock);

    const second = await backend({ DATA_DIR: dataDir, INDEXER_BATCH_BLOCKS: "3" });
    await indexedUpTo(second, history.lastBlock);
    expect(await dump(second)).toEqual(expected);
  }, 300_000);

  it("lets two replicas index into one PostgreSQL at once without duplicating anything", async () => {
    const url = await postgresUrl();
    const replicas = await Promise.all([
      backend({ DATABASE_URL: url, INDEXER_BATCH_BLOCKS: "4" }),
      backend({ DATABASE_URL: url, INDEXER_BATCH_BLOCKS: "4" }),
    ]);
    await Promise.all(replicas.map((replica) => indexedUpTo(replica, history.lastBlock)));
    expect(await dump(replicas[0] as NestExpressApplication)).toEqual(expected);
    const { data } = await graphql<{ proposals: { id: string }[] }>(
      replicas[1] as NestExpressApplication,
      "{ proposals(first: 1000) { id } }",
    );
    expect(data?.proposals).toHaveLength(Object.keys(HISTORY_PROPOSALS).length);
  }, 300_000);
});
