import type { EntityStore } from "../../entity-store.js";
import { type Governance, load, save } from "../entities.js";

/** The one Governance entity's id. */
export const GOVERNANCE_ID = "governance";

/** Loads the Governance entity, creating (and saving) it on first use, as the subgraph's fetchGovernance does. */
export async function fetchGovernance(store: EntityStore): Promise<Governance> {
  const found = await load(store, "Governance", GOVERNANCE_ID);
  if (found) return found;
  const governance: Governance = {
    id: GOVERNANCE_ID,
    proposalCount: 0,
    queuedProposalCount: 0,
    executedProposalCount: 0,
    canceledProposalCount: 0,
    voteCount: 0,
    voterCount: 0,
    delegateCount: 0,
    delegatorCount: 0,
    totalVotingPower: "0",
    modelCount: 0,
    modelVersionCount: 0,
    approvedModelVersionCount: 0,
    deprecatedModelVersionCount: 0,
    revokedModelVersionCount: 0,
    policyCount: 0,
  };
  await save(store, "Governance", governance);
  return governance;
}
