// ModelRegistry: models, their versions and statuses, default versions, and every registry event
// (subgraph/src/datasources/model-registry.ts).

import { type Hex, zeroHash } from "viem";
import type { LogPosition } from "../../indexed-log.js";
import type { ContractLog, Handler, HandlerContext } from "../context.js";
import {
  type BytesValue,
  type Governance,
  load,
  type Model,
  type ModelRegistryEventKind,
  type ModelVersionStatus,
  save,
} from "../entities.js";
import { fetchGovernance } from "../fetch/governance.js";
import { bytes, eventId, momentOf, versionKey } from "../fetch/ids.js";
import { recordOwnershipTransfer } from "../fetch/ownership.js";
import { isServable } from "../logic/counters.js";
import { sanitize } from "../logic/text.js";

/** Applies one ModelRegistry log. */
export function handleModelRegistryLog(log: ContractLog<"ModelRegistry">, context: HandlerContext): Promise<void> {
  const event = log.event;
  switch (event.eventName) {
    case "ModelRegistered":
      return handleModelRegistered(event.args, log, context);
    case "ModelVersionApproved":
      return handleModelVersionApproved(event.args, log, context);
    case "ModelVersionDeprecated":
      return handleStatusEvent(context, log, event.args, "Deprecated", "VersionDeprecated");
    case "ModelVersionReinstated":
      return handleStatusEvent(context, log, event.args, "Approved", "VersionReinstated");
    case "ModelVersionRevoked":
      return handleStatusEvent(context, log, event.args, "Revoked", "VersionRevoked", sanitize(event.args.reason));
    case "DefaultModelVersionSet":
      return handleDefaultModelVersionSet(event.args, log, context);
    case "OwnershipTransferred":
      return handleOwnershipTransferred(event.args, log, context);
  }
}

/** Loads a model, creating it (ModelRegistered always comes first; this only guards against a late start block). */
async function fetchModel(
  context: HandlerContext,
  governance: Governance,
  key: Hex,
  modelId: string,
  log: LogPosition,
): Promise<Model> {
  const found = await load(context.store, "Model", bytes(key));
  if (found) return found;
  const model: Model = {
    id: bytes(key),
    modelId: sanitize(modelId),
    versionCount: 0,
    registeredAtBlock: log.blockNumber.toString(),
    registeredAtTimestamp: log.blockTimestamp.toString(),
    registeredAtTransaction: bytes(log.transactionHash),
  };
  await save(context.store, "Model", model);
  governance.modelCount += 1;
  return model;
}

interface RegistryEvent {
  kind: ModelRegistryEventKind;
  model: BytesValue;
  modelVersion?: BytesValue;
  modelId: string;
  version: string;
  weightsHash: Hex;
  reason?: string;
}

/** Writes the immutable ModelRegistryEvent of a log. */
function recordEvent(context: HandlerContext, log: LogPosition, event: RegistryEvent): Promise<void> {
  return save(context.store, "ModelRegistryEvent", {
    id: eventId(log),
    kind: event.kind,
    model: event.model,
    modelVersion: event.modelVersion ?? null,
    modelId: sanitize(event.modelId),
    version: sanitize(event.version),
    weightsHash: bytes(event.weightsHash),
    reason: event.reason ?? null,
    ...momentOf(log),
  });
}

/** Notes the registry's address, which proposals' actions are compared with. */
function noteRegistry(governance: Governance, log: LogPosition): void {
  governance.modelRegistry ??= bytes(log.address);
}

/** Moves the per-status counters of Governance from `from` (undefined for a new version) to `to`. */
function countStatus(governance: Governance, from: ModelVersionStatus | undefined, to: ModelVersionStatus): void {
  if (from === "Approved") governance.approvedModelVersionCount -= 1;
  else if (from === "Deprecated") governance.deprecatedModelVersionCount -= 1;
  else if (from === "Revoked") governance.revokedModelVersionCount -= 1;
  if (to === "Approved") governance.approvedModelVersionCount += 1;
  else if (to === "Deprecated") governance.deprecatedModelVersionCount += 1;
  else governance.revokedModelVersionCount += 1;
  if (from === undefined) governance.modelVersionCount += 1;
}

export const handleModelRegistered: Handler<"ModelRegistry", "ModelRegistered"> = async (args, log, context) => {
  const governance = await fetchGovernance(context.store);
  noteRegistry(governance, log);
  const model = await fetchModel(context, governance, args.modelKey, args.modelId, log);
  await save(context.store, "Governance", governance);
  await recordEvent(context, log, {
    kind: "ModelRegistered",
    model: model.id,
    modelId: args.modelId,
    version: "",
    weightsHash: zeroHash,
  });
};

