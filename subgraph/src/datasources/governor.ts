// CommonsGovernor: proposals, their actions, votes, the link to the timelock operation, and the governor's settings.

import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  CommonsGovernor as CommonsGovernorContract,
  ExecutionGracePeriodSet as ExecutionGracePeriodSetEvent,
  LateQuorumVoteExtensionSet as LateQuorumVoteExtensionSetEvent,
  ProposalCanceled as ProposalCanceledEvent,
  ProposalCreated as ProposalCreatedEvent,
  ProposalExecuted as ProposalExecutedEvent,
  ProposalExtended as ProposalExtendedEvent,
  ProposalGuardianSet as ProposalGuardianSetEvent,
  ProposalQueued as ProposalQueuedEvent,
  ProposalThresholdSet as ProposalThresholdSetEvent,
  QuorumNumeratorUpdated as QuorumNumeratorUpdatedEvent,
  TimelockChange as TimelockChangeEvent,
  VoteCast as VoteCastEvent,
  VoteCastWithParams as VoteCastWithParamsEvent,
  VotingDelaySet as VotingDelaySetEvent,
  VotingPeriodSet as VotingPeriodSetEvent,
} from "../../generated/CommonsGovernor/CommonsGovernor";
import { TimelockController as TimelockControllerContract } from "../../generated/CommonsGovernor/TimelockController";
import {
  Governance,
  GovernanceSettingChange,
  Proposal,
  ProposalAction,
  ProposedUsagePolicy,
  Timelock,
  TimelockOperation,
  Vote,
} from "../../generated/schema";
import { Timelock as TimelockTemplate } from "../../generated/templates";
import { fetchDelegate } from "../fetch/delegate";
import { fetchGovernance } from "../fetch/governance";
import { eventId, keccak, modelKey, versionKey, word } from "../fetch/ids";
import { applyProposalEvent } from "../fetch/proposal";
import { fetchTimelock } from "../fetch/timelock";
import { encodeOperationBatch, timelockSalt } from "../logic/abi";
import {
  COMMONS_GOVERNOR,
  decodeAction,
  GOVERNANCE_TOKEN,
  MODEL_REGISTRY,
  summarize,
  TIMELOCK_CONTROLLER,
  USAGE_POLICY_REGISTRY,
} from "../logic/actions";
import { uint256Word } from "../logic/bytes";
import { roleName } from "../logic/roles";
import {
  ABSTAIN,
  AGAINST,
  FOR,
  PROPOSAL_CANCELED,
  PROPOSAL_CREATED,
  PROPOSAL_EXECUTED,
  PROPOSAL_QUEUED,
  stateAfter,
  VOTE_CAST,
  voteSupport,
} from "../logic/state";
import { sanitize, titleOf } from "../logic/text";

// ---------------------------------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------------------------------

export function handleProposalCreated(event: ProposalCreatedEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  if (governance.token === null) {
    const token = CommonsGovernorContract.bind(event.address).try_token();
    if (!token.reverted) governance.token = token.value;
  }

  const id = event.params.proposalId;
  const description = event.params.description;
  const proposal = new Proposal(id.toString());
  proposal.proposalId = id;

  const proposer = fetchDelegate(event.params.proposer);
  proposer.proposalCount = proposer.proposalCount + 1;
  proposer.save();
  proposal.proposer = proposer.id;

  const targets = changetype<Array<Bytes>>(event.params.targets);
  const values = event.params.values;
  const calldatas = event.params.calldatas;
  proposal.targets = targets;
  proposal.values = values;
  proposal.calldatas = calldatas;
  proposal.description = sanitize(description);
  proposal.title = titleOf(description);
  // Hashed as emitted: it is what queue/execute/cancel take and what salts the timelock operation.
  proposal.descriptionHash = keccak(Bytes.fromUTF8(description));
  proposal.actionCount = targets.length;
  proposal.voteStart = event.params.voteStart;
  proposal.voteEnd = event.params.voteEnd;
  proposal.originalVoteEnd = event.params.voteEnd;
  proposal.forVotes = BigInt.zero();
  proposal.againstVotes = BigInt.zero();
  proposal.abstainVotes = BigInt.zero();
  proposal.voteCount = 0;
  proposal.state = stateAfter("", PROPOSAL_CREATED);
  proposal.canceledOnTimelock = false;
  proposal.executedOnTimelock = false;
  proposal.createdAtBlock = event.block.number;
  proposal.createdAtTimestamp = event.block.timestamp;
  proposal.createdAtTransaction = event.transaction.hash;
  proposal.updatedAtTimestamp = event.block.timestamp;
  proposal.save();

  for (let i = 0; i < targets.length; i++) {
    const value = i < values.length ? values[i] : BigInt.zero();
    const calldata = i < calldatas.length ? calldatas[i] : new Bytes(0);
    createAction(governance, event.address, proposal, i, targets[i], value, calldata);
  }

  governance.proposalCount = governance.proposalCount + 1;
  governance.save();
}

