// The entities the handlers write, typed as the store holds them (backend/src/indexer/entity-store.ts): the entity types
// and fields of subgraph/schema.graphql, minus the @derivedFrom fields, which are never stored. test/backend/handlers/
// checks every entity the handlers write against the schema itself.

import type { Hex } from "viem";
import type { EntityData, EntityStore } from "../entity-store.js";

/** A `BigInt` field: a decimal string. */
export type BigIntValue = string;
/** A `Bytes` field or id: lowercase 0x-hex. */
export type BytesValue = Hex;

// Enums of the schema.
export type ProposalState =
  | "Pending"
  | "Active"
  | "Canceled"
  | "Defeated"
  | "Succeeded"
  | "Queued"
  | "Expired"
  | "Executed";
export type VoteSupport = "Against" | "For" | "Abstain";
export type ContractName =
  | "CommonsGovernor"
  | "TimelockController"
  | "GovernanceToken"
  | "ModelRegistry"
  | "UsagePolicyRegistry";
export type ProposalActionKind =
  | "ApproveModelVersion"
  | "DeprecateModelVersion"
  | "ReinstateModelVersion"
  | "RevokeModelVersion"
  | "SetDefaultModelVersion"
  | "PublishPolicy"
  | "ActivatePolicy"
  | "TransferOwnership"
  | "RenounceOwnership"
  | "SetVotingDelay"
  | "SetVotingPeriod"
  | "SetProposalThreshold"
  | "UpdateQuorumNumerator"
  | "SetLateQuorumVoteExtension"
  | "SetExecutionGracePeriod"
  | "SetProposalGuardian"
  | "UpdateTimelock"
  | "Relay"
  | "UpdateDelay"
  | "GrantRole"
  | "RevokeRole"
  | "RenounceRole"
  | "TokenTransfer"
  | "TokenApprove"
  | "TokenDelegate"
  | "NativeTransfer"
  | "Unknown";
export type ModelVersionStatus = "Approved" | "Deprecated" | "Revoked";
export type ModelRegistryEventKind =
  | "ModelRegistered"
  | "VersionApproved"
  | "VersionDeprecated"
  | "VersionReinstated"
  | "VersionRevoked"
  | "DefaultVersionSet"
  | "DefaultVersionCleared";
export type PromptInjectionAction = "Flag" | "Refuse";
export type TimelockOperationStatus = "Scheduled" | "Executed" | "Canceled";

/** Block number, timestamp and transaction of an immutable event entity. */
export type EventMoment = {
  blockNumber: BigIntValue;
  timestamp: BigIntValue;
  transactionHash: BytesValue;
};

export type Governance = {
  id: string;
  governor?: BytesValue | null;
  token?: BytesValue | null;
  timelock?: BytesValue | null;
  modelRegistry?: BytesValue | null;
  usagePolicyRegistry?: BytesValue | null;
  modelRegistryOwner?: BytesValue | null;
  usagePolicyRegistryOwner?: BytesValue | null;
  votingDelay?: BigIntValue | null;
  votingPeriod?: BigIntValue | null;
  proposalThreshold?: BigIntValue | null;
  quorumNumerator?: BigIntValue | null;
  lateQuorumVoteExtension?: BigIntValue | null;
  executionGracePeriod?: BigIntValue | null;
  proposalGuardian?: BytesValue | null;
  proposalCount: number;
  queuedProposalCount: number;
  executedProposalCount: number;
  canceledProposalCount: number;
  voteCount: number;
  voterCount: number;
  delegateCount: number;
  delegatorCount: number;
  totalVotingPower: BigIntValue;
  modelCount: number;
  modelVersionCount: number;
  approvedModelVersionCount: number;
  deprecatedModelVersionCount: number;
  revokedModelVersionCount: number;
  policyCount: number;
  activePolicy?: string | null;
};

