// Scripted governance histories on a real local chain (the one `npm start` runs), driven over JSON-RPC, for tests and
// benchmarks of indexers (the backend's embedded indexer, the subgraph):
//
//   runGovernanceHistory   a small, deterministic history that leaves a proposal in every governor state
//   generateVotingHistory  a large one (hundreds of proposals, tens of thousands of votes) for backfill benchmarks
//
// Both act as Hardhat's dev accounts (the well-known mnemonic) and move time with evm_setNextBlockTimestamp/evm_mine.
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  encodeFunctionData,
  getContract,
  type Hex,
  http,
  keccak256,
  type LocalAccount,
  parseEther,
  parseEventLogs,
  parseGwei,
  type TransactionReceipt,
  toHex,
  zeroAddress,
} from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import type { Deployment } from "../../deployments/index.js";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../generated/contracts.js";
import { genesisPolicy, type UsagePolicy } from "../../ignition/parameters.js";
import { manifestHash } from "../../models/src/manifest/model-manifest.js";
import { parseManifest } from "../../models/src/manifest/verify-model-directory.js";
import { ProposalState, Vote } from "../contracts/helpers/governance.js";

const root = path.resolve(import.meta.dirname, "../..");

/** Hardhat's default dev-account mnemonic; the node's unlocked accounts #0..#19 derive from it. */
export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export type ProposalStateName = keyof typeof ProposalState;

/**
 * Every proposal of {@link runGovernanceHistory}, by label, with the state it is left in. The labels say what the
 * proposal does or how it got to its state.
 */
export const HISTORY_PROPOSALS = {
  ExecutedApprove100: "Executed",
  ExecutedApprove110: "Executed",
  ExecutedSetDefault110: "Executed",
  ExecutedDeprecate100: "Executed",
  ExecutedRevoke100: "Executed",
  ExecutedPublishPolicy: "Executed",
  ExecutedActivatePolicy: "Executed",
  ExecutedGrantCanceller: "Executed",
  ExecutedVotingSettings: "Executed",
  Canceled: "Canceled",
  CanceledByGuardian: "Canceled",
  CanceledOnTimelock: "Canceled",
  DefeatedAgainst: "Defeated",
  DefeatedQuorum: "Defeated",
  Succeeded: "Succeeded",
  Expired: "Expired",
  Queued: "Queued",
  Active: "Active",
  Pending: "Pending",
} as const satisfies Record<string, ProposalStateName>;

export type HistoryProposalLabel = keyof typeof HISTORY_PROPOSALS;

/** How a vote was cast: the governor function called. */
export type VoteMethod = "castVote" | "castVoteWithReason" | "castVoteBySig" | "castVoteWithReasonAndParams";

export interface CastVote {
  label: HistoryProposalLabel;
  proposalId: bigint;
  voter: Address;
  /** GovernorCountingSimple: 0 Against, 1 For, 2 Abstain. */
  support: number;
  /** Voting power at the proposal's snapshot, as the VoteCast event reports it. */
  weight: bigint;
  method: VoteMethod;
  /** "" when the method takes no reason. */
  reason: string;
  /** "0x" unless cast with params. */
  params: Hex;
  /** Who sent the transaction: the voter, or the relayer of a signed ballot. */
  sender: Address;
  block: bigint;
}

export interface Delegation {
  delegator: Address;
  delegatee: Address;
  block: bigint;
}

export interface TokenTransfer {
  from: Address;
  to: Address;
  amount: bigint;
  block: bigint;
}

/** What {@link runGovernanceHistory} did, for a test to compare an indexer's view with. */
export interface GovernanceHistory {
  /** Proposal id by label; {@link HISTORY_PROPOSALS} has the state each one ends in. */
  proposals: Record<HistoryProposalLabel, bigint>;
  /** governor.state() of each proposal at `lastBlock` (equal to {@link HISTORY_PROPOSALS}, checked). */
  states: Record<HistoryProposalLabel, ProposalStateName>;
  /** Every vote, in the order cast. */
  votes: CastVote[];
  /** Every account that voted, once each, in order of their first vote. */
  voters: Address[];
  /** Every delegate() call, in order (self-delegations, delegations to others, re-delegations). */
  delegations: Delegation[];
  /** Each delegator's delegate at the end. */
  delegates: Record<Address, Address>;
  /** Token transfers the script made (not the distribution minted at deployment). */
  transfers: TokenTransfer[];
  /** The bundled model versions approved (weightsHash from models/commons-chat/<version>/manifest.json). */
  models: { modelId: string; version: string; weightsHash: Hex }[];
  /** The usage policy version ExecutedPublishPolicy published (it was active until ExecutedActivatePolicy). */
  publishedPolicyVersion: bigint;
  /** The UsagePolicyRegistry's active version at the end: 1, the genesis policy, again (ExecutedActivatePolicy). */
  activePolicyVersion: bigint;
  /** The governor's voting delay and period at the end, in seconds (changed by ExecutedVotingSettings). */
  votingDelay: bigint;
  votingPeriod: bigint;
  /** The timelock operation that account #2 canceled directly on the timelock. */
  canceledTimelockOperation: Hex;
  /** First and last block the script mined. */
  fromBlock: bigint;
  lastBlock: bigint;
  counts: {
    proposals: number;
    votes: number;
    votesWithReason: number;
    votesBySig: number;
    votesWithParams: number;
    delegateChanges: number;
    transfers: number;
    /** ProposalExtended events (late quorum). */
    extensions: number;
  };
}

/** Where the script can reach the chain and the contracts. */
export interface ChainOptions {
  /** JSON-RPC endpoint of a Hardhat node, e.g. http://127.0.0.1:8545. */
  rpcUrl: string;
  /** The contracts on that chain (readDeployment(31337, dir)). */
  deployment: Deployment;
}

/**
 * Voting delay and period (seconds) the history switches to before creating its last proposals. With the local 60 s
 * and 600 s, the Pending and Active proposals would leave those states as soon as a block is mined a minute of wall
 * clock later (a Hardhat node's blocks follow the wall clock); with these they stay for an hour and a day.
 */
const LONG_VOTING_DELAY = 3_600;
const LONG_VOTING_PERIOD = 86_400;

// ---------------------------------------------------------------------------------------------------------------------
// Connection
// ---------------------------------------------------------------------------------------------------------------------

