// TimelockController (the deployed one, and any later one through the Timelock template): operations, their link to
// proposals, the minimum delay and role changes.

import { BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import { Proposal, TimelockOperation, TimelockRoleChange } from "../../generated/schema";
import {
  CallExecuted as CallExecutedEvent,
  CallSalt as CallSaltEvent,
  CallScheduled as CallScheduledEvent,
  Cancelled as CancelledEvent,
  MinDelayChange as MinDelayChangeEvent,
  RoleGranted as RoleGrantedEvent,
  RoleRevoked as RoleRevokedEvent,
} from "../../generated/TimelockController/TimelockController";
import { fetchGovernance } from "../fetch/governance";
import { eventId, word } from "../fetch/ids";
import { applyProposalEvent } from "../fetch/proposal";
import { fetchTimelock } from "../fetch/timelock";
import { roleName } from "../logic/roles";
import { hasProposalExecutedLog, TIMELOCK_CALL_EXECUTED, TIMELOCK_CANCELLED } from "../logic/state";

// TimelockOperationStatus names (schema enum).
const SCHEDULED = "Scheduled";
const EXECUTED = "Executed";
const CANCELED = "Canceled";

/**
 * CallScheduled, once per call of the operation, index 0 first. Index 0 (re)starts the operation: an id canceled on
 * the timelock may be scheduled again.
 */
export function handleCallScheduled(event: CallScheduledEvent): void {
  const timelock = fetchTimelock(event.address);
  const id = event.params.id;
  let operation = TimelockOperation.load(id);
  if (operation == null || event.params.index.isZero()) {
    if (operation == null) operation = new TimelockOperation(id);
    operation.timelock = timelock.id;
    operation.proposal = null;
    operation.status = SCHEDULED;
    operation.targets = [];
    operation.values = [];
    operation.calldatas = [];
    operation.predecessor = event.params.predecessor;
    operation.salt = Bytes.fromUint8Array(new Uint8Array(32));
    operation.delay = event.params.delay;
    operation.readyAt = event.block.timestamp.plus(event.params.delay);
    operation.scheduledAtBlock = event.block.number;
    operation.scheduledAtTimestamp = event.block.timestamp;
    operation.scheduledAtTransaction = event.transaction.hash;
    operation.executedAtBlock = null;
    operation.executedAtTimestamp = null;
    operation.executedAtTransaction = null;
    operation.canceledAtBlock = null;
    operation.canceledAtTimestamp = null;
    operation.canceledAtTransaction = null;
  }
  const targets = operation.targets;
  targets.push(event.params.target);
  operation.targets = targets;
  const values = operation.values;
  values.push(event.params.value);
  operation.values = values;
  const calldatas = operation.calldatas;
  calldatas.push(event.params.data);
  operation.calldatas = calldatas;
  operation.save();

  timelock.lastScheduledOperation = id;
  timelock.lastScheduledTransaction = event.transaction.hash;
  timelock.save();
}

export function handleCallSalt(event: CallSaltEvent): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) return;
  operation.salt = event.params.salt;
  operation.save();
}

/**
 * CallExecuted, once per call. The operation is done; so is its proposal, whether the governor executed it (its
 * ProposalExecuted follows in the same transaction) or someone with the executor role did so on the timelock.
 */
export function handleCallExecuted(event: CallExecutedEvent): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) {
    log.warning("CallExecuted for unknown operation {}", [event.params.id.toHexString()]);
    return;
  }
  if (operation.status == EXECUTED) return; // a later call of the same batch
  operation.status = EXECUTED;
  operation.executedAtBlock = event.block.number;
  operation.executedAtTimestamp = event.block.timestamp;
  operation.executedAtTransaction = event.transaction.hash;
  operation.save();

  const proposalId = operation.proposal;
  if (proposalId === null) return;
  const proposal = Proposal.load(proposalId);
  if (proposal == null) return;
  const governance = fetchGovernance();
  if (applyProposalEvent(proposal, governance, TIMELOCK_CALL_EXECUTED)) {
    proposal.executedOnTimelock = !executedByGovernor(event, proposal.proposalId);
    proposal.executedAtBlock = event.block.number;
    proposal.executedAtTimestamp = event.block.timestamp;
    proposal.executedAtTransaction = event.transaction.hash;
    proposal.updatedAtTimestamp = event.block.timestamp;
    proposal.save();
    governance.save();
  }
}

function executedByGovernor(event: CallExecutedEvent, proposalId: BigInt): bool {
  const governor = fetchGovernance().governor;
  const receipt = event.receipt;
  if (governor === null || receipt === null) return true;
  const addresses = new Array<Uint8Array>(0);
  const topics = new Array<Uint8Array>(0);
  const data = new Array<Uint8Array>(0);
  const logs = receipt.logs;
  for (let i = 0; i < logs.length; i++) {
    addresses.push(logs[i].address);
    topics.push(logs[i].topics.length > 0 ? logs[i].topics[0] : new Uint8Array(0));
    data.push(logs[i].data);
  }
  return hasProposalExecutedLog(addresses, topics, data, governor, word(proposalId));
}

/**
 * Cancelled. After the governor's ProposalCanceled (same transaction) the proposal is Canceled already; otherwise
 * someone with the canceller role canceled the operation on the timelock itself, and governor.state() now reports the
 * queued proposal as Canceled.
 */
export function handleCancelled(event: CancelledEvent): void {
  const operation = TimelockOperation.load(event.params.id);
  if (operation == null) {
    log.warning("Cancelled for unknown operation {}", [event.params.id.toHexString()]);
    return;
  }
  operation.status = CANCELED;
  operation.canceledAtBlock = event.block.number;
  operation.canceledAtTimestamp = event.block.timestamp;
  operation.canceledAtTransaction = event.transaction.hash;
  operation.save();

  const proposalId = operation.proposal;
  if (proposalId === null) return;
  const proposal = Proposal.load(proposalId);
  if (proposal == null) return;
  const governance = fetchGovernance();
  if (applyProposalEvent(proposal, governance, TIMELOCK_CANCELLED)) {
    proposal.canceledOnTimelock = true;
    proposal.canceledAtBlock = event.block.number;
    proposal.canceledAtTimestamp = event.block.timestamp;
    proposal.canceledAtTransaction = event.transaction.hash;
    proposal.updatedAtTimestamp = event.block.timestamp;
    proposal.save();
    governance.save();
  }
}

export function handleMinDelayChange(event: MinDelayChangeEvent): void {
  const timelock = fetchTimelock(event.address);
  timelock.minDelay = event.params.newDuration;
  timelock.save();
}

function recordRoleChange(event: ethereum.Event, role: Bytes, account: Bytes, sender: Bytes, granted: bool): void {
  const timelock = fetchTimelock(event.address);
  const change = new TimelockRoleChange(eventId(event));
  change.timelock = timelock.id;
  change.role = role;
  const name = roleName(role);
  if (name.length > 0) change.roleName = name;
  change.account = account;
  change.sender = sender;
  change.granted = granted;
  change.blockNumber = event.block.number;
  change.timestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

export function handleRoleGranted(event: RoleGrantedEvent): void {
  recordRoleChange(event, event.params.role, event.params.account, event.params.sender, true);
}

export function handleRoleRevoked(event: RoleRevokedEvent): void {
  recordRoleChange(event, event.params.role, event.params.account, event.params.sender, false);
}
