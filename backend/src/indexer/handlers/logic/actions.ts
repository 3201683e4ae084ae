// Decoding of proposal actions into plain fields (subgraph/src/logic/actions.ts), with viem and the contracts' ABIs.
//
// An action is decoded only when its target is one of the indexed contracts and its selector is one of that contract's
// functions below: the same selector sent to any other address is reported as Unknown, so a proposal aimed at a
// look-alike registry can never read as "approve commons-chat 1.1.0". Calldata the target would reject (what Solidity's
// decoder rejects) keeps its function but sets none of its fields (`decoded` false).

import {
  type Abi,
  type AbiFunction,
  type AbiParameter,
  type Address,
  BaseError,
  type ContractFunctionName,
  concatHex,
  type DecodeFunctionDataParameters,
  type DecodeFunctionDataReturnType,
  decodeFunctionData,
  getAbiItem,
  type Hex,
  size,
  slice,
  toFunctionSelector,
  toFunctionSignature,
} from "viem";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../../../../generated/contracts.js";
import type { ContractName, ProposalActionKind, UsagePolicyFields } from "../entities.js";
import { usagePolicyFields } from "./policy.js";
import { roleName } from "./roles.js";
import { sanitize } from "./text.js";

const ABIS = {
  ModelRegistry: modelRegistryAbi,
  UsagePolicyRegistry: usagePolicyRegistryAbi,
  CommonsGovernor: commonsGovernorAbi,
  TimelockController: timelockControllerAbi,
  GovernanceToken: governanceTokenAbi,
} as const satisfies Record<ContractName, Abi>;

/** The functions decoded, by contract, with the action kind each one is. */
const KINDS: {
  [Contract in ContractName]: Partial<Record<ContractFunctionName<(typeof ABIS)[Contract]>, ProposalActionKind>>;
} = {
  ModelRegistry: {
    approveModelVersion: "ApproveModelVersion",
    deprecateModelVersion: "DeprecateModelVersion",
    reinstateModelVersion: "ReinstateModelVersion",
    revokeModelVersion: "RevokeModelVersion",
    setDefaultVersion: "SetDefaultModelVersion",
    transferOwnership: "TransferOwnership",
    renounceOwnership: "RenounceOwnership",
  },
  UsagePolicyRegistry: {
    publishPolicy: "PublishPolicy",
    activatePolicy: "ActivatePolicy",
    transferOwnership: "TransferOwnership",
    renounceOwnership: "RenounceOwnership",
  },
  CommonsGovernor: {
    setVotingDelay: "SetVotingDelay",
    setVotingPeriod: "SetVotingPeriod",
    setProposalThreshold: "SetProposalThreshold",
    updateQuorumNumerator: "UpdateQuorumNumerator",
    setLateQuorumVoteExtension: "SetLateQuorumVoteExtension",
    setExecutionGracePeriod: "SetExecutionGracePeriod",
    setProposalGuardian: "SetProposalGuardian",
    updateTimelock: "UpdateTimelock",
    relay: "Relay",
  },
  TimelockController: {
    updateDelay: "UpdateDelay",
    grantRole: "GrantRole",
    revokeRole: "RevokeRole",
    renounceRole: "RenounceRole",
  },
  GovernanceToken: {
    transfer: "TokenTransfer",
    approve: "TokenApprove",
    delegate: "TokenDelegate",
  },
};

/** A function the handlers decode: on which contract, its selector, its Solidity signature and its action kind. */
export interface KnownFunction {
  contract: ContractName;
  selector: Hex;
  signature: string;
  kind: ProposalActionKind;
  inputs: readonly AbiParameter[];
}

/** Every decoded function, from the contracts' ABIs. */
export const KNOWN_FUNCTIONS: readonly KnownFunction[] = (Object.keys(KINDS) as ContractName[]).flatMap((contract) =>
  Object.entries(KINDS[contract]).map(([name, kind]): KnownFunction => {
    const item = getAbiItem({ abi: ABIS[contract] as Abi, name }) as AbiFunction;
    return {
      contract,
      selector: toFunctionSelector(item),
      signature: toFunctionSignature(item),
      kind: kind as ProposalActionKind,
      inputs: item.inputs,
    };
  }),
);

const BY_SELECTOR = new Map(KNOWN_FUNCTIONS.map((f) => [`${f.contract}:${f.selector}`, f]));

