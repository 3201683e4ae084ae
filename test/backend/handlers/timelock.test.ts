// The TimelockController handlers: operations scheduled, executed and canceled (through the governor or on the
// timelock directly), their link to the proposal that queued them, the minimum delay and role changes.
import { beforeEach, describe, expect, it } from "@jest/globals";
import { type Address, encodeFunctionData, keccak256, parseEther, toHex, zeroHash } from "viem";
import { usagePolicyRegistryAbi } from "../../../generated/contracts.js";
import { TestChain } from "./helpers/chain.js";
import {
  ALICE,
  DEPLOYER,
  delegateToSelf,
  deploy,
  execute,
  GOVERNOR,
  GUARDIAN,
  MIN_DELAY,
  POLICY_REGISTRY,
  propose,
  queue,
  schedule,
  type TestProposal,
  TIMELOCK,
  vote,
} from "./helpers/scenario.js";

const lower = (value: string) => value.toLowerCase();
const activate = (version: bigint) => ({
  target: POLICY_REGISTRY,
  data: encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [version] }),
});

let chain: TestChain;
let proposal: TestProposal;

/** A proposal of two calls, voted through. */
beforeEach(async () => {
  chain = new TestChain();
  await deploy(chain);
  await delegateToSelf(chain, DEPLOYER, parseEther("400000"));
  proposal = await propose(chain, [activate(1n), activate(2n)], "Roll back to policy 1, then 2");
  chain.reader.quorums.set(proposal.voteStart, parseEther("32000"));
  await vote(chain, proposal, DEPLOYER, 1, parseEther("400000"));
});

const governance = () => chain.store.entity("Governance", "governance");
const stored = () => chain.store.entity("Proposal", proposal.id.toString());
const operation = () => chain.store.entity("TimelockOperation", proposal.operationId);

describe("queueing", () => {
  it("schedules the operation and links it both ways with the proposal", async () => {
    await queue(chain, proposal);
    const tx = chain.logs.at(-1);
    const salt = toHex((BigInt(GOVERNOR) << 96n) ^ BigInt(keccak256(toHex(proposal.description))), { size: 32 });
    expect(operation()).toEqual({
      id: proposal.operationId,
      timelock: lower(TIMELOCK),
      proposal: proposal.id.toString(),
      status: "Scheduled",
      targets: proposal.targets.map(lower),
      values: ["0", "0"],
      calldatas: proposal.calldatas,
      predecessor: zeroHash,
      salt,
      delay: MIN_DELAY.toString(),
      readyAt: ((tx?.blockTimestamp ?? 0n) + MIN_DELAY).toString(),
      scheduledAtBlock: tx?.blockNumber.toString(),
      scheduledAtTimestamp: tx?.blockTimestamp.toString(),
      scheduledAtTransaction: tx?.transactionHash,
    });
    expect(stored()).toMatchObject({
      state: "Queued",
      eta: ((tx?.blockTimestamp ?? 0n) + MIN_DELAY).toString(),
      queuedAtBlock: tx?.blockNumber.toString(),
      queuedAtTransaction: tx?.transactionHash,
      timelockOperation: proposal.operationId,
      quorum: parseEther("32000").toString(),
    });
    expect(chain.store.entity("Timelock", lower(TIMELOCK))).toMatchObject({
      lastScheduledOperation: proposal.operationId,
      lastScheduledTransaction: tx?.transactionHash,
    });
    expect(governance()).toMatchObject({ queuedProposalCount: 1 });
    expect(chain.warnings).toEqual([]);
  });

  it("falls back to the operation scheduled in the same transaction when the computed id is not found", async () => {
    // What a description that is not valid UTF-8 does: the hash of the decoded text is not the one the governor used.
    const tx = chain.tx(proposal.voteEnd + 1n);
    const actual = keccak256(toHex("the operation id the timelock computed"));
    await schedule(tx, actual, proposal, keccak256(toHex("salt")));
    await tx.emit("CommonsGovernor", "ProposalQueued", {
      proposalId: proposal.id,
      etaSeconds: tx.timestamp + MIN_DELAY,
    });
    expect(stored()).toMatchObject({ timelockOperation: actual, state: "Queued" });
    expect(chain.store.entity("TimelockOperation", actual)).toMatchObject({ proposal: proposal.id.toString() });
    expect(chain.warnings).toEqual([
      `proposal ${proposal.id}: computed timelock operation ${proposal.operationId} not found, using ${actual} from the same transaction`,
    ]);
  });

  it("links to the computed id even when no operation was indexed, with a warning", async () => {
    await chain.tx(proposal.voteEnd + 1n).emit("CommonsGovernor", "ProposalQueued", {
      proposalId: proposal.id,
      etaSeconds: 1n,
    });
    expect(stored()).toMatchObject({ timelockOperation: proposal.operationId });
    expect(chain.warnings).toEqual([
      `proposal ${proposal.id}: timelock operation ${proposal.operationId} was not indexed`,
    ]);
  });
});