/** Which indexed contract `target` is, as far as the indexed events told; empty for any other address. */
function contractOf(governance: Governance, governor: Address, target: Bytes): string {
  if (target.equals(governor)) return COMMONS_GOVERNOR;
  const timelock = governance.timelock;
  if (timelock !== null && target.equals(timelock)) return TIMELOCK_CONTROLLER;
  const modelRegistry = governance.modelRegistry;
  if (modelRegistry !== null && target.equals(modelRegistry)) return MODEL_REGISTRY;
  const usagePolicyRegistry = governance.usagePolicyRegistry;
  if (usagePolicyRegistry !== null && target.equals(usagePolicyRegistry)) return USAGE_POLICY_REGISTRY;
  const token = governance.token;
  if (token !== null && target.equals(token)) return GOVERNANCE_TOKEN;
  return "";
}

function createAction(
  governance: Governance,
  governor: Address,
  proposal: Proposal,
  index: i32,
  target: Bytes,
  value: BigInt,
  calldata: Bytes,
): void {
  const contract = contractOf(governance, governor, target);
  const decoded = decodeAction(contract, calldata);

  const action = new ProposalAction(word(proposal.proposalId).concatI32(index));
  action.proposal = proposal.id;
  action.index = index;
  action.target = target;
  action.value = value;
  action.calldata = calldata;
  if (contract.length > 0) action.contract = contract;
  if (decoded.selector.length > 0) action.selector = Bytes.fromHexString(decoded.selector);
  action.signature = decoded.signature;
  action.kind = decoded.kind;
  action.decoded = decoded.decoded;
  action.summary = summarize(decoded, contract, target, value.toString());

  const modelId = decoded.modelId;
  if (modelId !== null) {
    action.modelId = modelId;
    action.model = modelKey(modelId);
    const version = decoded.version;
    if (version !== null) {
      action.version = version;
      action.modelVersion = versionKey(modelId, version);
    }
  }
  const hash = decoded.hash;
  if (hash !== null) action.hash = Bytes.fromUint8Array(hash);
  action.task = decoded.task;
  action.uri = decoded.uri;
  action.license = decoded.license;
  const metadataHash = decoded.metadataHash;
  if (metadataHash !== null) action.metadataHash = Bytes.fromUint8Array(metadataHash);
  action.reason = decoded.reason;
  const policyVersion = decoded.policyVersion;
  if (policyVersion !== null) {
    action.policyVersion = BigInt.fromString(policyVersion);
    action.policy = policyVersion;
  }
  const account = decoded.account;
  if (account !== null) action.account = Bytes.fromUint8Array(account);
  const amount = decoded.amount;
  if (amount !== null) action.amount = BigInt.fromString(amount);
  const role = decoded.role;
  if (role !== null) {
    action.role = Bytes.fromUint8Array(role);
    const name = roleName(role);
    if (name.length > 0) action.roleName = name;
  }

  const policy = decoded.policy;
  if (policy !== null && decoded.decoded) {
    const proposed = new ProposedUsagePolicy(action.id);
    proposed.action = action.id;
    proposed.minVotingPower = BigInt.fromString(policy.minVotingPower);
    proposed.quotaPeriod = BigInt.fromU64(policy.quotaPeriod);
    proposed.requestQuota = BigInt.fromU64(policy.requestQuota);
    proposed.tokenQuota = BigInt.fromU64(policy.tokenQuota);
    proposed.maxInputTokens = BigInt.fromU64(policy.maxInputTokens);
    proposed.maxOutputTokens = BigInt.fromU64(policy.maxOutputTokens);
    proposed.allowedModels = policy.allowedModels;
    proposed.redactCategories = policy.redactCategories as i32;
    proposed.scanAnswers = policy.scanAnswers;
    proposed.restoreOriginals = policy.restoreOriginals;
    proposed.promptInjection = policy.promptInjection;
    proposed.retentionSeconds = BigInt.fromU64(policy.retentionSeconds);
    proposed.contentHash = Bytes.fromUint8Array(policy.contentHash);
    proposed.textUri = policy.textUri;
    proposed.save();
    action.proposedPolicy = proposed.id;
  }
  action.save();
}

