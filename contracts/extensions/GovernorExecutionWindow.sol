// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/**
 * @title GovernorExecutionWindow
 * @notice Extension of {Governor} that gives a queued proposal a limited window to be executed: once
 * `proposalEta + executionGracePeriod` has passed, the proposal is `Expired` and can no longer be executed.
 *
 * Without it, a proposal queued in a {TimelockController} stays executable forever, so a forgotten proposal (say,
 * approving a model version the community has since learned is unsafe) could be executed months later by surprise.
 * This brings back the grace period of Compound's timelock to OpenZeppelin's {GovernorTimelockControl}, and with it
 * the standard `Expired` state that governance tooling already displays.
 *
 * NOTE: An expired proposal's operation stays pending in the timelock, where only the governor may execute it; the
 * governor refuses to. Expired is final.
 */
abstract contract GovernorExecutionWindow is Governor {
    uint48 private _executionGracePeriod;

    /// @notice The execution grace period changed.
    event ExecutionGracePeriodSet(uint48 oldGracePeriod, uint48 newGracePeriod);

    /// @dev The grace period must be at least one second.
    error GovernorInvalidExecutionGracePeriod(uint48 gracePeriod);

    /// @param initialGracePeriod Seconds after a proposal's ETA during which it may be executed.
    constructor(uint48 initialGracePeriod) {
        _setExecutionGracePeriod(initialGracePeriod);
    }

    /// @notice Seconds after a queued proposal's ETA during which it may be executed; after that it is Expired.
    function executionGracePeriod() public view virtual returns (uint48) {
        return _executionGracePeriod;
    }

    /**
     * @notice Changes the execution grace period. Only through a governance proposal.
     * @param newGracePeriod Seconds, at least 1.
     *
     * Emits {ExecutionGracePeriodSet}.
     */
    function setExecutionGracePeriod(uint48 newGracePeriod) public virtual onlyGovernance {
        _setExecutionGracePeriod(newGracePeriod);
    }

    /**
     * @notice A queued proposal whose execution window has passed is `Expired`; every other state is unchanged.
     * @dev The window is measured on the governor's clock, like the proposal's ETA.
     */
    function state(uint256 proposalId) public view virtual override returns (ProposalState) {
        ProposalState current = super.state(proposalId);
        if (current == ProposalState.Queued && clock() >= proposalEta(proposalId) + _executionGracePeriod) {
            return ProposalState.Expired;
        }
        return current;
    }

    function _setExecutionGracePeriod(uint48 newGracePeriod) internal virtual {
        if (newGracePeriod == 0) revert GovernorInvalidExecutionGracePeriod(newGracePeriod);
        emit ExecutionGracePeriodSet(_executionGracePeriod, newGracePeriod);
        _executionGracePeriod = newGracePeriod;
    }
}