export const handleModelVersionApproved: Handler<"ModelRegistry", "ModelVersionApproved"> = async (
  args,
  log,
  context,
) => {
  const { store } = context;
  const governance = await fetchGovernance(store);
  noteRegistry(governance, log);
  const model = await fetchModel(context, governance, args.modelKey, args.modelId, log);
  model.versionCount += 1;
  await save(store, "Model", model);

  const key = versionKey(args.modelId, args.version);
  await save(store, "ModelVersion", {
    id: key,
    model: model.id,
    modelId: sanitize(args.modelId),
    version: sanitize(args.version),
    weightsHash: bytes(args.weightsHash),
    task: sanitize(args.task),
    uri: sanitize(args.uri),
    license: sanitize(args.license),
    metadataHash: bytes(args.metadataHash),
    status: "Approved",
    servable: isServable("Approved"),
    isDefault: false,
    approvedAtBlock: log.blockNumber.toString(),
    approvedAtTimestamp: log.blockTimestamp.toString(),
    approvedAtTransaction: bytes(log.transactionHash),
    updatedAtTimestamp: log.blockTimestamp.toString(),
  });
  countStatus(governance, undefined, "Approved");
  await save(store, "Governance", governance);

  await recordEvent(context, log, {
    kind: "VersionApproved",
    model: model.id,
    modelVersion: key,
    modelId: args.modelId,
    version: args.version,
    weightsHash: args.weightsHash,
  });
};

/**
 * ModelVersionDeprecated, ModelVersionReinstated, ModelVersionRevoked: the version's new status (a version the handlers
 * never saw approved is logged and left alone), and the event.
 */
async function handleStatusEvent(
  context: HandlerContext,
  log: LogPosition,
  args: { modelKey: Hex; weightsHash: Hex; modelId: string; version: string },
  status: ModelVersionStatus,
  kind: ModelRegistryEventKind,
  reason?: string,
): Promise<void> {
  const { store } = context;
  const governance = await fetchGovernance(store);
  noteRegistry(governance, log);
  const key = versionKey(args.modelId, args.version);
  const version = await load(store, "ModelVersion", key);
  if (version) {
    countStatus(governance, version.status, status);
    version.status = status;
    version.servable = isServable(status);
    if (reason !== undefined) version.revokeReason = reason;
    version.updatedAtTimestamp = log.blockTimestamp.toString();
    await save(store, "ModelVersion", version);
  } else {
    context.logger?.warn(`status ${status} for unknown model version ${args.modelId} ${args.version}`);
  }
  await save(store, "Governance", governance);
  await recordEvent(context, log, {
    kind,
    model: bytes(args.modelKey),
    ...(version ? { modelVersion: key } : {}),
    modelId: args.modelId,
    version: args.version,
    weightsHash: args.weightsHash,
    ...(reason !== undefined ? { reason } : {}),
  });
}

/** DefaultModelVersionSet; an empty version clears the default (its version was deprecated or revoked). */
export const handleDefaultModelVersionSet: Handler<"ModelRegistry", "DefaultModelVersionSet"> = async (
  args,
  log,
  context,
) => {
  const { store } = context;
  const governance = await fetchGovernance(store);
  noteRegistry(governance, log);
  const model = await fetchModel(context, governance, args.modelKey, args.modelId, log);
  await save(store, "Governance", governance);

  if (model.defaultVersion) {
    const previous = await load(store, "ModelVersion", model.defaultVersion);
    if (previous) {
      previous.isDefault = false;
      await save(store, "ModelVersion", previous);
    }
  }
  const cleared = args.version.length === 0;
  let key: BytesValue | undefined;
  if (cleared) {
    model.defaultVersion = null;
  } else {
    key = versionKey(args.modelId, args.version);
    const version = await load(store, "ModelVersion", key);
    if (version) {
      version.isDefault = true;
      await save(store, "ModelVersion", version);
    }
    model.defaultVersion = key;
  }
  await save(store, "Model", model);
  await recordEvent(context, log, {
    kind: cleared ? "DefaultVersionCleared" : "DefaultVersionSet",
    model: model.id,
    ...(key ? { modelVersion: key } : {}),
    modelId: args.modelId,
    version: args.version,
    weightsHash: args.weightsHash,
  });
};

export const handleOwnershipTransferred: Handler<"ModelRegistry", "OwnershipTransferred"> = async (
  args,
  log,
  context,
) => {
  const governance = await fetchGovernance(context.store);
  governance.modelRegistry = bytes(log.address);
  governance.modelRegistryOwner = bytes(args.newOwner);
  await save(context.store, "Governance", governance);
  await recordOwnershipTransfer(context, log, "ModelRegistry", args.previousOwner, args.newOwner);
};