async function connect({ rpcUrl, deployment }: ChainOptions) {
  const chain = defineChain({
    id: deployment.chainId,
    name: deployment.network,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = http(rpcUrl, { batch: { batchSize: 200 }, retryCount: 0, timeout: 60_000 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 });
  const walletClient = createWalletClient({ chain, transport });
  const testClient = createTestClient({ chain, transport, mode: "hardhat" });
  const client = { public: publicClient, wallet: walletClient };
  const { contracts } = deployment;
  const dev = await devAccounts(await walletClient.getAddresses());
  return {
    publicClient,
    walletClient,
    testClient,
    dev,
    token: getContract({ address: contracts.GovernanceToken, abi: governanceTokenAbi, client }),
    governor: getContract({ address: contracts.CommonsGovernor, abi: commonsGovernorAbi, client }),
    timelock: getContract({ address: contracts.TimelockController, abi: timelockControllerAbi, client }),
    modelRegistry: getContract({ address: contracts.ModelRegistry, abi: modelRegistryAbi, client }),
    policyRegistry: getContract({ address: contracts.UsagePolicyRegistry, abi: usagePolicyRegistryAbi, client }),
  };
}

type Connection = Awaited<ReturnType<typeof connect>>;

/** Dev accounts #0..#9 as local accounts, checked against the node's unlocked accounts. */
function devAccounts(unlocked: readonly Address[]): LocalAccount[] {
  const accounts = Array.from({ length: 10 }, (_, addressIndex) =>
    mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex }),
  );
  accounts.forEach((account, i) => {
    if (unlocked[i]?.toLowerCase() !== account.address.toLowerCase()) {
      throw new Error(
        `The node's account #${i} is ${unlocked[i] ?? "missing"}, not ${account.address}: is it a Hardhat node with the default mnemonic?`,
      );
    }
  });
  return accounts;
}

/** Account #i of the node (0..9). */
function dev(c: Connection, index: number): LocalAccount {
  const account = c.dev[index];
  if (!account) throw new Error(`no dev account #${index}`);
  return account;
}

/** Waits for a transaction sent with automine on and throws, naming `what`, unless it succeeded. */
async function confirm(c: Connection, sent: Promise<Hex>, what: string): Promise<TransactionReceipt> {
  let hash: Hex;
  try {
    hash = await sent;
  } catch (error) {
    throw new Error(`${what}: the transaction was refused: ${(error as Error).message}`);
  }
  const receipt = await c.publicClient.waitForTransactionReceipt({ hash, timeout: 30_000 });
  if (receipt.status !== "success") throw new Error(`${what}: transaction ${hash} reverted`);
  return receipt;
}

async function latestTimestamp(c: Connection): Promise<bigint> {
  return (await c.publicClient.getBlock({ blockTag: "latest" })).timestamp;
}

/** Mines an empty block at `timestamp`, unless the chain is already there. */
async function advanceTo(c: Connection, timestamp: bigint): Promise<void> {
  if ((await latestTimestamp(c)) >= timestamp) return;
  await c.testClient.setNextBlockTimestamp({ timestamp });
  await c.testClient.mine({ blocks: 1 });
}

function stateName(state: number): ProposalStateName {
  const name = (Object.keys(ProposalState) as ProposalStateName[]).find((key) => ProposalState[key] === state);
  if (!name) throw new Error(`unknown proposal state ${state}`);
  return name;
}

// ---------------------------------------------------------------------------------------------------------------------
// The proposal lifecycle, each step checked with governor.state()
// ---------------------------------------------------------------------------------------------------------------------

interface Action {
  target: Address;
  data: Hex;
}

interface Proposal {
  /** A {@link HistoryProposalLabel}, or a name for a proposal made after the history. */
  label: string;
  id: bigint;
  targets: Address[];
  values: bigint[];
  calldatas: Hex[];
  descriptionHash: Hex;
}

interface Ballot {
  voter: LocalAccount;
  support: number;
  method?: VoteMethod;
  reason?: string;
  /** Sends a signed ballot (castVoteBySig); default account #9, or #8 when #9 is the voter. */
  relayer?: LocalAccount;
}

/** The script's connection and what it has done so far. */
interface Script extends Connection {
  record: Omit<
    GovernanceHistory,
    | "proposals"
    | "states"
    | "publishedPolicyVersion"
    | "activePolicyVersion"
    | "votingDelay"
    | "votingPeriod"
    | "lastBlock"
  > & { proposals: Partial<Record<HistoryProposalLabel, bigint>> };
}

async function expectState(s: Script, proposal: Proposal, expected: ProposalStateName, step: string): Promise<void> {
  const actual = stateName(await s.governor.read.state([proposal.id]));
  if (actual !== expected) {
    throw new Error(`${proposal.label} (${proposal.id}) is ${actual} after ${step}, expected ${expected}`);
  }
}

function lifecycleArgs(p: Proposal) {
  return [p.targets, p.values, p.calldatas, p.descriptionHash] as const;
}

async function propose(
  s: Script,
  label: string,
  proposer: LocalAccount,
  actions: Action[],
  description: string,
): Promise<Proposal> {
  const targets = actions.map((a) => a.target);
  const values = actions.map(() => 0n);
  const calldatas = actions.map((a) => a.data);
  const descriptionHash = keccak256(toHex(description));
  const receipt = await confirm(
    s,
    s.governor.write.propose([targets, values, calldatas, description], { account: proposer }),
    `propose ${label}`,
  );
  const [created] = parseEventLogs({ abi: commonsGovernorAbi, logs: receipt.logs, eventName: "ProposalCreated" });
  if (!created) throw new Error(`propose ${label}: no ProposalCreated event`);
  const proposal = { label, id: created.args.proposalId, targets, values, calldatas, descriptionHash };
  if (label in HISTORY_PROPOSALS) s.record.proposals[label as HistoryProposalLabel] = proposal.id;
  s.record.counts.proposals += 1;
  await expectState(s, proposal, "Pending", "propose");
  return proposal;
}

/** Moves time just past the snapshot, when voting opens. */
async function startVoting(s: Script, proposal: Proposal): Promise<void> {
  await advanceTo(s, (await s.governor.read.proposalSnapshot([proposal.id])) + 1n);
  await expectState(s, proposal, "Active", "the voting delay");
}

