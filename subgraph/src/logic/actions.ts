// Decoding of proposal actions into plain fields (pure: see README.md in this folder).
//
// An action is decoded only when its target is one of the indexed contracts and its selector is one of that
// contract's functions below: the same selector sent to any other address is reported as Unknown, so a proposal
// aimed at a look-alike registry can never read as "approve commons-chat 1.1.0".

import { AbiReader } from "./abi";
import { toHex, wordToDecimal } from "./bytes";
import { roleName } from "./roles";
import { sanitize } from "./text";

// Contract names (schema enum ContractName).
export const COMMONS_GOVERNOR = "CommonsGovernor";
export const TIMELOCK_CONTROLLER = "TimelockController";
export const GOVERNANCE_TOKEN = "GovernanceToken";
export const MODEL_REGISTRY = "ModelRegistry";
export const USAGE_POLICY_REGISTRY = "UsagePolicyRegistry";

// Action kinds (schema enum ProposalActionKind).
export const APPROVE_MODEL_VERSION = "ApproveModelVersion";
export const DEPRECATE_MODEL_VERSION = "DeprecateModelVersion";
export const REINSTATE_MODEL_VERSION = "ReinstateModelVersion";
export const REVOKE_MODEL_VERSION = "RevokeModelVersion";
export const SET_DEFAULT_MODEL_VERSION = "SetDefaultModelVersion";
export const PUBLISH_POLICY = "PublishPolicy";
export const ACTIVATE_POLICY = "ActivatePolicy";
export const TRANSFER_OWNERSHIP = "TransferOwnership";
export const RENOUNCE_OWNERSHIP = "RenounceOwnership";
export const SET_VOTING_DELAY = "SetVotingDelay";
export const SET_VOTING_PERIOD = "SetVotingPeriod";
export const SET_PROPOSAL_THRESHOLD = "SetProposalThreshold";
export const UPDATE_QUORUM_NUMERATOR = "UpdateQuorumNumerator";
export const SET_LATE_QUORUM_VOTE_EXTENSION = "SetLateQuorumVoteExtension";
export const SET_EXECUTION_GRACE_PERIOD = "SetExecutionGracePeriod";
export const SET_PROPOSAL_GUARDIAN = "SetProposalGuardian";
export const UPDATE_TIMELOCK = "UpdateTimelock";
export const RELAY = "Relay";
export const UPDATE_DELAY = "UpdateDelay";
export const GRANT_ROLE = "GrantRole";
export const REVOKE_ROLE = "RevokeRole";
export const RENOUNCE_ROLE = "RenounceRole";
export const TOKEN_TRANSFER = "TokenTransfer";
export const TOKEN_APPROVE = "TokenApprove";
export const TOKEN_DELEGATE = "TokenDelegate";
export const NATIVE_TRANSFER = "NativeTransfer";
export const UNKNOWN = "Unknown";

/** A function the subgraph decodes: on which contract, its selector, its Solidity signature and its action kind. */
export class KnownFunction {
  constructor(
    public contract: string,
    public selector: string,
    public signature: string,
    public kind: string,
  ) {}
}

const MODEL_VERSION_INPUT = "(string,string,bytes32,string,string,string,bytes32)";
const USAGE_POLICY =
  "(uint256,uint32,uint32,uint64,uint32,uint32,string[],uint32,bool,bool,uint8,uint64,bytes32,string)";

