// TimelockController (the deployed one, and any the governor moved to later): operations, their link to proposals, the
// minimum delay and role changes (subgraph/src/datasources/timelock.ts).

import { type Address, type Hex, zeroHash } from "viem";
import type { LogPosition } from "../../indexed-log.js";
import type { ContractLog, Handler, HandlerContext } from "../context.js";
import { load, save, type TimelockOperation } from "../entities.js";
import { fetchGovernance } from "../fetch/governance.js";
import { bytes, eventId, momentOf } from "../fetch/ids.js";
import { applyProposalEvent, loadOperationProposal } from "../fetch/proposal.js";
import { fetchTimelock, isIndexedTimelock } from "../fetch/timelock.js";
import { roleName } from "../logic/roles.js";

/**
 * Applies one TimelockController log, of the deployed timelock or of one the governor moved to; logs of any other
 * timelock (or emitted before the governor moved to it) are ignored, as the subgraph never indexes them.
 */
export async function handleTimelockLog(
  log: ContractLog<"TimelockController">,
  context: HandlerContext,
): Promise<void> {
  if (!(await isIndexedTimelock(context.store, context.deployment, log.address))) return;
  const event = log.event;
  switch (event.eventName) {
    case "CallScheduled":
      return handleCallScheduled(event.args, log, context);
    case "CallSalt":
      return handleCallSalt(event.args, log, context);
    case "CallExecuted":
      return handleCallExecuted(event.args, log, context);
    case "Cancelled":
      return handleCancelled(event.args, log, context);
    case "MinDelayChange":
      return handleMinDelayChange(event.args, log, context);
    case "RoleGranted":
      return recordRoleChange(context, log, event.args, true);
    case "RoleRevoked":
      return recordRoleChange(context, log, event.args, false);
    default:
      return; // RoleAdminChanged
  }
}

/**
 * CallScheduled, once per call of the operation, index 0 first. Index 0 (re)starts the operation: an id canceled on the
 * timelock may be scheduled again.
 */
export const handleCallScheduled: Handler<"TimelockController", "CallScheduled"> = async (args, log, context) => {
  const { store } = context;
  const timelock = await fetchTimelock(store, log.address);
  const id = bytes(args.id);
  const found = await load(store, "TimelockOperation", id);
  const operation: TimelockOperation =
    found && args.index !== 0n
      ? found
      : {
          id,
          timelock: timelock.id,
          proposal: null,
          status: "Scheduled",
          targets: [],
          values: [],
          calldatas: [],
          predecessor: bytes(args.predecessor),
          salt: zeroHash,
          delay: args.delay.toString(),
          readyAt: (log.blockTimestamp + args.delay).toString(),
          scheduledAtBlock: log.blockNumber.toString(),
          scheduledAtTimestamp: log.blockTimestamp.toString(),
          scheduledAtTransaction: bytes(log.transactionHash),
          executedAtBlock: null,
          executedAtTimestamp: null,
          executedAtTransaction: null,
          canceledAtBlock: null,
          canceledAtTimestamp: null,
          canceledAtTransaction: null,
        };
  operation.targets = [...operation.targets, bytes(args.target)];
  operation.values = [...operation.values, args.value.toString()];
  operation.calldatas = [...operation.calldatas, bytes(args.data)];
  await save(store, "TimelockOperation", operation);

  timelock.lastScheduledOperation = id;
  timelock.lastScheduledTransaction = bytes(log.transactionHash);
  await save(store, "Timelock", timelock);
};

export const handleCallSalt: Handler<"TimelockController", "CallSalt"> = async (args, _log, context) => {
  const operation = await load(context.store, "TimelockOperation", bytes(args.id));
  if (!operation) return;
  operation.salt = bytes(args.salt);
  await save(context.store, "TimelockOperation", operation);
};

/** Loads an operation by id, logging a warning (as the subgraph does) when it is unknown. */
async function loadOperation(context: HandlerContext, id: Hex, event: string): Promise<TimelockOperation | undefined> {
  const operation = await load(context.store, "TimelockOperation", bytes(id));
  if (!operation) context.logger?.warn(`${event} for unknown operation ${bytes(id)}`);
  return operation;
}