describe("execution", () => {
  beforeEach(async () => {
    await queue(chain, proposal);
  });

  it("through the governor: CallExecuted for each call, then ProposalExecuted", async () => {
    await execute(chain, proposal);
    const tx = chain.logs.at(-1);
    expect(operation()).toMatchObject({
      status: "Executed",
      executedAtBlock: tx?.blockNumber.toString(),
      executedAtTimestamp: tx?.blockTimestamp.toString(),
      executedAtTransaction: tx?.transactionHash,
    });
    expect(stored()).toMatchObject({
      state: "Executed",
      executedOnTimelock: false,
      canceledOnTimelock: false,
      executedAtBlock: tx?.blockNumber.toString(),
      executedAtTransaction: tx?.transactionHash,
    });
    expect(governance()).toMatchObject({ queuedProposalCount: 1, executedProposalCount: 1 });
  });

  it("on the timelock directly, by an executor: no ProposalExecuted", async () => {
    await execute(chain, proposal, { onTimelock: true });
    expect(stored()).toMatchObject({ state: "Executed", executedOnTimelock: true });
    expect(governance()).toMatchObject({ executedProposalCount: 1 });
  });
});

describe("cancellation", () => {
  beforeEach(async () => {
    await queue(chain, proposal);
  });

  it("on the timelock directly, by a canceller: the proposal is Canceled on the timelock", async () => {
    const tx = chain.tx();
    await tx.emit("TimelockController", "Cancelled", { id: proposal.operationId });
    expect(operation()).toMatchObject({ status: "Canceled", canceledAtTransaction: tx.hash });
    expect(stored()).toMatchObject({
      state: "Canceled",
      canceledOnTimelock: true,
      canceledAtBlock: tx.blockNumber.toString(),
      canceledAtTimestamp: tx.timestamp.toString(),
      canceledAtTransaction: tx.hash,
    });
    expect(governance()).toMatchObject({ canceledProposalCount: 1 });
  });

  it("by the guardian through the governor: ProposalCanceled, then the timelock's Cancelled", async () => {
    const tx = chain.tx();
    await tx.emit("CommonsGovernor", "ProposalCanceled", { proposalId: proposal.id });
    await tx.emit("TimelockController", "Cancelled", { id: proposal.operationId });
    expect(stored()).toMatchObject({ state: "Canceled", canceledOnTimelock: false, canceledAtTransaction: tx.hash });
    expect(operation()).toMatchObject({ status: "Canceled" });
    expect(governance()).toMatchObject({ canceledProposalCount: 1 });
  });

  it("a canceled operation scheduled again starts over, without its proposal", async () => {
    await chain.tx().emit("TimelockController", "Cancelled", { id: proposal.operationId });
    const tx = chain.tx();
    await schedule(tx, proposal.operationId, { ...proposal, targets: proposal.targets.slice(0, 1) }, zeroHash);
    expect(operation()).toMatchObject({
      status: "Scheduled",
      targets: [lower(POLICY_REGISTRY)],
      salt: zeroHash,
      scheduledAtTransaction: tx.hash,
    });
    expect(operation()?.proposal).toBeUndefined();
    expect(operation()?.canceledAtBlock).toBeUndefined();
  });
});

