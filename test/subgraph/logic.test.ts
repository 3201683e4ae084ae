// The subgraph's pure logic (subgraph/src/logic/), compiled to WebAssembly by the compiler and flags `graph build`
// uses, checked against viem (an independent ABI and keccak implementation) and the compiled ABIs.
import { beforeAll, describe, expect, test } from "@jest/globals";
import {
  type Abi,
  type AbiFunction,
  type Address,
  encodeAbiParameters,
  encodeFunctionData,
  type Hex,
  keccak256,
  pad,
  parseAbiParameters,
  parseEther,
  toFunctionSelector,
  toFunctionSignature,
  toHex,
  zeroAddress,
} from "viem";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../generated/contracts.js";
import { ACCOUNT, modelVersion, policy, TARGET } from "../fixtures/calldata-vectors.js";
import { compilerVersions, type Harness, loadHarness } from "./helpers/harness.js";
import { enumValues, readSchema } from "./helpers/schema.js";

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
}, 120_000);

const ABIS: Record<string, Abi> = {
  ModelRegistry: modelRegistryAbi,
  UsagePolicyRegistry: usagePolicyRegistryAbi,
  CommonsGovernor: commonsGovernorAbi,
  TimelockController: timelockControllerAbi,
  GovernanceToken: governanceTokenAbi,
};

describe("compiler", () => {
  test("the harness is compiled by the AssemblyScript version graph-cli uses", () => {
    const { graphCliWants, used } = compilerVersions();
    expect(used).toBe(graphCliWants.replace(/^[\^~]/, ""));
  });
});

describe("known functions", () => {
  test("each selector is keccak256 of its signature, and the function exists in its contract's ABI", () => {
    const known = h.knownFunctions();
    expect(known.length).toBeGreaterThan(20);
    for (const f of known) {
      expect(f.selector).toBe(toFunctionSelector(f.signature));
      const abi = ABIS[f.contract];
      if (!abi) throw new Error(`unknown contract ${f.contract}`);
      const signatures = abi
        .filter((item): item is AbiFunction => item.type === "function")
        .map((item) => toFunctionSignature(item));
      expect(signatures).toContain(f.signature);
    }
  });

  test("every state-changing function of both registries is decoded", () => {
    const known = h.knownFunctions();
    for (const contract of ["ModelRegistry", "UsagePolicyRegistry"]) {
      const abi = ABIS[contract] ?? [];
      const writes = abi
        .filter((item): item is AbiFunction => item.type === "function")
        .filter((item) => item.stateMutability !== "view" && item.stateMutability !== "pure");
      expect(writes.length).toBeGreaterThan(0);
      for (const fn of writes) {
        expect(known.find((k) => k.contract === contract && k.signature === toFunctionSignature(fn))).toBeDefined();
      }
    }
  });

  test("every onlyGovernance setter of the governor and the timelock's admin functions are decoded", () => {
    const known = h.knownFunctions();
    const governorSetters = commonsGovernorAbi
      .filter((item) => item.type === "function" && /^(set|update)/.test(item.name))
      .map((item) => toFunctionSignature(item as AbiFunction));
    expect(governorSetters.length).toBe(8);
    for (const signature of [...governorSetters, "relay(address,uint256,bytes)"]) {
      expect(known.find((k) => k.contract === "CommonsGovernor" && k.signature === signature)).toBeDefined();
    }
    for (const signature of ["updateDelay(uint256)", "grantRole(bytes32,address)", "revokeRole(bytes32,address)"]) {
      expect(known.find((k) => k.contract === "TimelockController" && k.signature === signature)).toBeDefined();
    }
  });
});