/** Every decoded function. The tests check each selector against keccak256(signature) and the contract's ABI. */
export function knownFunctions(): Array<KnownFunction> {
  const f = new Array<KnownFunction>(0);
  const r = MODEL_REGISTRY;
  f.push(new KnownFunction(r, "0xf63318c2", "approveModelVersion(" + MODEL_VERSION_INPUT + ")", APPROVE_MODEL_VERSION));
  f.push(new KnownFunction(r, "0xb6e9659a", "deprecateModelVersion(string,string)", DEPRECATE_MODEL_VERSION));
  f.push(new KnownFunction(r, "0xc8118532", "reinstateModelVersion(string,string)", REINSTATE_MODEL_VERSION));
  f.push(new KnownFunction(r, "0x35968c15", "revokeModelVersion(string,string,string)", REVOKE_MODEL_VERSION));
  f.push(new KnownFunction(r, "0x084c6c9a", "setDefaultVersion(string,string)", SET_DEFAULT_MODEL_VERSION));
  f.push(new KnownFunction(r, "0xf2fde38b", "transferOwnership(address)", TRANSFER_OWNERSHIP));
  f.push(new KnownFunction(r, "0x715018a6", "renounceOwnership()", RENOUNCE_OWNERSHIP));
  const p = USAGE_POLICY_REGISTRY;
  f.push(new KnownFunction(p, "0x692527a1", "publishPolicy(" + USAGE_POLICY + ")", PUBLISH_POLICY));
  f.push(new KnownFunction(p, "0x871ae93a", "activatePolicy(uint256)", ACTIVATE_POLICY));
  f.push(new KnownFunction(p, "0xf2fde38b", "transferOwnership(address)", TRANSFER_OWNERSHIP));
  f.push(new KnownFunction(p, "0x715018a6", "renounceOwnership()", RENOUNCE_OWNERSHIP));
  const g = COMMONS_GOVERNOR;
  f.push(new KnownFunction(g, "0x79051887", "setVotingDelay(uint48)", SET_VOTING_DELAY));
  f.push(new KnownFunction(g, "0xe540d01d", "setVotingPeriod(uint32)", SET_VOTING_PERIOD));
  f.push(new KnownFunction(g, "0xece40cc1", "setProposalThreshold(uint256)", SET_PROPOSAL_THRESHOLD));
  f.push(new KnownFunction(g, "0x06f3f9e6", "updateQuorumNumerator(uint256)", UPDATE_QUORUM_NUMERATOR));
  f.push(new KnownFunction(g, "0x330df7ff", "setLateQuorumVoteExtension(uint48)", SET_LATE_QUORUM_VOTE_EXTENSION));
  f.push(new KnownFunction(g, "0xaf7900d1", "setExecutionGracePeriod(uint48)", SET_EXECUTION_GRACE_PERIOD));
  f.push(new KnownFunction(g, "0xa660aca5", "setProposalGuardian(address)", SET_PROPOSAL_GUARDIAN));
  f.push(new KnownFunction(g, "0xa890c910", "updateTimelock(address)", UPDATE_TIMELOCK));
  f.push(new KnownFunction(g, "0xc28bc2fa", "relay(address,uint256,bytes)", RELAY));
  const t = TIMELOCK_CONTROLLER;
  f.push(new KnownFunction(t, "0x64d62353", "updateDelay(uint256)", UPDATE_DELAY));
  f.push(new KnownFunction(t, "0x2f2ff15d", "grantRole(bytes32,address)", GRANT_ROLE));
  f.push(new KnownFunction(t, "0xd547741f", "revokeRole(bytes32,address)", REVOKE_ROLE));
  f.push(new KnownFunction(t, "0x36568abe", "renounceRole(bytes32,address)", RENOUNCE_ROLE));
  const k = GOVERNANCE_TOKEN;
  f.push(new KnownFunction(k, "0xa9059cbb", "transfer(address,uint256)", TOKEN_TRANSFER));
  f.push(new KnownFunction(k, "0x095ea7b3", "approve(address,uint256)", TOKEN_APPROVE));
  f.push(new KnownFunction(k, "0x5c19a95c", "delegate(address)", TOKEN_DELEGATE));
  return f;
}

export function findFunction(contract: string, selector: string): KnownFunction | null {
  const functions = knownFunctions();
  for (let i = 0; i < functions.length; i++) {
    const candidate = functions[i];
    if (candidate.contract == contract && candidate.selector == selector) return candidate;
  }
  return null;
}

