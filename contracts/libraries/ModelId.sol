// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Slug} from "./Slug.sol";

/**
 * @title ModelId
 * @notice The one rule for model ids, shared by the {ModelRegistry} and the {UsagePolicyRegistry}: a {Slug} of at
 * most {MAX_LENGTH} bytes, such as `commons-chat`.
 */
library ModelId {
    /// @notice Longest model id, in bytes.
    uint256 internal constant MAX_LENGTH = 64;

    /// @notice Returns whether `modelId` is a valid model id.
    function isValid(string memory modelId) internal pure returns (bool) {
        return Slug.isValid(modelId, MAX_LENGTH);
    }
}
