// The deployment and the proposal life cycle on the TestChain, emitting what the contracts emit, in their order.
import { type Address, type Hex, keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { proposalOperationId, timelockSalt } from "../../../../backend/src/indexer/handlers/logic/operation.js";
import { DEPLOYMENT, type TestChain } from "./chain.js";

export const { GovernanceToken: TOKEN, TimelockController: TIMELOCK, CommonsGovernor: GOVERNOR } = DEPLOYMENT.contracts;
export const { ModelRegistry: MODEL_REGISTRY, UsagePolicyRegistry: POLICY_REGISTRY } = DEPLOYMENT.contracts;

export const DEPLOYER: Address = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
export const ALICE: Address = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
export const BOB: Address = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
export const GUARDIAN: Address = "0x90f79bf6eb2c4f870365e51688c68f17a5e23ae2";

export const PROPOSER_ROLE = keccak256(toHex("PROPOSER_ROLE"));
export const EXECUTOR_ROLE = keccak256(toHex("EXECUTOR_ROLE"));
export const CANCELLER_ROLE = keccak256(toHex("CANCELLER_ROLE"));

export const VOTING_DELAY = 86_400n;
export const VOTING_PERIOD = 604_800n;
export const MIN_DELAY = 172_800n;

export const GENESIS_POLICY = {
  minVotingPower: 10n ** 18n,
  quotaPeriod: 86_400,
  requestQuota: 50,
  tokenQuota: 100_000n,
  maxInputTokens: 2_048,
  maxOutputTokens: 512,
  allowedModels: [],
  redactCategories: 8191,
  scanAnswers: true,
  restoreOriginals: false,
  promptInjection: 0,
  retentionSeconds: 0n,
  contentHash: keccak256(toHex("genesis policy")),
  textUri: "docs/policies/v1.md",
} as const;

/** The constructors' and scripts/deploy.ts's events: timelock, governor, registries, then the timelock's roles. */
export async function deploy(chain: TestChain): Promise<void> {
  let tx = chain.tx();
  await tx.emit("TimelockController", "RoleGranted", { role: zeroHash, account: TIMELOCK, sender: DEPLOYER });
  await tx.emit("TimelockController", "RoleGranted", { role: zeroHash, account: DEPLOYER, sender: DEPLOYER });
  await tx.emit("TimelockController", "MinDelayChange", { oldDuration: 0n, newDuration: MIN_DELAY });

  tx = chain.tx();
  await tx.emit("CommonsGovernor", "VotingDelaySet", { oldVotingDelay: 0n, newVotingDelay: VOTING_DELAY });
  await tx.emit("CommonsGovernor", "VotingPeriodSet", { oldVotingPeriod: 0n, newVotingPeriod: VOTING_PERIOD });
  await tx.emit("CommonsGovernor", "ProposalThresholdSet", {
    oldProposalThreshold: 0n,
    newProposalThreshold: 10n ** 21n,
  });
  await tx.emit("CommonsGovernor", "QuorumNumeratorUpdated", { oldQuorumNumerator: 0n, newQuorumNumerator: 4n });
  await tx.emit("CommonsGovernor", "TimelockChange", { oldTimelock: zeroAddress, newTimelock: TIMELOCK });
  await tx.emit("CommonsGovernor", "LateQuorumVoteExtensionSet", { oldVoteExtension: 0n, newVoteExtension: 86_400n });
  await tx.emit("CommonsGovernor", "ExecutionGracePeriodSet", { oldGracePeriod: 0, newGracePeriod: 1_209_600 });
  await tx.emit("CommonsGovernor", "ProposalGuardianSet", {
    oldProposalGuardian: zeroAddress,
    newProposalGuardian: GUARDIAN,
  });

  tx = chain.tx();
  await tx.emit("ModelRegistry", "OwnershipTransferred", { previousOwner: zeroAddress, newOwner: TIMELOCK });
  tx = chain.tx();
  await tx.emit("UsagePolicyRegistry", "OwnershipTransferred", { previousOwner: zeroAddress, newOwner: TIMELOCK });
  await tx.emit("UsagePolicyRegistry", "PolicyPublished", { version: 1n, policy: GENESIS_POLICY });
  await tx.emit("UsagePolicyRegistry", "ActivePolicyChanged", { previousVersion: 0n, version: 1n });

  tx = chain.tx();
  for (const role of [PROPOSER_ROLE, CANCELLER_ROLE]) {
    await tx.emit("TimelockController", "RoleGranted", { role, account: GOVERNOR, sender: DEPLOYER });
  }
  await tx.emit("TimelockController", "RoleGranted", { role: EXECUTOR_ROLE, account: zeroAddress, sender: DEPLOYER });
  await tx.emit("TimelockController", "RoleRevoked", { role: zeroHash, account: DEPLOYER, sender: DEPLOYER });
}

/** `account` delegates to itself its `votes`: DelegateChanged, then DelegateVotesChanged. */
export async function delegateToSelf(chain: TestChain, account: Address, votes: bigint): Promise<void> {
  const tx = chain.tx();
  await tx.emit("GovernanceToken", "DelegateChanged", {
    delegator: account,
    fromDelegate: zeroAddress,
    toDelegate: account,
  });
  await tx.emit("GovernanceToken", "DelegateVotesChanged", { delegate: account, previousVotes: 0n, newVotes: votes });
}

export interface Call {
  target: Address;
  value?: bigint;
  data: Hex;
}

export interface TestProposal {
  id: bigint;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  voteStart: bigint;
  voteEnd: bigint;
  operationId: Hex;
}

/** Proposes `calls` (ProposalCreated); the proposal id is made up. */
export async function propose(
  chain: TestChain,
  calls: Call[],
  description: string,
  proposer: Address = ALICE,
): Promise<TestProposal> {
  const tx = chain.tx();
  const targets = calls.map((c) => c.target);
  const values = calls.map((c) => c.value ?? 0n);
  const calldatas = calls.map((c) => c.data);
  const id = BigInt(keccak256(toHex(`${description} ${chain.blockNumber}`)));
  const voteStart = tx.timestamp + VOTING_DELAY;
  const voteEnd = voteStart + VOTING_PERIOD;
  await tx.emit("CommonsGovernor", "ProposalCreated", {
    proposalId: id,
    proposer,
    targets,
    values,
    signatures: calls.map(() => ""),
    calldatas,
    voteStart,
    voteEnd,
    description,
  });
  const salt = timelockSalt(GOVERNOR, keccak256(toHex(description)));
  const operationId = proposalOperationId(targets, values, calldatas, salt);
  return { id, targets, values, calldatas, description, voteStart, voteEnd, operationId };
}

/** Casts a vote (VoteCast, or VoteCastWithParams when `params` is given), after the snapshot by default. */
export async function vote(
  chain: TestChain,
  proposal: TestProposal,
  voter: Address,
  support: number,
  weight: bigint,
  options: { reason?: string; params?: Hex; at?: bigint } = {},
): Promise<void> {
  const tx = chain.tx(options.at ?? (chain.timestamp < proposal.voteStart ? proposal.voteStart + 1n : undefined));
  const base = { voter, proposalId: proposal.id, support, weight, reason: options.reason ?? "" };
  if (options.params === undefined) await tx.emit("CommonsGovernor", "VoteCast", base);
  else await tx.emit("CommonsGovernor", "VoteCastWithParams", { ...base, params: options.params });
}

/** governor.queue after the deadline: the timelock's scheduleBatch (CallScheduled..., CallSalt), then ProposalQueued. */
export async function queue(chain: TestChain, proposal: TestProposal): Promise<Hex> {
  const tx = chain.tx(chain.timestamp <= proposal.voteEnd ? proposal.voteEnd + 1n : undefined);
  const salt = timelockSalt(GOVERNOR, keccak256(toHex(proposal.description)));
  await schedule(tx, proposal.operationId, proposal, salt);
  await tx.emit("CommonsGovernor", "ProposalQueued", {
    proposalId: proposal.id,
    etaSeconds: tx.timestamp + MIN_DELAY,
  });
  return proposal.operationId;
}

/** TimelockController.scheduleBatch's events. */
export async function schedule(
  tx: ReturnType<TestChain["tx"]>,
  id: Hex,
  calls: { targets: Address[]; values: bigint[]; calldatas: Hex[] },
  salt: Hex,
  address: Address = TIMELOCK,
): Promise<void> {
  for (const [index, target] of calls.targets.entries()) {
    await tx.emit(
      "TimelockController",
      "CallScheduled",
      {
        id,
        index: BigInt(index),
        target,
        value: calls.values[index] ?? 0n,
        data: calls.calldatas[index] ?? "0x",
        predecessor: zeroHash,
        delay: MIN_DELAY,
      },
      address,
    );
  }
  if (salt !== zeroHash) await tx.emit("TimelockController", "CallSalt", { id, salt }, address);
}

/**
 * The timelock's executeBatch after the ETA: for each call, what the call emits (`effects`, by call index) and
 * CallExecuted; then the governor's ProposalExecuted unless executed on the timelock directly.
 */
export async function execute(
  chain: TestChain,
  proposal: TestProposal,
  options: {
    effects?: ((tx: ReturnType<TestChain["tx"]>) => Promise<void>)[];
    onTimelock?: boolean;
    timelock?: Address;
  } = {},
): Promise<void> {
  const tx = chain.tx(chain.timestamp + MIN_DELAY + 1n);
  for (const [index, target] of proposal.targets.entries()) {
    await options.effects?.[index]?.(tx);
    await tx.emit(
      "TimelockController",
      "CallExecuted",
      {
        id: proposal.operationId,
        index: BigInt(index),
        target,
        value: proposal.values[index] ?? 0n,
        data: proposal.calldatas[index] ?? "0x",
      },
      options.timelock ?? TIMELOCK,
    );
  }
  if (!options.onTimelock) await tx.emit("CommonsGovernor", "ProposalExecuted", { proposalId: proposal.id });
}
