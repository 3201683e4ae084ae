// The CommonsGovernor handlers: settings, proposals and their decoded actions, votes, extensions, cancellation and the
// move to another timelock.
import { beforeEach, describe, expect, it } from "@jest/globals";
import { type Address, encodeFunctionData, type Hex, keccak256, pad, parseEther, toHex, zeroAddress } from "viem";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../../generated/contracts.js";
import { modelVersion, policy, TARGET } from "../../fixtures/calldata-vectors.js";
import { TestChain } from "./helpers/chain.js";
import {
  ALICE,
  BOB,
  DEPLOYER,
  delegateToSelf,
  deploy,
  GOVERNOR,
  GUARDIAN,
  MIN_DELAY,
  MODEL_REGISTRY,
  POLICY_REGISTRY,
  propose,
  type TestProposal,
  TIMELOCK,
  TOKEN,
  VOTING_DELAY,
  VOTING_PERIOD,
  vote,
} from "./helpers/scenario.js";

const lower = (value: string) => value.toLowerCase();
/** ProposalAction id: proposalId (32 bytes) ++ index (4 bytes, little-endian as graph-ts' concatI32). */
const actionId = (proposalId: bigint, index: number) =>
  `${pad(toHex(proposalId))}${index.toString(16).padStart(2, "0")}000000`;

let chain: TestChain;
beforeEach(async () => {
  chain = new TestChain();
  await deploy(chain);
  await delegateToSelf(chain, DEPLOYER, parseEther("400000"));
  await delegateToSelf(chain, ALICE, parseEther("300000"));
  await delegateToSelf(chain, BOB, parseEther("100000"));
});

describe("settings", () => {
  it("the constructor's events fill Governance and are each recorded", () => {
    expect(chain.store.entity("Governance", "governance")).toEqual({
      id: "governance",
      governor: lower(GOVERNOR),
      token: lower(TOKEN),
      timelock: lower(TIMELOCK),
      modelRegistry: lower(MODEL_REGISTRY),
      usagePolicyRegistry: lower(POLICY_REGISTRY),
      modelRegistryOwner: lower(TIMELOCK),
      usagePolicyRegistryOwner: lower(TIMELOCK),
      votingDelay: VOTING_DELAY.toString(),
      votingPeriod: VOTING_PERIOD.toString(),
      proposalThreshold: (10n ** 21n).toString(),
      quorumNumerator: "4",
      lateQuorumVoteExtension: "86400",
      executionGracePeriod: "1209600",
      proposalGuardian: lower(GUARDIAN),
      proposalCount: 0,
      queuedProposalCount: 0,
      executedProposalCount: 0,
      canceledProposalCount: 0,
      voteCount: 0,
      voterCount: 0,
      delegateCount: 3,
      delegatorCount: 3,
      totalVotingPower: parseEther("800000").toString(),
      modelCount: 0,
      modelVersionCount: 0,
      approvedModelVersionCount: 0,
      deprecatedModelVersionCount: 0,
      revokedModelVersionCount: 0,
      policyCount: 1,
      activePolicy: "1",
    });
    const changes = chain.store.all("GovernanceSettingChange");
    expect(changes.map((c) => [c.setting, c.oldValue, c.newValue])).toEqual([
      ["votingDelay", "0", "86400"],
      ["votingPeriod", "0", "604800"],
      ["proposalThreshold", "0", (10n ** 21n).toString()],
      ["quorumNumerator", "0", "4"],
      ["timelock", zeroAddress, lower(TIMELOCK)],
      ["lateQuorumVoteExtension", "0", "86400"],
      ["executionGracePeriod", "0", "1209600"],
      ["proposalGuardian", zeroAddress, lower(GUARDIAN)],
    ]);
    // Transaction hash ++ log index (4 bytes, little-endian).
    const governorTx = chain.logs.find((l) => l.contract === "CommonsGovernor")?.transactionHash ?? "0x";
    expect(changes[1]).toMatchObject({ id: `${governorTx}01000000`, blockNumber: "2", transactionHash: governorTx });
    expect(chain.store.entity("Timelock", lower(TIMELOCK))).toEqual({
      id: lower(TIMELOCK),
      minDelay: MIN_DELAY.toString(),
      current: true,
    });
  });

  it("a later change sets the new value", async () => {
    await chain
      .tx()
      .emit("CommonsGovernor", "QuorumNumeratorUpdated", { oldQuorumNumerator: 4n, newQuorumNumerator: 10n });
    await chain.tx().emit("CommonsGovernor", "ProposalGuardianSet", {
      oldProposalGuardian: GUARDIAN,
      newProposalGuardian: zeroAddress,
    });
    expect(chain.store.entity("Governance", "governance")).toMatchObject({ quorumNumerator: "10" });
    // The zero address is stored, as the subgraph stores it.
    expect(chain.store.entity("Governance", "governance")?.proposalGuardian).toBe(zeroAddress);
  });
});