export type Proposal = {
  id: string;
  proposalId: BigIntValue;
  proposer: BytesValue;
  targets: BytesValue[];
  values: BigIntValue[];
  calldatas: BytesValue[];
  description: string;
  title: string;
  descriptionHash: BytesValue;
  actionCount: number;
  voteStart: BigIntValue;
  voteEnd: BigIntValue;
  originalVoteEnd: BigIntValue;
  eta?: BigIntValue | null;
  quorum?: BigIntValue | null;
  forVotes: BigIntValue;
  againstVotes: BigIntValue;
  abstainVotes: BigIntValue;
  voteCount: number;
  state: ProposalState;
  timelockOperation?: BytesValue | null;
  canceledOnTimelock: boolean;
  executedOnTimelock: boolean;
  createdAtBlock: BigIntValue;
  createdAtTimestamp: BigIntValue;
  createdAtTransaction: BytesValue;
  queuedAtBlock?: BigIntValue | null;
  queuedAtTimestamp?: BigIntValue | null;
  queuedAtTransaction?: BytesValue | null;
  executedAtBlock?: BigIntValue | null;
  executedAtTimestamp?: BigIntValue | null;
  executedAtTransaction?: BytesValue | null;
  canceledAtBlock?: BigIntValue | null;
  canceledAtTimestamp?: BigIntValue | null;
  canceledAtTransaction?: BytesValue | null;
  updatedAtTimestamp: BigIntValue;
};

export type ProposalAction = {
  id: BytesValue;
  proposal: string;
  index: number;
  target: BytesValue;
  value: BigIntValue;
  calldata: BytesValue;
  contract?: ContractName | null;
  selector?: BytesValue | null;
  signature?: string | null;
  kind: ProposalActionKind;
  decoded: boolean;
  summary: string;
  modelId?: string | null;
  version?: string | null;
  model?: BytesValue | null;
  modelVersion?: BytesValue | null;
  hash?: BytesValue | null;
  task?: string | null;
  uri?: string | null;
  license?: string | null;
  metadataHash?: BytesValue | null;
  reason?: string | null;
  policyVersion?: BigIntValue | null;
  policy?: string | null;
  proposedPolicy?: BytesValue | null;
  account?: BytesValue | null;
  amount?: BigIntValue | null;
  role?: BytesValue | null;
  roleName?: string | null;
};

/** The fields a usage policy has, published (UsagePolicy) or proposed (ProposedUsagePolicy). */
export type UsagePolicyFields = {
  minVotingPower: BigIntValue;
  quotaPeriod: BigIntValue;
  requestQuota: BigIntValue;
  tokenQuota: BigIntValue;
  maxInputTokens: BigIntValue;
  maxOutputTokens: BigIntValue;
  allowedModels: string[];
  redactCategories: number;
  scanAnswers: boolean;
  restoreOriginals: boolean;
  promptInjection: PromptInjectionAction;
  retentionSeconds: BigIntValue;
  contentHash: BytesValue;
  textUri: string;
};

export type ProposedUsagePolicy = { id: BytesValue; action: BytesValue } & UsagePolicyFields;

export type Vote = {
  id: BytesValue;
  proposal: string;
  voter: BytesValue;
  support: VoteSupport;
  weight: BigIntValue;
  reason: string;
  params?: BytesValue | null;
} & EventMoment;

export type Delegate = {
  id: BytesValue;
  votingPower: BigIntValue;
  delegatorsCount: number;
  delegatedTo?: BytesValue | null;
  voteCount: number;
  proposalCount: number;
};

export type DelegateChange = {
  id: BytesValue;
  delegator: BytesValue;
  fromDelegate?: BytesValue | null;
  toDelegate?: BytesValue | null;
} & EventMoment;

export type VotingPowerChange = {
  id: BytesValue;
  delegate: BytesValue;
  previousVotes: BigIntValue;
  newVotes: BigIntValue;
} & EventMoment;

export type GovernanceSettingChange = {
  id: BytesValue;
  setting: string;
  oldValue: string;
  newValue: string;
} & EventMoment;

export type Timelock = {
  id: BytesValue;
  minDelay: BigIntValue;
  current: boolean;
  lastScheduledOperation?: BytesValue | null;
  lastScheduledTransaction?: BytesValue | null;
};

export type TimelockOperation = {
  id: BytesValue;
  timelock: BytesValue;
  proposal?: string | null;
  status: TimelockOperationStatus;
  targets: BytesValue[];
  values: BigIntValue[];
  calldatas: BytesValue[];
  predecessor: BytesValue;
  salt: BytesValue;
  delay: BigIntValue;
  readyAt: BigIntValue;
  scheduledAtBlock: BigIntValue;
  scheduledAtTimestamp: BigIntValue;
  scheduledAtTransaction: BytesValue;
  executedAtBlock?: BigIntValue | null;
  executedAtTimestamp?: BigIntValue | null;
  executedAtTransaction?: BytesValue | null;
  canceledAtBlock?: BigIntValue | null;
  canceledAtTimestamp?: BigIntValue | null;
  canceledAtTransaction?: BytesValue | null;
};

