// Proposal action decoding (backend/src/indexer/handlers/logic/actions.ts), on the subgraph tests' vectors and
// expectations (test/subgraph/logic.test.ts).
import { describe, expect, it } from "@jest/globals";
import { encodeFunctionData, type Hex, keccak256, pad, parseEther, toFunctionSelector, toHex } from "viem";
import type { ContractName } from "../../../backend/src/indexer/handlers/entities.js";
import {
  type DecodedAction,
  decodeAction,
  KNOWN_FUNCTIONS,
  summarize,
} from "../../../backend/src/indexer/handlers/logic/actions.js";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../../generated/contracts.js";
import { ACCOUNT, modelVersion, policy, TARGET } from "../../fixtures/calldata-vectors.js";
import { schema } from "./helpers/memory-store.js";

/** decodeAction and its summary, as the subgraph's harness returns them. */
function decode(contract: ContractName | undefined, data: Hex, target: Hex = TARGET, value = 0n) {
  const action = decodeAction(contract, data);
  return { ...action, summary: summarize(action, contract, target, value) };
}

const approve = encodeFunctionData({
  abi: modelRegistryAbi,
  functionName: "approveModelVersion",
  args: [modelVersion],
});

describe("known functions", () => {
  it("are 27 functions of the five contracts, each selector keccak256 of its signature", () => {
    expect(KNOWN_FUNCTIONS).toHaveLength(27);
    for (const f of KNOWN_FUNCTIONS) expect(f.selector).toBe(toFunctionSelector(f.signature));
  });

  it("cover every value of the schema's ProposalActionKind and ContractName", () => {
    const kinds = new Set([...KNOWN_FUNCTIONS.map((f) => f.kind), "NativeTransfer", "Unknown"]);
    expect(kinds).toEqual(new Set(schema.enums.get("ProposalActionKind")?.values.map((v) => v.name)));
    expect(new Set(KNOWN_FUNCTIONS.map((f) => f.contract))).toEqual(
      new Set(schema.enums.get("ContractName")?.values.map((v) => v.name)),
    );
  });
});

describe("model registry", () => {
  it("approveModelVersion into plain fields", () => {
    expect(decode("ModelRegistry", approve)).toEqual({
      kind: "ApproveModelVersion",
      decoded: true,
      selector: approve.slice(0, 10),
      signature: "approveModelVersion((string,string,bytes32,string,string,string,bytes32))",
      summary: "approve commons-chat 1.1.0",
      modelId: "commons-chat",
      version: "1.1.0",
      hash: modelVersion.weightsHash,
      task: "text-generation",
      uri: "file://models/commons-chat/1.1.0",
      license: "apache-2.0",
      metadataHash: modelVersion.metadataHash,
    });
  });

  it.each([
    ["deprecateModelVersion", "DeprecateModelVersion", "deprecate commons-chat 1.0.0"],
    ["reinstateModelVersion", "ReinstateModelVersion", "reinstate commons-chat 1.0.0"],
    ["setDefaultVersion", "SetDefaultModelVersion", "make commons-chat 1.0.0 the default"],
  ] as const)("%s(modelId, version)", (functionName, kind, summary) => {
    const data = encodeFunctionData({ abi: modelRegistryAbi, functionName, args: ["commons-chat", "1.0.0"] });
    expect(decode("ModelRegistry", data)).toMatchObject({ kind, decoded: true, modelId: "commons-chat", summary });
    expect(decode("ModelRegistry", data).hash).toBeUndefined();
  });

  it("revokeModelVersion keeps the reason, including non-ASCII text, minus NUL characters", () => {
    const reason = "CVE-2026-0001: prompt leak — révoqué 🚫";
    const data = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "revokeModelVersion",
      args: ["commons-chat", "1.0.0-rc.1+build.7", reason],
    });
    expect(decode("ModelRegistry", data)).toMatchObject({
      kind: "RevokeModelVersion",
      version: "1.0.0-rc.1+build.7",
      reason,
      summary: `revoke commons-chat 1.0.0-rc.1+build.7: ${reason}`,
    });
    const nul = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "revokeModelVersion",
      args: ["commons-chat", "1.0.0", "bad\u0000reason"],
    });
    expect(decode("ModelRegistry", nul).reason).toBe("badreason");
  });

  it("transferOwnership and renounceOwnership on a registry", () => {
    const transfer = encodeFunctionData({ abi: modelRegistryAbi, functionName: "transferOwnership", args: [ACCOUNT] });
    expect(decode("ModelRegistry", transfer)).toMatchObject({
      kind: "TransferOwnership",
      decoded: true,
      account: ACCOUNT,
      summary: `transfer ownership of the model registry to ${ACCOUNT}`,
    });
    const renounce = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "renounceOwnership" });
    expect(decode("UsagePolicyRegistry", renounce)).toMatchObject({
      kind: "RenounceOwnership",
      decoded: true,
      summary: "renounce ownership of the usage policy registry",
    });
    // Solidity ignores bytes after the (no) arguments; viem's decoder, given fewer than 32, would not.
    expect(decode("UsagePolicyRegistry", `${renounce}abcd`).decoded).toBe(true);
  });
});