/** UsagePolicyRegistry.UsagePolicy as found in publishPolicy's calldata. Integers wider than 64 bits are decimal. */
export class DecodedPolicy {
  minVotingPower: string = "0";
  quotaPeriod: u64 = 0;
  requestQuota: u64 = 0;
  tokenQuota: u64 = 0;
  maxInputTokens: u64 = 0;
  maxOutputTokens: u64 = 0;
  allowedModels: Array<string> = new Array<string>(0);
  redactCategories: u32 = 0;
  scanAnswers: bool = false;
  restoreOriginals: bool = false;
  /** Flag or Refuse (schema enum PromptInjectionAction). */
  promptInjection: string = "Flag";
  retentionSeconds: u64 = 0;
  contentHash: Uint8Array = new Uint8Array(32);
  textUri: string = "";
}

/** A proposal action in plain fields. Only the fields of `kind` are set; integers are decimal strings. */
export class DecodedAction {
  kind: string = UNKNOWN;
  /** First 4 bytes of the calldata as 0x-hex; empty when it is shorter. */
  selector: string = "";
  /** The decoded function's signature; null when the selector is not one of the target's known functions. */
  signature: string | null = null;
  /** The calldata matched the function's ABI: every field of `kind` is set. */
  decoded: bool = false;
  modelId: string | null = null;
  version: string | null = null;
  hash: Uint8Array | null = null;
  task: string | null = null;
  uri: string | null = null;
  license: string | null = null;
  metadataHash: Uint8Array | null = null;
  reason: string | null = null;
  policyVersion: string | null = null;
  policy: DecodedPolicy | null = null;
  account: Uint8Array | null = null;
  amount: string | null = null;
  role: Uint8Array | null = null;
}

/** The selector of `calldata` as 0x-hex, or an empty string when the calldata is shorter than 4 bytes. */
export function selectorOf(calldata: Uint8Array): string {
  if (calldata.length < 4) return "";
  return toHex(calldata.slice(0, 4));
}

/**
 * Decodes one action of a proposal.
 * @param contract Which indexed contract the target is (a ContractName), or an empty string for any other address.
 * @param calldata The action's calldata.
 */
