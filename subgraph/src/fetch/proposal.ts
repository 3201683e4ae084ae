import { Governance, Proposal } from "../../generated/schema";
import { CANCELED, EXECUTED, QUEUED, stateAfter } from "../logic/state";

/**
 * Moves `proposal` by `event` (a state.ts event name) and counts the states it reaches in `governance`. Returns
 * whether the state changed. The caller saves both.
 */
export function applyProposalEvent(proposal: Proposal, governance: Governance, event: string): bool {
  const before = proposal.state;
  const after = stateAfter(before, event);
  if (after == before) return false;
  proposal.state = after;
  if (after == QUEUED) governance.queuedProposalCount = governance.queuedProposalCount + 1;
  else if (after == EXECUTED) governance.executedProposalCount = governance.executedProposalCount + 1;
  else if (after == CANCELED) governance.canceledProposalCount = governance.canceledProposalCount + 1;
  return true;
}