describe("usage policy registry", () => {
  it("publishPolicy decodes every field of the proposed policy", () => {
    const data = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "publishPolicy", args: [policy] });
    expect(decode("UsagePolicyRegistry", data)).toMatchObject({
      kind: "PublishPolicy",
      decoded: true,
      hash: policy.contentHash,
      uri: policy.textUri,
      summary: "publish a usage policy (docs/policies/v2.md)",
      policy: {
        minVotingPower: policy.minVotingPower.toString(),
        quotaPeriod: "86400",
        requestQuota: "200",
        tokenQuota: "200000",
        maxInputTokens: "2048",
        maxOutputTokens: "512",
        allowedModels: ["commons-chat", "commons-code"],
        redactCategories: 8191,
        scanAnswers: true,
        restoreOriginals: false,
        promptInjection: "Refuse",
        retentionSeconds: "3600",
        contentHash: policy.contentHash,
        textUri: "docs/policies/v2.md",
      },
    });
  });

  it("publishPolicy with no allowed model and no text uri shows the content hash", () => {
    const data = encodeFunctionData({
      abi: usagePolicyRegistryAbi,
      functionName: "publishPolicy",
      args: [{ ...policy, allowedModels: [], textUri: "", promptInjection: 0 }],
    });
    const action = decode("UsagePolicyRegistry", data);
    expect(action.policy).toMatchObject({ allowedModels: [], promptInjection: "Flag" });
    expect(action.summary).toBe(`publish a usage policy (${policy.contentHash})`);
  });

  it("a proposed bitmask of 2^31 or more wraps around like the subgraph's i32", () => {
    const data = encodeFunctionData({
      abi: usagePolicyRegistryAbi,
      functionName: "publishPolicy",
      args: [{ ...policy, redactCategories: 0xffffffff }],
    });
    expect(decode("UsagePolicyRegistry", data).policy?.redactCategories).toBe(-1);
  });

  it("activatePolicy, with the value sent in the summary", () => {
    const data = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [2n] });
    expect(decode("UsagePolicyRegistry", data)).toMatchObject({
      kind: "ActivatePolicy",
      policyVersion: 2n,
      summary: "activate usage policy 2",
    });
    expect(decode("UsagePolicyRegistry", data, TARGET, 5n).summary).toBe("activate usage policy 2 (sending 5 wei)");
  });
});

