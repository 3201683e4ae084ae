// How events move the Governance and Delegate counters (subgraph/src/logic/counters.ts).

import type { ModelVersionStatus } from "../entities.js";

/**
 * DelegateChanged(delegator, from, to): change of Governance.delegatorCount, the number of accounts that delegate to a
 * non-zero address.
 */
export function delegatorCountDelta(fromIsZero: boolean, toIsZero: boolean): number {
  if (fromIsZero && !toIsZero) return 1;
  if (!fromIsZero && toIsZero) return -1;
  return 0;
}

/**
 * DelegateVotesChanged(delegate, previous, new): change of Governance.delegateCount, the number of accounts with voting
 * power above zero.
 */
export function delegateCountDelta(previousIsZero: boolean, newIsZero: boolean): number {
  if (previousIsZero && !newIsZero) return 1;
  if (!previousIsZero && newIsZero) return -1;
  return 0;
}

/** Whether the backend may serve a version in this status (ModelRegistry.isServable). */
export function isServable(status: ModelVersionStatus): boolean {
  return status === "Approved" || status === "Deprecated";
}
