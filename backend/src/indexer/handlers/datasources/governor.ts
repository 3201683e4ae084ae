// CommonsGovernor: proposals, their actions, votes, the link to the timelock operation, and the governor's settings
// (subgraph/src/datasources/governor.ts).

import { type Address, type Hex, keccak256, toHex, zeroAddress } from "viem";
import type { LogPosition } from "../../indexed-log.js";
import type { ContractLog, EventArgs, Handler, HandlerContext } from "../context.js";
import { type ContractName, type Governance, load, type Proposal, type ProposalAction, save } from "../entities.js";
import { fetchDelegate } from "../fetch/delegate.js";
import { fetchGovernance } from "../fetch/governance.js";
import { actionId, bytes, eventId, modelKey, momentOf, versionKey, voteId } from "../fetch/ids.js";
import { applyProposalEvent, fillQuorum, loadProposal } from "../fetch/proposal.js";
import { tryRead } from "../fetch/reads.js";
import { fetchTimelock } from "../fetch/timelock.js";
import { decodeAction, summarize } from "../logic/actions.js";
import { proposalOperationId, timelockSalt } from "../logic/operation.js";
import { roleName } from "../logic/roles.js";
import { voteSupport } from "../logic/state.js";
import { sanitize, titleOf } from "../logic/text.js";