/** The id of the timelock operation GovernorTimelockControl schedules for `proposal` (hashOperationBatch). */
function operationIdOf(proposal: Proposal, governor: Address): Bytes {
  const values = proposal.values;
  const words = new Array<Uint8Array>(values.length);
  for (let i = 0; i < values.length; i++) words[i] = uint256Word(values[i]);
  const encoded = encodeOperationBatch(
    changetype<Array<Uint8Array>>(proposal.targets),
    words,
    changetype<Array<Uint8Array>>(proposal.calldatas),
    new Uint8Array(32),
    timelockSalt(governor, proposal.descriptionHash),
  );
  return keccak(encoded);
}

/** Sets Proposal.quorum (governor.quorum(voteStart)) once the snapshot is in the past, which the call needs. */
function fillQuorum(proposal: Proposal, event: ethereum.Event): void {
  if (proposal.quorum !== null || event.block.timestamp.le(proposal.voteStart)) return;
  const quorum = CommonsGovernorContract.bind(event.address).try_quorum(proposal.voteStart);
  if (!quorum.reverted) proposal.quorum = quorum.value;
}

function loadProposal(id: BigInt, event: string): Proposal | null {
  const proposal = Proposal.load(id.toString());
  if (proposal == null) log.warning("{} for unknown proposal {}", [event, id.toString()]);
  return proposal;
}

export function handleProposalQueued(event: ProposalQueuedEvent): void {
  const proposal = loadProposal(event.params.proposalId, PROPOSAL_QUEUED);
  if (proposal == null) return;
  const governance = fetchGovernance();
  applyProposalEvent(proposal, governance, PROPOSAL_QUEUED);
  proposal.eta = event.params.etaSeconds;
  proposal.queuedAtBlock = event.block.number;
  proposal.queuedAtTimestamp = event.block.timestamp;
  proposal.queuedAtTransaction = event.transaction.hash;
  fillQuorum(proposal, event);

  // The timelock's CallScheduled events come first in this transaction, so the operation exists unless the
  // description hash differs from the emitted one (a description that is not valid UTF-8): then fall back to the
  // operation the timelock scheduled in this very transaction.
  let operationId = operationIdOf(proposal, event.address);
  let operation = TimelockOperation.load(operationId);
  const timelockAddress = governance.timelock;
  if (operation == null && timelockAddress !== null) {
    const timelock = fetchTimelock(Address.fromBytes(timelockAddress));
    const lastTransaction = timelock.lastScheduledTransaction;
    const lastOperation = timelock.lastScheduledOperation;
    if (lastTransaction !== null && lastOperation !== null && lastTransaction.equals(event.transaction.hash)) {
      log.warning("proposal {}: computed timelock operation {} not found, using {} from the same transaction", [
        proposal.id,
        operationId.toHexString(),
        lastOperation.toHexString(),
      ]);
      operationId = lastOperation;
      operation = TimelockOperation.load(operationId);
    }
  }
  if (operation !== null) {
    operation.proposal = proposal.id;
    operation.save();
  } else {
    log.warning("proposal {}: timelock operation {} was not indexed", [proposal.id, operationId.toHexString()]);
  }
  proposal.timelockOperation = operationId;
  proposal.updatedAtTimestamp = event.block.timestamp;
  proposal.save();
  governance.save();
}

