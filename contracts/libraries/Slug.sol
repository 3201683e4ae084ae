// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title Slug
 * @notice Validates short lowercase names such as model ids (`commons-chat`) and tasks (`text-generation`).
 *
 * A slug is 1 to `maxLength` bytes of `a-z`, `0-9`, `-`, `.` and `_`, starting and ending with a letter or a digit.
 * The rule is strict on purpose: names are compared byte for byte on chain and in every indexer, so `Commons-Chat`
 * and `commons-chat` must not both be possible.
 */
library Slug {
    /// @notice Returns whether `value` is a slug of at most `maxLength` bytes.
    function isValid(string memory value, uint256 maxLength) internal pure returns (bool) {
        bytes memory b = bytes(value);
        if (b.length == 0 || b.length > maxLength) return false;
        if (!_isAlphanumeric(b[0]) || !_isAlphanumeric(b[b.length - 1])) return false;
        for (uint256 i = 1; i < b.length - 1; ++i) {
            bytes1 c = b[i];
            if (!_isAlphanumeric(c) && c != "-" && c != "." && c != "_") return false;
        }
        return true;
    }

    function _isAlphanumeric(bytes1 c) private pure returns (bool) {
        return (c >= "a" && c <= "z") || (c >= "0" && c <= "9");
    }
}
