import { BigInt } from "@graphprotocol/graph-ts";
import { Governance } from "../../generated/schema";

/** The one Governance entity's id. */
export const GOVERNANCE_ID = "governance";

export function fetchGovernance(): Governance {
  let governance = Governance.load(GOVERNANCE_ID);
  if (governance == null) {
    governance = new Governance(GOVERNANCE_ID);
    governance.proposalCount = 0;
    governance.queuedProposalCount = 0;
    governance.executedProposalCount = 0;
    governance.canceledProposalCount = 0;
    governance.voteCount = 0;
    governance.voterCount = 0;
    governance.delegateCount = 0;
    governance.delegatorCount = 0;
    governance.totalVotingPower = BigInt.zero();
    governance.modelCount = 0;
    governance.modelVersionCount = 0;
    governance.approvedModelVersionCount = 0;
    governance.deprecatedModelVersionCount = 0;
    governance.revokedModelVersionCount = 0;
    governance.policyCount = 0;
    governance.save();
  }
  return governance as Governance;
}
