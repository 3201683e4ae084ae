import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toHex, zeroHash } from "viem";

/** Roles of OpenZeppelin's TimelockController, as its source defines them. */
export const TIMELOCK_ROLES = {
  DEFAULT_ADMIN_ROLE: zeroHash,
  PROPOSER_ROLE: keccak256(toHex("PROPOSER_ROLE")),
  EXECUTOR_ROLE: keccak256(toHex("EXECUTOR_ROLE")),
  CANCELLER_ROLE: keccak256(toHex("CANCELLER_ROLE")),
} as const;

/**
 * The whole Commons AI deployment, in dependency order:
 *
 *   GovernanceToken -> TimelockController -> CommonsGovernor -> timelock roles -> ModelRegistry and
 *   UsagePolicyRegistry owned by the timelock -> the deployer renounces the timelock's admin role.
 *
 * After it, the deployer holds no role anywhere: the governor is the timelock's only proposer, canceller and executor,
 * the timelock administers itself, and the registries answer to the timelock alone.
 *
 * Parameters (see scripts/deploy.ts for the defaults used on local chains):
 * - tokenName, tokenSymbol, recipients, amounts: the votes token and its one-time distribution.
 * - timelockMinDelay: seconds between queueing and executing a proposal.
 * - governorSettings: { votingDelay, votingPeriod, proposalThreshold, quorumNumerator, lateQuorumVoteExtension,
 *   executionGracePeriod, proposalGuardian } (seconds, token units, percent).
 * - genesisPolicy: the UsagePolicyRegistry's version 1 (see contracts/UsagePolicyRegistry.sol).
 */
export default buildModule("Commons", (m) => {
  const deployer = m.getAccount(0);

  const token = m.contract("GovernanceToken", [
    m.getParameter("tokenName", "Commons Governance"),
    m.getParameter("tokenSymbol", "COMMONS"),
    m.getParameter("recipients"),
    m.getParameter("amounts"),
  ]);

  const timelock = m.contract("TimelockController", [m.getParameter("timelockMinDelay"), [], [], deployer]);

  const governor = m.contract("CommonsGovernor", [token, timelock, m.getParameter("governorSettings")]);

  const grants = [
    m.call(timelock, "grantRole", [TIMELOCK_ROLES.PROPOSER_ROLE, governor], { id: "grantProposerToGovernor" }),
    m.call(timelock, "grantRole", [TIMELOCK_ROLES.CANCELLER_ROLE, governor], { id: "grantCancellerToGovernor" }),
    m.call(timelock, "grantRole", [TIMELOCK_ROLES.EXECUTOR_ROLE, governor], { id: "grantExecutorToGovernor" }),
  ];

  const modelRegistry = m.contract("ModelRegistry", [timelock]);
  const usagePolicyRegistry = m.contract("UsagePolicyRegistry", [timelock, m.getParameter("genesisPolicy")]);

  m.call(timelock, "renounceRole", [TIMELOCK_ROLES.DEFAULT_ADMIN_ROLE, deployer], {
    id: "deployerRenouncesTimelockAdmin",
    after: [...grants, modelRegistry, usagePolicyRegistry],
  });

  return { token, timelock, governor, modelRegistry, usagePolicyRegistry };
});