describe("operations of anyone else", () => {
  it("are indexed without a proposal; unknown ids are logged", async () => {
    const id = keccak256(toHex("an operation of the guardian"));
    const calls = { targets: [ALICE as Address], values: [5n], calldatas: ["0x" as const] };
    await schedule(chain.tx(), id, calls, zeroHash);
    await chain
      .tx()
      .emit("TimelockController", "CallExecuted", { id, index: 0n, target: ALICE, value: 5n, data: "0x" });
    expect(chain.store.entity("TimelockOperation", id)).toMatchObject({ status: "Executed", values: ["5"] });
    expect(chain.store.entity("TimelockOperation", id)?.proposal).toBeUndefined();

    const unknown = keccak256(toHex("unknown"));
    await chain.tx().emit("TimelockController", "Cancelled", { id: unknown });
    await chain.tx().emit("TimelockController", "CallSalt", { id: unknown, salt: zeroHash });
    expect(chain.warnings).toEqual([`Cancelled for unknown operation ${unknown}`]);
    expect(chain.store.entity("TimelockOperation", unknown)).toBeUndefined();
  });
});

describe("the timelock itself", () => {
  it("records role changes with their names, and the minimum delay", async () => {
    const tx = chain.tx();
    await tx.emit("TimelockController", "RoleGranted", {
      role: keccak256(toHex("EXECUTOR_ROLE")),
      account: GUARDIAN,
      sender: TIMELOCK,
    });
    await tx.emit("TimelockController", "RoleRevoked", {
      role: keccak256(toHex("MINTER_ROLE")),
      account: GUARDIAN,
      sender: TIMELOCK,
    });
    await tx.emit("TimelockController", "MinDelayChange", { oldDuration: MIN_DELAY, newDuration: 3_600n });
    const changes = chain.store.all("TimelockRoleChange").slice(-2);
    expect(changes[0]).toEqual({
      id: `${tx.hash}00000000`,
      timelock: lower(TIMELOCK),
      role: keccak256(toHex("EXECUTOR_ROLE")),
      roleName: "EXECUTOR_ROLE",
      account: lower(GUARDIAN),
      sender: lower(TIMELOCK),
      granted: true,
      blockNumber: tx.blockNumber.toString(),
      timestamp: tx.timestamp.toString(),
      transactionHash: tx.hash,
    });
    expect(changes[1]).toMatchObject({ granted: false, id: `${tx.hash}01000000` });
    expect(changes[1]?.roleName).toBeUndefined();
    expect(chain.store.entity("Timelock", lower(TIMELOCK))).toMatchObject({ minDelay: "3600" });
    // The deployment's role changes, named.
    expect(chain.store.all("TimelockRoleChange").map((c) => c.roleName ?? "?")).toEqual([
      "DEFAULT_ADMIN_ROLE",
      "DEFAULT_ADMIN_ROLE",
      "PROPOSER_ROLE",
      "CANCELLER_ROLE",
      "EXECUTOR_ROLE",
      "DEFAULT_ADMIN_ROLE",
      "EXECUTOR_ROLE",
      "?",
    ]);
  });

  it("a timelock the governor moves to is indexed from then on; its earlier logs and other timelocks' are not", async () => {
    const next: Address = "0x0165878a594ca255338adfa4d48449f69242eb8f";
    const other: Address = "0xa513e6e4b8f2a923d98304ec87f64353c4d5c853";
    await chain.tx().emit("TimelockController", "MinDelayChange", { oldDuration: 0n, newDuration: 60n }, next);
    await chain.tx().emit("TimelockController", "MinDelayChange", { oldDuration: 0n, newDuration: 60n }, other);
    expect(chain.store.entity("Timelock", next)).toBeUndefined();
    expect(chain.store.entity("Timelock", other)).toBeUndefined();

    chain.reader.minDelays.set(next, 60n);
    await chain.tx().emit("CommonsGovernor", "TimelockChange", { oldTimelock: TIMELOCK, newTimelock: next });
    const tx = chain.tx();
    const id = keccak256(toHex("an operation on the new timelock"));
    await schedule(tx, id, { targets: [GOVERNOR], values: [0n], calldatas: ["0x"] }, zeroHash, next);
    await tx.emit("TimelockController", "MinDelayChange", { oldDuration: 60n, newDuration: 120n }, next);
    expect(chain.store.entity("Timelock", next)).toMatchObject({
      current: true,
      minDelay: "120",
      lastScheduledOperation: id,
    });
    expect(chain.store.entity("TimelockOperation", id)).toMatchObject({ timelock: next });
    expect(chain.store.entity("Timelock", lower(TIMELOCK))).toMatchObject({ current: false });
  });
});
