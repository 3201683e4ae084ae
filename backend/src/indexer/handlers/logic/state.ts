// Proposal states (subgraph/src/logic/state.ts): the stored state is the last state an event proved; the states that
// follow from time alone are derived when read (backend/src/governance/proposal-state.ts).

import type { ProposalState, VoteSupport } from "../entities.js";

/** The events that move a proposal. */
export type ProposalEvent =
  | "ProposalCreated"
  | "VoteCast"
  | "ProposalQueued"
  | "ProposalExecuted"
  | "ProposalCanceled"
  /** CallExecuted on the timelock, for the proposal's operation. */
  | "TimelockCallExecuted"
  /** Cancelled on the timelock, for the proposal's operation. */
  | "TimelockCancelled";

/** Canceled and Executed never change again. */
export function isFinal(state: ProposalState | undefined): boolean {
  return state === "Canceled" || state === "Executed";
}

/**
 * The stored state after `event` (`current` is undefined for a proposal not created yet). Events that cannot change
 * the state from `current` leave it as is.
 *
 * - ProposalCreated: Pending.
 * - VoteCast: Pending -> Active (the governor only accepts votes while Active).
 * - ProposalQueued, ProposalExecuted, ProposalCanceled: any non-final state -> Queued, Executed, Canceled.
 * - TimelockCallExecuted: Queued -> Executed (governor.state() reports Executed once the operation is done, even when
 *   someone else executed it on the timelock).
 * - TimelockCancelled: Queued -> Canceled (governor.state() reports Canceled when the operation was canceled on the
 *   timelock directly).
 */
export function stateAfter(current: ProposalState | undefined, event: ProposalEvent): ProposalState | undefined {
  if (event === "ProposalCreated") return current ?? "Pending";
  if (current === undefined || isFinal(current)) return current;
  switch (event) {
    case "VoteCast":
      return current === "Pending" ? "Active" : current;
    case "ProposalQueued":
      return "Queued";
    case "ProposalExecuted":
      return "Executed";
    case "ProposalCanceled":
      return "Canceled";
    case "TimelockCallExecuted":
      return current === "Queued" ? "Executed" : current;
    case "TimelockCancelled":
      return current === "Queued" ? "Canceled" : current;
  }
}

const SUPPORT: readonly VoteSupport[] = ["Against", "For", "Abstain"];

/** The VoteSupport of a vote's `support` byte (GovernorCountingSimple.VoteType); undefined for any other value. */
export function voteSupport(support: number): VoteSupport | undefined {
  return SUPPORT[support];
}
