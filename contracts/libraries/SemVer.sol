// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title SemVer
 * @notice Validates version strings against Semantic Versioning 2.0.0 (https://semver.org), e.g. `1.0.0`,
 * `1.1.0-rc.1`, `2.0.0+build.7`.
 *
 * `MAJOR.MINOR.PATCH` are non-negative integers without leading zeros; an optional pre-release (`-` then dot-separated
 * identifiers of `0-9A-Za-z-`, numeric ones without leading zeros) and optional build metadata (`+` then
 * dot-separated identifiers of `0-9A-Za-z-`) may follow. A leading `v` is not part of a semantic version.
 */
library SemVer {
    /// @notice Maximum length accepted, in bytes. Longer strings are rejected even when well formed.
    uint256 internal constant MAX_LENGTH = 64;

    /// @notice Returns whether `value` is a valid semantic version of at most {MAX_LENGTH} bytes.
    function isValid(string memory value) internal pure returns (bool) {
        bytes memory b = bytes(value);
        if (b.length == 0 || b.length > MAX_LENGTH) return false;

        uint256 i = 0;
        // MAJOR.MINOR.PATCH
        for (uint256 part = 0; part < 3; ++part) {
            uint256 start = i;
            while (i < b.length && _isDigit(b[i])) ++i;
            if (i == start) return false; // empty number
            if (i - start > 1 && b[start] == "0") return false; // leading zero
            if (part < 2) {
                if (i >= b.length || b[i] != ".") return false;
                ++i;
            }
        }
        if (i == b.length) return true;

        if (b[i] == "-") {
            (bool ok, uint256 next) = _identifiers(b, i + 1, true);
            if (!ok) return false;
            i = next;
            if (i == b.length) return true;
        }
        if (b[i] == "+") {
            (bool ok, uint256 next) = _identifiers(b, i + 1, false);
            return ok && next == b.length;
        }
        return false;
    }

    /**
     * @dev Reads dot-separated identifiers from `start` up to the end, or up to a `+` when reading a pre-release.
     * Returns whether they are valid and where reading stopped. Numeric pre-release identifiers must not have leading
     * zeros; build metadata may not contain a second `+`.
     */
    function _identifiers(
        bytes memory b,
        uint256 start,
        bool preRelease
    ) private pure returns (bool valid, uint256 end) {
        uint256 idStart = start;
        bool numeric = true;
        for (uint256 i = start; i <= b.length; ++i) {
            bool last = i == b.length || b[i] == "+";
            if (last || b[i] == ".") {
                if (i == idStart) return (false, i); // empty identifier
                if (preRelease && numeric && i - idStart > 1 && b[idStart] == "0") return (false, i);
                if (last) return (preRelease || i == b.length, i);
                idStart = i + 1;
                numeric = true;
            } else {
                bool digit = _isDigit(b[i]);
                if (!digit && !_isLetter(b[i]) && b[i] != "-") return (false, i);
                numeric = numeric && digit;
            }
        }
    }

    function _isDigit(bytes1 c) private pure returns (bool) {
        return c >= "0" && c <= "9";
    }

    function _isLetter(bytes1 c) private pure returns (bool) {
        return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
    }
}
