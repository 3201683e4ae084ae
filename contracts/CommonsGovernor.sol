// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor, Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {GovernorExecutionWindow} from "./extensions/GovernorExecutionWindow.sol";

/**
 * @title CommonsGovernor
 * @notice The Commons AI governor: token holders propose and vote on which model versions may be served and under
 * which usage policy. Successful proposals are queued in and executed by the {TimelockController}, which owns the
 * {ModelRegistry} and the {UsagePolicyRegistry}.
 *
 * It is OpenZeppelin's Governor composed from its standard extensions, so it stays compatible with Tally and other
 * governance tooling (standard events, `COUNTING_MODE`, `castVoteBySig` for relayed gasless votes, ERC-1271 wallets):
 *
 * - {GovernorSettings}: voting delay, voting period and proposal threshold, changeable by governance.
 * - {GovernorCountingSimple}: for, against and abstain; for and abstain count towards quorum.
 * - {GovernorVotes} with {GovernorVotesQuorumFraction}: voting power from the {GovernanceToken} (timestamp clock),
 *   quorum as a fraction of the total supply at the proposal's snapshot.
 * - {GovernorTimelockControl}: execution through the timelock, which is the only executor of governance actions.
 * - {GovernorPreventLateQuorum}: a proposal that reaches quorum late gets its deadline extended, so a last-minute
 *   whale cannot pass it without giving others time to react.
 * - {GovernorProposalGuardian}: a guardian (for example a security council multisig) may cancel a malicious proposal
 *   at any stage; only governance can change the guardian.
 * - {GovernorExecutionWindow} (ours): a queued proposal not executed within the grace period after its ETA expires,
 *   so a forgotten proposal cannot be executed by surprise months later.
 */
contract CommonsGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorPreventLateQuorum,
    GovernorProposalGuardian,
    GovernorExecutionWindow
{
    /// @dev Parameters of the governor, grouped to keep the constructor readable. Durations are in seconds.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumNumerator;
        uint48 lateQuorumVoteExtension;
        uint48 executionGracePeriod;
        address proposalGuardian;
    }

    /**
     * @param token The votes token whose delegated voting power is counted.
     * @param timelock The timelock that queues and executes successful proposals.
     * @param settings Voting delay and period (seconds), proposal threshold (token units), quorum (percent of the total
     * supply), late-quorum extension (seconds), execution grace period (seconds) and the initial proposal guardian (may
     * be zero: then each proposer may cancel their own proposals).
     */
    constructor(
        IVotes token,
        TimelockController timelock,
        Settings memory settings
    )
        Governor("CommonsGovernor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(settings.quorumNumerator)
        GovernorTimelockControl(timelock)
        GovernorPreventLateQuorum(settings.lateQuorumVoteExtension)
        GovernorExecutionWindow(settings.executionGracePeriod)
    {
        _setProposalGuardian(settings.proposalGuardian);
    }

    // The functions below are overrides required by Solidity: each one only resolves the inheritance order.

    /// @inheritdoc IGovernor
    function state(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl, GovernorExecutionWindow) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc IGovernor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc IGovernor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc IGovernor
    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    /// @inheritdoc IGovernor
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