/** Moves time past the (possibly extended) deadline; the proposal is then Succeeded or Defeated. */
async function endVoting(s: Script, proposal: Proposal, expected: "Succeeded" | "Defeated"): Promise<void> {
  await advanceTo(s, (await s.governor.read.proposalDeadline([proposal.id])) + 1n);
  await expectState(s, proposal, expected, "the end of voting");
}

/** EIP-712 Ballot signature, with the domain the governor reports. */
async function signBallot(s: Script, voter: LocalAccount, proposalId: bigint, support: number): Promise<Hex> {
  const [, name, version, chainId, verifyingContract] = await s.governor.read.eip712Domain();
  const nonce = await s.governor.read.nonces([voter.address]);
  if (!voter.signTypedData) throw new Error(`account ${voter.address} cannot sign typed data`);
  return voter.signTypedData({
    domain: { name, version, chainId, verifyingContract },
    types: {
      Ballot: [
        { name: "proposalId", type: "uint256" },
        { name: "support", type: "uint8" },
        { name: "voter", type: "address" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "Ballot",
    message: { proposalId, support, voter: voter.address, nonce },
  });
}

/** Params attached to castVoteWithReasonAndParams votes (GovernorCountingSimple ignores them; indexers keep them). */
const VOTE_PARAMS: Hex = toHex("commons-ai:v1");

function sendBallot(s: Script, proposal: Proposal, ballot: Ballot, method: VoteMethod, sender: LocalAccount) {
  const { voter, support, reason = "" } = ballot;
  switch (method) {
    case "castVote":
      return s.governor.write.castVote([proposal.id, support], { account: voter });
    case "castVoteWithReason":
      return s.governor.write.castVoteWithReason([proposal.id, support, reason], { account: voter });
    case "castVoteWithReasonAndParams":
      return s.governor.write.castVoteWithReasonAndParams([proposal.id, support, reason, VOTE_PARAMS], {
        account: voter,
      });
    case "castVoteBySig":
      return signBallot(s, voter, proposal.id, support).then((signature) =>
        s.governor.write.castVoteBySig([proposal.id, support, voter.address, signature], { account: sender }),
      );
  }
}

/** Casts each ballot in its own transaction and records it. */
async function castVotes(s: Script, proposal: Proposal, ballots: Ballot[]): Promise<void> {
  for (const ballot of ballots) {
    const method = ballot.method ?? (ballot.reason ? "castVoteWithReason" : "castVote");
    const sender =
      method === "castVoteBySig" ? (ballot.relayer ?? dev(s, ballot.voter === dev(s, 9) ? 8 : 9)) : ballot.voter;
    const what = `${method} by ${ballot.voter.address} on ${proposal.label}`;
    const receipt = await confirm(s, sendBallot(s, proposal, ballot, method, sender), what);
    recordVote(s, proposal, ballot, method, sender, receipt);
  }
}

function recordVote(
  s: Script,
  proposal: Proposal,
  ballot: Ballot,
  method: VoteMethod,
  sender: LocalAccount,
  receipt: TransactionReceipt,
): void {
  const logs = parseEventLogs({ abi: commonsGovernorAbi, logs: receipt.logs });
  const cast = logs.find((log) => log.eventName === "VoteCast" || log.eventName === "VoteCastWithParams");
  if (!cast || (cast.eventName !== "VoteCast" && cast.eventName !== "VoteCastWithParams")) {
    throw new Error(`${method} on ${proposal.label}: no VoteCast event`);
  }
  const { counts, votes, voters } = s.record;
  const withParams = method === "castVoteWithReasonAndParams";
  votes.push({
    label: proposal.label as HistoryProposalLabel,
    proposalId: proposal.id,
    voter: ballot.voter.address,
    support: ballot.support,
    weight: cast.args.weight,
    method,
    reason: cast.args.reason,
    params: withParams ? VOTE_PARAMS : "0x",
    sender: sender.address,
    block: receipt.blockNumber,
  });
  if (!voters.includes(ballot.voter.address)) voters.push(ballot.voter.address);
  counts.votes += 1;
  if (method === "castVoteWithReason" || withParams) counts.votesWithReason += 1;
  if (method === "castVoteBySig") counts.votesBySig += 1;
  if (withParams) counts.votesWithParams += 1;
  counts.extensions += logs.filter((log) => log.eventName === "ProposalExtended").length;
}

/** Queues a Succeeded proposal in the timelock; returns the receipt (it holds the timelock's CallScheduled). */
async function queue(s: Script, proposal: Proposal, sender: LocalAccount): Promise<TransactionReceipt> {
  const receipt = await confirm(
    s,
    s.governor.write.queue(lifecycleArgs(proposal), { account: sender }),
    `queue ${proposal.label}`,
  );
  await expectState(s, proposal, "Queued", "queue");
  return receipt;
}

/** Moves time to the ETA and executes. */
async function execute(s: Script, proposal: Proposal, sender: LocalAccount): Promise<void> {
  await advanceTo(s, await s.governor.read.proposalEta([proposal.id]));
  await confirm(s, s.governor.write.execute(lifecycleArgs(proposal), { account: sender }), `execute ${proposal.label}`);
  await expectState(s, proposal, "Executed", "execute");
}

/** Voting opens, `ballots` are cast, voting ends with the proposal Succeeded, and it is queued. */
async function voteAndQueue(s: Script, proposal: Proposal, ballots: Ballot[]): Promise<TransactionReceipt> {
  await startVoting(s, proposal);
  await castVotes(s, proposal, ballots);
  await endVoting(s, proposal, "Succeeded");
  return queue(s, proposal, dev(s, 7));
}

/** The whole path: propose -> vote -> queue -> execute. */
async function passProposal(
  s: Script,
  label: HistoryProposalLabel,
  proposer: LocalAccount,
  actions: Action[],
  description: string,
  ballots: Ballot[],
): Promise<Proposal> {
  const proposal = await propose(s, label, proposer, actions, description);
  await voteAndQueue(s, proposal, ballots);
  await execute(s, proposal, dev(s, 6));
  return proposal;
}

// ---------------------------------------------------------------------------------------------------------------------
// Calldata
// ---------------------------------------------------------------------------------------------------------------------

const MODEL_ID = "commons-chat";

/** The ModelRegistry input for a bundled model version, from its manifest and model card (models/<id>/<version>). */
function bundledModelVersion(version: string) {
  const dir = path.join(root, "models", MODEL_ID, version);
  const manifest = parseManifest(readFileSync(path.join(dir, "manifest.json")), `${dir}/manifest.json`);
  const card = manifest.files.find((file) => file.path === "README.md");
  const license = readFileSync(path.join(dir, "README.md"), "utf8").match(/^license:\s*(\S+)\s*$/m)?.[1];
  if (!card || !license) throw new Error(`${dir} has no model card with a license`);
  return {
    modelId: MODEL_ID,
    version,
    weightsHash: manifestHash(manifest),
    task: "text-generation",
    uri: `file:models/${MODEL_ID}/${version}`,
    license,
    metadataHash: `0x${card.sha256}` as Hex,
  };
}

function modelCall(s: Script, data: Hex): Action {
  return { target: s.modelRegistry.address, data };
}

function policyCall(s: Script, data: Hex): Action {
  return { target: s.policyRegistry.address, data };
}

function governorCall(s: Script, data: Hex): Action {
  return { target: s.governor.address, data };
}

function timelockCall(s: Script, data: Hex): Action {
  return { target: s.timelock.address, data };
}

const approve = (s: Script, input: ReturnType<typeof bundledModelVersion>) =>
  modelCall(s, encodeFunctionData({ abi: modelRegistryAbi, functionName: "approveModelVersion", args: [input] }));

const publish = (s: Script, policy: UsagePolicy) =>
  policyCall(s, encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "publishPolicy", args: [policy] }));

const activate = (s: Script, version: bigint) =>
  policyCall(s, encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [version] }));

