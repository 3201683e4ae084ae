// ModelRegistry: models, their versions and statuses, default versions, and every registry event.

import { Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  DefaultModelVersionSet as DefaultModelVersionSetEvent,
  ModelRegistered as ModelRegisteredEvent,
  ModelVersionApproved as ModelVersionApprovedEvent,
  ModelVersionDeprecated as ModelVersionDeprecatedEvent,
  ModelVersionReinstated as ModelVersionReinstatedEvent,
  ModelVersionRevoked as ModelVersionRevokedEvent,
  OwnershipTransferred as OwnershipTransferredEvent,
} from "../../generated/ModelRegistry/ModelRegistry";
import { Model, ModelRegistryEvent, ModelVersion } from "../../generated/schema";
import { fetchGovernance } from "../fetch/governance";
import { eventId, versionKey } from "../fetch/ids";
import { recordOwnershipTransfer } from "../fetch/ownership";
import { MODEL_REGISTRY } from "../logic/actions";
import { APPROVED, DEPRECATED, isServable, REVOKED } from "../logic/counters";
import { sanitize } from "../logic/text";

/** Loads a model, creating it (ModelRegistered always comes first; this only guards against a late start block). */
function fetchModel(key: Bytes, modelId: string, event: ethereum.Event): Model {
  let model = Model.load(key);
  if (model == null) {
    model = new Model(key);
    model.modelId = modelId;
    model.versionCount = 0;
    model.registeredAtBlock = event.block.number;
    model.registeredAtTimestamp = event.block.timestamp;
    model.registeredAtTransaction = event.transaction.hash;
    model.save();
    const governance = fetchGovernance();
    governance.modelCount = governance.modelCount + 1;
    governance.save();
  }
  return model as Model;
}

function recordEvent(
  event: ethereum.Event,
  kind: string,
  model: Bytes,
  modelVersion: Bytes | null,
  modelId: string,
  version: string,
  weightsHash: Bytes,
  reason: string | null,
): void {
  const entry = new ModelRegistryEvent(eventId(event));
  entry.kind = kind;
  entry.model = model;
  entry.modelVersion = modelVersion;
  entry.modelId = modelId;
  entry.version = version;
  entry.weightsHash = weightsHash;
  entry.reason = reason;
  entry.blockNumber = event.block.number;
  entry.timestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.save();
}

/** Notes the registry's address, which proposals' actions are compared with. */
function noteRegistry(event: ethereum.Event): void {
  const governance = fetchGovernance();
  if (governance.modelRegistry === null) {
    governance.modelRegistry = event.address;
    governance.save();
  }
}

/** Moves the per-status counters of Governance from `from` (empty for a new version) to `to`. */
function countStatus(from: string, to: string): void {
  const governance = fetchGovernance();
  if (from == APPROVED) governance.approvedModelVersionCount = governance.approvedModelVersionCount - 1;
  else if (from == DEPRECATED) governance.deprecatedModelVersionCount = governance.deprecatedModelVersionCount - 1;
  else if (from == REVOKED) governance.revokedModelVersionCount = governance.revokedModelVersionCount - 1;
  if (to == APPROVED) governance.approvedModelVersionCount = governance.approvedModelVersionCount + 1;
  else if (to == DEPRECATED) governance.deprecatedModelVersionCount = governance.deprecatedModelVersionCount + 1;
  else if (to == REVOKED) governance.revokedModelVersionCount = governance.revokedModelVersionCount + 1;
  if (from.length == 0) governance.modelVersionCount = governance.modelVersionCount + 1;
  governance.save();
}

export function handleModelRegistered(event: ModelRegisteredEvent): void {
  noteRegistry(event);
  const model = fetchModel(event.params.modelKey, event.params.modelId, event);
  recordEvent(
    event,
    "ModelRegistered",
    model.id,
    null,
    event.params.modelId,
    "",
    Bytes.fromUint8Array(new Uint8Array(32)),
    null,
  );
}