describe("a proposal", () => {
  const calls: { target: Address; data: Hex; value?: bigint }[] = [
    {
      target: MODEL_REGISTRY,
      data: encodeFunctionData({ abi: modelRegistryAbi, functionName: "approveModelVersion", args: [modelVersion] }),
    },
    {
      target: POLICY_REGISTRY,
      data: encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "publishPolicy", args: [policy] }),
    },
    {
      target: POLICY_REGISTRY,
      data: encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [2n] }),
    },
    {
      target: TIMELOCK,
      data: encodeFunctionData({
        abi: timelockControllerAbi,
        functionName: "grantRole",
        args: [keccak256(toHex("CANCELLER_ROLE")), GUARDIAN],
      }),
    },
    {
      target: GOVERNOR,
      data: encodeFunctionData({ abi: commonsGovernorAbi, functionName: "updateQuorumNumerator", args: [5n] }),
    },
    {
      target: TOKEN,
      data: encodeFunctionData({ abi: governanceTokenAbi, functionName: "transfer", args: [BOB, 10n] }),
    },
    { target: BOB, data: "0x", value: 10n ** 18n },
    // A registry function sent elsewhere, and malformed calldata for the registry.
    { target: TARGET, data: encodeFunctionData({ abi: modelRegistryAbi, functionName: "renounceOwnership" }) },
    {
      target: MODEL_REGISTRY,
      data: encodeFunctionData({
        abi: modelRegistryAbi,
        functionName: "deprecateModelVersion",
        args: ["commons-chat", "1.0.0"],
      }).slice(0, 74) as Hex,
    },
  ];
  const description = "# Approve commons-chat 1.1.0\n\nAnd publish usage policy v2.";
  let proposal: TestProposal;

  beforeEach(async () => {
    proposal = await propose(chain, calls, description);
  });

  it("is stored Pending with its calls, title and description hash", () => {
    const tx = chain.logs.at(-1);
    expect(chain.store.entity("Proposal", proposal.id.toString())).toEqual({
      id: proposal.id.toString(),
      proposalId: proposal.id.toString(),
      proposer: lower(ALICE),
      targets: calls.map((c) => lower(c.target)),
      values: calls.map((c) => (c.value ?? 0n).toString()),
      calldatas: calls.map((c) => c.data),
      description,
      title: "Approve commons-chat 1.1.0",
      descriptionHash: keccak256(toHex(description)),
      actionCount: calls.length,
      voteStart: proposal.voteStart.toString(),
      voteEnd: proposal.voteEnd.toString(),
      originalVoteEnd: proposal.voteEnd.toString(),
      forVotes: "0",
      againstVotes: "0",
      abstainVotes: "0",
      voteCount: 0,
      state: "Pending",
      canceledOnTimelock: false,
      executedOnTimelock: false,
      createdAtBlock: tx?.blockNumber.toString(),
      createdAtTimestamp: tx?.blockTimestamp.toString(),
      createdAtTransaction: tx?.transactionHash,
      updatedAtTimestamp: tx?.blockTimestamp.toString(),
    });
    expect(chain.store.entity("Delegate", lower(ALICE))).toMatchObject({ proposalCount: 1 });
    expect(chain.store.entity("Governance", "governance")).toMatchObject({ proposalCount: 1 });
  });

  it("decodes an approval into a ProposalAction pointing at its model and version", () => {
    expect(chain.store.entity("ProposalAction", actionId(proposal.id, 0))).toEqual({
      id: actionId(proposal.id, 0),
      proposal: proposal.id.toString(),
      index: 0,
      target: lower(MODEL_REGISTRY),
      value: "0",
      calldata: calls[0]?.data,
      contract: "ModelRegistry",
      selector: calls[0]?.data.slice(0, 10),
      signature: "approveModelVersion((string,string,bytes32,string,string,string,bytes32))",
      kind: "ApproveModelVersion",
      decoded: true,
      summary: "approve commons-chat 1.1.0",
      modelId: "commons-chat",
      version: "1.1.0",
      model: keccak256(toHex("commons-chat")),
      modelVersion: keccak256(
        `0x${"40".padStart(64, "0")}${"80".padStart(64, "0")}${"0c".padStart(64, "0")}${toHex("commons-chat").slice(2).padEnd(64, "0")}${"05".padStart(64, "0")}${toHex("1.1.0").slice(2).padEnd(64, "0")}`,
      ),
      hash: modelVersion.weightsHash,
      task: "text-generation",
      uri: "file://models/commons-chat/1.1.0",
      license: "apache-2.0",
      metadataHash: modelVersion.metadataHash,
    });
  });

  it("decodes a publishPolicy action with its ProposedUsagePolicy", () => {
    const id = actionId(proposal.id, 1);
    expect(chain.store.entity("ProposalAction", id)).toMatchObject({
      kind: "PublishPolicy",
      contract: "UsagePolicyRegistry",
      decoded: true,
      hash: policy.contentHash,
      uri: policy.textUri,
      proposedPolicy: id,
      summary: "publish a usage policy (docs/policies/v2.md)",
    });
    expect(chain.store.entity("ProposedUsagePolicy", id)).toEqual({
      id,
      action: id,
      minVotingPower: policy.minVotingPower.toString(),
      quotaPeriod: "86400",
      requestQuota: "200",
      tokenQuota: "200000",
      maxInputTokens: "2048",
      maxOutputTokens: "512",
      allowedModels: ["commons-chat", "commons-code"],
      redactCategories: 8191,
      scanAnswers: true,
      restoreOriginals: false,
      promptInjection: "Refuse",
      retentionSeconds: "3600",
      contentHash: policy.contentHash,
      textUri: "docs/policies/v2.md",
    });
  });

  it("decodes the other calls by their target", () => {
    const action = (index: number) => chain.store.entity("ProposalAction", actionId(proposal.id, index));
    expect(action(2)).toMatchObject({ kind: "ActivatePolicy", policyVersion: "2", policy: "2" });
    expect(action(3)).toMatchObject({
      kind: "GrantRole",
      contract: "TimelockController",
      role: keccak256(toHex("CANCELLER_ROLE")),
      roleName: "CANCELLER_ROLE",
      account: lower(GUARDIAN),
    });
    expect(action(4)).toMatchObject({ kind: "UpdateQuorumNumerator", contract: "CommonsGovernor", amount: "5" });
    expect(action(5)).toMatchObject({ kind: "TokenTransfer", contract: "GovernanceToken", account: lower(BOB) });
    expect(action(6)).toEqual({
      id: actionId(proposal.id, 6),
      proposal: proposal.id.toString(),
      index: 6,
      target: lower(BOB),
      value: (10n ** 18n).toString(),
      calldata: "0x",
      kind: "NativeTransfer",
      decoded: true,
      summary: `send 1000000000000000000 wei to ${lower(BOB)}`,
    });
    expect(action(7)).toMatchObject({ kind: "Unknown", decoded: false, selector: "0x715018a6" });
    expect(action(7)?.contract).toBeUndefined();
    expect(action(7)?.signature).toBeUndefined();
    const malformed = action(8);
    expect(malformed).toMatchObject({ kind: "DeprecateModelVersion", decoded: false });
    expect(malformed?.modelId).toBeUndefined();
    expect(malformed?.model).toBeUndefined();
  });

  it("counts votes by support, turns Active at the first vote and reads the quorum once after the snapshot", async () => {
    chain.reader.quorums.set(proposal.voteStart, parseEther("32000"));
    await vote(chain, proposal, DEPLOYER, 1, parseEther("400000"), { reason: "for\u0000 the people" });
    await vote(chain, proposal, ALICE, 0, parseEther("300000"));
    await vote(chain, proposal, BOB, 2, parseEther("100000"), { reason: "abstain", params: "0x1234" });
    expect(chain.store.entity("Proposal", proposal.id.toString())).toMatchObject({
      state: "Active",
      forVotes: parseEther("400000").toString(),
      againstVotes: parseEther("300000").toString(),
      abstainVotes: parseEther("100000").toString(),
      voteCount: 3,
      quorum: parseEther("32000").toString(),
      updatedAtTimestamp: chain.timestamp.toString(),
    });
    expect(chain.reader.calls.filter((c) => c.startsWith("quorum"))).toHaveLength(1);

    const voteId = `${pad(toHex(proposal.id))}${lower(DEPLOYER).slice(2)}`;
    const first = chain.logs.at(-3);
    expect(chain.store.entity("Vote", voteId)).toEqual({
      id: voteId,
      proposal: proposal.id.toString(),
      voter: lower(DEPLOYER),
      support: "For",
      weight: parseEther("400000").toString(),
      reason: "for the people",
      blockNumber: first?.blockNumber.toString(),
      timestamp: first?.blockTimestamp.toString(),
      transactionHash: first?.transactionHash,
    });
    expect(chain.store.entity("Vote", `${pad(toHex(proposal.id))}${lower(BOB).slice(2)}`)).toMatchObject({
      support: "Abstain",
      params: "0x1234",
    });
    expect(chain.store.entity("Delegate", lower(ALICE))).toMatchObject({ voteCount: 1, proposalCount: 1 });
    expect(chain.store.entity("Governance", "governance")).toMatchObject({ voteCount: 3, voterCount: 3 });

    // A second proposal: the same voters are not counted again.
    const second = await propose(chain, [calls[2] as (typeof calls)[number]], "Activate policy 2");
    await vote(chain, second, ALICE, 1, parseEther("300000"));
    expect(chain.store.entity("Governance", "governance")).toMatchObject({ voteCount: 4, voterCount: 3 });
  });

  it("a vote reads three entities (proposal, governance, voter) and writes four", async () => {
    chain.reader.quorums.set(proposal.voteStart, 1n);
    await vote(chain, proposal, DEPLOYER, 1, 1n);
    const { reads, writes } = chain.store;
    await vote(chain, proposal, ALICE, 1, 1n);
    expect([chain.store.reads - reads, chain.store.writes - writes]).toEqual([3, 4]);
  });

  it("a reverted quorum read leaves the quorum null until the next event", async () => {
    await vote(chain, proposal, ALICE, 1, parseEther("300000"));
    expect(chain.store.entity("Proposal", proposal.id.toString())?.quorum).toBeUndefined();
    chain.reader.quorums.set(proposal.voteStart, 7n);
    await vote(chain, proposal, BOB, 1, parseEther("100000"));
    expect(chain.store.entity("Proposal", proposal.id.toString())?.quorum).toBe("7");
  });

  it("a failing chain read fails the log, to be indexed again", async () => {
    chain.reader.failure = new Error("connection refused");
    await expect(vote(chain, proposal, ALICE, 1, 1n)).rejects.toThrow("connection refused");
  });

  it("a vote with an unknown support, or on an unknown proposal, is logged and ignored", async () => {
    await vote(chain, proposal, ALICE, 3, 1n);
    await vote(chain, { ...proposal, id: 1n }, ALICE, 1, 1n);
    expect(chain.warnings).toEqual([
      `error: vote with unknown support 3 on proposal ${proposal.id}`,
      "VoteCast for unknown proposal 1",
    ]);
    expect(chain.store.all("Vote")).toEqual([]);
    expect(chain.store.entity("Governance", "governance")).toMatchObject({ voteCount: 0 });
  });

  it("ProposalExtended moves the deadline, not the original one", async () => {
    const extended = proposal.voteEnd + 86_400n;
    await chain.tx(proposal.voteStart - 10n).emit("CommonsGovernor", "ProposalExtended", {
      proposalId: proposal.id,
      extendedDeadline: extended,
    });
    expect(chain.store.entity("Proposal", proposal.id.toString())).toMatchObject({
      voteEnd: extended.toString(),
      originalVoteEnd: proposal.voteEnd.toString(),
      state: "Pending",
    });
    expect(chain.reader.calls).toEqual([]); // before the snapshot: no read
  });

  it("a proposal canceled by its proposer is Canceled for good", async () => {
    const tx = chain.tx();
    await tx.emit("CommonsGovernor", "ProposalCanceled", { proposalId: proposal.id });
    await vote(chain, proposal, ALICE, 1, 1n); // cannot happen on chain; changes no state
    expect(chain.store.entity("Proposal", proposal.id.toString())).toMatchObject({
      state: "Canceled",
      canceledAtBlock: tx.blockNumber.toString(),
      canceledAtTimestamp: tx.timestamp.toString(),
      canceledAtTransaction: tx.hash,
    });
    expect(chain.store.entity("Governance", "governance")).toMatchObject({ canceledProposalCount: 1 });
  });

  it("the governor's token comes from the deployment when no token event was indexed yet", async () => {
    const fresh = new TestChain();
    await propose(fresh, [{ target: TOKEN, data: calls[5]?.data ?? "0x" }], "Pay Bob");
    expect(fresh.store.entity("Governance", "governance")).toMatchObject({
      governor: lower(GOVERNOR),
      token: lower(TOKEN),
      proposalCount: 1,
    });
    // The timelock and the registries were not announced yet: their calls are not decoded.
    expect(fresh.store.all("ProposalAction")[0]).toMatchObject({ kind: "TokenTransfer", contract: "GovernanceToken" });
  });
});