export function handleProposalExecuted(event: ProposalExecutedEvent): void {
  const proposal = loadProposal(event.params.proposalId, PROPOSAL_EXECUTED);
  if (proposal == null) return;
  const governance = fetchGovernance();
  applyProposalEvent(proposal, governance, PROPOSAL_EXECUTED);
  // Executed through the governor, whatever the timelock handler guessed.
  proposal.executedOnTimelock = false;
  proposal.executedAtBlock = event.block.number;
  proposal.executedAtTimestamp = event.block.timestamp;
  proposal.executedAtTransaction = event.transaction.hash;
  fillQuorum(proposal, event);
  proposal.updatedAtTimestamp = event.block.timestamp;
  proposal.save();
  governance.save();
}

export function handleProposalCanceled(event: ProposalCanceledEvent): void {
  const proposal = loadProposal(event.params.proposalId, PROPOSAL_CANCELED);
  if (proposal == null) return;
  const governance = fetchGovernance();
  if (applyProposalEvent(proposal, governance, PROPOSAL_CANCELED)) {
    proposal.canceledAtBlock = event.block.number;
    proposal.canceledAtTimestamp = event.block.timestamp;
    proposal.canceledAtTransaction = event.transaction.hash;
  }
  fillQuorum(proposal, event);
  proposal.updatedAtTimestamp = event.block.timestamp;
  proposal.save();
  governance.save();
}

export function handleProposalExtended(event: ProposalExtendedEvent): void {
  const proposal = loadProposal(event.params.proposalId, "ProposalExtended");
  if (proposal == null) return;
  proposal.voteEnd = event.params.extendedDeadline;
  fillQuorum(proposal, event);
  proposal.updatedAtTimestamp = event.block.timestamp;
  proposal.save();
}

// ---------------------------------------------------------------------------------------------------------------------
// Votes
// ---------------------------------------------------------------------------------------------------------------------

function recordVote(
  event: ethereum.Event,
  voter: Address,
  proposalId: BigInt,
  support: i32,
  weight: BigInt,
  reason: string,
  params: Bytes | null,
): void {
  const proposal = loadProposal(proposalId, VOTE_CAST);
  if (proposal == null) return;
  const supportName = voteSupport(support);
  if (supportName.length == 0) {
    log.error("vote with unknown support {} on proposal {}", [support.toString(), proposal.id]);
    return;
  }
  const governance = fetchGovernance();

  const vote = new Vote(word(proposalId).concat(voter));
  vote.proposal = proposal.id;
  vote.voter = voter;
  vote.support = supportName;
  vote.weight = weight;
  vote.reason = sanitize(reason);
  vote.params = params;
  vote.blockNumber = event.block.number;
  vote.timestamp = event.block.timestamp;
  vote.transactionHash = event.transaction.hash;
  vote.save();

  if (supportName == FOR) proposal.forVotes = proposal.forVotes.plus(weight);
  else if (supportName == AGAINST) proposal.againstVotes = proposal.againstVotes.plus(weight);
  else if (supportName == ABSTAIN) proposal.abstainVotes = proposal.abstainVotes.plus(weight);
  proposal.voteCount = proposal.voteCount + 1;
  applyProposalEvent(proposal, governance, VOTE_CAST);
  fillQuorum(proposal, event);
  proposal.updatedAtTimestamp = event.block.timestamp;
  proposal.save();

  const delegate = fetchDelegate(voter);
  if (delegate.voteCount == 0) governance.voterCount = governance.voterCount + 1;
  delegate.voteCount = delegate.voteCount + 1;
  delegate.save();
  governance.voteCount = governance.voteCount + 1;
  governance.save();
}

export function handleVoteCast(event: VoteCastEvent): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, null);
}

export function handleVoteCastWithParams(event: VoteCastWithParamsEvent): void {
  const p = event.params;
  recordVote(event, p.voter, p.proposalId, p.support, p.weight, p.reason, p.params);
}