/**
 * CallExecuted, once per call. The operation is done; so is its proposal, whether the governor executed it or someone
 * with the executor role did so on the timelock directly.
 *
 * The subgraph tells the two apart from the transaction receipt: the governor's ProposalExecuted follows in the same
 * transaction. Logs arrive in order here, so the proposal is marked as executed on the timelock, and
 * handleProposalExecuted, which follows in the same transaction when the governor executed it, sets it back: once the
 * transaction is indexed, the entities are the subgraph's.
 */
export const handleCallExecuted: Handler<"TimelockController", "CallExecuted"> = async (args, log, context) => {
  const { store } = context;
  const operation = await loadOperation(context, args.id, "CallExecuted");
  if (!operation || operation.status === "Executed") return; // a later call of the same batch
  operation.status = "Executed";
  operation.executedAtBlock = log.blockNumber.toString();
  operation.executedAtTimestamp = log.blockTimestamp.toString();
  operation.executedAtTransaction = bytes(log.transactionHash);
  await save(store, "TimelockOperation", operation);

  const proposal = await loadOperationProposal(store, operation.proposal);
  if (!proposal) return;
  const governance = await fetchGovernance(store);
  if (applyProposalEvent(proposal, governance, "TimelockCallExecuted")) {
    // Without a known governor the subgraph assumes the governor executed it.
    proposal.executedOnTimelock = governance.governor != null;
    proposal.executedAtBlock = log.blockNumber.toString();
    proposal.executedAtTimestamp = log.blockTimestamp.toString();
    proposal.executedAtTransaction = bytes(log.transactionHash);
    proposal.updatedAtTimestamp = log.blockTimestamp.toString();
    await save(store, "Proposal", proposal);
    await save(store, "Governance", governance);
  }
};

/**
 * Cancelled. After the governor's ProposalCanceled (same transaction) the proposal is Canceled already; otherwise
 * someone with the canceller role canceled the operation on the timelock itself, and governor.state() now reports the
 * queued proposal as Canceled.
 */
export const handleCancelled: Handler<"TimelockController", "Cancelled"> = async (args, log, context) => {
  const { store } = context;
  const operation = await loadOperation(context, args.id, "Cancelled");
  if (!operation) return;
  operation.status = "Canceled";
  operation.canceledAtBlock = log.blockNumber.toString();
  operation.canceledAtTimestamp = log.blockTimestamp.toString();
  operation.canceledAtTransaction = bytes(log.transactionHash);
  await save(store, "TimelockOperation", operation);

  const proposal = await loadOperationProposal(store, operation.proposal);
  if (!proposal) return;
  const governance = await fetchGovernance(store);
  if (applyProposalEvent(proposal, governance, "TimelockCancelled")) {
    proposal.canceledOnTimelock = true;
    proposal.canceledAtBlock = log.blockNumber.toString();
    proposal.canceledAtTimestamp = log.blockTimestamp.toString();
    proposal.canceledAtTransaction = bytes(log.transactionHash);
    proposal.updatedAtTimestamp = log.blockTimestamp.toString();
    await save(store, "Proposal", proposal);
    await save(store, "Governance", governance);
  }
};

export const handleMinDelayChange: Handler<"TimelockController", "MinDelayChange"> = async (args, log, context) => {
  const timelock = await fetchTimelock(context.store, log.address);
  timelock.minDelay = args.newDuration.toString();
  await save(context.store, "Timelock", timelock);
};

/** RoleGranted / RoleRevoked: a TimelockRoleChange. */
async function recordRoleChange(
  context: HandlerContext,
  log: LogPosition,
  args: { role: Hex; account: Address; sender: Address },
  granted: boolean,
): Promise<void> {
  const timelock = await fetchTimelock(context.store, log.address);
  const name = roleName(args.role);
  await save(context.store, "TimelockRoleChange", {
    id: eventId(log),
    timelock: timelock.id,
    role: bytes(args.role),
    ...(name ? { roleName: name } : {}),
    account: bytes(args.account),
    sender: bytes(args.sender),
    granted,
    ...momentOf(log),
  });
}