describe("moving to another timelock", () => {
  const NEW_TIMELOCK: Address = "0x0165878A594ca255338adfa4d48449f69242Eb8F";

  it("marks the old one, reads the new one's minimum delay, and records the change", async () => {
    chain.reader.minDelays.set(lower(NEW_TIMELOCK), 3_600n);
    const tx = chain.tx();
    await tx.emit("CommonsGovernor", "TimelockChange", { oldTimelock: TIMELOCK, newTimelock: NEW_TIMELOCK });
    expect(chain.store.entity("Timelock", lower(TIMELOCK))).toMatchObject({ current: false });
    expect(chain.store.entity("Timelock", lower(NEW_TIMELOCK))).toEqual({
      id: lower(NEW_TIMELOCK),
      minDelay: "3600",
      current: true,
    });
    expect(chain.reader.calls).toEqual([`getMinDelay(${lower(NEW_TIMELOCK)})@${tx.blockNumber}`]);
    expect(chain.store.entity("Governance", "governance")).toMatchObject({ timelock: lower(NEW_TIMELOCK) });
    expect(chain.store.all("GovernanceSettingChange").at(-1)).toMatchObject({
      setting: "timelock",
      oldValue: lower(TIMELOCK),
      newValue: lower(NEW_TIMELOCK),
    });

    // Back to the deployed timelock: indexed already, nothing read.
    await chain.tx().emit("CommonsGovernor", "TimelockChange", { oldTimelock: NEW_TIMELOCK, newTimelock: TIMELOCK });
    expect(chain.reader.calls).toHaveLength(1);
    expect(chain.store.entity("Timelock", lower(TIMELOCK))).toMatchObject({ current: true, minDelay: "172800" });
    expect(chain.store.entity("Timelock", lower(NEW_TIMELOCK))).toMatchObject({ current: false });
  });

  it("a timelock whose getMinDelay reverts keeps a zero delay", async () => {
    await chain.tx().emit("CommonsGovernor", "TimelockChange", { oldTimelock: TIMELOCK, newTimelock: NEW_TIMELOCK });
    expect(chain.store.entity("Timelock", lower(NEW_TIMELOCK))).toMatchObject({ minDelay: "0", current: true });
  });

  it("a change to the same timelock leaves it current", async () => {
    await chain.tx().emit("CommonsGovernor", "TimelockChange", { oldTimelock: TIMELOCK, newTimelock: TIMELOCK });
    expect(chain.store.entity("Timelock", lower(TIMELOCK))).toMatchObject({ current: true });
  });
});
