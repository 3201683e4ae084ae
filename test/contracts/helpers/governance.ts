import { type Address, encodeFunctionData, type Hex, keccak256, toHex } from "viem";
import type { Commons, Connection } from "./fixture.js";

/** IGovernor.ProposalState, in enum order. */
export const ProposalState = {
  Pending: 0,
  Active: 1,
  Canceled: 2,
  Defeated: 3,
  Succeeded: 4,
  Queued: 5,
  Expired: 6,
  Executed: 7,
} as const;

/** GovernorCountingSimple.VoteType */
export const Vote = { Against: 0, For: 1, Abstain: 2 } as const;

export interface Action {
  target: Address;
  value?: bigint;
  data: Hex;
}

export type Wallet = Commons["wallets"]["deployer"];

/** The arguments `propose`, `queue`, `execute` and `cancel` all take, with the proposal's id. */
export interface Proposal {
  id: bigint;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  description: string;
  descriptionHash: Hex;
}

/** Every holder of the local distribution delegates to themselves, so their tokens count as votes. */
export async function delegateToSelf(commons: Commons, holders: Wallet[] = Object.values(commons.wallets)) {
  for (const holder of holders) {
    await commons.token.write.delegate([holder.account.address], { account: holder.account });
  }
}

export async function propose(
  commons: Commons,
  proposer: Wallet,
  actions: Action[],
  description: string,
): Promise<Proposal> {
  const targets = actions.map((a) => a.target);
  const values = actions.map((a) => a.value ?? 0n);
  const calldatas = actions.map((a) => a.data);
  const descriptionHash = keccak256(toHex(description));
  await commons.governor.write.propose([targets, values, calldatas, description], { account: proposer.account });
  const id = await commons.governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
  return { id, targets, values, calldatas, description, descriptionHash };
}

/** Moves time past the voting delay so the proposal is Active. */
export async function startVoting(connection: Connection, commons: Commons, proposal: Proposal) {
  const snapshot = await commons.governor.read.proposalSnapshot([proposal.id]);
  await connection.networkHelpers.time.increaseTo(snapshot + 1n);
}

/** Moves time past the (possibly extended) deadline so the vote is over. */
export async function endVoting(connection: Connection, commons: Commons, proposal: Proposal) {
  const deadline = await commons.governor.read.proposalDeadline([proposal.id]);
  await connection.networkHelpers.time.increaseTo(deadline + 1n);
}

export async function queue(commons: Commons, proposal: Proposal, account: Wallet = commons.wallets.outsider) {
  return commons.governor.write.queue(
    [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
    {
      account: account.account,
    },
  );
}

export async function execute(commons: Commons, proposal: Proposal, account: Wallet = commons.wallets.outsider) {
  return commons.governor.write.execute(
    [proposal.targets, proposal.values, proposal.calldatas, proposal.descriptionHash],
    { account: account.account },
  );
}

/** Moves time to the proposal's ETA, when the timelock lets it execute. */
export async function waitForEta(connection: Connection, commons: Commons, proposal: Proposal) {
  const eta = await commons.governor.read.proposalEta([proposal.id]);
  await connection.networkHelpers.time.increaseTo(eta);
}

/**
 * The whole path of a proposal the community supports: propose -> voting starts -> the deployer's and alice's votes
 * (a majority of the supply) go For -> voting ends -> queue -> ETA -> execute. Returns the proposal and the execution
 * transaction's hash. Holders must have delegated first (see {delegateToSelf}).
 */
export async function passProposal(
  connection: Connection,
  commons: Commons,
  actions: Action[],
  description: string,
  proposer: Wallet = commons.wallets.alice,
) {
  const proposal = await propose(commons, proposer, actions, description);
  await startVoting(connection, commons, proposal);
  for (const voter of [commons.wallets.deployer, commons.wallets.alice]) {
    await commons.governor.write.castVote([proposal.id, Vote.For], { account: voter.account });
  }
  await endVoting(connection, commons, proposal);
  await queue(commons, proposal);
  await waitForEta(connection, commons, proposal);
  const executionTx = await execute(commons, proposal);
  return { proposal, executionTx };
}

/** Calldata for the registries, checked against their ABIs. */
export const actions = {
  approveModelVersion(commons: Commons, input: ModelVersionInput): Action {
    return {
      target: commons.modelRegistry.address,
      data: encodeFunctionData({ abi: commons.modelRegistry.abi, functionName: "approveModelVersion", args: [input] }),
    };
  },
  revokeModelVersion(commons: Commons, modelId: string, version: string, reason: string): Action {
    return {
      target: commons.modelRegistry.address,
      data: encodeFunctionData({
        abi: commons.modelRegistry.abi,
        functionName: "revokeModelVersion",
        args: [modelId, version, reason],
      }),
    };
  },
  setDefaultVersion(commons: Commons, modelId: string, version: string): Action {
    return {
      target: commons.modelRegistry.address,
      data: encodeFunctionData({
        abi: commons.modelRegistry.abi,
        functionName: "setDefaultVersion",
        args: [modelId, version],
      }),
    };
  },
  publishPolicy(
    commons: Commons,
    policy: Parameters<Commons["usagePolicyRegistry"]["write"]["publishPolicy"]>[0][0],
  ): Action {
    return {
      target: commons.usagePolicyRegistry.address,
      data: encodeFunctionData({ abi: commons.usagePolicyRegistry.abi, functionName: "publishPolicy", args: [policy] }),
    };
  },
};

export interface ModelVersionInput {
  modelId: string;
  version: string;
  weightsHash: Hex;
  task: string;
  uri: string;
  license: string;
  metadataHash: Hex;
}

/** A well-formed model version; `overrides` change single fields. */
export function modelVersion(overrides: Partial<ModelVersionInput> = {}): ModelVersionInput {
  const version = overrides.version ?? "1.0.0";
  return {
    modelId: "commons-chat",
    version,
    weightsHash: keccak256(toHex(`weights of commons-chat ${version}`)),
    task: "text-generation",
    uri: `file://models/commons-chat/${version}`,
    license: "apache-2.0",
    metadataHash: keccak256(toHex(`model card of commons-chat ${version}`)),
    ...overrides,
  };
}