export function decodeAction(contract: string, calldata: Uint8Array): DecodedAction {
  const action = new DecodedAction();
  if (calldata.length == 0) {
    action.kind = NATIVE_TRANSFER;
    action.decoded = true;
    return action;
  }
  action.selector = selectorOf(calldata);
  const known = findFunction(contract, action.selector);
  if (known == null) return action;
  action.kind = known.kind;
  action.signature = known.signature;

  const args = new AbiReader(calldata.slice(4));
  const kind = known.kind;
  if (kind == APPROVE_MODEL_VERSION) {
    const input = args.tail(0, 0);
    action.modelId = sanitize(args.string(input, input));
    action.version = sanitize(args.string(input, input + 32));
    action.hash = args.word(input + 64);
    action.task = sanitize(args.string(input, input + 96));
    action.uri = sanitize(args.string(input, input + 128));
    action.license = sanitize(args.string(input, input + 160));
    action.metadataHash = args.word(input + 192);
  } else if (
    kind == DEPRECATE_MODEL_VERSION ||
    kind == REINSTATE_MODEL_VERSION ||
    kind == SET_DEFAULT_MODEL_VERSION ||
    kind == REVOKE_MODEL_VERSION
  ) {
    action.modelId = sanitize(args.string(0, 0));
    action.version = sanitize(args.string(0, 32));
    if (kind == REVOKE_MODEL_VERSION) action.reason = sanitize(args.string(0, 64));
  } else if (kind == PUBLISH_POLICY) {
    action.policy = decodePolicy(args);
    const policy = action.policy;
    if (policy != null) {
      action.hash = policy.contentHash;
      action.uri = policy.textUri;
    }
  } else if (kind == ACTIVATE_POLICY) {
    action.policyVersion = wordToDecimal(args.word(0));
  } else if (
    kind == TRANSFER_OWNERSHIP ||
    kind == SET_PROPOSAL_GUARDIAN ||
    kind == UPDATE_TIMELOCK ||
    kind == TOKEN_DELEGATE
  ) {
    action.account = args.address(0);
  } else if (kind == SET_VOTING_DELAY || kind == SET_LATE_QUORUM_VOTE_EXTENSION || kind == SET_EXECUTION_GRACE_PERIOD) {
    action.amount = args.uint(0, 48).toString();
  } else if (kind == SET_VOTING_PERIOD) {
    action.amount = args.uint(0, 32).toString();
  } else if (kind == SET_PROPOSAL_THRESHOLD || kind == UPDATE_QUORUM_NUMERATOR || kind == UPDATE_DELAY) {
    action.amount = wordToDecimal(args.word(0));
  } else if (kind == RELAY) {
    action.account = args.address(0);
    action.amount = wordToDecimal(args.word(32));
    args.bytes(0, 64); // validated, not decoded
  } else if (kind == GRANT_ROLE || kind == REVOKE_ROLE || kind == RENOUNCE_ROLE) {
    action.role = args.word(0);
    action.account = args.address(32);
  } else if (kind == TOKEN_TRANSFER || kind == TOKEN_APPROVE) {
    action.account = args.address(0);
    action.amount = wordToDecimal(args.word(32));
  }
  // RenounceOwnership has no argument.

  if (!args.ok) {
    // Malformed calldata (the call would revert): report the function, none of its fields.
    const undecoded = new DecodedAction();
    undecoded.selector = action.selector;
    undecoded.kind = action.kind;
    undecoded.signature = action.signature;
    return undecoded;
  }
  action.decoded = true;
  return action;
}

function decodePolicy(args: AbiReader): DecodedPolicy {
  const policy = new DecodedPolicy();
  const p = args.tail(0, 0);
  policy.minVotingPower = wordToDecimal(args.word(p));
  policy.quotaPeriod = args.uint(p + 32, 32);
  policy.requestQuota = args.uint(p + 64, 32);
  policy.tokenQuota = args.uint(p + 96, 64);
  policy.maxInputTokens = args.uint(p + 128, 32);
  policy.maxOutputTokens = args.uint(p + 160, 32);
  const models = args.stringArray(p, p + 192);
  for (let i = 0; i < models.length; i++) models[i] = sanitize(models[i]);
  policy.allowedModels = models;
  policy.redactCategories = args.uint(p + 224, 32) as u32;
  policy.scanAnswers = args.bool(p + 256);
  policy.restoreOriginals = args.bool(p + 288);
  // An enum: Solidity rejects values outside Flag (0) and Refuse (1).
  const promptInjection = args.uint(p + 320, 8);
  if (promptInjection > 1) args.ok = false;
  policy.promptInjection = promptInjection == 1 ? "Refuse" : "Flag";
  policy.retentionSeconds = args.uint(p + 352, 64);
  policy.contentHash = args.word(p + 384);
  policy.textUri = sanitize(args.string(p, p + 416));
  return policy;
}

function orEmpty(value: string | null): string {
  if (value === null) return "";
  return value;
}

function hexOrEmpty(value: Uint8Array | null): string {
  if (value == null) return "";
  return toHex(value);
}

/** What the registry is called in summaries. */
function contractLabel(contract: string, target: Uint8Array): string {
  if (contract == MODEL_REGISTRY) return "the model registry";
  if (contract == USAGE_POLICY_REGISTRY) return "the usage policy registry";
  if (contract == COMMONS_GOVERNOR) return "the governor";
  if (contract == TIMELOCK_CONTROLLER) return "the timelock";
  if (contract == GOVERNANCE_TOKEN) return "the token";
  return toHex(target);
}

