// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ModelId} from "../libraries/ModelId.sol";
import {SemVer} from "../libraries/SemVer.sol";
import {Slug} from "../libraries/Slug.sol";

/// @notice Test-only: exposes the identifier rules so tests can check many cases with cheap view calls.
contract IdentifiersHarness {
    /// @notice {SemVer-isValid}
    function isSemVer(string calldata value) external pure returns (bool) {
        return SemVer.isValid(value);
    }

    /// @notice {Slug-isValid}
    function isSlug(string calldata value, uint256 maxLength) external pure returns (bool) {
        return Slug.isValid(value, maxLength);
    }

    /// @notice {ModelId-isValid}
    function isModelId(string calldata value) external pure returns (bool) {
        return ModelId.isValid(value);
    }
}