/** The policy ExecutedPublishPolicy publishes: the genesis text and limits, restricted to commons-chat, fewer requests. */
function restrictedPolicy(): UsagePolicy {
  return { ...genesisPolicy(), allowedModels: [MODEL_ID], requestQuota: 100 };
}

// ---------------------------------------------------------------------------------------------------------------------
// The history, phase by phase
// ---------------------------------------------------------------------------------------------------------------------

async function delegate(s: Script, delegator: LocalAccount, delegatee: LocalAccount): Promise<void> {
  const receipt = await confirm(
    s,
    s.token.write.delegate([delegatee.address], { account: delegator }),
    `delegate ${delegator.address} -> ${delegatee.address}`,
  );
  s.record.delegations.push({ delegator: delegator.address, delegatee: delegatee.address, block: receipt.blockNumber });
  s.record.delegates[delegator.address] = delegatee.address;
  s.record.counts.delegateChanges += 1;
}

async function transfer(s: Script, from: LocalAccount, to: LocalAccount, tokens: string): Promise<void> {
  const amount = parseEther(tokens);
  const receipt = await confirm(
    s,
    s.token.write.transfer([to.address, amount], { account: from }),
    `transfer ${tokens} from ${from.address} to ${to.address}`,
  );
  s.record.transfers.push({ from: from.address, to: to.address, amount, block: receipt.blockNumber });
  s.record.counts.transfers += 1;
}

/**
 * Voting power: #0 (400k) and #1, #3 delegate to themselves, #2 to #3 and then back to itself, #4 to #0; #0 gives
 * 10k to each of #5..#9, who delegate (#7 to #5); #3 sends 20k to #1. Afterwards: #0 500k votes, #1 170k, #2 150k,
 * #3 130k, #5 20k, #6 #8 #9 10k each.
 */
async function distributeVotingPower(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  await delegate(s, a(0), a(0));
  await delegate(s, a(1), a(1));
  await delegate(s, a(2), a(3));
  await delegate(s, a(3), a(3));
  await delegate(s, a(2), a(2));
  await delegate(s, a(4), a(0));
  for (const i of [5, 6, 7, 8, 9]) await transfer(s, a(0), a(i), "10000");
  for (const [delegator, delegatee] of [
    [5, 5],
    [6, 6],
    [7, 5],
    [8, 8],
    [9, 9],
  ] as const) {
    await delegate(s, a(delegator), a(delegatee));
  }
  await transfer(s, a(3), a(1), "20000");
}

/** Later changes of voting power: #9 re-delegates to #8, #1 sends 5k to #6 (now #1 165k, #6 15k, #8 20k, #9 0). */
async function shiftVotingPower(s: Script): Promise<void> {
  await delegate(s, dev(s, 9), dev(s, 8));
  await transfer(s, dev(s, 1), dev(s, 6), "5000");
}

/** Approves commons-chat 1.0.0 and 1.1.0, makes 1.1.0 the default, deprecates and then revokes 1.0.0. */
async function executeModelProposals(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const v100 = bundledModelVersion("1.0.0");
  const v110 = bundledModelVersion("1.1.0");
  s.record.models.push(
    { modelId: MODEL_ID, version: v100.version, weightsHash: v100.weightsHash },
    { modelId: MODEL_ID, version: v110.version, weightsHash: v110.weightsHash },
  );
  await passProposal(s, "ExecutedApprove100", a(1), [approve(s, v100)], "# Approve commons-chat 1.0.0", [
    { voter: a(0), support: Vote.For },
    { voter: a(1), support: Vote.For, reason: "Bundled model, manifest hash checked" },
    { voter: a(2), support: Vote.Against, reason: "Too small to be useful" },
    { voter: a(3), support: Vote.Abstain, method: "castVoteBySig", relayer: a(4) },
  ]);
  await passProposal(s, "ExecutedApprove110", a(2), [approve(s, v110)], "# Approve commons-chat 1.1.0", [
    { voter: a(0), support: Vote.For, method: "castVoteWithReasonAndParams", reason: "Better answers in evals" },
    { voter: a(2), support: Vote.For },
    { voter: a(5), support: Vote.Against },
    { voter: a(6), support: Vote.Abstain },
  ]);
  const setDefault = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: "setDefaultVersion",
    args: [MODEL_ID, "1.1.0"],
  });
  await passProposal(s, "ExecutedSetDefault110", a(3), [modelCall(s, setDefault)], "# Make 1.1.0 the default", [
    { voter: a(0), support: Vote.For },
    { voter: a(3), support: Vote.For, method: "castVoteBySig" },
  ]);
  const deprecate = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: "deprecateModelVersion",
    args: [MODEL_ID, "1.0.0"],
  });
  await passProposal(s, "ExecutedDeprecate100", a(0), [modelCall(s, deprecate)], "# Deprecate commons-chat 1.0.0", [
    { voter: a(0), support: Vote.For },
    { voter: a(1), support: Vote.Abstain },
  ]);
  const revoke = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: "revokeModelVersion",
    args: [MODEL_ID, "1.0.0", "Leaks training prompts verbatim (advisory CAI-2025-01)"],
  });
  await passProposal(s, "ExecutedRevoke100", a(1), [modelCall(s, revoke)], "# Revoke commons-chat 1.0.0", [
    { voter: a(0), support: Vote.For },
    { voter: a(8), support: Vote.For, reason: "Revoke it, the advisory is credible" },
  ]);
}