describe("schema enums hold every value the logic stores", () => {
  const schema = readSchema();

  test("ProposalActionKind: every decoded kind, NativeTransfer and Unknown", () => {
    const kinds = new Set([...h.knownFunctions().map((f) => f.kind), "NativeTransfer", "Unknown"]);
    expect(new Set(enumValues(schema, "ProposalActionKind"))).toEqual(kinds);
  });

  test("ContractName: every contract with decoded functions", () => {
    expect(new Set(enumValues(schema, "ContractName"))).toEqual(new Set(h.knownFunctions().map((f) => f.contract)));
  });

  test("VoteSupport, ProposalState, ModelVersionStatus, PromptInjectionAction", () => {
    expect(enumValues(schema, "VoteSupport")).toEqual([0, 1, 2].map((s) => h.voteSupport(s)));
    const states = enumValues(schema, "ProposalState");
    for (const state of ["Pending", "Active", "Canceled", "Queued", "Executed"]) {
      for (const event of ["ProposalCreated", "VoteCast", "ProposalQueued", "ProposalExecuted", "ProposalCanceled"]) {
        expect(states).toContain(h.nextState(state, event));
      }
    }
    expect(enumValues(schema, "ModelVersionStatus")).toEqual(["Approved", "Deprecated", "Revoked"]);
    const publish = (promptInjection: number) =>
      h.decodeAction(
        "UsagePolicyRegistry",
        encodeFunctionData({
          abi: usagePolicyRegistryAbi,
          functionName: "publishPolicy",
          args: [{ ...policy, promptInjection }],
        }),
      ).policy?.promptInjection;
    expect(enumValues(schema, "PromptInjectionAction")).toEqual([publish(0), publish(1)]);
  });
});

describe("decodeAction: model registry", () => {
  test("approveModelVersion into plain fields", () => {
    const data = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "approveModelVersion",
      args: [modelVersion],
    });
    const action = h.decodeAction("ModelRegistry", data, TARGET);
    expect(action).toMatchObject({
      kind: "ApproveModelVersion",
      decoded: true,
      selector: data.slice(0, 10),
      signature: "approveModelVersion((string,string,bytes32,string,string,string,bytes32))",
      summary: "approve commons-chat 1.1.0",
      modelId: "commons-chat",
      version: "1.1.0",
      hash: modelVersion.weightsHash,
      task: "text-generation",
      uri: "file://models/commons-chat/1.1.0",
      license: "apache-2.0",
      metadataHash: modelVersion.metadataHash,
      reason: null,
      account: null,
      amount: null,
    });
  });

  test.each([
    ["deprecateModelVersion", "DeprecateModelVersion", "deprecate commons-chat 1.0.0"],
    ["reinstateModelVersion", "ReinstateModelVersion", "reinstate commons-chat 1.0.0"],
    ["setDefaultVersion", "SetDefaultModelVersion", "make commons-chat 1.0.0 the default"],
  ] as const)("%s(modelId, version)", (functionName, kind, summary) => {
    const data = encodeFunctionData({ abi: modelRegistryAbi, functionName, args: ["commons-chat", "1.0.0"] });
    const action = h.decodeAction("ModelRegistry", data);
    expect(action).toMatchObject({ kind, decoded: true, modelId: "commons-chat", version: "1.0.0", summary });
    expect(action.hash).toBeNull();
  });

  test("revokeModelVersion keeps the reason, including non-ASCII text", () => {
    const reason = "CVE-2026-0001: prompt leak — révoqué 🚫";
    const data = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "revokeModelVersion",
      args: ["commons-chat", "1.0.0-rc.1+build.7", reason],
    });
    const action = h.decodeAction("ModelRegistry", data);
    expect(action).toMatchObject({
      kind: "RevokeModelVersion",
      decoded: true,
      version: "1.0.0-rc.1+build.7",
      reason,
      summary: `revoke commons-chat 1.0.0-rc.1+build.7: ${reason}`,
    });
  });

  test("NUL characters, which the store cannot hold, are removed from decoded strings", () => {
    const data = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "revokeModelVersion",
      args: ["commons-chat", "1.0.0", "bad\u0000reason"],
    });
    expect(h.decodeAction("ModelRegistry", data).reason).toBe("badreason");
  });

  test("transferOwnership and renounceOwnership on a registry", () => {
    const transfer = encodeFunctionData({ abi: modelRegistryAbi, functionName: "transferOwnership", args: [ACCOUNT] });
    expect(h.decodeAction("ModelRegistry", transfer)).toMatchObject({
      kind: "TransferOwnership",
      decoded: true,
      account: ACCOUNT,
      summary: `transfer ownership of the model registry to ${ACCOUNT}`,
    });
    const renounce = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "renounceOwnership" });
    expect(h.decodeAction("UsagePolicyRegistry", renounce)).toMatchObject({
      kind: "RenounceOwnership",
      decoded: true,
      summary: "renounce ownership of the usage policy registry",
    });
  });
});

