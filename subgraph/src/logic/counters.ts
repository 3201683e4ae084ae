// How events move the Governance and Delegate counters (pure: see README.md in this folder).

/**
 * DelegateChanged(delegator, from, to): change of Governance.delegatorCount, the number of accounts that delegate to
 * a non-zero address. Each Delegate's own delegatorsCount loses one for a non-zero `from` and gains one for a
 * non-zero `to`.
 */
export function delegatorCountDelta(fromIsZero: bool, toIsZero: bool): i32 {
  if (fromIsZero && !toIsZero) return 1;
  if (!fromIsZero && toIsZero) return -1;
  return 0;
}

/**
 * DelegateVotesChanged(delegate, previous, new): change of Governance.delegateCount, the number of accounts with
 * voting power above zero.
 */
export function delegateCountDelta(previousIsZero: bool, newIsZero: bool): i32 {
  if (previousIsZero && !newIsZero) return 1;
  if (!previousIsZero && newIsZero) return -1;
  return 0;
}

// ModelVersionStatus names (schema enum) and the change of the per-status counters.
export const APPROVED = "Approved";
export const DEPRECATED = "Deprecated";
export const REVOKED = "Revoked";

/** Whether the backend may serve a version in this status (ModelRegistry.isServable). */
export function isServable(status: string): bool {
  return status == APPROVED || status == DEPRECATED;
}