/**
 * ExecutedPublishPolicy publishes a new usage policy (publishing activates it); ExecutedActivatePolicy rolls back to
 * the genesis policy with activatePolicy(1), which stays active.
 */
async function executePolicyProposals(s: Script): Promise<bigint> {
  const a = (i: number) => dev(s, i);
  const published = (await s.policyRegistry.read.policyCount()) + 1n;
  await passProposal(
    s,
    "ExecutedPublishPolicy",
    a(0),
    [publish(s, restrictedPolicy())],
    `# Usage policy ${published}: commons-chat only, 100 requests a day`,
    [
      { voter: a(0), support: Vote.For },
      { voter: a(2), support: Vote.Against, reason: "100 requests a day is too few" },
      { voter: a(9), support: Vote.For },
    ],
  );
  await passProposal(s, "ExecutedActivatePolicy", a(2), [activate(s, 1n)], "# Back to the genesis policy", [
    { voter: a(0), support: Vote.For, reason: "Members hit the quota in a day" },
    { voter: a(2), support: Vote.For },
  ]);
  if ((await s.policyRegistry.read.activePolicyVersion()) !== 1n) throw new Error("the genesis policy is not active");
  return published;
}

/** Grants the timelock's CANCELLER_ROLE to account #2 (an emergency canceller next to the governor). */
async function executeGrantCanceller(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const role = await s.timelock.read.CANCELLER_ROLE();
  const grant = encodeFunctionData({
    abi: timelockControllerAbi,
    functionName: "grantRole",
    args: [role, a(2).address],
  });
  await passProposal(s, "ExecutedGrantCanceller", a(0), [timelockCall(s, grant)], "# Make #2 a timelock canceller", [
    { voter: a(0), support: Vote.For },
    { voter: a(1), support: Vote.For, reason: "An emergency brake is worth having" },
  ]);
  if (!(await s.timelock.read.hasRole([role, a(2).address]))) throw new Error("account #2 did not get CANCELLER_ROLE");
}

/** Canceled by its proposer while Pending; CanceledByGuardian canceled by the guardian (#1) while Active. */
async function cancelProposals(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const wrongHash = { ...bundledModelVersion("1.1.0"), version: "1.2.0", weightsHash: keccak256(toHex("typo")) };
  const canceled = await propose(s, "Canceled", a(3), [approve(s, wrongHash)], "# Approve commons-chat 1.2.0");
  await confirm(s, s.governor.write.cancel(lifecycleArgs(canceled), { account: a(3) }), "proposer cancels");
  await expectState(s, canceled, "Canceled", "the proposer's cancel");

  const proposerRole = await s.timelock.read.PROPOSER_ROLE();
  const grab = encodeFunctionData({
    abi: timelockControllerAbi,
    functionName: "grantRole",
    args: [proposerRole, a(3).address],
  });
  const malicious = await propose(s, "CanceledByGuardian", a(3), [timelockCall(s, grab)], "# Routine maintenance");
  await startVoting(s, malicious);
  await castVotes(s, malicious, [{ voter: a(3), support: Vote.For }]);
  await confirm(s, s.governor.write.cancel(lifecycleArgs(malicious), { account: a(1) }), "guardian cancels");
  await expectState(s, malicious, "Canceled", "the guardian's cancel");
}

/** DefeatedAgainst: quorum, but more against than for. DefeatedQuorum: more for than against, too few votes. */
async function defeatProposals(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const revoke110 = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: "revokeModelVersion",
    args: [MODEL_ID, "1.1.0", "Too slow on CPU"],
  });
  const against = await propose(s, "DefeatedAgainst", a(2), [modelCall(s, revoke110)], "# Revoke commons-chat 1.1.0");
  await startVoting(s, against);
  await castVotes(s, against, [
    { voter: a(0), support: Vote.Against, reason: "It is fast enough, and the only servable version" },
    { voter: a(2), support: Vote.For },
    { voter: a(3), support: Vote.For, method: "castVoteWithReasonAndParams", reason: "Agree with the proposer" },
  ]);
  await endVoting(s, against, "Defeated");

  const deprecate110 = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: "deprecateModelVersion",
    args: [MODEL_ID, "1.1.0"],
  });
  const quorum = await propose(
    s,
    "DefeatedQuorum",
    a(5),
    [modelCall(s, deprecate110)],
    "# Deprecate commons-chat 1.1.0",
  );
  await startVoting(s, quorum);
  await castVotes(s, quorum, [
    { voter: a(5), support: Vote.For },
    { voter: a(6), support: Vote.Abstain },
  ]);
  await endVoting(s, quorum, "Defeated");
}

/**
 * Succeeded, late: a small vote against first, then #0 reaches quorum 30 s before the deadline, which extends it
 * (ProposalExtended); #6 still votes after the original deadline. Not queued.
 */
async function succeedWithLateQuorum(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const proposal = await propose(s, "Succeeded", a(3), [activate(s, 2n)], "# Bring back usage policy 2");
  await startVoting(s, proposal);
  await castVotes(s, proposal, [{ voter: a(8), support: Vote.Against }]);
  const deadline = await s.governor.read.proposalDeadline([proposal.id]);
  await advanceTo(s, deadline - 30n);
  const extensionsBefore = s.record.counts.extensions;
  await castVotes(s, proposal, [{ voter: a(0), support: Vote.For, reason: "Quotas were fine before" }]);
  if (s.record.counts.extensions !== extensionsBefore + 1) throw new Error("the late quorum did not extend Succeeded");
  await advanceTo(s, deadline + 1n);
  await expectState(s, proposal, "Active", "the original deadline (extended)");
  await castVotes(s, proposal, [{ voter: a(6), support: Vote.Abstain, reason: "Saw it late" }]);
  await endVoting(s, proposal, "Succeeded");
}