describe("decodeAction: usage policy registry", () => {
  test("publishPolicy decodes every field of the proposed policy", () => {
    const data = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "publishPolicy", args: [policy] });
    const action = h.decodeAction("UsagePolicyRegistry", data);
    expect(action).toMatchObject({
      kind: "PublishPolicy",
      decoded: true,
      hash: policy.contentHash,
      uri: policy.textUri,
      summary: "publish a usage policy (docs/policies/v2.md)",
    });
    expect(action.policy).toEqual({
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
    });
  });

  test("publishPolicy with no allowed model and no text uri", () => {
    const data = encodeFunctionData({
      abi: usagePolicyRegistryAbi,
      functionName: "publishPolicy",
      args: [{ ...policy, allowedModels: [], textUri: "", promptInjection: 0 }],
    });
    const action = h.decodeAction("UsagePolicyRegistry", data);
    expect(action.decoded).toBe(true);
    expect(action.policy?.allowedModels).toEqual([]);
    expect(action.policy?.promptInjection).toBe("Flag");
    expect(action.summary).toBe(`publish a usage policy (${policy.contentHash})`);
  });

  test("activatePolicy", () => {
    const data = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [2n] });
    expect(h.decodeAction("UsagePolicyRegistry", data)).toMatchObject({
      kind: "ActivatePolicy",
      decoded: true,
      policyVersion: "2",
      summary: "activate usage policy 2",
    });
  });
});