export function handleModelVersionApproved(event: ModelVersionApprovedEvent): void {
  noteRegistry(event);
  const p = event.params;
  const model = fetchModel(p.modelKey, p.modelId, event);
  model.versionCount = model.versionCount + 1;
  model.save();

  const key = versionKey(p.modelId, p.version);
  const version = new ModelVersion(key);
  version.model = model.id;
  version.modelId = p.modelId;
  version.version = p.version;
  version.weightsHash = p.weightsHash;
  version.task = p.task;
  version.uri = sanitize(p.uri);
  version.license = sanitize(p.license);
  version.metadataHash = p.metadataHash;
  version.status = APPROVED;
  version.servable = isServable(APPROVED);
  version.isDefault = false;
  version.approvedAtBlock = event.block.number;
  version.approvedAtTimestamp = event.block.timestamp;
  version.approvedAtTransaction = event.transaction.hash;
  version.updatedAtTimestamp = event.block.timestamp;
  version.save();
  countStatus("", APPROVED);

  recordEvent(event, "VersionApproved", model.id, key, p.modelId, p.version, p.weightsHash, null);
}

/** Sets the status of an existing version; returns its key, or null (logged) when the version is unknown. */
function setStatus(
  event: ethereum.Event,
  modelId: string,
  versionName: string,
  status: string,
  reason: string | null,
): Bytes | null {
  const key = versionKey(modelId, versionName);
  const version = ModelVersion.load(key);
  if (version == null) {
    log.warning("status {} for unknown model version {} {}", [status, modelId, versionName]);
    return null;
  }
  countStatus(version.status, status);
  version.status = status;
  version.servable = isServable(status);
  if (reason !== null) version.revokeReason = reason;
  version.updatedAtTimestamp = event.block.timestamp;
  version.save();
  return key;
}

export function handleModelVersionDeprecated(event: ModelVersionDeprecatedEvent): void {
  noteRegistry(event);
  const p = event.params;
  const key = setStatus(event, p.modelId, p.version, DEPRECATED, null);
  recordEvent(event, "VersionDeprecated", p.modelKey, key, p.modelId, p.version, p.weightsHash, null);
}

export function handleModelVersionReinstated(event: ModelVersionReinstatedEvent): void {
  noteRegistry(event);
  const p = event.params;
  const key = setStatus(event, p.modelId, p.version, APPROVED, null);
  recordEvent(event, "VersionReinstated", p.modelKey, key, p.modelId, p.version, p.weightsHash, null);
}

export function handleModelVersionRevoked(event: ModelVersionRevokedEvent): void {
  noteRegistry(event);
  const p = event.params;
  const reason = sanitize(p.reason);
  const key = setStatus(event, p.modelId, p.version, REVOKED, reason);
  recordEvent(event, "VersionRevoked", p.modelKey, key, p.modelId, p.version, p.weightsHash, reason);
}

/** DefaultModelVersionSet; an empty version clears the default (its version was deprecated or revoked). */
export function handleDefaultModelVersionSet(event: DefaultModelVersionSetEvent): void {
  noteRegistry(event);
  const p = event.params;
  const model = fetchModel(p.modelKey, p.modelId, event);
  const previous = model.defaultVersion;
  if (previous !== null) {
    const old = ModelVersion.load(previous);
    if (old != null) {
      old.isDefault = false;
      old.save();
    }
  }
  const cleared = p.version.length == 0;
  let key: Bytes | null = null;
  if (cleared) {
    model.defaultVersion = null;
  } else {
    key = versionKey(p.modelId, p.version);
    const version = ModelVersion.load(key);
    if (version != null) {
      version.isDefault = true;
      version.save();
    }
    model.defaultVersion = key;
  }
  model.save();
  recordEvent(
    event,
    cleared ? "DefaultVersionCleared" : "DefaultVersionSet",
    model.id,
    key,
    p.modelId,
    p.version,
    p.weightsHash,
    null,
  );
}

export function handleOwnershipTransferred(event: OwnershipTransferredEvent): void {
  const governance = fetchGovernance();
  governance.modelRegistry = event.address;
  governance.modelRegistryOwner = event.params.newOwner;
  governance.save();

  recordOwnershipTransfer(event, MODEL_REGISTRY, event.params.previousOwner, event.params.newOwner);
}