/** Queued, then account #2 (a canceller since ExecutedGrantCanceller) cancels the operation on the timelock. */
async function cancelOnTimelock(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const revoke110 = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: "revokeModelVersion",
    args: [MODEL_ID, "1.1.0", "Superseded"],
  });
  const proposal = await propose(s, "CanceledOnTimelock", a(0), [modelCall(s, revoke110)], "# Revoke 1.1.0, now");
  const receipt = await voteAndQueue(s, proposal, [{ voter: a(0), support: Vote.For }]);
  const [scheduled] = parseEventLogs({ abi: timelockControllerAbi, logs: receipt.logs, eventName: "CallScheduled" });
  if (!scheduled) throw new Error("queue CanceledOnTimelock: no CallScheduled event");
  await confirm(s, s.timelock.write.cancel([scheduled.args.id], { account: a(2) }), "timelock.cancel by #2");
  s.record.canceledTimelockOperation = scheduled.args.id;
  await expectState(s, proposal, "Canceled", "timelock.cancel");
}

/** Queued and never executed: time passes beyond ETA + execution grace period. */
async function expireProposal(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const policy = { ...genesisPolicy(), retentionSeconds: 30n * 86_400n };
  const proposal = await propose(s, "Expired", a(1), [publish(s, policy)], "# Keep conversations for 30 days");
  await voteAndQueue(s, proposal, [
    { voter: a(0), support: Vote.For },
    { voter: a(1), support: Vote.For },
  ]);
  const eta = await s.governor.read.proposalEta([proposal.id]);
  await advanceTo(s, eta + BigInt(await s.governor.read.executionGracePeriod()));
  await expectState(s, proposal, "Expired", "the execution grace period");
}

/**
 * Queued (left queued), side by side with ExecutedVotingSettings, which lengthens the voting delay and period so that
 * the proposals created after it stay Pending and Active for an hour and a day of wall clock.
 */
async function queueAndLengthenVoting(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const settings = [
    encodeFunctionData({ abi: commonsGovernorAbi, functionName: "setVotingDelay", args: [LONG_VOTING_DELAY] }),
    encodeFunctionData({ abi: commonsGovernorAbi, functionName: "setVotingPeriod", args: [LONG_VOTING_PERIOD] }),
  ].map((data) => governorCall(s, data));
  const lengthen = await propose(s, "ExecutedVotingSettings", a(0), settings, "# Vote for a day, an hour's notice");
  const policy = { ...genesisPolicy(), maxOutputTokens: 256 };
  const queued = await propose(s, "Queued", a(1), [publish(s, policy)], "# Shorter answers");
  for (const proposal of [lengthen, queued]) {
    await startVoting(s, proposal);
    await castVotes(s, proposal, [
      { voter: a(0), support: Vote.For },
      { voter: a(2), support: Vote.Abstain },
    ]);
  }
  await endVoting(s, queued, "Succeeded");
  await endVoting(s, lengthen, "Succeeded");
  await queue(s, lengthen, a(7));
  await queue(s, queued, a(7));
  await execute(s, lengthen, a(6));
  await expectState(s, queued, "Queued", "ExecutedVotingSettings");
}

/** Active: proposed, voting opened, two votes cast. Pending: proposed last. */
async function leaveActiveAndPending(s: Script): Promise<void> {
  const a = (i: number) => dev(s, i);
  const guardian = encodeFunctionData({
    abi: commonsGovernorAbi,
    functionName: "setProposalGuardian",
    args: [a(2).address],
  });
  const active = await propose(s, "Active", a(2), [governorCall(s, guardian)], "# Rotate the guardian to #2");
  await startVoting(s, active);
  await castVotes(s, active, [
    { voter: a(1), support: Vote.Against, reason: "I am doing fine" },
    { voter: a(2), support: Vote.For },
  ]);
  const threshold = encodeFunctionData({
    abi: commonsGovernorAbi,
    functionName: "setProposalThreshold",
    args: [parseEther("500")],
  });
  await propose(s, "Pending", a(0), [governorCall(s, threshold)], "# Lower the proposal threshold to 500");
}

/** governor.state() of every proposal, checked against HISTORY_PROPOSALS. */
async function verifyFinalStates(s: Script): Promise<Record<HistoryProposalLabel, ProposalStateName>> {
  const states = {} as Record<HistoryProposalLabel, ProposalStateName>;
  for (const label of Object.keys(HISTORY_PROPOSALS) as HistoryProposalLabel[]) {
    const id = s.record.proposals[label];
    if (id === undefined) throw new Error(`the history did not create ${label}`);
    states[label] = stateName(await s.governor.read.state([id]));
    if (states[label] !== HISTORY_PROPOSALS[label]) {
      throw new Error(`${label} ended ${states[label]}, expected ${HISTORY_PROPOSALS[label]}`);
    }
  }
  return states;
}

/** The history's proposal ids are fixed, so it can only be played once per chain: before anyone delegated. */
async function requireFreshChain(c: Connection): Promise<void> {
  if ((await c.token.read.delegates([dev(c, 0).address])) !== zeroAddress) {
    throw new Error("runGovernanceHistory needs a freshly deployed chain: account #0 has delegated already");
  }
}

function emptyRecord(fromBlock: bigint): Script["record"] {
  return {
    proposals: {},
    votes: [],
    voters: [],
    delegations: [],
    delegates: {},
    transfers: [],
    models: [],
    canceledTimelockOperation: "0x",
    fromBlock,
    counts: {
      proposals: 0,
      votes: 0,
      votesWithReason: 0,
      votesBySig: 0,
      votesWithParams: 0,
      delegateChanges: 0,
      transfers: 0,
      extensions: 0,
    },
  };
}

/**
 * Plays a scripted governance history on a fresh local chain (`npm start`, or startLocalChain in a test) and checks
 * each step with governor.state(). At the end there is a proposal in every governor state; {@link HISTORY_PROPOSALS}
 * lists them by label, with their state.
 *
 * Along the way: self-delegation, delegation to another account, re-delegation and transfers that move voting power
 * (dev accounts #0..#9); votes for, against and abstain, with reasons, by EIP-712 signature relayed by another
 * account, and with params; a late-quorum extension; the registries' whole life through executed proposals (approve
 * commons-chat 1.0.0 and 1.1.0 with their manifest hashes, set the default, deprecate, revoke with a reason, publish
 * a usage policy, activate the genesis policy again); CANCELLER_ROLE granted to account #2, who cancels a queued operation on the timelock;
 * cancels by the proposer and by the guardian; an expiry.
 *
 * NOTE: It changes the governor's voting delay and period to 1 hour and 1 day (ExecutedVotingSettings), so that the
 * Pending and Active proposals keep their state while a test runs: a Hardhat node stamps each new block with the wall
 * clock (plus the offsets of time travel), so with 60 s the Pending proposal would turn Active at the first block mined
 * a minute later. governor.state() (eth_call on the latest block) only changes when a block is mined.
 *
 * Expects the chain as deployed (nobody delegated yet, the local parameters) and automine; about 160 blocks.
 */