describe("decodeAction: governor, timelock, token", () => {
  test.each([
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
    const data = encodeFunctionData({
      abi: commonsGovernorAbi,
      functionName,
      args: [value as never],
    });
    expect(h.decodeAction("CommonsGovernor", data)).toMatchObject({
      kind,
      decoded: true,
      amount: value.toString(),
      summary,
    });
  });

  test("governor setProposalGuardian, updateTimelock and relay", () => {
    const guardian = encodeFunctionData({
      abi: commonsGovernorAbi,
      functionName: "setProposalGuardian",
      args: [ACCOUNT],
    });
    expect(h.decodeAction("CommonsGovernor", guardian)).toMatchObject({
      kind: "SetProposalGuardian",
      account: ACCOUNT,
    });
    const timelock = encodeFunctionData({ abi: commonsGovernorAbi, functionName: "updateTimelock", args: [ACCOUNT] });
    expect(h.decodeAction("CommonsGovernor", timelock)).toMatchObject({
      kind: "UpdateTimelock",
      decoded: true,
      summary: `move the governor to the timelock ${ACCOUNT}`,
    });
    const relay = encodeFunctionData({
      abi: commonsGovernorAbi,
      functionName: "relay",
      args: [ACCOUNT, 7n, "0xdeadbeef"],
    });
    expect(h.decodeAction("CommonsGovernor", relay)).toMatchObject({
      kind: "Relay",
      decoded: true,
      account: ACCOUNT,
      amount: "7",
    });
  });

  test("timelock role changes are named", () => {
    const proposer = keccak256(toHex("PROPOSER_ROLE"));
    const grant = encodeFunctionData({
      abi: timelockControllerAbi,
      functionName: "grantRole",
      args: [proposer, ACCOUNT],
    });
    expect(h.decodeAction("TimelockController", grant)).toMatchObject({
      kind: "GrantRole",
      decoded: true,
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
    expect(h.decodeAction("TimelockController", revoke).summary).toBe(
      `revoke ${other} on the timelock from ${ACCOUNT}`,
    );
    const delay = encodeFunctionData({ abi: timelockControllerAbi, functionName: "updateDelay", args: [172_800n] });
    expect(h.decodeAction("TimelockController", delay)).toMatchObject({ kind: "UpdateDelay", amount: "172800" });
  });

  test("role names", () => {
    for (const name of ["PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"]) {
      expect(h.roleName(keccak256(toHex(name)))).toBe(name);
    }
    expect(h.roleName(pad("0x00"))).toBe("DEFAULT_ADMIN_ROLE");
    expect(h.roleName(keccak256(toHex("MINTER_ROLE")))).toBe("");
  });

  test("token transfer, approve and delegate from the treasury", () => {
    const transfer = encodeFunctionData({
      abi: governanceTokenAbi,
      functionName: "transfer",
      args: [ACCOUNT, parseEther("1000")],
    });
    expect(h.decodeAction("GovernanceToken", transfer)).toMatchObject({
      kind: "TokenTransfer",
      decoded: true,
      account: ACCOUNT,
      amount: "1000000000000000000000",
    });
    const approve = encodeFunctionData({ abi: governanceTokenAbi, functionName: "approve", args: [ACCOUNT, 5n] });
    expect(h.decodeAction("GovernanceToken", approve)).toMatchObject({ kind: "TokenApprove", amount: "5" });
    const delegate = encodeFunctionData({ abi: governanceTokenAbi, functionName: "delegate", args: [ACCOUNT] });
    expect(h.decodeAction("GovernanceToken", delegate)).toMatchObject({ kind: "TokenDelegate", account: ACCOUNT });
  });
});

describe("decodeAction: what is not decoded", () => {
  const approve = encodeFunctionData({
    abi: modelRegistryAbi,
    functionName: "approveModelVersion",
    args: [modelVersion],
  });

  test("a registry selector sent to an address that is not the registry is Unknown", () => {
    const action = h.decodeAction("", approve, TARGET);
    expect(action).toMatchObject({ kind: "Unknown", decoded: false, signature: null, modelId: null });
    expect(action.summary).toBe(`call ${approve.slice(0, 10)} on ${TARGET}`);
    // ... and so is a registry selector sent to the other registry.
    expect(h.decodeAction("UsagePolicyRegistry", approve).kind).toBe("Unknown");
  });

  test("an unknown function of a known contract is Unknown", () => {
    const data = encodeFunctionData({ abi: commonsGovernorAbi, functionName: "castVote", args: [1n, 1] });
    expect(h.decodeAction("CommonsGovernor", data)).toMatchObject({ kind: "Unknown", decoded: false });
  });

  test("empty calldata is a native transfer; 1 to 3 bytes are Unknown", () => {
    expect(h.decodeAction("", "0x", TARGET, 10n ** 18n)).toMatchObject({
      kind: "NativeTransfer",
      decoded: true,
      summary: `send 1000000000000000000 wei to ${TARGET}`,
    });
    expect(h.decodeAction("ModelRegistry", "0xf63318")).toMatchObject({
      kind: "Unknown",
      selector: "",
      summary: "call with short calldata on the model registry",
    });
  });

  test("value sent with a call shows in the summary", () => {
    const data = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [3n] });
    expect(h.decodeAction("UsagePolicyRegistry", data, TARGET, 5n).summary).toBe(
      "activate usage policy 3 (sending 5 wei)",
    );
  });

  test("truncated calldata keeps the function but sets no field", () => {
    for (const cut of [approve.length - 64, 10 + 64, 10 + 8]) {
      const action = h.decodeAction("ModelRegistry", approve.slice(0, cut));
      expect(action).toMatchObject({ kind: "ApproveModelVersion", decoded: false, modelId: null, hash: null });
      expect(action.summary).toContain("with malformed arguments");
    }
  });

  test("an offset pointing outside the calldata is malformed", () => {
    const data = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "deprecateModelVersion",
      args: ["commons-chat", "1.0.0"],
    });
    const badOffset = `${data.slice(0, 10)}${pad("0xffff").slice(2)}${data.slice(10 + 64)}` as Hex;
    expect(h.decodeAction("ModelRegistry", badOffset).decoded).toBe(false);
    const hugeOffset = `${data.slice(0, 10)}${"ff".repeat(32)}${data.slice(10 + 64)}` as Hex;
    expect(h.decodeAction("ModelRegistry", hugeOffset).decoded).toBe(false);
  });

  test("a string length beyond the calldata is malformed", () => {
    const data = encodeFunctionData({ abi: modelRegistryAbi, functionName: "deprecateModelVersion", args: ["a", "b"] });
    // Head: 2 offsets (0x40, 0x80); the first string's length word starts at byte 64 of the arguments.
    const at = 10 + 128;
    const longer = `${data.slice(0, at)}${pad("0x1000").slice(2)}${data.slice(at + 64)}` as Hex;
    expect(h.decodeAction("ModelRegistry", longer).decoded).toBe(false);
  });

  test("dirty high bits of an address are malformed, as Solidity's decoder says", () => {
    const data = encodeFunctionData({ abi: modelRegistryAbi, functionName: "transferOwnership", args: [ACCOUNT] });
    const dirty = `${data.slice(0, 10)}01${data.slice(12)}` as Hex;
    expect(h.decodeAction("ModelRegistry", dirty)).toMatchObject({ kind: "TransferOwnership", decoded: false });
  });

  test("an out-of-range uint48, bool or enum is malformed", () => {
    const delay = encodeFunctionData({ abi: commonsGovernorAbi, functionName: "setVotingDelay", args: [1] });
    const tooBig = `${delay.slice(0, 10)}${pad("0x01000000000000").slice(2)}` as Hex; // 2^48
    expect(h.decodeAction("CommonsGovernor", tooBig).decoded).toBe(false);
    const maxUint48 = `${delay.slice(0, 10)}${pad("0xffffffffffff").slice(2)}` as Hex;
    expect(h.decodeAction("CommonsGovernor", maxUint48)).toMatchObject({ decoded: true, amount: "281474976710655" });

    const publish = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "publishPolicy", args: [policy] });
    // Arguments: offset of the tuple (0x20), then the tuple's 14 head words: scanAnswers is word 8, promptInjection 10.
    const word = (index: number) => 10 + 64 * (1 + index);
    const replace = (data: Hex, index: number, value: Hex) =>
      `${data.slice(0, word(index))}${pad(value).slice(2)}${data.slice(word(index) + 64)}` as Hex;
    expect(h.decodeAction("UsagePolicyRegistry", replace(publish, 8, "0x02")).decoded).toBe(false);
    expect(h.decodeAction("UsagePolicyRegistry", replace(publish, 10, "0x02")).decoded).toBe(false);
    expect(h.decodeAction("UsagePolicyRegistry", replace(publish, 10, "0x01")).decoded).toBe(true);
  });

  test("trailing bytes after valid arguments are accepted, as Solidity accepts them", () => {
    const data = encodeFunctionData({ abi: usagePolicyRegistryAbi, functionName: "activatePolicy", args: [4n] });
    expect(h.decodeAction("UsagePolicyRegistry", `${data}00000000` as Hex)).toMatchObject({
      decoded: true,
      policyVersion: "4",
    });
  });
});

