// The subgraph's assumptions and logic against a real chain: test/subgraph/fixtures/chain.ts runs a governance history
// on Hardhat's network (every path a proposal can take), and this file replays its logs through the same pure logic
// the mappings use (compiled to WebAssembly), as the handlers do, then compares with what the governor itself says.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type Abi, type Address, decodeEventLog, type Hex, keccak256, pad, toHex, zeroHash } from "viem";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../generated/contracts.js";
import { type Harness, loadHarness } from "./helpers/harness.js";
import { handledEvents, IGNORED, manifest } from "./helpers/manifest.js";
import { ROOT } from "./helpers/paths.js";

interface FixtureLog {
  address: Address;
  topics: [Hex, ...Hex[]];
  data: Hex;
  blockNumber: string;
  transactionHash: Hex;
  logIndex: number;
}
interface Fixture {
  now: string;
  executionGracePeriod: string;
  contracts: Record<string, Address>;
  proposals: { id: string; description: string; state: number; quorum: string | null }[];
  logs: FixtureLog[];
}
interface Event {
  contract: string;
  name: string;
  args: Record<string, unknown>;
  log: FixtureLog;
}

/** IGovernor.ProposalState, in enum order. */
const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
const ABIS: Record<string, Abi> = {
  GovernanceToken: governanceTokenAbi,
  TimelockController: timelockControllerAbi,
  CommonsGovernor: commonsGovernorAbi,
  ModelRegistry: modelRegistryAbi,
  UsagePolicyRegistry: usagePolicyRegistryAbi,
};

const temp = mkdtempSync(path.join(os.tmpdir(), "subgraph-chain-"));
let fixture: Fixture;
let events: Event[];
let h: Harness;

