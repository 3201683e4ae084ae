// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

/**
 * @title GovernanceToken
 * @notice The Commons AI votes token. Holders delegate voting power (to themselves or to someone else) to propose and
 * vote in {CommonsGovernor}, and voting power decides who may chat under the active usage policy.
 *
 * The whole supply is minted once, at deployment, to the given recipients: the token has no owner, no minter and no
 * admin, so nobody can inflate it or freeze it later.
 *
 * The clock is the block timestamp (ERC-6372 `mode=timestamp`), so governance periods are in seconds and do not
 * depend on a chain's block time.
 *
 * NOTE: Voting power is only counted once it is delegated. A holder who never called {delegate} has no votes, not even
 * their own; they must delegate to themselves first.
 */
contract GovernanceToken is ERC20, ERC20Permit, ERC20Votes {
    /// @dev The recipients and amounts given to the constructor differ in length.
    error GovernanceTokenInvalidDistribution(uint256 recipients, uint256 amounts);

    /**
     * @param name_ ERC-20 name, also the EIP-712 domain name used by {permit} and {delegateBySig}.
     * @param symbol_ ERC-20 symbol.
     * @param recipients Accounts that receive the initial supply.
     * @param amounts Amount minted to each recipient, in the smallest unit (18 decimals).
     */
    constructor(
        string memory name_,
        string memory symbol_,
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        if (recipients.length != amounts.length) {
            revert GovernanceTokenInvalidDistribution(recipients.length, amounts.length);
        }
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mint(recipients[i], amounts[i]);
        }
    }

    /**
     * @notice The current timepoint of the votes clock: the block timestamp (ERC-6372).
     */
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /**
     * @notice Describes the votes clock, as ERC-6372 asks: `mode=timestamp`.
     */
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