describe("ids and hashes", () => {
  test("hex round trip", () => {
    expect(h.roundTripHex("0x00ff10Ab")).toBe("0x00ff10ab");
    expect(h.roundTripHex("0x")).toBe("0x");
    expect(h.roundTripHex("0xabc")).toBe("0x");
  });

  test("uint256Word turns graph-ts' little-endian BigInt bytes into the ABI word", () => {
    expect(h.uint256Word("0x")).toBe(pad("0x00"));
    expect(h.uint256Word("0x3412")).toBe(pad("0x1234"));
    // BigInt.fromUnsignedBytes adds a zero sign byte when the top bit is set: ignored.
    expect(h.uint256Word(`0x${"ff".repeat(32)}00`)).toBe(`0x${"ff".repeat(32)}`);
  });

  test("wordToDecimal", () => {
    expect(h.wordToDecimal(pad("0x00"))).toBe("0");
    expect(h.wordToDecimal(pad("0x0a"))).toBe("10");
    expect(h.wordToDecimal(`0x${"ff".repeat(32)}`)).toBe((2n ** 256n - 1n).toString());
    const id = 0x8d7f2c1e5b9a4f3e2d1c0b0a09080706050403020100ffeeddccbbaa99887766n;
    expect(h.wordToDecimal(pad(toHex(id)))).toBe(id.toString());
  });

  test("the model version key is keccak256(abi.encode(modelId, version)), as in ModelRegistry", () => {
    for (const [modelId, version] of [
      ["commons-chat", "1.1.0"],
      ["a", `0.0.0-alpha.1+${"x".repeat(40)}`],
      ["", ""],
      ["modèle", "1.0.0"],
    ] as const) {
      expect(h.stringPair(modelId, version)).toBe(
        encodeAbiParameters(parseAbiParameters("string, string"), [modelId, version]),
      );
    }
  });

  test("the timelock salt is bytes20(governor) ^ descriptionHash", () => {
    const governor: Address = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";
    const descriptionHash = keccak256(toHex("# Approve commons-chat 1.1.0"));
    const expected = toHex((BigInt(governor) << 96n) ^ BigInt(descriptionHash), { size: 32 });
    expect(h.timelockSalt(governor, descriptionHash)).toBe(expected);
  });

  test("the timelock operation pre-image is abi.encode(targets, values, payloads, predecessor, salt)", () => {
    const cases: { targets: Address[]; values: bigint[]; payloads: Hex[] }[] = [
      { targets: [TARGET], values: [0n], payloads: ["0x"] },
      {
        targets: [TARGET, ACCOUNT, zeroAddress],
        values: [0n, 10n ** 18n, 2n ** 256n - 1n],
        payloads: [
          encodeFunctionData({ abi: modelRegistryAbi, functionName: "approveModelVersion", args: [modelVersion] }),
          "0xdeadbeef",
          `0x${"ab".repeat(33)}`,
        ],
      },
      { targets: [], values: [], payloads: [] },
    ];
    const salt = keccak256(toHex("salt"));
    const predecessor = pad("0x00");
    for (const { targets, values, payloads } of cases) {
      const expected = encodeAbiParameters(parseAbiParameters("address[], uint256[], bytes[], bytes32, bytes32"), [
        targets,
        values,
        payloads,
        predecessor,
        salt,
      ]);
      const words = values.map((v) => pad(toHex(v)));
      const encoded = h.operationBatch(targets, words, payloads, predecessor, salt);
      expect(encoded).toBe(expected.toLowerCase());
      expect(keccak256(encoded as Hex)).toBe(keccak256(expected));
    }
  });

  test("ProposalExecuted in the transaction's logs tells the governor executed the operation", () => {
    const governor: Address = "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0";
    const topic = keccak256(toHex("ProposalExecuted(uint256)"));
    const id = pad(toHex(42n));
    const callExecuted = {
      address: TARGET,
      topic0: keccak256(toHex("CallExecuted(bytes32,uint256,address,uint256,bytes)")),
      data: "0x00",
    };
    expect(h.hasProposalExecutedLog([callExecuted, { address: governor, topic0: topic, data: id }], governor, id)).toBe(
      true,
    );
    // Another proposal, another emitter, another event: no.
    expect(h.hasProposalExecutedLog([{ address: governor, topic0: topic, data: pad(toHex(43n)) }], governor, id)).toBe(
      false,
    );
    expect(h.hasProposalExecutedLog([{ address: TARGET, topic0: topic, data: id }], governor, id)).toBe(false);
    expect(h.hasProposalExecutedLog([callExecuted], governor, id)).toBe(false);
    expect(h.hasProposalExecutedLog([], governor, id)).toBe(false);
  });
});