export async function runGovernanceHistory(options: ChainOptions): Promise<GovernanceHistory> {
  const connection = await connect(options);
  await requireFreshChain(connection);
  await connection.testClient.setAutomine(true);
  const s: Script = { ...connection, record: emptyRecord((await connection.publicClient.getBlockNumber()) + 1n) };
  await distributeVotingPower(s);
  await executeModelProposals(s);
  const publishedPolicyVersion = await executePolicyProposals(s);
  await executeGrantCanceller(s);
  await shiftVotingPower(s);
  await cancelProposals(s);
  await defeatProposals(s);
  await succeedWithLateQuorum(s);
  await cancelOnTimelock(s);
  await expireProposal(s);
  await queueAndLengthenVoting(s);
  await leaveActiveAndPending(s);
  const states = await verifyFinalStates(s);
  return {
    ...s.record,
    proposals: s.record.proposals as Record<HistoryProposalLabel, bigint>,
    states,
    publishedPolicyVersion,
    activePolicyVersion: await s.policyRegistry.read.activePolicyVersion(),
    votingDelay: await s.governor.read.votingDelay(),
    votingPeriod: await s.governor.read.votingPeriod(),
    lastBlock: await s.publicClient.getBlockNumber(),
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// A large voting history, mined in batches
// ---------------------------------------------------------------------------------------------------------------------

export interface VotingHistoryOptions extends ChainOptions {
  /** Proposals to create (all by one proposer). */
  proposals: number;
  /** Distinct voters; each votes on every proposal. */
  votesPerProposal: number;
  /** Called after each mined block of votes with the number of votes cast so far. */
  onProgress?: (votesDone: number) => void;
}

export interface VotingHistory {
  proposals: number;
  votes: number;
  /** First and last block the generator mined. */
  fromBlock: bigint;
  toBlock: bigint;
}

/** A transaction from an impersonated account, with its gas limit. */
interface PlannedTx {
  from: Address;
  to: Address;
  data: Hex;
  gas: bigint;
  what: string;
}

/** Gas limits, comfortably above what each transaction uses (votes ~70k-110k); blocks hold as many as fit. */
const GAS = { transfer: 250_000n, delegate: 250_000n, propose: 400_000n, vote: 200_000n } as const;

/** Every batch block gets this base fee, so that fees stay low however many full blocks are mined. */
const BASE_FEE = parseGwei("1");
const FEES = { maxFeePerGas: toHex(2n * BASE_FEE), maxPriorityFeePerGas: toHex(BASE_FEE) } as const;

/**
 * Voters of generated histories: addresses of fixed keys (the same on every run). The generator sends their
 * transactions as impersonated accounts, which is twice as fast as signing them here.
 */
function generatedVoters(count: number): Address[] {
  return Array.from(
    { length: count },
    (_, i) => privateKeyToAccount(keccak256(toHex(`commons-ai voter ${i}`))).address,
  );
}

/** Sends `txs` with the next nonces of their senders, mines one block and checks that it holds them, all successful. */
async function mineBatch(c: Connection, txs: PlannedTx[], nonces: Map<Address, number>): Promise<TransactionReceipt[]> {
  const hashes = await Promise.all(
    txs.map((tx) => {
      const nonce = nonces.get(tx.from) ?? 0;
      nonces.set(tx.from, nonce + 1);
      const { from, to, data } = tx;
      const request = { from, to, data, gas: toHex(tx.gas), nonce: toHex(nonce), ...FEES };
      return c.walletClient.request({ method: "eth_sendTransaction", params: [request] });
    }),
  );
  await c.testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: BASE_FEE });
  await c.testClient.mine({ blocks: 1 });
  const block = await c.publicClient.getBlock({ blockTag: "latest" });
  if (block.transactions.length !== txs.length) {
    throw new Error(`block ${block.number} holds ${block.transactions.length} of the ${txs.length} transactions sent`);
  }
  const receipts = await Promise.all(hashes.map((hash) => c.publicClient.getTransactionReceipt({ hash })));
  receipts.forEach((receipt, i) => {
    if (receipt.status !== "success") {
      const outOfGas = receipt.gasUsed === txs[i]?.gas ? " (out of gas: raise its limit in GAS)" : "";
      throw new Error(`${txs[i]?.what}: ${receipt.transactionHash} reverted in block ${block.number}${outOfGas}`);
    }
  });
  return receipts;
}

/** Splits `txs` into blocks that fit the block gas limit and mines them one by one. */
async function mineAll(
  c: Connection,
  txs: PlannedTx[],
  nonces: Map<Address, number>,
  onBlock?: (mined: number) => void,
): Promise<TransactionReceipt[]> {
  const { gasLimit } = await c.publicClient.getBlock({ blockTag: "latest" });
  const receipts: TransactionReceipt[] = [];
  let batch: PlannedTx[] = [];
  let gas = 0n;
  for (const tx of [...txs, undefined]) {
    if (batch.length > 0 && (tx === undefined || gas + tx.gas > gasLimit)) {
      receipts.push(...(await mineBatch(c, batch, nonces)));
      onBlock?.(receipts.length);
      batch = [];
      gas = 0n;
    }
    if (tx) {
      batch.push(tx);
      gas += tx.gas;
    }
  }
  return receipts;
}