beforeAll(async () => {
  const file = path.join(temp, "chain.json");
  const hardhat = path.join(ROOT, "node_modules", "hardhat", "dist", "src", "cli.js");
  const run = spawnSync(process.execPath, [hardhat, "run", "test/subgraph/fixtures/chain.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, COMMONS_SUBGRAPH_CHAIN_FIXTURE: file },
  });
  if (run.status !== 0) throw new Error(`hardhat run failed:\n${run.stdout}\n${run.stderr}`);
  fixture = JSON.parse(readFileSync(file, "utf8")) as Fixture;
  const byAddress = new Map(Object.entries(fixture.contracts).map(([name, address]) => [address.toLowerCase(), name]));
  events = fixture.logs.map((log) => {
    const contract = byAddress.get(log.address.toLowerCase());
    if (!contract) throw new Error(`log of an unknown contract ${log.address}`);
    const decoded = decodeEventLog({ abi: ABIS[contract] ?? [], data: log.data, topics: log.topics });
    return { contract, name: decoded.eventName ?? "", args: (decoded.args ?? {}) as Record<string, unknown>, log };
  });
  h = await loadHarness();
}, 300_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const lower = (value: unknown) => String(value).toLowerCase();
const inTransaction = (hash: Hex) => events.filter((e) => e.log.transactionHash === hash);

describe("a governance history on a real chain", () => {
  test("every event emitted has a handler in subgraph.yaml, or is deliberately ignored", () => {
    const seen = new Set(events.map((e) => `${e.contract}.${e.name}`));
    expect(seen.size).toBeGreaterThan(20);
    for (const key of seen) {
      const [contract = "", name = ""] = key.split(".");
      const source = manifest.dataSources.find((d) => d.name === contract);
      const covered = (source ? handledEvents(source).has(name) : false) || name in (IGNORED[contract] ?? {});
      expect({ event: key, covered }).toEqual({ event: key, covered: true });
    }
  });

  test("the registries and the timelock announce themselves before the first proposal", () => {
    const firstProposal = events.findIndex((e) => e.name === "ProposalCreated");
    expect(firstProposal).toBeGreaterThan(0);
    for (const contract of ["ModelRegistry", "UsagePolicyRegistry"]) {
      const first = events.findIndex((e) => e.contract === contract && e.name === "OwnershipTransferred");
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(firstProposal);
    }
    // The governor's TimelockChange at construction finds the deployed timelock's entity already there.
    const timelockChange = events.findIndex((e) => e.name === "TimelockChange");
    expect(events.findIndex((e) => e.contract === "TimelockController")).toBeLessThan(timelockChange);
  });

  test("the model key the subgraph computes is the registry's indexed modelKey", () => {
    const approvals = events.filter((e) => e.name === "ModelVersionApproved");
    expect(approvals.length).toBeGreaterThan(0);
    for (const e of approvals) expect(keccak256(toHex(String(e.args.modelId)))).toBe(e.args.modelKey);
  });

  test("every proposal action of the history decodes, with its target recognized", () => {
    const known = new Map(Object.entries(fixture.contracts).map(([name, address]) => [address.toLowerCase(), name]));
    const summaries: string[] = [];
    for (const e of events.filter((x) => x.name === "ProposalCreated")) {
      const targets = e.args.targets as Address[];
      const calldatas = e.args.calldatas as Hex[];
      targets.forEach((target, i) => {
        const action = h.decodeAction(known.get(target.toLowerCase()) ?? "", calldatas[i] ?? "0x", target);
        expect(action.decoded).toBe(true);
        summaries.push(action.summary);
      });
    }
    expect(summaries).toEqual(
      expect.arrayContaining([
        "approve commons-chat 1.1.0",
        "publish a usage policy (docs/policies/v2.md)",
        `grant EXECUTOR_ROLE on the timelock to ${lower(events.find((x) => x.name === "ProposalGuardianSet")?.args.newProposalGuardian)}`,
        "deprecate commons-chat 1.1.0",
        "activate usage policy 1",
      ]),
    );
  });

  test("replaying the logs as the handlers do gives each proposal the governor's own state", () => {
    const governor = fixture.contracts.CommonsGovernor ?? "";
    interface Replayed {
      state: string;
      targets: Address[];
      values: bigint[];
      calldatas: Hex[];
      description: string;
      voteStart: bigint;
      voteEnd: bigint;
      originalVoteEnd: bigint;
      eta: bigint;
      forVotes: bigint;
      againstVotes: bigint;
      abstainVotes: bigint;
      operation?: Hex;
      executedOnTimelock: boolean;
      canceledOnTimelock: boolean;
    }
    const proposals = new Map<string, Replayed>();
    const operations = new Map<string, { proposal?: string }>();
    const move = (id: string, event: string) => {
      const p = proposals.get(id);
      if (!p) throw new Error(`unknown proposal ${id}`);
      const before = p.state;
      p.state = h.nextState(before, event);
      return { p, changed: p.state !== before };
    };

    for (const e of events) {
      const a = e.args;
      if (e.name === "ProposalCreated") {
        proposals.set(String(a.proposalId), {
          state: h.nextState("", "ProposalCreated"),
          targets: a.targets as Address[],
          values: a.values as bigint[],
          calldatas: a.calldatas as Hex[],
          description: String(a.description),
          voteStart: a.voteStart as bigint,
          voteEnd: a.voteEnd as bigint,
          originalVoteEnd: a.voteEnd as bigint,
          eta: 0n,
          forVotes: 0n,
          againstVotes: 0n,
          abstainVotes: 0n,
          executedOnTimelock: false,
          canceledOnTimelock: false,
        });
      } else if (e.name === "VoteCast" || e.name === "VoteCastWithParams") {
        const { p } = move(String(a.proposalId), "VoteCast");
        const support = h.voteSupport(Number(a.support));
        const weight = a.weight as bigint;
        if (support === "For") p.forVotes += weight;
        else if (support === "Against") p.againstVotes += weight;
        else if (support === "Abstain") p.abstainVotes += weight;
        else throw new Error(`support ${String(a.support)}`);
      } else if (e.name === "ProposalExtended") {
        const p = proposals.get(String(a.proposalId));
        if (p) p.voteEnd = a.extendedDeadline as bigint;
      } else if (e.name === "CallScheduled") {
        if (!operations.has(String(a.id))) operations.set(String(a.id), {});
      } else if (e.name === "ProposalQueued") {
        const id = String(a.proposalId);
        const { p } = move(id, "ProposalQueued");
        p.eta = a.etaSeconds as bigint;
        // handleProposalQueued: the id GovernorTimelockControl scheduled, computed from the proposal alone.
        const salt = h.timelockSalt(governor, keccak256(toHex(p.description)));
        const encoded = h.operationBatch(
          p.targets,
          p.values.map((v) => pad(toHex(v))),
          p.calldatas,
          zeroHash,
          salt,
        ) as Hex;
        const operation = keccak256(encoded);
        // The timelock's CallScheduled of that very id came first, in the same transaction.
        const scheduled = inTransaction(e.log.transactionHash).filter((x) => x.name === "CallScheduled");
        expect(scheduled.length).toBe(p.targets.length);
        for (const s of scheduled) {
          expect(s.args.id).toBe(operation);
          expect(s.log.logIndex).toBeLessThan(e.log.logIndex);
        }
        const entry = operations.get(operation);
        expect(entry).toBeDefined();
        if (entry) entry.proposal = id;
        p.operation = operation;
      } else if (e.name === "CallExecuted" || e.name === "Cancelled") {
        const proposalId = operations.get(String(a.id))?.proposal;
        if (!proposalId) continue;
        const event = e.name === "CallExecuted" ? "TimelockCallExecuted" : "TimelockCancelled";
        const { p, changed } = move(proposalId, event);
        if (changed && e.name === "CallExecuted") {
          const logs = inTransaction(e.log.transactionHash).map((x) => ({
            address: x.log.address,
            topic0: x.log.topics[0],
            data: x.log.data,
          }));
          p.executedOnTimelock = !h.hasProposalExecutedLog(logs, governor, pad(toHex(BigInt(proposalId))));
        }
        if (changed && e.name === "Cancelled") p.canceledOnTimelock = true;
      } else if (e.name === "ProposalExecuted") {
        const { p } = move(String(a.proposalId), "ProposalExecuted");
        p.executedOnTimelock = false;
      } else if (e.name === "ProposalCanceled") {
        move(String(a.proposalId), "ProposalCanceled");
      }
    }

    const now = BigInt(fixture.now);
    const expected = fixture.proposals.map((p) => [p.description.split("\n")[0], STATES[p.state]]);
    const replayed = fixture.proposals.map((fp) => {
      const p = proposals.get(fp.id);
      if (!p) throw new Error(`proposal ${fp.id} not replayed`);
      const quorum = fp.quorum === null ? 0n : BigInt(fp.quorum);
      const state = h.liveState({
        stored: p.state,
        now,
        voteStart: p.voteStart,
        voteEnd: p.voteEnd,
        quorumReached: quorum <= p.forVotes + p.abstainVotes,
        voteSucceeded: p.forVotes > p.againstVotes,
        eta: p.eta,
        executionGracePeriod: BigInt(fixture.executionGracePeriod),
      });
      return [fp.description.split("\n")[0], state];
    });
    expect(replayed).toEqual(expected);
    // Every path was taken.
    expect(new Set(expected.map(([, state]) => state))).toEqual(
      new Set(["Executed", "Canceled", "Expired", "Defeated", "Succeeded", "Active", "Pending"]),
    );

    const byTitle = (title: string) => {
      const p = [...proposals.values()].find((x) => x.description.split("\n")[0] === title);
      if (!p) throw new Error(`no proposal ${title}`);
      return p;
    };
    expect(byTitle("# Approve commons-chat 1.1.0")).toMatchObject({ state: "Executed", executedOnTimelock: false });
    expect(byTitle("Deprecate commons-chat 1.1.0")).toMatchObject({ state: "Executed", executedOnTimelock: true });
    expect(byTitle("Roll back to policy 1")).toMatchObject({ state: "Canceled", canceledOnTimelock: true });
    expect(byTitle("Roll back to policy 1, again")).toMatchObject({ state: "Canceled", canceledOnTimelock: false });
    const hurry = byTitle("Roll back to policy 1, in a hurry");
    expect(hurry.voteEnd).toBeGreaterThan(hurry.originalVoteEnd);
  });

  test("a guardian's cancel through the governor: ProposalCanceled first, then the timelock's Cancelled", () => {
    const canceled = events.filter((e) => e.name === "ProposalCanceled");
    expect(canceled.length).toBe(1);
    const tx = inTransaction(canceled[0]?.log.transactionHash ?? "0x").map((e) => e.name);
    expect(tx.indexOf("ProposalCanceled")).toBeLessThan(tx.indexOf("Cancelled"));
  });
});