describe("proposal state", () => {
  const STATES = ["Pending", "Active", "Canceled", "Queued", "Executed"];
  const EVENTS = [
    "ProposalCreated",
    "VoteCast",
    "ProposalQueued",
    "ProposalExecuted",
    "ProposalCanceled",
    "TimelockCallExecuted",
    "TimelockCancelled",
  ];
  // Expected stored state after [event] from [state]; the rules are in subgraph/src/logic/state.ts.
  const TABLE: Record<string, Record<string, string>> = {
    Pending: {
      ProposalCreated: "Pending",
      VoteCast: "Active",
      ProposalQueued: "Queued",
      ProposalExecuted: "Executed",
      ProposalCanceled: "Canceled",
      TimelockCallExecuted: "Pending",
      TimelockCancelled: "Pending",
    },
    Active: {
      ProposalCreated: "Active",
      VoteCast: "Active",
      ProposalQueued: "Queued",
      ProposalExecuted: "Executed",
      ProposalCanceled: "Canceled",
      TimelockCallExecuted: "Active",
      TimelockCancelled: "Active",
    },
    Queued: {
      ProposalCreated: "Queued",
      VoteCast: "Queued",
      ProposalQueued: "Queued",
      ProposalExecuted: "Executed",
      ProposalCanceled: "Canceled",
      TimelockCallExecuted: "Executed",
      TimelockCancelled: "Canceled",
    },
    Canceled: Object.fromEntries(EVENTS.map((e) => [e, "Canceled"])),
    Executed: Object.fromEntries(EVENTS.map((e) => [e, "Executed"])),
  };

  test("a new proposal is Pending", () => {
    expect(h.nextState("", "ProposalCreated")).toBe("Pending");
  });

  test.each(STATES.flatMap((state) => EVENTS.map((event) => [state, event] as const)))("%s + %s", (state, event) => {
    expect(h.nextState(state, event)).toBe(TABLE[state]?.[event]);
  });

  test("an unknown event changes nothing", () => {
    expect(h.nextState("Active", "Transfer")).toBe("Active");
  });

  test("the governor's path: queue, then the timelock's CallExecuted, then ProposalExecuted", () => {
    let state = h.nextState("", "ProposalCreated");
    for (const event of ["VoteCast", "VoteCast", "ProposalQueued", "TimelockCallExecuted", "ProposalExecuted"]) {
      state = h.nextState(state, event);
    }
    expect(state).toBe("Executed");
  });

  test("a guardian's cancel of a queued proposal: ProposalCanceled, then the timelock's Cancelled", () => {
    expect(h.nextState(h.nextState("Queued", "ProposalCanceled"), "TimelockCancelled")).toBe("Canceled");
  });

  const base = {
    stored: "Pending",
    now: 1_000n,
    voteStart: 1_000n,
    voteEnd: 1_600n,
    quorumReached: true,
    voteSucceeded: true,
    eta: 0n,
    executionGracePeriod: 86_400n,
  };

  test("live state follows Governor.state(): Pending until after voteStart, Active until after voteEnd", () => {
    expect(h.liveState({ ...base, now: 1_000n })).toBe("Pending");
    expect(h.liveState({ ...base, now: 1_001n })).toBe("Active");
    expect(h.liveState({ ...base, now: 1_600n })).toBe("Active");
    expect(h.liveState({ ...base, stored: "Active", now: 1_601n })).toBe("Succeeded");
  });

  test("live state: Defeated without quorum or majority", () => {
    expect(h.liveState({ ...base, now: 2_000n, quorumReached: false })).toBe("Defeated");
    expect(h.liveState({ ...base, now: 2_000n, voteSucceeded: false })).toBe("Defeated");
  });

  test("live state: Queued until eta + grace period, then Expired", () => {
    const queued = { ...base, stored: "Queued", eta: 2_000n };
    expect(h.liveState({ ...queued, now: 2_000n })).toBe("Queued");
    expect(h.liveState({ ...queued, now: 87_999n })).toBe("Queued");
    expect(h.liveState({ ...queued, now: 88_400n })).toBe("Expired");
  });

  test("live state: Canceled and Executed are final", () => {
    expect(h.liveState({ ...base, stored: "Canceled", now: 0n })).toBe("Canceled");
    expect(h.liveState({ ...base, stored: "Executed", eta: 1n, now: 10n ** 12n })).toBe("Executed");
  });

  test("vote support", () => {
    expect([0, 1, 2, 3].map((s) => h.voteSupport(s))).toEqual(["Against", "For", "Abstain", ""]);
  });
});