/**
 * One line for people, e.g. `approve commons-chat 1.1.0`.
 * @param value The action's value in wei, in decimal.
 */
export function summarize(action: DecodedAction, contract: string, target: Uint8Array, value: string): string {
  const kind = action.kind;
  const on = contractLabel(contract, target);
  const withValue = value == "0" ? "" : " (sending " + value + " wei)";
  if (kind == NATIVE_TRANSFER) return "send " + value + " wei to " + on;
  const signature = orEmpty(action.signature);
  if (kind == UNKNOWN || signature.length == 0) {
    return "call " + (action.selector.length > 0 ? action.selector : "with short calldata") + " on " + on + withValue;
  }
  if (!action.decoded) return "call " + signature + " on " + on + " with malformed arguments" + withValue;

  const modelVersion = orEmpty(action.modelId) + " " + orEmpty(action.version);
  const account = hexOrEmpty(action.account);
  const amount = orEmpty(action.amount);
  let text = "";
  if (kind == APPROVE_MODEL_VERSION) text = "approve " + modelVersion;
  else if (kind == DEPRECATE_MODEL_VERSION) text = "deprecate " + modelVersion;
  else if (kind == REINSTATE_MODEL_VERSION) text = "reinstate " + modelVersion;
  else if (kind == REVOKE_MODEL_VERSION) text = "revoke " + modelVersion + ": " + orEmpty(action.reason);
  else if (kind == SET_DEFAULT_MODEL_VERSION) text = "make " + modelVersion + " the default";
  else if (kind == PUBLISH_POLICY) {
    const uri = orEmpty(action.uri);
    text = "publish a usage policy (" + (uri.length > 0 ? uri : hexOrEmpty(action.hash)) + ")";
  } else if (kind == ACTIVATE_POLICY) text = "activate usage policy " + orEmpty(action.policyVersion);
  else if (kind == TRANSFER_OWNERSHIP) text = "transfer ownership of " + on + " to " + account;
  else if (kind == RENOUNCE_OWNERSHIP) text = "renounce ownership of " + on;
  else if (kind == SET_VOTING_DELAY) text = "set the voting delay to " + amount + " s";
  else if (kind == SET_VOTING_PERIOD) text = "set the voting period to " + amount + " s";
  else if (kind == SET_PROPOSAL_THRESHOLD) text = "set the proposal threshold to " + amount;
  else if (kind == UPDATE_QUORUM_NUMERATOR) text = "set the quorum to " + amount + "% of the supply";
  else if (kind == SET_LATE_QUORUM_VOTE_EXTENSION) text = "set the late quorum extension to " + amount + " s";
  else if (kind == SET_EXECUTION_GRACE_PERIOD) text = "set the execution grace period to " + amount + " s";
  else if (kind == SET_PROPOSAL_GUARDIAN) text = "set the proposal guardian to " + account;
  else if (kind == UPDATE_TIMELOCK) text = "move the governor to the timelock " + account;
  else if (kind == RELAY) text = "relay a call to " + account;
  else if (kind == UPDATE_DELAY) text = "set the timelock delay to " + amount + " s";
  else if (kind == GRANT_ROLE || kind == REVOKE_ROLE || kind == RENOUNCE_ROLE) {
    const role = action.role;
    let name = role == null ? "" : roleName(role);
    if (name.length == 0) name = hexOrEmpty(role);
    if (kind == GRANT_ROLE) text = "grant " + name + " on the timelock to " + account;
    else if (kind == REVOKE_ROLE) text = "revoke " + name + " on the timelock from " + account;
    else text = "renounce " + name + " on the timelock for " + account;
  } else if (kind == TOKEN_TRANSFER) text = "transfer " + amount + " token units to " + account;
  else if (kind == TOKEN_APPROVE) text = "allow " + account + " to spend " + amount + " token units";
  else if (kind == TOKEN_DELEGATE) text = "delegate the treasury's votes to " + account;
  return text + withValue;
}