/** Gives each voter ETH and the proposal threshold in tokens (from account #0); each delegates to itself. */
async function fundVoters(c: Connection, voters: Address[], nonces: Map<Address, number>): Promise<void> {
  const funder = dev(c, 0).address;
  const tokens = await c.governor.read.proposalThreshold();
  await Promise.all(voters.map((address) => c.testClient.setBalance({ address, value: parseEther("10") })));
  nonces.set(funder, await c.publicClient.getTransactionCount({ address: funder, blockTag: "pending" }));
  const txs = voters.flatMap((voter): PlannedTx[] => [
    {
      from: funder,
      to: c.token.address,
      data: encodeFunctionData({ abi: governanceTokenAbi, functionName: "transfer", args: [voter, tokens] }),
      gas: GAS.transfer,
      what: `transfer to ${voter}`,
    },
    {
      from: voter,
      to: c.token.address,
      data: encodeFunctionData({ abi: governanceTokenAbi, functionName: "delegate", args: [voter] }),
      gas: GAS.delegate,
      what: `self-delegation of ${voter}`,
    },
  ]);
  await mineAll(c, txs, nonces);
}

/** `count` proposals by `proposer`, each a no-op (the timelock sends itself 0 tokens) with its own description. */
async function proposeMany(
  c: Connection,
  proposer: Address,
  count: number,
  nonces: Map<Address, number>,
): Promise<bigint[]> {
  const noop = encodeFunctionData({
    abi: governanceTokenAbi,
    functionName: "transfer",
    args: [c.timelock.address, 0n],
  });
  const run = await c.publicClient.getBlockNumber();
  const txs = Array.from({ length: count }, (_, i): PlannedTx => {
    const description = `# Benchmark proposal ${i + 1} of ${count} (run at block ${run})`;
    return {
      from: proposer,
      to: c.governor.address,
      data: encodeFunctionData({
        abi: commonsGovernorAbi,
        functionName: "propose",
        args: [[c.token.address], [0n], [noop], description],
      }),
      gas: GAS.propose,
      what: `proposal ${i + 1}`,
    };
  });
  const receipts = await mineAll(c, txs, nonces);
  const created = parseEventLogs({
    abi: commonsGovernorAbi,
    logs: receipts.flatMap((r) => r.logs),
    eventName: "ProposalCreated",
  });
  if (created.length !== count) throw new Error(`${created.length} ProposalCreated events for ${count} proposals`);
  return created.map((log) => log.args.proposalId);
}

/** Every voter votes on every proposal: for, against or abstain in turn; every fifth voter gives a reason. */
function plannedVotes(c: Connection, proposalIds: bigint[], voters: Address[]): PlannedTx[] {
  return proposalIds.flatMap((proposalId, p) =>
    voters.map((voter, v): PlannedTx => {
      const support = (p + v) % 3;
      const data =
        v % 5 === 4
          ? encodeFunctionData({
              abi: commonsGovernorAbi,
              functionName: "castVoteWithReason",
              args: [proposalId, support, `Voter ${v} on proposal ${p + 1}`],
            })
          : encodeFunctionData({ abi: commonsGovernorAbi, functionName: "castVote", args: [proposalId, support] });
      return { from: voter, to: c.governor.address, data, gas: GAS.vote, what: `vote of voter ${v} on ${proposalId}` };
    }),
  );
}

/**
 * Generates a large voting history for backfill benchmarks: `votesPerProposal` voters (addresses of fixed keys, funded
 * with ETH and the proposal threshold in tokens from account #0, self-delegated), `proposals` proposals by the first
 * of them, and a vote of every voter on every proposal (castVote; every fifth voter castVoteWithReason). The voters'
 * transactions are sent as impersonated accounts with explicit nonces, gas and fees, and mined in full blocks with
 * automine off (restored at the end); every receipt is checked. 200 proposals x 50 votes take about 20 s.
 *
 * Works on a fresh chain or after {@link runGovernanceHistory}; each run creates new proposals. All votes must fit in
 * the voting period (600 s locally, 1 day after runGovernanceHistory; blocks follow the wall clock).
 */
export async function generateVotingHistory(options: VotingHistoryOptions): Promise<VotingHistory> {
  const c = await connect(options);
  const fromBlock = (await c.publicClient.getBlockNumber()) + 1n;
  const voters = generatedVoters(options.votesPerProposal);
  const [proposer] = voters;
  if (!proposer || options.proposals < 1)
    throw new Error("generateVotingHistory needs at least 1 proposal and 1 voter");
  const counts = await Promise.all(voters.map((address) => c.publicClient.getTransactionCount({ address })));
  const nonces = new Map(voters.map((voter, i) => [voter, counts[i] ?? 0]));
  await Promise.all(voters.map((address) => c.testClient.impersonateAccount({ address })));
  await c.testClient.setAutomine(false);
  try {
    await fundVoters(c, voters, nonces);
    const proposalIds = await proposeMany(c, proposer, options.proposals, nonces);
    const lastId = proposalIds[proposalIds.length - 1] ?? 0n;
    await advanceTo(c, (await c.governor.read.proposalSnapshot([lastId])) + 1n);
    const votes = await mineAll(c, plannedVotes(c, proposalIds, voters), nonces, options.onProgress);
    const toBlock = await c.publicClient.getBlockNumber();
    return { proposals: proposalIds.length, votes: votes.length, fromBlock, toBlock };
  } finally {
    await c.testClient.setAutomine(true);
    await Promise.all(voters.map((address) => c.testClient.stopImpersonatingAccount({ address })));
  }
}

/**
 * One more proposal after {@link runGovernanceHistory}: `actions` on the registries, proposed and voted for by
 * account #0 (enough for quorum and majority), queued and executed, each step checked. `beforeExecute` runs when only
 * the execution is left, so that a test can prepare what the execution should interrupt. Returns the proposal id.
 */
export async function passProposalAfterHistory(
  options: ChainOptions,
  actions: { contract: "ModelRegistry" | "UsagePolicyRegistry"; data: Hex }[],
  description: string,
  beforeExecute?: () => Promise<void>,
): Promise<bigint> {
  const connection = await connect(options);
  const s: Script = { ...connection, record: emptyRecord((await connection.publicClient.getBlockNumber()) + 1n) };
  const calls = actions.map((a) => (a.contract === "ModelRegistry" ? modelCall(s, a.data) : policyCall(s, a.data)));
  const proposal = await propose(s, description, dev(s, 0), calls, description);
  await voteAndQueue(s, proposal, [{ voter: dev(s, 0), support: Vote.For }]);
  await advanceTo(s, await s.governor.read.proposalEta([proposal.id]));
  await beforeExecute?.();
  await confirm(s, s.governor.write.execute(lifecycleArgs(proposal), { account: dev(s, 6) }), `execute ${description}`);
  await expectState(s, proposal, "Executed", "execute");
  return proposal.id;
}
