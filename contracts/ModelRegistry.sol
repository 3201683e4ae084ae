// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ModelId} from "./libraries/ModelId.sol";
import {SemVer} from "./libraries/SemVer.sol";
import {Slug} from "./libraries/Slug.sol";

/**
 * @title ModelRegistry
 * @notice The list of AI model versions the DAO allows the backend to serve.
 *
 * A model version is identified by `(modelId, version)`, for example `("commons-chat", "1.1.0")`, and pinned by its
 * `weightsHash`: the sha256 of the canonical manifest of its files (see docs/MODELS.md). The backend hashes the files
 * it is about to load and refuses to serve them unless the hash belongs to a servable version here.
 *
 * Lifecycle of a version: approve -> Approved; Approved -> Deprecated (deprecate); Deprecated -> Approved
 * (reinstate); Approved or Deprecated -> Revoked (revoke).
 *
 * - Approved: servable, and may be the model's default version.
 * - Deprecated: still servable, but never the default (deprecating the default clears it).
 * - Revoked: never servable again. Final: a revoked version cannot be approved or reinstated, and its id and hash
 *   cannot be reused.
 *
 * Only the owner, the DAO's timelock, changes the registry; every change emits an event so that indexers can rebuild
 * the registry's history from logs alone.
 */
contract ModelRegistry is Ownable {
    /// @notice Status of a model version. `None` means the version was never registered.
    enum Status {
        None,
        Approved,
        Deprecated,
        Revoked
    }

    /// @notice What a proposal supplies to approve a new model version.
    struct ModelVersionInput {
        string modelId;
        string version;
        bytes32 weightsHash;
        string task;
        string uri;
        string license;
        bytes32 metadataHash;
    }

    /// @notice A registered model version and its current status. Times are block timestamps in seconds.
    struct ModelVersion {
        string modelId;
        string version;
        bytes32 weightsHash;
        string task;
        string uri;
        string license;
        bytes32 metadataHash;
        Status status;
        uint64 approvedAt;
        uint64 updatedAt;
    }

    /// @notice Maximum length of a task name, in bytes.
    uint256 public constant MAX_TASK_LENGTH = 64;
    /// @notice Maximum length of a uri or a license, in bytes.
    uint256 public constant MAX_TEXT_LENGTH = 512;

    mapping(bytes32 versionKey => ModelVersion) private _versions;
    mapping(bytes32 modelKey => string[] versions) private _versionsOfModel;
    mapping(bytes32 modelKey => string version) private _defaultVersion;
    mapping(bytes32 weightsHash => bytes32 versionKey) private _versionKeyOfHash;
    string[] private _modelIds;

    /// @notice A model id was registered for the first time, with its first approved version.
    event ModelRegistered(bytes32 indexed modelKey, string modelId);

    /// @notice A new model version was approved and may be served.
    event ModelVersionApproved(
        bytes32 indexed modelKey,
        bytes32 indexed weightsHash,
        string modelId,
        string version,
        string task,
        string uri,
        string license,
        bytes32 metadataHash
    );

    /// @notice An approved model version was deprecated: still servable, no longer the default.
    event ModelVersionDeprecated(bytes32 indexed modelKey, bytes32 indexed weightsHash, string modelId, string version);

    /// @notice A deprecated model version was approved again.
    event ModelVersionReinstated(bytes32 indexed modelKey, bytes32 indexed weightsHash, string modelId, string version);

    /// @notice A model version was revoked and must never be served again.
    event ModelVersionRevoked(
        bytes32 indexed modelKey,
        bytes32 indexed weightsHash,
        string modelId,
        string version,
        string reason
    );

    /**
     * @notice The default version of a model changed. `version` is empty and `weightsHash` zero when the default was
     * cleared because the previous default was deprecated or revoked.
     */
    event DefaultModelVersionSet(bytes32 indexed modelKey, string modelId, string version, bytes32 weightsHash);

    /// @dev The weights hash is zero.
    error ModelRegistryZeroHash();

    /// @dev The model id is not a valid id: 1 to 64 bytes of `a-z`, `0-9`, `-`, `.`, `_`, starting and ending with a letter or digit.
    error ModelRegistryInvalidModelId(string modelId);

    /// @dev The version is not a semantic version (`MAJOR.MINOR.PATCH[-pre][+build]`).
    error ModelRegistryInvalidVersion(string version);

    /// @dev The task is not a slug of at most {MAX_TASK_LENGTH} bytes, e.g. `text-generation`.
    error ModelRegistryInvalidTask(string task);

    /// @dev The uri is empty or longer than {MAX_TEXT_LENGTH} bytes.
    error ModelRegistryInvalidUri(string uri);

    /// @dev The license is empty or longer than {MAX_TEXT_LENGTH} bytes.
    error ModelRegistryInvalidLicense(string license);

    /// @dev This `(modelId, version)` is already registered, whatever its status.
    error ModelRegistryVersionExists(string modelId, string version);

    /// @dev The weights hash already identifies another registered version.
    error ModelRegistryHashInUse(bytes32 weightsHash, string modelId, string version);

    /// @dev No version `(modelId, version)` was ever registered.
    error ModelRegistryUnknownVersion(string modelId, string version);

    /// @dev The requested change is not allowed from the version's current status.
    error ModelRegistryInvalidTransition(string modelId, string version, Status current, Status requested);

    /// @dev The version is already the model's default.
    error ModelRegistryAlreadyDefault(string modelId, string version);

    /**
     * @param initialOwner The account allowed to change the registry: the DAO's timelock.
     */
    constructor(address initialOwner) Ownable(initialOwner) {}

    // ------------------------------------------------------------------------------------------------------------
    // Governance actions (timelock only)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * @notice Approves a new model version, which the backend may then serve. The first version of a model also
     * registers the model id. A model without a default version (a new model, or one whose default was deprecated or
     * revoked) gets the new version as its default, so that clients that name no version are served again.
     * @param input The version's id, semantic version, weights hash, task, uri, license and metadata hash.
     *
     * Emits {ModelRegistered} for a new model, {ModelVersionApproved}, and {DefaultModelVersionSet} when the model had
     * no default.
     *
     * Requirements: caller is the owner; fields are well formed; neither `(modelId, version)` nor `weightsHash` is
     * registered yet (revoked versions included).
     */
    function approveModelVersion(ModelVersionInput calldata input) external onlyOwner {
        _validate(input);
        bytes32 modelKey = _modelKey(input.modelId);
        bytes32 versionKey = _versionKey(input.modelId, input.version);
        if (_versions[versionKey].status != Status.None) {
            revert ModelRegistryVersionExists(input.modelId, input.version);
        }
        bytes32 existing = _versionKeyOfHash[input.weightsHash];
        if (existing != bytes32(0)) {
            ModelVersion storage other = _versions[existing];
            revert ModelRegistryHashInUse(input.weightsHash, other.modelId, other.version);
        }

        bool newModel = _versionsOfModel[modelKey].length == 0;
        if (newModel) {
            _modelIds.push(input.modelId);
            emit ModelRegistered(modelKey, input.modelId);
        }

        uint64 nowSeconds = uint64(block.timestamp);
        _versions[versionKey] = ModelVersion({
            modelId: input.modelId,
            version: input.version,
            weightsHash: input.weightsHash,
            task: input.task,
            uri: input.uri,
            license: input.license,
            metadataHash: input.metadataHash,
            status: Status.Approved,
            approvedAt: nowSeconds,
            updatedAt: nowSeconds
        });
        _versionsOfModel[modelKey].push(input.version);
        _versionKeyOfHash[input.weightsHash] = versionKey;

        _emitApproved(modelKey, _versions[versionKey]);

        if (bytes(_defaultVersion[modelKey]).length == 0) {
            _setDefault(modelKey, input.modelId, input.version, input.weightsHash);
        }
    }

    /**
     * @notice Deprecates an approved version: it stays servable but is no longer the default. If it was the default,
     * the model has no default until {setDefaultVersion} is called.
     * @param modelId The model's id.
     * @param version The version to deprecate.
     *
     * Emits {ModelVersionDeprecated}, and {DefaultModelVersionSet} with an empty version when the default is cleared.
     */
    function deprecateModelVersion(string calldata modelId, string calldata version) external onlyOwner {
        ModelVersion storage v = _transition(modelId, version, Status.Approved, Status.Deprecated);
        emit ModelVersionDeprecated(_modelKey(modelId), v.weightsHash, modelId, version);
        _clearDefaultIf(modelId, version);
    }

    /**
     * @notice Approves a deprecated version again. It does not become the default by itself.
     * @param modelId The model's id.
     * @param version The deprecated version to reinstate.
     *
     * Emits {ModelVersionReinstated}.
     */
    function reinstateModelVersion(string calldata modelId, string calldata version) external onlyOwner {
        ModelVersion storage v = _transition(modelId, version, Status.Deprecated, Status.Approved);
        emit ModelVersionReinstated(_modelKey(modelId), v.weightsHash, modelId, version);
    }

    /**
     * @notice Revokes an approved or deprecated version: it must never be served again. Final.
     * @param modelId The model's id.
     * @param version The version to revoke.
     * @param reason A short, public reason (for example a security advisory), shown by indexers and the web app.
     *
     * Emits {ModelVersionRevoked}, and {DefaultModelVersionSet} with an empty version when the default is cleared.
     */
    function revokeModelVersion(
        string calldata modelId,
        string calldata version,
        string calldata reason
    ) external onlyOwner {
        ModelVersion storage v = _requireVersion(modelId, version);
        if (v.status == Status.Revoked) {
            revert ModelRegistryInvalidTransition(modelId, version, Status.Revoked, Status.Revoked);
        }
        v.status = Status.Revoked;
        v.updatedAt = uint64(block.timestamp);
        emit ModelVersionRevoked(_modelKey(modelId), v.weightsHash, modelId, version, reason);
        _clearDefaultIf(modelId, version);
    }

    /**
     * @notice Makes an approved version the default version of its model, the one served when a client does not name
     * a version.
     * @param modelId The model's id.
     * @param version An approved version of that model.
     *
     * Emits {DefaultModelVersionSet}.
     */
    function setDefaultVersion(string calldata modelId, string calldata version) external onlyOwner {
        ModelVersion storage v = _requireVersion(modelId, version);
        if (v.status != Status.Approved) {
            revert ModelRegistryInvalidTransition(modelId, version, v.status, Status.Approved);
        }
        bytes32 modelKey = _modelKey(modelId);
        if (keccak256(bytes(_defaultVersion[modelKey])) == keccak256(bytes(version))) {
            revert ModelRegistryAlreadyDefault(modelId, version);
        }
        _setDefault(modelKey, modelId, version, v.weightsHash);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Views
    // ------------------------------------------------------------------------------------------------------------

    /**
     * @notice Returns a registered version with its status.
     * @dev Reverts with {ModelRegistryUnknownVersion} if it was never registered.
     */
    function getModelVersion(string calldata modelId, string calldata version) external view returns (ModelVersion memory) {
        return _requireVersion(modelId, version);
    }

    /// @notice Returns the status of `(modelId, version)`, `None` if it was never registered.
    function statusOf(string calldata modelId, string calldata version) external view returns (Status) {
        return _versions[_versionKey(modelId, version)].status;
    }

    /**
     * @notice Finds the version a weights hash belongs to.
     * @return found Whether the hash is registered. `modelId` and `version` are empty when it is not.
     */
    function versionOfHash(
        bytes32 weightsHash
    ) external view returns (bool found, string memory modelId, string memory version) {
        bytes32 key = _versionKeyOfHash[weightsHash];
        if (key == bytes32(0)) return (false, "", "");
        ModelVersion storage v = _versions[key];
        return (true, v.modelId, v.version);
    }

    /// @notice Returns whether files with this weights hash may be served: the version is Approved or Deprecated.
    function isServable(bytes32 weightsHash) external view returns (bool) {
        bytes32 key = _versionKeyOfHash[weightsHash];
        Status status = _versions[key].status;
        return status == Status.Approved || status == Status.Deprecated;
    }

    /**
     * @notice Returns a model's default version, or an empty string if it has none (unknown model, or its default was
     * deprecated or revoked).
     */
    function defaultVersion(string calldata modelId) external view returns (string memory) {
        return _defaultVersion[_modelKey(modelId)];
    }

    /// @notice Number of model ids ever registered.
    function modelCount() external view returns (uint256) {
        return _modelIds.length;
    }

    /// @notice The model id at `index`, in registration order. Reverts if `index >= modelCount()`.
    function modelAt(uint256 index) external view returns (string memory) {
        return _modelIds[index];
    }

    /// @notice All model ids, in registration order.
    function models() external view returns (string[] memory) {
        return _modelIds;
    }

    /// @notice Number of versions ever registered for `modelId`, whatever their status.
    function versionCount(string calldata modelId) external view returns (uint256) {
        return _versionsOfModel[_modelKey(modelId)].length;
    }

    /// @notice The version of `modelId` at `index`, in registration order. Reverts if out of range.
    function versionAt(string calldata modelId, uint256 index) external view returns (string memory) {
        return _versionsOfModel[_modelKey(modelId)][index];
    }

    /// @notice All versions of `modelId`, in registration order, whatever their status.
    function versionsOf(string calldata modelId) external view returns (string[] memory) {
        return _versionsOfModel[_modelKey(modelId)];
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal
    // ------------------------------------------------------------------------------------------------------------

    function _validate(ModelVersionInput calldata input) private pure {
        if (input.weightsHash == bytes32(0)) revert ModelRegistryZeroHash();
        if (!ModelId.isValid(input.modelId)) revert ModelRegistryInvalidModelId(input.modelId);
        if (!SemVer.isValid(input.version)) revert ModelRegistryInvalidVersion(input.version);
        if (!Slug.isValid(input.task, MAX_TASK_LENGTH)) revert ModelRegistryInvalidTask(input.task);
        if (bytes(input.uri).length == 0 || bytes(input.uri).length > MAX_TEXT_LENGTH) {
            revert ModelRegistryInvalidUri(input.uri);
        }
        if (bytes(input.license).length == 0 || bytes(input.license).length > MAX_TEXT_LENGTH) {
            revert ModelRegistryInvalidLicense(input.license);
        }
    }

    function _requireVersion(
        string calldata modelId,
        string calldata version
    ) private view returns (ModelVersion storage v) {
        v = _versions[_versionKey(modelId, version)];
        if (v.status == Status.None) revert ModelRegistryUnknownVersion(modelId, version);
    }

    function _transition(
        string calldata modelId,
        string calldata version,
        Status from,
        Status to
    ) private returns (ModelVersion storage v) {
        v = _requireVersion(modelId, version);
        if (v.status != from) revert ModelRegistryInvalidTransition(modelId, version, v.status, to);
        v.status = to;
        v.updatedAt = uint64(block.timestamp);
    }

    function _emitApproved(bytes32 modelKey, ModelVersion storage v) private {
        emit ModelVersionApproved(modelKey, v.weightsHash, v.modelId, v.version, v.task, v.uri, v.license, v.metadataHash);
    }

    function _clearDefaultIf(string calldata modelId, string calldata version) private {
        bytes32 modelKey = _modelKey(modelId);
        if (keccak256(bytes(_defaultVersion[modelKey])) == keccak256(bytes(version))) {
            _setDefault(modelKey, modelId, "", bytes32(0));
        }
    }

    function _setDefault(bytes32 modelKey, string memory modelId, string memory version, bytes32 weightsHash) private {
        _defaultVersion[modelKey] = version;
        emit DefaultModelVersionSet(modelKey, modelId, version, weightsHash);
    }

    function _modelKey(string memory modelId) private pure returns (bytes32) {
        return keccak256(bytes(modelId));
    }

    function _versionKey(string memory modelId, string memory version) private pure returns (bytes32) {
        return keccak256(abi.encode(modelId, version));
    }
}