/** Applies one CommonsGovernor log. */
export function handleGovernorLog(log: ContractLog<"CommonsGovernor">, context: HandlerContext): Promise<void> {
  const event = log.event;
  switch (event.eventName) {
    case "ProposalCreated":
      return handleProposalCreated(event.args, log, context);
    case "ProposalQueued":
      return handleProposalQueued(event.args, log, context);
    case "ProposalExecuted":
      return handleProposalExecuted(event.args, log, context);
    case "ProposalCanceled":
      return handleProposalCanceled(event.args, log, context);
    case "ProposalExtended":
      return handleProposalExtended(event.args, log, context);
    case "VoteCast":
      return handleVoteCast(event.args, log, context);
    case "VoteCastWithParams":
      return handleVoteCastWithParams(event.args, log, context);
    case "VotingDelaySet":
      return recordSetting(context, log, "votingDelay", event.args.oldVotingDelay, event.args.newVotingDelay);
    case "VotingPeriodSet":
      return recordSetting(context, log, "votingPeriod", event.args.oldVotingPeriod, event.args.newVotingPeriod);
    case "ProposalThresholdSet":
      return recordSetting(
        context,
        log,
        "proposalThreshold",
        event.args.oldProposalThreshold,
        event.args.newProposalThreshold,
      );
    case "QuorumNumeratorUpdated":
      return recordSetting(
        context,
        log,
        "quorumNumerator",
        event.args.oldQuorumNumerator,
        event.args.newQuorumNumerator,
      );
    case "LateQuorumVoteExtensionSet":
      return recordSetting(
        context,
        log,
        "lateQuorumVoteExtension",
        event.args.oldVoteExtension,
        event.args.newVoteExtension,
      );
    case "ExecutionGracePeriodSet":
      return recordSetting(context, log, "executionGracePeriod", event.args.oldGracePeriod, event.args.newGracePeriod);
    case "ProposalGuardianSet":
      return recordSetting(
        context,
        log,
        "proposalGuardian",
        event.args.oldProposalGuardian,
        event.args.newProposalGuardian,
      );
    case "TimelockChange":
      return handleTimelockChange(event.args, log, context);
    default:
      return Promise.resolve(); // EIP712DomainChanged
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------------------------------

export const handleProposalCreated: Handler<"CommonsGovernor", "ProposalCreated"> = async (args, log, context) => {
  const { store } = context;
  const governance = await fetchGovernance(store);
  governance.governor = bytes(log.address);
  // The subgraph reads governor.token(); the token is the deployment's.
  governance.token ??= bytes(context.deployment.contracts.GovernanceToken);

  const proposer = await fetchDelegate(store, args.proposer);
  proposer.proposalCount += 1;
  await save(store, "Delegate", proposer);

  const { proposalId: id, targets, values, calldatas, description } = args;
  const proposal: Proposal = {
    id: id.toString(),
    proposalId: id.toString(),
    proposer: proposer.id,
    targets: targets.map(bytes),
    values: values.map(String),
    calldatas: calldatas.map(bytes),
    description: sanitize(description),
    title: titleOf(description),
    // Hashed as emitted: it is what queue/execute/cancel take and what salts the timelock operation.
    descriptionHash: keccak256(toHex(description)),
    actionCount: targets.length,
    voteStart: args.voteStart.toString(),
    voteEnd: args.voteEnd.toString(),
    originalVoteEnd: args.voteEnd.toString(),
    forVotes: "0",
    againstVotes: "0",
    abstainVotes: "0",
    voteCount: 0,
    state: "Pending",
    canceledOnTimelock: false,
    executedOnTimelock: false,
    createdAtBlock: log.blockNumber.toString(),
    createdAtTimestamp: log.blockTimestamp.toString(),
    createdAtTransaction: bytes(log.transactionHash),
    updatedAtTimestamp: log.blockTimestamp.toString(),
  };
  await save(store, "Proposal", proposal);

  for (const [index, target] of targets.entries()) {
    const contract = contractOf(governance, log.address, target);
    await createAction(context, id, index, contract, target, values[index] ?? 0n, calldatas[index] ?? "0x");
  }

  governance.proposalCount += 1;
  await save(store, "Governance", governance);
};

/** Which indexed contract `target` is, as far as the indexed events told; undefined for any other address. */
function contractOf(governance: Governance, governor: Address, target: Address): ContractName | undefined {
  const address = bytes(target);
  if (address === bytes(governor)) return "CommonsGovernor";
  if (address === governance.timelock) return "TimelockController";
  if (address === governance.modelRegistry) return "ModelRegistry";
  if (address === governance.usagePolicyRegistry) return "UsagePolicyRegistry";
  if (address === governance.token) return "GovernanceToken";
  return undefined;
}

/** Writes one ProposalAction, with its calldata decoded, and the ProposedUsagePolicy of a publishPolicy action. */
async function createAction(
  context: HandlerContext,
  proposalId: bigint,
  index: number,
  contract: ContractName | undefined,
  target: Address,
  value: bigint,
  calldata: Hex,
): Promise<void> {
  const decoded = decodeAction(contract, calldata);
  const id = actionId(proposalId, index);
  const action: ProposalAction = {
    id,
    proposal: proposalId.toString(),
    index,
    target: bytes(target),
    value: value.toString(),
    calldata: bytes(calldata),
    signature: decoded.signature ?? null,
    kind: decoded.kind,
    decoded: decoded.decoded,
    summary: summarize(decoded, contract, target, value),
    task: decoded.task ?? null,
    uri: decoded.uri ?? null,
    license: decoded.license ?? null,
    reason: decoded.reason ?? null,
  };
  if (contract) action.contract = contract;
  if (decoded.selector) action.selector = decoded.selector;
  if (decoded.modelId !== undefined) {
    action.modelId = decoded.modelId;
    action.model = modelKey(decoded.modelId);
    if (decoded.version !== undefined) {
      action.version = decoded.version;
      action.modelVersion = versionKey(decoded.modelId, decoded.version);
    }
  }
  if (decoded.hash) action.hash = decoded.hash;
  if (decoded.metadataHash) action.metadataHash = decoded.metadataHash;
  if (decoded.policyVersion !== undefined) {
    action.policyVersion = decoded.policyVersion.toString();
    action.policy = decoded.policyVersion.toString();
  }
  if (decoded.account) action.account = decoded.account;
  if (decoded.amount !== undefined) action.amount = decoded.amount.toString();
  if (decoded.role) {
    action.role = decoded.role;
    const name = roleName(decoded.role);
    if (name) action.roleName = name;
  }
  if (decoded.policy && decoded.decoded) {
    await save(context.store, "ProposedUsagePolicy", { id, action: id, ...decoded.policy });
    action.proposedPolicy = id;
  }
  await save(context.store, "ProposalAction", action);
}

/** The id of the timelock operation GovernorTimelockControl schedules for `proposal` (hashOperationBatch). */
function operationIdOf(proposal: Proposal, governor: Address): Hex {
  return proposalOperationId(
    proposal.targets,
    proposal.values.map(BigInt),
    proposal.calldatas,
    timelockSalt(governor, proposal.descriptionHash),
  );
}

export const handleProposalQueued: Handler<"CommonsGovernor", "ProposalQueued"> = async (args, log, context) => {
  const { store } = context;
  const proposal = await loadProposal(context, args.proposalId, "ProposalQueued");
  if (!proposal) return;
  const governance = await fetchGovernance(store);
  applyProposalEvent(proposal, governance, "ProposalQueued");
  proposal.eta = args.etaSeconds.toString();
  proposal.queuedAtBlock = log.blockNumber.toString();
  proposal.queuedAtTimestamp = log.blockTimestamp.toString();
  proposal.queuedAtTransaction = bytes(log.transactionHash);
  await fillQuorum(proposal, log, context);

  // The timelock's CallScheduled logs come first in this transaction, so the operation exists unless the description
  // hash differs from the emitted one (a description that is not valid UTF-8): then fall back to the operation the
  // timelock scheduled in this very transaction.
  let operationId = operationIdOf(proposal, log.address);
  let operation = await load(store, "TimelockOperation", operationId);
  if (!operation && governance.timelock) {
    const timelock = await fetchTimelock(store, governance.timelock);
    const lastOperation = timelock.lastScheduledOperation;
    if (lastOperation && timelock.lastScheduledTransaction === bytes(log.transactionHash)) {
      context.logger?.warn(
        `proposal ${proposal.id}: computed timelock operation ${operationId} not found, using ${lastOperation} from the same transaction`,
      );
      operationId = lastOperation;
      operation = await load(store, "TimelockOperation", operationId);
    }
  }
  if (operation) {
    operation.proposal = proposal.id;
    await save(store, "TimelockOperation", operation);
  } else {
    context.logger?.warn(`proposal ${proposal.id}: timelock operation ${operationId} was not indexed`);
  }
  proposal.timelockOperation = operationId;
  proposal.updatedAtTimestamp = log.blockTimestamp.toString();
  await save(store, "Proposal", proposal);
  await save(store, "Governance", governance);
};

export const handleProposalExecuted: Handler<"CommonsGovernor", "ProposalExecuted"> = async (args, log, context) => {
  const proposal = await loadProposal(context, args.proposalId, "ProposalExecuted");
  if (!proposal) return;
  const governance = await fetchGovernance(context.store);
  applyProposalEvent(proposal, governance, "ProposalExecuted");
  // Executed through the governor, whatever the timelock handler guessed.
  proposal.executedOnTimelock = false;
  proposal.executedAtBlock = log.blockNumber.toString();
  proposal.executedAtTimestamp = log.blockTimestamp.toString();
  proposal.executedAtTransaction = bytes(log.transactionHash);
  await fillQuorum(proposal, log, context);
  proposal.updatedAtTimestamp = log.blockTimestamp.toString();
  await save(context.store, "Proposal", proposal);
  await save(context.store, "Governance", governance);
};

export const handleProposalCanceled: Handler<"CommonsGovernor", "ProposalCanceled"> = async (args, log, context) => {
  const proposal = await loadProposal(context, args.proposalId, "ProposalCanceled");
  if (!proposal) return;
  const governance = await fetchGovernance(context.store);
  if (applyProposalEvent(proposal, governance, "ProposalCanceled")) {
    proposal.canceledAtBlock = log.blockNumber.toString();
    proposal.canceledAtTimestamp = log.blockTimestamp.toString();
    proposal.canceledAtTransaction = bytes(log.transactionHash);
  }
  await fillQuorum(proposal, log, context);
  proposal.updatedAtTimestamp = log.blockTimestamp.toString();
  await save(context.store, "Proposal", proposal);
  await save(context.store, "Governance", governance);
};

export const handleProposalExtended: Handler<"CommonsGovernor", "ProposalExtended"> = async (args, log, context) => {
  const proposal = await loadProposal(context, args.proposalId, "ProposalExtended");
  if (!proposal) return;
  proposal.voteEnd = args.extendedDeadline.toString();
  await fillQuorum(proposal, log, context);
  proposal.updatedAtTimestamp = log.blockTimestamp.toString();
  await save(context.store, "Proposal", proposal);
};

// ---------------------------------------------------------------------------------------------------------------------
// Votes
// ---------------------------------------------------------------------------------------------------------------------

type VoteArgs = EventArgs<"CommonsGovernor", "VoteCast"> & { params?: Hex };

/** Records a vote: the Vote, the proposal's tallies and state, the voter's and the governance's counters. */
async function recordVote(args: VoteArgs, log: LogPosition, context: HandlerContext): Promise<void> {
  const { store } = context;
  const { proposalId, voter, weight } = args;
  const proposal = await loadProposal(context, proposalId, "VoteCast");
  if (!proposal) return;
  const support = voteSupport(args.support);
  if (!support) {
    context.logger?.error(`vote with unknown support ${args.support} on proposal ${proposal.id}`);
    return;
  }
  const governance = await fetchGovernance(store);

  await save(store, "Vote", {
    id: voteId(proposalId, voter),
    proposal: proposal.id,
    voter: bytes(voter),
    support,
    weight: weight.toString(),
    reason: sanitize(args.reason),
    params: args.params === undefined ? null : bytes(args.params),
    ...momentOf(log),
  });

  if (support === "For") proposal.forVotes = (BigInt(proposal.forVotes) + weight).toString();
  else if (support === "Against") proposal.againstVotes = (BigInt(proposal.againstVotes) + weight).toString();
  else proposal.abstainVotes = (BigInt(proposal.abstainVotes) + weight).toString();
  proposal.voteCount += 1;
  applyProposalEvent(proposal, governance, "VoteCast");
  await fillQuorum(proposal, log, context);
  proposal.updatedAtTimestamp = log.blockTimestamp.toString();
  await save(store, "Proposal", proposal);

  const delegate = await fetchDelegate(store, voter);
  if (delegate.voteCount === 0) governance.voterCount += 1;
  delegate.voteCount += 1;
  await save(store, "Delegate", delegate);
  governance.voteCount += 1;
  await save(store, "Governance", governance);
}

export const handleVoteCast: Handler<"CommonsGovernor", "VoteCast"> = (args, log, context) =>
  recordVote(args, log, context);

export const handleVoteCastWithParams: Handler<"CommonsGovernor", "VoteCastWithParams"> = (args, log, context) =>
  recordVote(args, log, context);

// ---------------------------------------------------------------------------------------------------------------------
// Settings (all emitted by the constructor too)
// ---------------------------------------------------------------------------------------------------------------------

/** The Governance fields the governor's settings events set. */
type Setting =
  | "votingDelay"
  | "votingPeriod"
  | "proposalThreshold"
  | "quorumNumerator"
  | "lateQuorumVoteExtension"
  | "executionGracePeriod"
  | "proposalGuardian";

/** A setting's value as stored and as GovernanceSettingChange shows it: decimal for numbers, 0x-hex for addresses. */
function settingValue(value: bigint | number | Address): string {
  return typeof value === "string" ? bytes(value) : value.toString();
}

/** Sets a Governance setting from its event, and records the GovernanceSettingChange. */
async function recordSetting(
  context: HandlerContext,
  log: LogPosition,
  setting: Setting,
  oldValue: bigint | number | Address,
  newValue: bigint | number | Address,
): Promise<void> {
  const governance = await fetchGovernance(context.store);
  governance.governor = bytes(log.address);
  if (setting === "proposalGuardian") governance.proposalGuardian = bytes(newValue as Address);
  else governance[setting] = settingValue(newValue);
  await save(context.store, "Governance", governance);
  await saveSettingChange(context, log, setting, settingValue(oldValue), settingValue(newValue));
}

function saveSettingChange(
  context: HandlerContext,
  log: LogPosition,
  setting: Setting | "timelock",
  oldValue: string,
  newValue: string,
): Promise<void> {
  return save(context.store, "GovernanceSettingChange", {
    id: eventId(log),
    setting,
    oldValue,
    newValue,
    ...momentOf(log),
  });
}

/**
 * The governor's timelock changed. At construction (old timelock zero) it is the deployed timelock. After an
 * updateTimelock proposal it is a new one, indexed from now on (the subgraph creates a Timelock template), unless it was
 * already (a switch back to a former timelock): its minimum delay is read, as its MinDelayChange was not indexed.
 */
export const handleTimelockChange: Handler<"CommonsGovernor", "TimelockChange"> = async (args, log, context) => {
  const { store } = context;
  const { oldTimelock, newTimelock } = args;
  const governance = await fetchGovernance(store);
  governance.governor = bytes(log.address);

  if (bytes(oldTimelock) !== zeroAddress) {
    const previous = await fetchTimelock(store, oldTimelock);
    previous.current = false;
    await save(store, "Timelock", previous);
  }
  const indexed = await isIndexedTimelockEntity(context, newTimelock);
  const timelock = await fetchTimelock(store, newTimelock);
  if (bytes(oldTimelock) !== zeroAddress && !indexed) {
    const minDelay = await tryRead(() => context.chain.timelockMinDelay(newTimelock, log.blockNumber));
    if (minDelay !== undefined) timelock.minDelay = minDelay.toString();
  }
  timelock.current = true;
  await save(store, "Timelock", timelock);

  governance.timelock = timelock.id;
  await save(store, "Governance", governance);
  await saveSettingChange(context, log, "timelock", bytes(oldTimelock), bytes(newTimelock));
};

/** Whether the timelock has an entity (subgraph: `Timelock.load(newTimelock) != null`). */
async function isIndexedTimelockEntity(context: HandlerContext, address: Address): Promise<boolean> {
  return (await context.store.get("Timelock", bytes(address))) !== undefined;
}
