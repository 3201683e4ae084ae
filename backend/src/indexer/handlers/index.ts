// The embedded indexer's event handlers: a TypeScript port of the subgraph's mappings (subgraph/src/), writing the same
// entities with the same ids and values, so the backend's GraphQL answers like the subgraph.

import type { IndexedLog } from "../indexed-log.js";
import type { HandlerContext } from "./context.js";
import { handleGovernorLog } from "./datasources/governor.js";
import { handleModelRegistryLog } from "./datasources/model-registry.js";
import { handleTimelockLog } from "./datasources/timelock.js";
import { handleTokenLog } from "./datasources/token.js";
import { handleUsagePolicyRegistryLog } from "./datasources/usage-policy-registry.js";

export type { HandlerContext, HandlerLogger } from "./context.js";
export type { EntityName } from "./entities.js";
export { ENTITY_TYPES } from "./entities.js";

/**
 * Applies one log to the store, exactly as the subgraph's handler for that event does. Logs arrive in chain order.
 * Events the subgraph does not handle are ignored, and so are the logs of a timelock the governor never used (the
 * subgraph indexes the deployed timelock and, from the TimelockChange that moves the governor to it, any other).
 */
export function handleLog(log: IndexedLog, context: HandlerContext): Promise<void> {
  switch (log.contract) {
    case "CommonsGovernor":
      return handleGovernorLog(log, context);
    case "TimelockController":
      return handleTimelockLog(log, context);
    case "GovernanceToken":
      return handleTokenLog(log, context);
    case "ModelRegistry":
      return handleModelRegistryLog(log, context);
    case "UsagePolicyRegistry":
      return handleUsagePolicyRegistryLog(log, context);
  }
}

/**
 * The events each contract's handlers apply (the subgraph manifest's event handlers); every other event of the
 * contracts is ignored.
 */
export const HANDLED_EVENTS = {
  CommonsGovernor: [
    "ProposalCreated",
    "ProposalQueued",
    "ProposalExecuted",
    "ProposalCanceled",
    "ProposalExtended",
    "VoteCast",
    "VoteCastWithParams",
    "VotingDelaySet",
    "VotingPeriodSet",
    "ProposalThresholdSet",
    "QuorumNumeratorUpdated",
    "LateQuorumVoteExtensionSet",
    "ExecutionGracePeriodSet",
    "ProposalGuardianSet",
    "TimelockChange",
  ],
  TimelockController: [
    "CallScheduled",
    "CallSalt",
    "CallExecuted",
    "Cancelled",
    "MinDelayChange",
    "RoleGranted",
    "RoleRevoked",
  ],
  GovernanceToken: ["DelegateChanged", "DelegateVotesChanged"],
  ModelRegistry: [
    "ModelRegistered",
    "ModelVersionApproved",
    "ModelVersionDeprecated",
    "ModelVersionReinstated",
    "ModelVersionRevoked",
    "DefaultModelVersionSet",
    "OwnershipTransferred",
  ],
  UsagePolicyRegistry: ["PolicyPublished", "ActivePolicyChanged", "OwnershipTransferred"],
} as const satisfies {
  [Contract in IndexedLog["contract"]]: readonly Extract<IndexedLog, { contract: Contract }>["event"]["eventName"][];
};