/** The fields an action's arguments set, by kind (see ProposalAction in subgraph/schema.graphql). */
export interface ActionFields {
  modelId?: string;
  version?: string;
  /** Weights hash (ApproveModelVersion) or content hash (PublishPolicy). */
  hash?: Hex;
  task?: string;
  /** Model uri (ApproveModelVersion) or policy text uri (PublishPolicy). */
  uri?: string;
  license?: string;
  metadataHash?: Hex;
  reason?: string;
  policyVersion?: bigint;
  policy?: UsagePolicyFields;
  /** Lowercase hex. */
  account?: Hex;
  amount?: bigint;
  role?: Hex;
}

/** A proposal action in plain fields. Only the fields of `kind` are set, and only when `decoded`. */
export interface DecodedAction extends ActionFields {
  kind: ProposalActionKind;
  /** First 4 bytes of the calldata; undefined when it is shorter. */
  selector?: Hex;
  /** The decoded function's signature; undefined when the selector is not one of the target's known functions. */
  signature?: string;
  /** The calldata matched the function's ABI: every field of `kind` is set. */
  decoded: boolean;
}

/** Calldata that Solidity's decoder would reject but viem's accepts. */
class MalformedCalldataError extends Error {
  override name = "MalformedCalldataError";
}

/**
 * Decodes one action of a proposal.
 * @param contract Which indexed contract the target is, or undefined for any other address.
 */
export function decodeAction(contract: ContractName | undefined, calldata: Hex): DecodedAction {
  if (size(calldata) === 0) return { kind: "NativeTransfer", decoded: true };
  const selector = size(calldata) >= 4 ? (slice(calldata, 0, 4).toLowerCase() as Hex) : undefined;
  const known = contract && selector ? BY_SELECTOR.get(`${contract}:${selector}`) : undefined;
  if (!known) return { kind: "Unknown", selector, decoded: false };
  const action: DecodedAction = { kind: known.kind, selector, signature: known.signature, decoded: false };
  try {
    return { ...action, ...decodeFields(known, calldata), decoded: true };
  } catch (error) {
    if (error instanceof BaseError || error instanceof MalformedCalldataError) return action;
    throw error;
  }
}

/** The fields of a known function's call; throws when its arguments are malformed. */
function decodeFields(known: KnownFunction, data: Hex): ActionFields {
  switch (known.contract) {
    case "ModelRegistry":
      return modelRegistryFields(known, data);
    case "UsagePolicyRegistry":
      return usagePolicyRegistryFields(known, data);
    case "CommonsGovernor":
      return governorFields(known, data);
    case "TimelockController":
      return timelockFields(known, data);
    case "GovernanceToken":
      return tokenFields(known, data);
  }
}

function modelRegistryFields(known: KnownFunction, data: Hex): ActionFields {
  const call = decodeCall(modelRegistryAbi, data);
  assertCanonical(known.inputs, call.args ?? [], data);
  switch (call.functionName) {
    case "approveModelVersion": {
      const [input] = call.args;
      return {
        modelId: sanitize(input.modelId),
        version: sanitize(input.version),
        hash: lower(input.weightsHash),
        task: sanitize(input.task),
        uri: sanitize(input.uri),
        license: sanitize(input.license),
        metadataHash: lower(input.metadataHash),
      };
    }
    case "deprecateModelVersion":
    case "reinstateModelVersion":
    case "setDefaultVersion": {
      const [modelId, version] = call.args;
      return { modelId: sanitize(modelId), version: sanitize(version) };
    }
    case "revokeModelVersion": {
      const [modelId, version, reason] = call.args;
      return { modelId: sanitize(modelId), version: sanitize(version), reason: sanitize(reason) };
    }
    case "transferOwnership":
      return { account: lower(call.args[0]) };
    default:
      return {}; // renounceOwnership
  }
}

function usagePolicyRegistryFields(known: KnownFunction, data: Hex): ActionFields {
  const call = decodeCall(usagePolicyRegistryAbi, data);
  assertCanonical(known.inputs, call.args ?? [], data);
  switch (call.functionName) {
    case "publishPolicy": {
      const [input] = call.args;
      // An enum: Solidity rejects values outside Flag (0) and Refuse (1).
      if (input.promptInjection > 1) throw new MalformedCalldataError("promptInjection out of range");
      const policy = usagePolicyFields(input);
      return { policy, hash: policy.contentHash, uri: policy.textUri };
    }
    case "activatePolicy":
      return { policyVersion: call.args[0] };
    case "transferOwnership":
      return { account: lower(call.args[0]) };
    default:
      return {}; // renounceOwnership
  }
}