describe("governor, timelock, token", () => {
  it.each([
    ["setVotingDelay", 86_400, "SetVotingDelay", "set the voting delay to 86400 s"],
    ["setVotingPeriod", 604_800, "SetVotingPeriod", "set the voting period to 604800 s"],
    [
      "setProposalThreshold",
      10n ** 21n,
      "SetProposalThreshold",
      "set the proposal threshold to 1000000000000000000000",
    ],
    ["updateQuorumNumerator", 5n, "UpdateQuorumNumerator", "set the quorum to 5% of the supply"],
    ["setLateQuorumVoteExtension", 3_600, "SetLateQuorumVoteExtension", "set the late quorum extension to 3600 s"],
    ["setExecutionGracePeriod", 1_209_600, "SetExecutionGracePeriod", "set the execution grace period to 1209600 s"],
  ] as const)("governor %s", (functionName, value, kind, summary) => {
    const data = encodeFunctionData({ abi: commonsGovernorAbi, functionName, args: [value as never] });
    expect(decode("CommonsGovernor", data)).toMatchObject({ kind, decoded: true, amount: BigInt(value), summary });
  });

  it("governor setProposalGuardian, updateTimelock and relay", () => {
    const guardian = encodeFunctionData({
      abi: commonsGovernorAbi,
      functionName: "setProposalGuardian",
      args: [ACCOUNT],
    });
    expect(decode("CommonsGovernor", guardian)).toMatchObject({
      kind: "SetProposalGuardian",
      account: ACCOUNT,
      summary: `set the proposal guardian to ${ACCOUNT}`,
    });
    const timelock = encodeFunctionData({ abi: commonsGovernorAbi, functionName: "updateTimelock", args: [ACCOUNT] });
    expect(decode("CommonsGovernor", timelock).summary).toBe(`move the governor to the timelock ${ACCOUNT}`);
    const relay = encodeFunctionData({
      abi: commonsGovernorAbi,
      functionName: "relay",
      args: [ACCOUNT, 7n, "0xdeadbeef"],
    });
    expect(decode("CommonsGovernor", relay)).toMatchObject({
      kind: "Relay",
      decoded: true,
      account: ACCOUNT,
      amount: 7n,
      summary: `relay a call to ${ACCOUNT}`,
    });
  });

  it("timelock role changes are named, other roles shown as hex", () => {
    const proposer = keccak256(toHex("PROPOSER_ROLE"));
    const grant = encodeFunctionData({
      abi: timelockControllerAbi,
      functionName: "grantRole",
      args: [proposer, ACCOUNT],
    });
    expect(decode("TimelockController", grant)).toMatchObject({
      kind: "GrantRole",
      role: proposer,
      account: ACCOUNT,
      summary: `grant PROPOSER_ROLE on the timelock to ${ACCOUNT}`,
    });
    const other = keccak256(toHex("OTHER_ROLE"));
    const revoke = encodeFunctionData({
      abi: timelockControllerAbi,
      functionName: "revokeRole",
      args: [other, ACCOUNT],
    });
    expect(decode("TimelockController", revoke).summary).toBe(`revoke ${other} on the timelock from ${ACCOUNT}`);
    const renounce = encodeFunctionData({
      abi: timelockControllerAbi,
      functionName: "renounceRole",
      args: [pad("0x00"), ACCOUNT],
    });
    expect(decode("TimelockController", renounce).summary).toBe(
      `renounce DEFAULT_ADMIN_ROLE on the timelock for ${ACCOUNT}`,
    );
    const delay = encodeFunctionData({ abi: timelockControllerAbi, functionName: "updateDelay", args: [172_800n] });
    expect(decode("TimelockController", delay)).toMatchObject({
      kind: "UpdateDelay",
      amount: 172_800n,
      summary: "set the timelock delay to 172800 s",
    });
  });

  it("token transfer, approve and delegate from the treasury", () => {
    const amount = parseEther("1000");
    const transfer = encodeFunctionData({ abi: governanceTokenAbi, functionName: "transfer", args: [ACCOUNT, amount] });
    expect(decode("GovernanceToken", transfer)).toMatchObject({
      kind: "TokenTransfer",
      account: ACCOUNT,
      amount,
      summary: `transfer ${amount} token units to ${ACCOUNT}`,
    });
    const approveToken = encodeFunctionData({ abi: governanceTokenAbi, functionName: "approve", args: [ACCOUNT, 5n] });
    expect(decode("GovernanceToken", approveToken).summary).toBe(`allow ${ACCOUNT} to spend 5 token units`);
    const delegate = encodeFunctionData({ abi: governanceTokenAbi, functionName: "delegate", args: [ACCOUNT] });
    expect(decode("GovernanceToken", delegate)).toMatchObject({
      kind: "TokenDelegate",
      account: ACCOUNT,
      summary: `delegate the treasury's votes to ${ACCOUNT}`,
    });
  });
});