export type TimelockRoleChange = {
  id: BytesValue;
  timelock: BytesValue;
  role: BytesValue;
  roleName?: string | null;
  account: BytesValue;
  sender: BytesValue;
  granted: boolean;
} & EventMoment;

export type Model = {
  id: BytesValue;
  modelId: string;
  defaultVersion?: BytesValue | null;
  versionCount: number;
  registeredAtBlock: BigIntValue;
  registeredAtTimestamp: BigIntValue;
  registeredAtTransaction: BytesValue;
};

export type ModelVersion = {
  id: BytesValue;
  model: BytesValue;
  modelId: string;
  version: string;
  weightsHash: BytesValue;
  task: string;
  uri: string;
  license: string;
  metadataHash: BytesValue;
  status: ModelVersionStatus;
  servable: boolean;
  isDefault: boolean;
  revokeReason?: string | null;
  approvedAtBlock: BigIntValue;
  approvedAtTimestamp: BigIntValue;
  approvedAtTransaction: BytesValue;
  updatedAtTimestamp: BigIntValue;
};

export type ModelRegistryEvent = {
  id: BytesValue;
  kind: ModelRegistryEventKind;
  model: BytesValue;
  modelVersion?: BytesValue | null;
  modelId: string;
  version: string;
  weightsHash: BytesValue;
  reason?: string | null;
} & EventMoment;

export type UsagePolicy = {
  id: string;
  version: BigIntValue;
  isActive: boolean;
  publishedAtBlock: BigIntValue;
  publishedAtTimestamp: BigIntValue;
  publishedAtTransaction: BytesValue;
  activatedAtTimestamp?: BigIntValue | null;
} & UsagePolicyFields;

export type PolicyActivation = {
  id: BytesValue;
  policy: string;
  previousPolicy?: string | null;
} & EventMoment;

export type OwnershipTransfer = {
  id: BytesValue;
  contract: BytesValue;
  contractName: ContractName;
  previousOwner: BytesValue;
  newOwner: BytesValue;
} & EventMoment;

/** Every entity type the handlers write, by its schema name. */
export type Entities = {
  Governance: Governance;
  Proposal: Proposal;
  ProposalAction: ProposalAction;
  ProposedUsagePolicy: ProposedUsagePolicy;
  Vote: Vote;
  Delegate: Delegate;
  DelegateChange: DelegateChange;
  VotingPowerChange: VotingPowerChange;
  GovernanceSettingChange: GovernanceSettingChange;
  Timelock: Timelock;
  TimelockOperation: TimelockOperation;
  TimelockRoleChange: TimelockRoleChange;
  Model: Model;
  ModelVersion: ModelVersion;
  ModelRegistryEvent: ModelRegistryEvent;
  UsagePolicy: UsagePolicy;
  PolicyActivation: PolicyActivation;
  OwnershipTransfer: OwnershipTransfer;
};

export type EntityName = keyof Entities;

/** The entity types the handlers write: every entity type of subgraph/schema.graphql. */
export const ENTITY_TYPES = [
  "Governance",
  "Proposal",
  "ProposalAction",
  "ProposedUsagePolicy",
  "Vote",
  "Delegate",
  "DelegateChange",
  "VotingPowerChange",
  "GovernanceSettingChange",
  "Timelock",
  "TimelockOperation",
  "TimelockRoleChange",
  "Model",
  "ModelVersion",
  "ModelRegistryEvent",
  "UsagePolicy",
  "PolicyActivation",
  "OwnershipTransfer",
] as const satisfies readonly EntityName[];

/**
 * Loads an entity (graph-ts `Entity.load`). The copy returned is the caller's to change: the store's own object is
 * never touched, so a change counts only once saved.
 */
export async function load<Name extends EntityName>(
  store: EntityStore,
  type: Name,
  id: string,
): Promise<Entities[Name] | undefined> {
  const data = await store.get(type, id);
  return data === undefined ? undefined : ({ ...data } as unknown as Entities[Name]);
}

/** Saves a whole entity (graph-ts `entity.save()`). */
export function save<Name extends EntityName>(store: EntityStore, type: Name, entity: Entities[Name]): Promise<void> {
  return store.set(type, entity as EntityData);
}