function governorFields(known: KnownFunction, data: Hex): ActionFields {
  const call = decodeCall(commonsGovernorAbi, data);
  assertCanonical(known.inputs, call.args ?? [], data);
  switch (call.functionName) {
    case "setVotingDelay":
    case "setVotingPeriod":
    case "setLateQuorumVoteExtension":
    case "setExecutionGracePeriod":
    case "setProposalThreshold":
    case "updateQuorumNumerator":
      return { amount: BigInt(call.args[0]) };
    case "setProposalGuardian":
    case "updateTimelock":
      return { account: lower(call.args[0]) };
    case "relay": // the relayed calldata is validated, not decoded
      return { account: lower(call.args[0]), amount: call.args[1] };
    default:
      throw new MalformedCalldataError(`${call.functionName} is not decoded`);
  }
}

function timelockFields(known: KnownFunction, data: Hex): ActionFields {
  const call = decodeCall(timelockControllerAbi, data);
  assertCanonical(known.inputs, call.args ?? [], data);
  switch (call.functionName) {
    case "updateDelay":
      return { amount: call.args[0] };
    case "grantRole":
    case "revokeRole":
    case "renounceRole":
      return { role: lower(call.args[0]), account: lower(call.args[1]) };
    default:
      throw new MalformedCalldataError(`${call.functionName} is not decoded`);
  }
}

function tokenFields(known: KnownFunction, data: Hex): ActionFields {
  const call = decodeCall(governanceTokenAbi, data);
  assertCanonical(known.inputs, call.args ?? [], data);
  switch (call.functionName) {
    case "transfer":
    case "approve":
      return { account: lower(call.args[0]), amount: call.args[1] };
    case "delegate":
      return { account: lower(call.args[0]) };
    default:
      throw new MalformedCalldataError(`${call.functionName} is not decoded`);
  }
}

const PADDINGS = [`0x${"00".repeat(32)}`, `0x${"ff".repeat(32)}`] as const;

/**
 * decodeFunctionData, and what Solidity decodes that viem does not: viem moves its cursor to the word after a dynamic
 * value's offset once decoded, and fails when that is the end of the calldata, which only an unusual (overlapping)
 * encoding does. Such calldata is decoded again with 32 bytes appended, zeros then ones: when both give the same
 * result, nothing was read from them, so the calldata alone decodes (reading them would change a value or fail).
 */
function decodeCall<const abi extends Abi>(abi: abi, data: Hex): DecodeFunctionDataReturnType<abi> {
  try {
    return decodeFunctionData({ abi, data } as DecodeFunctionDataParameters<abi>);
  } catch (error) {
    if (!(error instanceof BaseError && error.walk((e) => (e as Error).name === "PositionOutOfBoundsError")))
      throw error;
    const [zeros, ones] = PADDINGS.map((padding) =>
      decodeFunctionData({ abi, data: concatHex([data, padding]) } as DecodeFunctionDataParameters<abi>),
    );
    if (zeros === undefined || stringify(zeros) !== stringify(ones)) throw error;
    return zeros;
  }
}

function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
}

function lower(value: Hex | Address): Hex {
  return value.toLowerCase() as Hex;
}

/**
 * What Solidity's decoder checks and viem's does not: the high bits of an address argument's word are zero, and an
 * integer fits its type (viem decodes the whole word). Addresses are checked where they appear in the decoded functions:
 * as top-level arguments, whose head word is argument `index`.
 */
function assertCanonical(inputs: readonly AbiParameter[], args: readonly unknown[], data: Hex): void {
  inputs.forEach((input, index) => {
    if (input.type === "address") {
      const start = 2 + 8 + 64 * index;
      if (!/^0{24}$/.test(data.slice(start, start + 24))) throw new MalformedCalldataError("dirty address");
    }
    assertFits(input, args[index]);
  });
}

