import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { type Address, encodeFunctionData, type Hex, keccak256, parseEther, toHex, zeroHash } from "viem";
import { genesisPolicy } from "../../ignition/parameters.js";
import { type Commons, deployCommons } from "./helpers/fixture.js";
import {
  actions,
  delegateToSelf,
  endVoting,
  execute,
  modelVersion,
  type Proposal,
  ProposalState,
  passProposal,
  propose,
  queue,
  startVoting,
  Vote,
  type Wallet,
  waitForEta,
} from "./helpers/governance.js";

const connection = await network.create();
const { networkHelpers, viem } = connection;

async function delegatedFixture() {
  const commons = await deployCommons(connection);
  await delegateToSelf(commons);
  return commons;
}

/** EIP-712 signature of a ballot, as a wallet (or a relayer's user) makes it for castVoteBySig. */
async function signBallot(commons: Commons, signer: Wallet, proposalId: bigint, support: number, voter: Address) {
  const nonce = await commons.governor.read.nonces([voter]);
  return signer.signTypedData({
    account: signer.account,
    domain: {
      name: "CommonsGovernor",
      version: "1",
      chainId: await commons.publicClient.getChainId(),
      verifyingContract: commons.governor.address,
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
    message: { proposalId, support, voter, nonce },
  });
}

async function stateOf(commons: Commons, proposal: Proposal) {
  return commons.governor.read.state([proposal.id]);
}

describe("CommonsGovernor", () => {
  describe("approving a model version, end to end", () => {
    it("goes delegate -> propose -> vote (for, against, abstain, reason, signature) -> queue -> execute", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const { governor, modelRegistry, wallets } = commons;
      const input = modelVersion({ version: "1.1.0" });

      const proposal = await propose(
        commons,
        wallets.alice,
        [actions.approveModelVersion(commons, input)],
        "Approve commons-chat 1.1.0",
      );
      assert.equal(await stateOf(commons, proposal), ProposalState.Pending);
      assert.equal((await governor.read.proposalProposer([proposal.id])).toLowerCase(), wallets.alice.account.address);

      await startVoting(connection, commons, proposal);
      assert.equal(await stateOf(commons, proposal), ProposalState.Active);

      // For, with a reason: the deployer (400k).
      await viem.assertions.emitWithArgs(
        governor.write.castVoteWithReason([proposal.id, Vote.For, "Better answers, same size"], {
          account: wallets.deployer.account,
        }),
        governor,
        "VoteCast",
        [wallets.deployer.account.address, proposal.id, Vote.For, parseEther("400000"), "Better answers, same size"],
      );
      // Against: bob (150k). Abstain: carol (150k).
      await governor.write.castVote([proposal.id, Vote.Against], { account: wallets.bob.account });
      await governor.write.castVote([proposal.id, Vote.Abstain], { account: wallets.carol.account });
      // For, by signature: alice signs, an account with no votes relays it and pays the gas.
      const signature = await signBallot(commons, wallets.alice, proposal.id, Vote.For, wallets.alice.account.address);
      await viem.assertions.emitWithArgs(
        governor.write.castVoteBySig([proposal.id, Vote.For, wallets.alice.account.address, signature], {
          account: wallets.outsider.account,
        }),
        governor,
        "VoteCast",
        [wallets.alice.account.address, proposal.id, Vote.For, parseEther("150000"), ""],
      );
      assert.equal(await governor.read.hasVoted([proposal.id, wallets.alice.account.address]), true);
      assert.deepEqual(await governor.read.proposalVotes([proposal.id]), [
        parseEther("150000"),
        parseEther("550000"),
        parseEther("150000"),
      ]);
      // The same signature cannot be replayed: the nonce moved on.
      await viem.assertions.revertWithCustomError(
        governor.write.castVoteBySig([proposal.id, Vote.For, wallets.alice.account.address, signature], {
          account: wallets.outsider.account,
        }),
        governor,
        "GovernorInvalidSignature",
      );

      await endVoting(connection, commons, proposal);
      assert.equal(await stateOf(commons, proposal), ProposalState.Succeeded);
      // Nothing happens to the registry before execution.
      assert.equal(await modelRegistry.read.statusOf(["commons-chat", "1.1.0"]), 0);

      await viem.assertions.emit(queue(commons, proposal), governor, "ProposalQueued");
      assert.equal(await stateOf(commons, proposal), ProposalState.Queued);
      // The timelock makes everyone wait until the ETA.
      await viem.assertions.revertWithCustomError(
        execute(commons, proposal),
        commons.timelock,
        "TimelockUnexpectedOperationState",
      );

      await waitForEta(connection, commons, proposal);
      const executed = execute(commons, proposal);
      await viem.assertions.emitWithArgs(executed, modelRegistry, "ModelVersionApproved", [
        keccak256(toHex("commons-chat")),
        input.weightsHash,
        input.modelId,
        input.version,
        input.task,
        input.uri,
        input.license,
        input.metadataHash,
      ]);
      assert.equal(await stateOf(commons, proposal), ProposalState.Executed);
      const stored = await modelRegistry.read.getModelVersion(["commons-chat", "1.1.0"]);
      assert.equal(stored.status, 1);
      assert.equal(stored.weightsHash, input.weightsHash);
      assert.equal(await modelRegistry.read.isServable([input.weightsHash]), true);
      assert.equal(await modelRegistry.read.defaultVersion(["commons-chat"]), "1.1.0");
    });

    it("counts a vote signed by a smart-contract wallet (ERC-1271)", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const { governor, token, wallets } = commons;
      const wallet = await viem.deployContract("ERC1271WalletMock", [wallets.carol.account.address]);
      await token.write.transfer([wallet.address, parseEther("50000")], { account: wallets.carol.account });
      await wallet.write.execute(
        [token.address, encodeFunctionData({ abi: token.abi, functionName: "delegate", args: [wallet.address] })],
        { account: wallets.carol.account },
      );

      const proposal = await propose(
        commons,
        wallets.alice,
        [actions.approveModelVersion(commons, modelVersion())],
        "Approve commons-chat 1.0.0",
      );
      await startVoting(connection, commons, proposal);

      // A signature by someone other than the wallet's owner is refused.
      const forged = await signBallot(commons, wallets.bob, proposal.id, Vote.For, wallet.address);
      await viem.assertions.revertWithCustomErrorWithArgs(
        governor.write.castVoteBySig([proposal.id, Vote.For, wallet.address, forged], {
          account: wallets.outsider.account,
        }),
        governor,
        "GovernorInvalidSignature",
        [wallet.address],
      );

      // Only its owner can make the wallet act.
      await viem.assertions.revertWithCustomErrorWithArgs(
        wallet.write.execute([token.address, "0x"], { account: wallets.bob.account }),
        wallet,
        "ERC1271WalletMockUnauthorized",
        [wallets.bob.account.address],
      );

      const signature = await signBallot(commons, wallets.carol, proposal.id, Vote.Against, wallet.address);
      await governor.write.castVoteBySig([proposal.id, Vote.Against, wallet.address, signature], {
        account: wallets.outsider.account,
      });
      assert.equal(await governor.read.hasVoted([proposal.id, wallet.address]), true);
      const [against] = await governor.read.proposalVotes([proposal.id]);
      assert.equal(against, parseEther("50000"));
    });
  });

  describe("other governance actions, end to end", () => {
    it("publishes a new usage policy", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const policy = { ...genesisPolicy(), requestQuota: 50, minVotingPower: parseEther("100") };
      const { executionTx } = await passProposal(
        connection,
        commons,
        [actions.publishPolicy(commons, policy)],
        "Policy v2",
      );
      await viem.assertions.emitWithArgs(executionTx, commons.usagePolicyRegistry, "ActivePolicyChanged", [1n, 2n]);
      const [version, active] = await commons.usagePolicyRegistry.read.activePolicy();
      assert.equal(version, 2n);
      assert.equal(active.requestQuota, 50);
      assert.equal(active.minVotingPower, parseEther("100"));
    });

    it("revokes an approved model version", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const input = modelVersion();
      await passProposal(connection, commons, [actions.approveModelVersion(commons, input)], "Approve 1.0.0");
      const { executionTx } = await passProposal(
        connection,
        commons,
        [actions.revokeModelVersion(commons, "commons-chat", "1.0.0", "CVE-2026-0001: leaks its system prompt")],
        "Revoke 1.0.0",
      );
      await viem.assertions.emitWithArgs(executionTx, commons.modelRegistry, "ModelVersionRevoked", [
        keccak256(toHex("commons-chat")),
        input.weightsHash,
        "commons-chat",
        "1.0.0",
        "CVE-2026-0001: leaks its system prompt",
      ]);
      assert.equal(await commons.modelRegistry.read.statusOf(["commons-chat", "1.0.0"]), 3);
      assert.equal(await commons.modelRegistry.read.isServable([input.weightsHash]), false);
      assert.equal(await commons.modelRegistry.read.defaultVersion(["commons-chat"]), "");
    });

    it("approves a second version and makes it the default in one proposal", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      await passProposal(connection, commons, [actions.approveModelVersion(commons, modelVersion())], "Approve 1.0.0");
      assert.equal(await commons.modelRegistry.read.defaultVersion(["commons-chat"]), "1.0.0");
      const next = modelVersion({ version: "1.1.0" });
      const { executionTx } = await passProposal(
        connection,
        commons,
        [actions.approveModelVersion(commons, next), actions.setDefaultVersion(commons, "commons-chat", "1.1.0")],
        "Approve 1.1.0 and make it the default",
      );
      await viem.assertions.emitWithArgs(executionTx, commons.modelRegistry, "DefaultModelVersionSet", [
        keccak256(toHex("commons-chat")),
        "commons-chat",
        "1.1.0",
        next.weightsHash,
      ]);
      assert.equal(await commons.modelRegistry.read.defaultVersion(["commons-chat"]), "1.1.0");
      assert.deepEqual(await commons.modelRegistry.read.versionsOf(["commons-chat"]), ["1.0.0", "1.1.0"]);
    });
  });

  describe("proposals that must change nothing", () => {
    async function pendingApproval(commons: Commons) {
      return propose(
        commons,
        commons.wallets.alice,
        [actions.approveModelVersion(commons, modelVersion())],
        "Approve commons-chat 1.0.0",
      );
    }

    async function assertRegistryUntouched(commons: Commons) {
      assert.equal(await commons.modelRegistry.read.modelCount(), 0n);
      assert.equal(await commons.modelRegistry.read.statusOf(["commons-chat", "1.0.0"]), 0);
    }

    it("a defeated proposal (more against than for) cannot be queued", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const proposal = await pendingApproval(commons);
      await startVoting(connection, commons, proposal);
      await commons.governor.write.castVote([proposal.id, Vote.Against], { account: commons.wallets.deployer.account });
      await commons.governor.write.castVote([proposal.id, Vote.For], { account: commons.wallets.alice.account });
      await endVoting(connection, commons, proposal);
      assert.equal(await stateOf(commons, proposal), ProposalState.Defeated);
      await viem.assertions.revertWithCustomError(
        queue(commons, proposal),
        commons.governor,
        "GovernorUnexpectedProposalState",
      );
      await assertRegistryUntouched(commons);
    });

    it("a proposal below quorum is defeated even with no vote against", async () => {
      const commons = await deployCommons(connection);
      // Only a small holder delegates: 10,000 votes, under the 4% quorum of 1,000,000.
      await commons.token.write.transfer([commons.wallets.outsider.account.address, parseEther("10000")], {
        account: commons.wallets.deployer.account,
      });
      await delegateToSelf(commons, [commons.wallets.outsider, commons.wallets.alice]);
      const proposal = await pendingApproval(commons);
      await startVoting(connection, commons, proposal);
      await commons.governor.write.castVote([proposal.id, Vote.For], { account: commons.wallets.outsider.account });
      await endVoting(connection, commons, proposal);
      assert.equal(await stateOf(commons, proposal), ProposalState.Defeated);
      await assertRegistryUntouched(commons);
    });

    it("the proposer can cancel while the proposal is pending, and nobody can vote on it then", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const proposal = await pendingApproval(commons);
      await viem.assertions.emitWithArgs(
        commons.governor.write.cancel(
          [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
          {
            account: commons.wallets.alice.account,
          },
        ),
        commons.governor,
        "ProposalCanceled",
        [proposal.id],
      );
      assert.equal(await stateOf(commons, proposal), ProposalState.Canceled);
      await startVoting(connection, commons, proposal);
      await viem.assertions.revertWithCustomError(
        commons.governor.write.castVote([proposal.id, Vote.For], { account: commons.wallets.deployer.account }),
        commons.governor,
        "GovernorUnexpectedProposalState",
      );
      await assertRegistryUntouched(commons);
    });

    it("the proposer cannot cancel once voting started, but the guardian can", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const proposal = await pendingApproval(commons);
      await startVoting(connection, commons, proposal);
      const cancelArgs = [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash] as const;
      await viem.assertions.revertWithCustomErrorWithArgs(
        commons.governor.write.cancel(cancelArgs, { account: commons.wallets.alice.account }),
        commons.governor,
        "GovernorUnableToCancel",
        [proposal.id, commons.wallets.alice.account.address],
      );
      await viem.assertions.revertWithCustomError(
        commons.governor.write.cancel(cancelArgs, { account: commons.wallets.outsider.account }),
        commons.governor,
        "GovernorUnableToCancel",
      );
      await commons.governor.write.cancel(cancelArgs, { account: commons.wallets.guardian.account });
      assert.equal(await stateOf(commons, proposal), ProposalState.Canceled);
      await assertRegistryUntouched(commons);
    });

    it("the guardian can cancel a queued proposal, which also cancels its timelock operation", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const proposal = await pendingApproval(commons);
      await startVoting(connection, commons, proposal);
      await commons.governor.write.castVote([proposal.id, Vote.For], { account: commons.wallets.deployer.account });
      await endVoting(connection, commons, proposal);
      await queue(commons, proposal);
      const operationId = await commons.timelock.read.hashOperationBatch([
        proposal.targets,
        proposal.values,
        proposal.calldatas,
        zeroHash,
        salt(commons, proposal),
      ]);
      assert.equal(await commons.timelock.read.isOperationPending([operationId]), true);
      await viem.assertions.emitWithArgs(
        commons.governor.write.cancel(
          [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
          {
            account: commons.wallets.guardian.account,
          },
        ),
        commons.timelock,
        "Cancelled",
        [operationId],
      );
      assert.equal(await stateOf(commons, proposal), ProposalState.Canceled);
      await waitForEta(connection, commons, proposal);
      await viem.assertions.revertWithCustomError(
        execute(commons, proposal),
        commons.governor,
        "GovernorUnexpectedProposalState",
      );
      await assertRegistryUntouched(commons);
    });

    it("a queued proposal not executed within the grace period expires and cannot be executed", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const proposal = await pendingApproval(commons);
      await startVoting(connection, commons, proposal);
      await commons.governor.write.castVote([proposal.id, Vote.For], { account: commons.wallets.deployer.account });
      await endVoting(connection, commons, proposal);
      await queue(commons, proposal);
      const eta = await commons.governor.read.proposalEta([proposal.id]);
      const grace = await commons.governor.read.executionGracePeriod();
      await networkHelpers.time.increaseTo(eta + BigInt(grace) - 2n);
      assert.equal(await stateOf(commons, proposal), ProposalState.Queued);
      await networkHelpers.time.increaseTo(eta + BigInt(grace));
      assert.equal(await stateOf(commons, proposal), ProposalState.Expired);
      await viem.assertions.revertWithCustomError(
        execute(commons, proposal),
        commons.governor,
        "GovernorUnexpectedProposalState",
      );
      await viem.assertions.revertWithCustomError(
        commons.governor.write.cancel(
          [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
          {
            account: commons.wallets.guardian.account,
          },
        ),
        commons.governor,
        "GovernorUnexpectedProposalState",
      );
      await assertRegistryUntouched(commons);
    });
  });

  describe("late quorum", () => {
    it("extends the deadline when quorum is reached in the last moments of the vote", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const proposal = await propose(
        commons,
        commons.wallets.alice,
        [actions.approveModelVersion(commons, modelVersion())],
        "Approve commons-chat 1.0.0",
      );
      const deadline = await commons.governor.read.proposalDeadline([proposal.id]);
      await networkHelpers.time.increaseTo(deadline - 5n);
      await viem.assertions.emit(
        commons.governor.write.castVote([proposal.id, Vote.For], { account: commons.wallets.deployer.account }),
        commons.governor,
        "ProposalExtended",
      );
      const extension = BigInt(commons.parameters.governorSettings.lateQuorumVoteExtension);
      const extended = await commons.governor.read.proposalDeadline([proposal.id]);
      assert.ok(extended > deadline, "the deadline moved");
      assert.ok(extended >= deadline - 5n + extension, "by at least the late-quorum extension");
      await networkHelpers.time.increaseTo(deadline + 1n);
      assert.equal(await stateOf(commons, proposal), ProposalState.Active);
      // Others can still react: bob votes against after the original deadline.
      await commons.governor.write.castVote([proposal.id, Vote.Against], { account: commons.wallets.bob.account });
    });
  });

  describe("settings only governance can change", () => {
    it("changes the proposal guardian and the execution grace period through a proposal", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const { governor, wallets } = commons;
      const { executionTx } = await passProposal(
        connection,
        commons,
        [
          {
            target: governor.address,
            data: encodeFunctionData({
              abi: governor.abi,
              functionName: "setProposalGuardian",
              args: [wallets.carol.account.address],
            }),
          },
          {
            target: governor.address,
            data: encodeFunctionData({ abi: governor.abi, functionName: "setExecutionGracePeriod", args: [3600] }),
          },
        ],
        "Rotate the guardian; shorten the execution window",
      );
      await viem.assertions.emitWithArgs(executionTx, governor, "ProposalGuardianSet", [
        wallets.guardian.account.address,
        wallets.carol.account.address,
      ]);
      await viem.assertions.emitWithArgs(executionTx, governor, "ExecutionGracePeriodSet", [86_400, 3600]);
      assert.equal((await governor.read.proposalGuardian()).toLowerCase(), wallets.carol.account.address);
      assert.equal(await governor.read.executionGracePeriod(), 3600);
    });

    it("refuses guardian and grace-period changes that do not come from governance", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const { governor, wallets } = commons;
      for (const account of [wallets.deployer, wallets.guardian]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          governor.write.setProposalGuardian([account.account.address], { account: account.account }),
          governor,
          "GovernorOnlyExecutor",
          [account.account.address],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          governor.write.setExecutionGracePeriod([1], { account: account.account }),
          governor,
          "GovernorOnlyExecutor",
          [account.account.address],
        );
      }
    });

    it("rejects a zero execution grace period, whether proposed or deployed", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const { governor } = commons;
      const proposal = await propose(
        commons,
        commons.wallets.alice,
        [
          {
            target: governor.address,
            data: encodeFunctionData({ abi: governor.abi, functionName: "setExecutionGracePeriod", args: [0] }),
          },
        ],
        "Zero grace period",
      );
      await startVoting(connection, commons, proposal);
      await governor.write.castVote([proposal.id, Vote.For], { account: commons.wallets.deployer.account });
      await endVoting(connection, commons, proposal);
      await queue(commons, proposal);
      await waitForEta(connection, commons, proposal);
      await viem.assertions.revertWithCustomErrorWithArgs(
        execute(commons, proposal),
        governor,
        "GovernorInvalidExecutionGracePeriod",
        [0],
      );

      const settings = { ...commons.parameters.governorSettings, executionGracePeriod: 0 };
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("CommonsGovernor", [commons.token.address, commons.timelock.address, settings]),
        governor,
        "GovernorInvalidExecutionGracePeriod",
        [0],
      );
    });
  });

  describe("access control", () => {
    it("lets nobody but the timelock change the registries, not even the deployer or the governor's voters", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const { modelRegistry, usagePolicyRegistry, wallets } = commons;
      for (const wallet of Object.values(wallets)) {
        const account = wallet.account;
        await viem.assertions.revertWithCustomErrorWithArgs(
          modelRegistry.write.approveModelVersion([modelVersion()], { account }),
          modelRegistry,
          "OwnableUnauthorizedAccount",
          [account.address],
        );
        await viem.assertions.revertWithCustomErrorWithArgs(
          usagePolicyRegistry.write.publishPolicy([genesisPolicy()], { account }),
          usagePolicyRegistry,
          "OwnableUnauthorizedAccount",
          [account.address],
        );
      }
    });

    it("lets nobody schedule on the timelock directly", async () => {
      const commons = await networkHelpers.loadFixture(delegatedFixture);
      const { timelock, wallets } = commons;
      const action = actions.approveModelVersion(commons, modelVersion());
      await viem.assertions.revertWithCustomError(
        timelock.write.schedule([action.target, 0n, action.data, zeroHash, zeroHash, 60n], {
          account: wallets.deployer.account,
        }),
        timelock,
        "AccessControlUnauthorizedAccount",
      );
    });
  });
});

/** GovernorTimelockControl's salt for a proposal: the governor's address (as bytes20) xor the description hash. */
function salt(commons: Commons, proposal: Proposal): Hex {
  const value = (BigInt(commons.governor.address) << 96n) ^ BigInt(proposal.descriptionHash);
  return `0x${value.toString(16).padStart(64, "0")}`;
}