describe("counters and text", () => {
  test("delegator count: delegating to someone from nobody adds one, to nobody removes one", () => {
    expect(h.delegatorCountDelta(true, false)).toBe(1);
    expect(h.delegatorCountDelta(false, true)).toBe(-1);
    expect(h.delegatorCountDelta(false, false)).toBe(0);
    expect(h.delegatorCountDelta(true, true)).toBe(0);
  });

  test("delegate count: voting power from zero adds one, to zero removes one", () => {
    expect(h.delegateCountDelta(true, false)).toBe(1);
    expect(h.delegateCountDelta(false, true)).toBe(-1);
    expect(h.delegateCountDelta(false, false)).toBe(0);
  });

  test("servable statuses", () => {
    expect(h.isServable("Approved")).toBe(true);
    expect(h.isServable("Deprecated")).toBe(true);
    expect(h.isServable("Revoked")).toBe(false);
  });

  test("proposal titles", () => {
    expect(h.title("# Approve commons-chat 1.1.0\n\nWhy: better answers.")).toBe("Approve commons-chat 1.1.0");
    expect(h.title("\n\n  ## Policy v2  \r\nbody")).toBe("Policy v2");
    expect(h.title("Plain first line\nsecond")).toBe("Plain first line");
    expect(h.title("#hashtag is not a heading")).toBe("#hashtag is not a heading");
    expect(h.title("")).toBe("");
    expect(h.title("#\n\nreal title")).toBe("real title");
  });

  test("sanitize removes NUL only", () => {
    expect(h.sanitize("a\u0000b\u0000")).toBe("ab");
    expect(h.sanitize("tab\there é")).toBe("tab\there é");
  });
});
