// Proposal states (pure: see README.md in this folder).
//
// A subgraph only runs on events, so it stores the last state an event proved; the states that follow from time
// alone (Active before any vote, Defeated, Succeeded, Expired) are derived by `liveState`, which mirrors
// CommonsGovernor.state(): Governor, GovernorTimelockControl and GovernorExecutionWindow.

import { bytesEqual, toHex } from "./bytes";

// IGovernor.ProposalState names (schema enum ProposalState).
export const PENDING = "Pending";
export const ACTIVE = "Active";
export const CANCELED = "Canceled";
export const DEFEATED = "Defeated";
export const SUCCEEDED = "Succeeded";
export const QUEUED = "Queued";
export const EXPIRED = "Expired";
export const EXECUTED = "Executed";

// The events that move a proposal.
export const PROPOSAL_CREATED = "ProposalCreated";
export const VOTE_CAST = "VoteCast";
export const PROPOSAL_QUEUED = "ProposalQueued";
export const PROPOSAL_EXECUTED = "ProposalExecuted";
export const PROPOSAL_CANCELED = "ProposalCanceled";
/** CallExecuted on the timelock, for the proposal's operation. */
export const TIMELOCK_CALL_EXECUTED = "TimelockCallExecuted";
/** Cancelled on the timelock, for the proposal's operation. */
export const TIMELOCK_CANCELLED = "TimelockCancelled";

/** Canceled and Executed never change again. */
export function isFinal(state: string): bool {
  return state == CANCELED || state == EXECUTED;
}

/**
 * The stored state after `event`. Events that cannot change the state from `current` (they cannot happen on chain,
 * or arrive after a final state, like the timelock's Cancelled after the governor's ProposalCanceled) leave it as is.
 *
 * - ProposalCreated: Pending.
 * - VoteCast: Pending -> Active (the governor only accepts votes while Active).
 * - ProposalQueued: any non-final state -> Queued (queueing proves it Succeeded).
 * - ProposalExecuted: any non-final state -> Executed.
 * - ProposalCanceled: any non-final state -> Canceled.
 * - TimelockCallExecuted: Queued -> Executed (governor.state() reports Executed once the operation is done, even when
 *   someone else executed it on the timelock).
 * - TimelockCancelled: Queued -> Canceled (governor.state() reports Canceled when the operation was canceled on the
 *   timelock directly).
 */
export function stateAfter(current: string, event: string): string {
  if (event == PROPOSAL_CREATED) return current.length == 0 ? PENDING : current;
  if (isFinal(current)) return current;
  if (event == VOTE_CAST) return current == PENDING ? ACTIVE : current;
  if (event == PROPOSAL_QUEUED) return QUEUED;
  if (event == PROPOSAL_EXECUTED) return EXECUTED;
  if (event == PROPOSAL_CANCELED) return CANCELED;
  if (event == TIMELOCK_CALL_EXECUTED) return current == QUEUED ? EXECUTED : current;
  if (event == TIMELOCK_CANCELLED) return current == QUEUED ? CANCELED : current;
  return current;
}

/**
 * What governor.state(proposalId) returns at time `now` (seconds), from the stored fields.
 * @param stored Proposal.state.
 * @param quorumReached quorum <= forVotes + abstainVotes (GovernorCountingSimple).
 * @param voteSucceeded forVotes > againstVotes.
 * @param eta Proposal.eta, 0 when not queued.
 * @param executionGracePeriod Governance.executionGracePeriod (the current one: the governor uses it for every
 * queued proposal).
 */
export function liveState(
  stored: string,
  now: u64,
  voteStart: u64,
  voteEnd: u64,
  quorumReached: bool,
  voteSucceeded: bool,
  eta: u64,
  executionGracePeriod: u64,
): string {
  if (isFinal(stored)) return stored;
  if (voteStart >= now) return PENDING;
  if (voteEnd >= now) return ACTIVE;
  if (stored == QUEUED) return now >= eta + executionGracePeriod ? EXPIRED : QUEUED;
  if (!quorumReached || !voteSucceeded) return DEFEATED;
  return SUCCEEDED;
}

// VoteSupport names (schema enum), by GovernorCountingSimple.VoteType.
export const AGAINST = "Against";
export const FOR = "For";
export const ABSTAIN = "Abstain";

/** The VoteSupport of a vote's `support` byte; empty for any other value (the governor rejects those). */
export function voteSupport(support: i32): string {
  if (support == 0) return AGAINST;
  if (support == 1) return FOR;
  if (support == 2) return ABSTAIN;
  return "";
}

/** keccak256("ProposalExecuted(uint256)"): topic 0 of the governor's ProposalExecuted. */
export const PROPOSAL_EXECUTED_TOPIC = "0x712ae1383f79ac853f8d882153778e0260ef8f03b504e2866e0593e04d2b291f";

/**
 * Whether a transaction's logs hold the governor's ProposalExecuted for `proposalId` (a 32-byte word). The timelock's
 * CallExecuted comes before it in the same transaction when the governor executes; without it, someone executed the
 * operation on the timelock directly.
 * @param addresses, topics0, data The logs of the transaction: emitter, first topic (empty if none) and data.
 */
export function hasProposalExecutedLog(
  addresses: Array<Uint8Array>,
  topics0: Array<Uint8Array>,
  data: Array<Uint8Array>,
  governor: Uint8Array,
  proposalId: Uint8Array,
): bool {
  for (let i = 0; i < addresses.length && i < topics0.length && i < data.length; i++) {
    if (
      bytesEqual(addresses[i], governor) &&
      toHex(topics0[i]) == PROPOSAL_EXECUTED_TOPIC &&
      bytesEqual(data[i], proposalId)
    ) {
      return true;
    }
  }
  return false;
}
