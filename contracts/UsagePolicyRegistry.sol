// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ModelId} from "./libraries/ModelId.sol";

/**
 * @title UsagePolicyRegistry
 * @notice The DAO's usage policies: who may chat, how much, with which models, and what the privacy guards must do.
 *
 * Policies are numbered from 1 and never change once published; exactly one is active. Publishing a policy makes it
 * active; the DAO can also re-activate an earlier version (a rollback) without publishing it again. The backend
 * follows {ActivePolicyChanged} and applies the new policy within seconds, without a restart.
 *
 * The genesis policy is set at deployment, so members can chat before the first vote; after that only the owner, the
 * DAO's timelock, publishes or activates policies.
 */
contract UsagePolicyRegistry is Ownable {
    /// @notice What the backend does with a prompt that looks like a prompt-injection attempt.
    enum PromptInjectionAction {
        Flag,
        Refuse
    }

    /**
     * @notice A usage policy.
     * @param minVotingPower Voting power (token units, 18 decimals) a member needs at the latest block to chat.
     * @param quotaPeriod Length of a quota period, in seconds (e.g. 86400 for daily quotas).
     * @param requestQuota Chat requests one member may make per period.
     * @param tokenQuota Tokens (prompt plus completion) one member may use per period.
     * @param maxInputTokens Largest prompt accepted, in tokens.
     * @param maxOutputTokens Largest answer generated, in tokens.
     * @param allowedModels Model ids members may use (each must also be servable in the ModelRegistry). Empty means
     * every servable model.
     * @param redactCategories Bitmask of personal-data categories redacted before the model sees a prompt (the
     * `CATEGORY_*` constants).
     * @param scanAnswers Whether answers are scanned and redacted too before the member sees them.
     * @param restoreOriginals Whether redacted values of the member's own prompt may be put back into the answer the
     * member sees (the model never sees them).
     * @param promptInjection What to do with a suspected prompt injection: flag it in the response, or refuse.
     * @param retentionSeconds How long conversations may be kept, encrypted; 0 means nothing is kept.
     * @param contentHash sha256 of the human-readable policy text members agree to.
     * @param textUri Where the human-readable text can be read (may be empty).
     */
    struct UsagePolicy {
        uint256 minVotingPower;
        uint32 quotaPeriod;
        uint32 requestQuota;
        uint64 tokenQuota;
        uint32 maxInputTokens;
        uint32 maxOutputTokens;
        string[] allowedModels;
        uint32 redactCategories;
        bool scanAnswers;
        bool restoreOriginals;
        PromptInjectionAction promptInjection;
        uint64 retentionSeconds;
        bytes32 contentHash;
        string textUri;
    }

    /// @notice Personal-data categories, as bits of {UsagePolicy-redactCategories}.
    uint32 public constant CATEGORY_EMAIL = 1 << 0;
    uint32 public constant CATEGORY_PHONE = 1 << 1;
    uint32 public constant CATEGORY_PAYMENT_CARD = 1 << 2;
    uint32 public constant CATEGORY_IBAN = 1 << 3;
    uint32 public constant CATEGORY_US_SSN = 1 << 4;
    uint32 public constant CATEGORY_IP_ADDRESS = 1 << 5;
    uint32 public constant CATEGORY_STREET_ADDRESS = 1 << 6;
    uint32 public constant CATEGORY_DATE_OF_BIRTH = 1 << 7;
    uint32 public constant CATEGORY_PERSON_NAME = 1 << 8;
    uint32 public constant CATEGORY_CRYPTO_ADDRESS = 1 << 9;
    uint32 public constant CATEGORY_PRIVATE_KEY = 1 << 10;
    uint32 public constant CATEGORY_SEED_PHRASE = 1 << 11;
    uint32 public constant CATEGORY_SECRET = 1 << 12;
    /// @notice Every category above.
    uint32 public constant ALL_CATEGORIES = (1 << 13) - 1;

    /// @notice Most model ids one policy may list.
    uint256 public constant MAX_ALLOWED_MODELS = 32;
    /// @notice Longest retention a policy may set: one year.
    uint64 public constant MAX_RETENTION_SECONDS = 365 days;
    /// @notice Longest text uri, in bytes.
    uint256 public constant MAX_TEXT_URI_LENGTH = 512;

    UsagePolicy[] private _policies;
    uint64[] private _publishedAt;
    uint256 private _activeVersion;

    /// @notice A new policy was published, as `version`.
    event PolicyPublished(uint256 indexed version, UsagePolicy policy);

    /// @notice The active policy changed from `previousVersion` (0 when there was none) to `version`.
    event ActivePolicyChanged(uint256 indexed previousVersion, uint256 indexed version);

    /// @dev The policy text's content hash is zero.
    error UsagePolicyZeroContentHash();

    /// @dev The quota period, request quota and token quota must all be above zero.
    error UsagePolicyInvalidQuota(uint32 quotaPeriod, uint32 requestQuota, uint64 tokenQuota);

    /// @dev Input and output limits must be above zero and together fit in the token quota.
    error UsagePolicyInvalidTokenLimits(uint32 maxInputTokens, uint32 maxOutputTokens, uint64 tokenQuota);

    /// @dev The categories bitmask has bits outside {ALL_CATEGORIES}.
    error UsagePolicyUnknownCategories(uint32 redactCategories);

    /// @dev More than {MAX_ALLOWED_MODELS} model ids.
    error UsagePolicyTooManyModels(uint256 count, uint256 max);

    /// @dev An allowed model id is not a valid model id (see ModelRegistry).
    error UsagePolicyInvalidModelId(string modelId);

    /// @dev A model id appears twice in the allowed models.
    error UsagePolicyDuplicateModel(string modelId);

    /// @dev Retention is above {MAX_RETENTION_SECONDS}.
    error UsagePolicyRetentionTooLong(uint64 retentionSeconds, uint64 max);

    /// @dev The text uri is longer than {MAX_TEXT_URI_LENGTH} bytes.
    error UsagePolicyInvalidTextUri(string textUri);

    /// @dev No policy was published as `version`.
    error UsagePolicyUnknownVersion(uint256 version);

    /// @dev `version` is already the active policy.
    error UsagePolicyAlreadyActive(uint256 version);

    /**
     * @param initialOwner The account allowed to change policies: the DAO's timelock.
     * @param genesisPolicy The policy in force from deployment until governance publishes another; version 1.
     */
    constructor(address initialOwner, UsagePolicy memory genesisPolicy) Ownable(initialOwner) {
        _publish(genesisPolicy);
    }

    /**
     * @notice Publishes a new policy and makes it the active one.
     * @param policy The policy; see {UsagePolicy} for each field.
     * @return version The new policy's version number.
     *
     * Emits {PolicyPublished} and {ActivePolicyChanged}.
     */
    function publishPolicy(UsagePolicy calldata policy) external onlyOwner returns (uint256 version) {
        return _publish(policy);
    }

    /**
     * @notice Makes an earlier policy the active one again, for example to undo a policy that went wrong.
     * @param version A published version other than the active one.
     *
     * Emits {ActivePolicyChanged}.
     */
    function activatePolicy(uint256 version) external onlyOwner {
        _requireVersion(version);
        if (version == _activeVersion) revert UsagePolicyAlreadyActive(version);
        _activate(version);
    }

    /// @notice The version of the active policy.
    function activePolicyVersion() external view returns (uint256) {
        return _activeVersion;
    }

    /// @notice The active policy and its version.
    function activePolicy() external view returns (uint256 version, UsagePolicy memory policy) {
        return (_activeVersion, _policies[_activeVersion - 1]);
    }

    /**
     * @notice A published policy.
     * @dev Reverts with {UsagePolicyUnknownVersion} if `version` was never published.
     */
    function getPolicy(uint256 version) external view returns (UsagePolicy memory) {
        _requireVersion(version);
        return _policies[version - 1];
    }

    /**
     * @notice When a policy was published (block timestamp, seconds).
     * @dev Reverts with {UsagePolicyUnknownVersion} if `version` was never published.
     */
    function publishedAt(uint256 version) external view returns (uint64) {
        _requireVersion(version);
        return _publishedAt[version - 1];
    }

    /// @notice Number of published policies; versions run from 1 to this number.
    function policyCount() external view returns (uint256) {
        return _policies.length;
    }

    function _publish(UsagePolicy memory policy) private returns (uint256 version) {
        _validate(policy);
        _policies.push(policy);
        _publishedAt.push(uint64(block.timestamp));
        version = _policies.length;
        emit PolicyPublished(version, policy);
        _activate(version);
    }

    function _activate(uint256 version) private {
        uint256 previous = _activeVersion;
        _activeVersion = version;
        emit ActivePolicyChanged(previous, version);
    }

    function _requireVersion(uint256 version) private view {
        if (version == 0 || version > _policies.length) revert UsagePolicyUnknownVersion(version);
    }

    function _validate(UsagePolicy memory policy) private pure {
        if (policy.contentHash == bytes32(0)) revert UsagePolicyZeroContentHash();
        if (policy.quotaPeriod == 0 || policy.requestQuota == 0 || policy.tokenQuota == 0) {
            revert UsagePolicyInvalidQuota(policy.quotaPeriod, policy.requestQuota, policy.tokenQuota);
        }
        if (
            policy.maxInputTokens == 0 ||
            policy.maxOutputTokens == 0 ||
            uint256(policy.maxInputTokens) + policy.maxOutputTokens > policy.tokenQuota
        ) {
            revert UsagePolicyInvalidTokenLimits(policy.maxInputTokens, policy.maxOutputTokens, policy.tokenQuota);
        }
        if (policy.redactCategories & ~ALL_CATEGORIES != 0) {
            revert UsagePolicyUnknownCategories(policy.redactCategories);
        }
        if (policy.retentionSeconds > MAX_RETENTION_SECONDS) {
            revert UsagePolicyRetentionTooLong(policy.retentionSeconds, MAX_RETENTION_SECONDS);
        }
        if (bytes(policy.textUri).length > MAX_TEXT_URI_LENGTH) revert UsagePolicyInvalidTextUri(policy.textUri);
        _validateModels(policy.allowedModels);
    }

    function _validateModels(string[] memory modelIds) private pure {
        if (modelIds.length > MAX_ALLOWED_MODELS) {
            revert UsagePolicyTooManyModels(modelIds.length, MAX_ALLOWED_MODELS);
        }
        for (uint256 i = 0; i < modelIds.length; ++i) {
            if (!ModelId.isValid(modelIds[i])) revert UsagePolicyInvalidModelId(modelIds[i]);
            bytes32 id = keccak256(bytes(modelIds[i]));
            for (uint256 j = 0; j < i; ++j) {
                if (keccak256(bytes(modelIds[j])) == id) revert UsagePolicyDuplicateModel(modelIds[i]);
            }
        }
    }
}