describe("what is not decoded", () => {
  it("a registry selector sent to an address that is not the registry, or to the other registry, is Unknown", () => {
    const expected: DecodedAction & { summary: string } = {
      kind: "Unknown",
      decoded: false,
      selector: approve.slice(0, 10) as Hex,
      summary: `call ${approve.slice(0, 10)} on ${TARGET}`,
    };
    expect(decode(undefined, approve)).toEqual(expected);
    expect(decode("UsagePolicyRegistry", approve).kind).toBe("Unknown");
  });

  it("an unknown function of a known contract is Unknown", () => {
    const data = encodeFunctionData({ abi: commonsGovernorAbi, functionName: "castVote", args: [1n, 1] });
    expect(decode("CommonsGovernor", data)).toMatchObject({ kind: "Unknown", decoded: false });
  });

  it("empty calldata is a native transfer; 1 to 3 bytes are Unknown", () => {
    expect(decode(undefined, "0x", TARGET, 10n ** 18n)).toEqual({
      kind: "NativeTransfer",
      decoded: true,
      summary: `send 1000000000000000000 wei to ${TARGET}`,
    });
    expect(decode("ModelRegistry", "0xf63318")).toEqual({
      kind: "Unknown",
      decoded: false,
      selector: undefined,
      summary: "call with short calldata on the model registry",
    });
  });

  it("truncated calldata keeps the function but sets no field", () => {
    for (const cut of [approve.length - 64, 10 + 64, 10 + 8]) {
      const action = decode("ModelRegistry", approve.slice(0, cut) as Hex);
      expect(action).toEqual({
        kind: "ApproveModelVersion",
        decoded: false,
        selector: approve.slice(0, 10),
        signature: "approveModelVersion((string,string,bytes32,string,string,string,bytes32))",
        summary:
          "call approveModelVersion((string,string,bytes32,string,string,string,bytes32)) on the model registry with malformed arguments",
      });
    }
  });

  it("an offset or a length pointing outside the calldata is malformed", () => {
    const data = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "deprecateModelVersion",
      args: ["commons-chat", "1.0.0"],
    });
    const badOffset = `${data.slice(0, 10)}${pad("0xffff").slice(2)}${data.slice(10 + 64)}` as Hex;
    expect(decode("ModelRegistry", badOffset).decoded).toBe(false);
    const hugeOffset = `${data.slice(0, 10)}${"ff".repeat(32)}${data.slice(10 + 64)}` as Hex;
    expect(decode("ModelRegistry", hugeOffset).decoded).toBe(false);
    const short = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "deprecateModelVersion",
      args: ["a", "b"],
    });
    const at = 10 + 128;
    const longer = `${short.slice(0, at)}${pad("0x1000").slice(2)}${short.slice(at + 64)}` as Hex;
    expect(decode("ModelRegistry", longer).decoded).toBe(false);
  });

  it("dirty high bits of an address are malformed, as Solidity's decoder says", () => {
    const data = encodeFunctionData({ abi: modelRegistryAbi, functionName: "transferOwnership", args: [ACCOUNT] });
    expect(decode("ModelRegistry", `${data.slice(0, 10)}01${data.slice(12)}` as Hex)).toMatchObject({
      kind: "TransferOwnership",
      decoded: false,
    });
    const role = encodeFunctionData({
      abi: timelockControllerAbi,
      functionName: "grantRole",
      args: [pad("0x00"), ACCOUNT],
    });
    // The address is the second argument.
    expect(decode("TimelockController", `${role.slice(0, 74)}01${role.slice(76)}` as Hex).decoded).toBe(false);
  });

  it("an out-of-range uint48, bool or enum is malformed", () => {
    const delay = encodeFunctionData({ abi: commonsGovernorAbi, functionName: "setVotingDelay", args: [1] });
    expect(decode("CommonsGovernor", `${delay.slice(0, 10)}${pad("0x01000000000000").slice(2)}` as Hex).decoded).toBe(
      false,
    );
    expect(decode("CommonsGovernor", `${delay.slice(0, 10)}${pad("0xffffffffffff").slice(2)}` as Hex)).toMatchObject({
      decoded: true,
      amount: 281_474_976_710_655n,
    });
    const publish = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "publishPolicy", args: [policy] });
    const word = (index: number) => 10 + 64 * (1 + index);
    const replace = (data: Hex, index: number, value: Hex) =>
      `${data.slice(0, word(index))}${pad(value).slice(2)}${data.slice(word(index) + 64)}` as Hex;
    expect(decode("UsagePolicyRegistry", replace(publish, 8, "0x02")).decoded).toBe(false);
    expect(decode("UsagePolicyRegistry", replace(publish, 10, "0x02")).decoded).toBe(false);
    expect(decode("UsagePolicyRegistry", replace(publish, 10, "0x01")).decoded).toBe(true);
    expect(decode("UsagePolicyRegistry", replace(publish, 1, "0x0100000000")).decoded).toBe(false); // uint32
  });

  it("trailing bytes after valid arguments are accepted, as Solidity accepts them", () => {
    const data = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [4n] });
    expect(decode("UsagePolicyRegistry", `${data}00000000` as Hex)).toMatchObject({ decoded: true, policyVersion: 4n });
  });
});