function assertFits(parameter: AbiParameter, value: unknown): void {
  const uint = /^uint(\d*)$/.exec(parameter.type);
  if (uint) {
    const bits = BigInt(uint[1] || 256);
    if (BigInt(value as bigint | number) >> bits !== 0n) throw new MalformedCalldataError(`${parameter.type} overflow`);
  } else if (parameter.type === "tuple" && "components" in parameter) {
    for (const component of parameter.components) {
      assertFits(component, (value as Record<string, unknown>)[component.name ?? ""]);
    }
  } else if (parameter.type.endsWith("[]")) {
    const item = { ...parameter, type: parameter.type.slice(0, -2) };
    for (const element of value as readonly unknown[]) assertFits(item, element);
  }
}

/** What the target is called in summaries. */
function contractLabel(contract: ContractName | undefined, target: Hex): string {
  switch (contract) {
    case "ModelRegistry":
      return "the model registry";
    case "UsagePolicyRegistry":
      return "the usage policy registry";
    case "CommonsGovernor":
      return "the governor";
    case "TimelockController":
      return "the timelock";
    case "GovernanceToken":
      return "the token";
    default:
      return target.toLowerCase();
  }
}

/**
 * One line for people, e.g. `approve commons-chat 1.1.0`.
 * @param value The action's value, in wei.
 */
export function summarize(
  action: DecodedAction,
  contract: ContractName | undefined,
  target: Hex,
  value: bigint,
): string {
  const on = contractLabel(contract, target);
  const withValue = value === 0n ? "" : ` (sending ${value} wei)`;
  if (action.kind === "NativeTransfer") return `send ${value} wei to ${on}`;
  if (action.kind === "Unknown" || !action.signature) {
    return `call ${action.selector ?? "with short calldata"} on ${on}${withValue}`;
  }
  if (!action.decoded) return `call ${action.signature} on ${on} with malformed arguments${withValue}`;
  return describe(action, on) + withValue;
}

/** The summary of a decoded action of a known function, without the value. */
function describe(action: DecodedAction, on: string): string {
  const modelVersion = `${action.modelId ?? ""} ${action.version ?? ""}`;
  const account = action.account ?? "";
  const amount = action.amount ?? "";
  switch (action.kind) {
    case "ApproveModelVersion":
      return `approve ${modelVersion}`;
    case "DeprecateModelVersion":
      return `deprecate ${modelVersion}`;
    case "ReinstateModelVersion":
      return `reinstate ${modelVersion}`;
    case "RevokeModelVersion":
      return `revoke ${modelVersion}: ${action.reason ?? ""}`;
    case "SetDefaultModelVersion":
      return `make ${modelVersion} the default`;
    case "PublishPolicy":
      return `publish a usage policy (${action.uri || action.hash || ""})`;
    case "ActivatePolicy":
      return `activate usage policy ${action.policyVersion ?? ""}`;
    case "TransferOwnership":
      return `transfer ownership of ${on} to ${account}`;
    case "RenounceOwnership":
      return `renounce ownership of ${on}`;
    case "SetVotingDelay":
      return `set the voting delay to ${amount} s`;
    case "SetVotingPeriod":
      return `set the voting period to ${amount} s`;
    case "SetProposalThreshold":
      return `set the proposal threshold to ${amount}`;
    case "UpdateQuorumNumerator":
      return `set the quorum to ${amount}% of the supply`;
    case "SetLateQuorumVoteExtension":
      return `set the late quorum extension to ${amount} s`;
    case "SetExecutionGracePeriod":
      return `set the execution grace period to ${amount} s`;
    case "SetProposalGuardian":
      return `set the proposal guardian to ${account}`;
    case "UpdateTimelock":
      return `move the governor to the timelock ${account}`;
    case "Relay":
      return `relay a call to ${account}`;
    case "UpdateDelay":
      return `set the timelock delay to ${amount} s`;
    case "GrantRole":
    case "RevokeRole":
    case "RenounceRole": {
      const name = action.role ? (roleName(action.role) ?? action.role) : "";
      if (action.kind === "GrantRole") return `grant ${name} on the timelock to ${account}`;
      if (action.kind === "RevokeRole") return `revoke ${name} on the timelock from ${account}`;
      return `renounce ${name} on the timelock for ${account}`;
    }
    case "TokenTransfer":
      return `transfer ${amount} token units to ${account}`;
    case "TokenApprove":
      return `allow ${account} to spend ${amount} token units`;
    case "TokenDelegate":
      return `delegate the treasury's votes to ${account}`;
    default:
      return "";
  }
}