// ---------------------------------------------------------------------------------------------------------------------
// Settings (all emitted by the constructor too)
// ---------------------------------------------------------------------------------------------------------------------

function recordSetting(event: ethereum.Event, setting: string, oldValue: string, newValue: string): void {
  const change = new GovernanceSettingChange(eventId(event));
  change.setting = setting;
  change.oldValue = oldValue;
  change.newValue = newValue;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleVotingDelaySet(event: VotingDelaySetEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  governance.votingDelay = event.params.newVotingDelay;
  governance.save();
  recordSetting(event, "votingDelay", event.params.oldVotingDelay.toString(), event.params.newVotingDelay.toString());
}

export function handleVotingPeriodSet(event: VotingPeriodSetEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  governance.votingPeriod = event.params.newVotingPeriod;
  governance.save();
  recordSetting(
    event,
    "votingPeriod",
    event.params.oldVotingPeriod.toString(),
    event.params.newVotingPeriod.toString(),
  );
}

export function handleProposalThresholdSet(event: ProposalThresholdSetEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  governance.proposalThreshold = event.params.newProposalThreshold;
  governance.save();
  recordSetting(
    event,
    "proposalThreshold",
    event.params.oldProposalThreshold.toString(),
    event.params.newProposalThreshold.toString(),
  );
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdatedEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  governance.quorumNumerator = event.params.newQuorumNumerator;
  governance.save();
  recordSetting(
    event,
    "quorumNumerator",
    event.params.oldQuorumNumerator.toString(),
    event.params.newQuorumNumerator.toString(),
  );
}

export function handleLateQuorumVoteExtensionSet(event: LateQuorumVoteExtensionSetEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  governance.lateQuorumVoteExtension = event.params.newVoteExtension;
  governance.save();
  recordSetting(
    event,
    "lateQuorumVoteExtension",
    event.params.oldVoteExtension.toString(),
    event.params.newVoteExtension.toString(),
  );
}

export function handleExecutionGracePeriodSet(event: ExecutionGracePeriodSetEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  governance.executionGracePeriod = event.params.newGracePeriod;
  governance.save();
  recordSetting(
    event,
    "executionGracePeriod",
    event.params.oldGracePeriod.toString(),
    event.params.newGracePeriod.toString(),
  );
}

export function handleProposalGuardianSet(event: ProposalGuardianSetEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  governance.proposalGuardian = event.params.newProposalGuardian;
  governance.save();
  recordSetting(
    event,
    "proposalGuardian",
    event.params.oldProposalGuardian.toHexString(),
    event.params.newProposalGuardian.toHexString(),
  );
}

/**
 * The governor's timelock changed. At construction (old timelock zero) it is the deployed timelock, which the
 * TimelockController data source indexes. After an updateTimelock proposal it is a new one: index it from now on
 * with the Timelock template, unless it is already indexed (a switch back to a former timelock).
 */
export function handleTimelockChange(event: TimelockChangeEvent): void {
  const governance = fetchGovernance();
  governance.governor = event.address;
  const oldTimelock = event.params.oldTimelock;
  const newTimelock = event.params.newTimelock;

  if (!oldTimelock.equals(Address.zero())) {
    const previous = fetchTimelock(oldTimelock);
    previous.current = false;
    previous.save();
  }
  // A timelock with an entity is indexed already: the deployed one by its data source, a former one by a template.
  const indexed = Timelock.load(newTimelock) != null;
  const timelock = fetchTimelock(newTimelock);
  if (!oldTimelock.equals(Address.zero()) && !indexed) {
    TimelockTemplate.create(newTimelock);
    // Its MinDelayChange came before the template existed: read the delay instead.
    const minDelay = TimelockControllerContract.bind(newTimelock).try_getMinDelay();
    if (!minDelay.reverted) timelock.minDelay = minDelay.value;
  }
  timelock.current = true;
  timelock.save();

  governance.timelock = newTimelock;
  governance.save();
  recordSetting(event, "timelock", oldTimelock.toHexString(), newTimelock.toHexString());
}
