// The ModelRegistry and UsagePolicyRegistry handlers: a model's versions through their life cycle, default versions,
// usage policies published and activated, ownership.
import { beforeEach, describe, expect, it } from "@jest/globals";
import { encodeAbiParameters, keccak256, parseAbiParameters, toHex, zeroAddress, zeroHash } from "viem";
import { policy } from "../../fixtures/calldata-vectors.js";
import { TestChain } from "./helpers/chain.js";
import { DEPLOYER, GENESIS_POLICY, MODEL_REGISTRY, POLICY_REGISTRY, TIMELOCK } from "./helpers/scenario.js";

const lower = (value: string) => value.toLowerCase();
const MODEL_KEY = keccak256(toHex("commons-chat"));
const versionKey = (version: string) =>
  keccak256(encodeAbiParameters(parseAbiParameters("string, string"), ["commons-chat", version]));
const weights = (version: string) => keccak256(toHex(`weights ${version}`));

let chain: TestChain;
beforeEach(() => {
  chain = new TestChain();
});

const governance = () => chain.store.entity("Governance", "governance");
const version = (name: string) => chain.store.entity("ModelVersion", versionKey(name));

async function approve(name: string): Promise<void> {
  await chain.tx().emit("ModelRegistry", "ModelVersionApproved", {
    modelKey: MODEL_KEY,
    weightsHash: weights(name),
    modelId: "commons-chat",
    version: name,
    task: "text-generation",
    uri: `file://models/commons-chat/${name}`,
    license: "apache-2.0\u0000",
    metadataHash: keccak256(toHex(`card ${name}`)),
  });
}

async function setDefault(name: string): Promise<void> {
  await chain.tx().emit("ModelRegistry", "DefaultModelVersionSet", {
    modelKey: MODEL_KEY,
    modelId: "commons-chat",
    version: name,
    weightsHash: name ? weights(name) : zeroHash,
  });
}

const statusArgs = (name: string) => ({
  modelKey: MODEL_KEY,
  weightsHash: weights(name),
  modelId: "commons-chat",
  version: name,
});

describe("model registry", () => {
  beforeEach(async () => {
    await chain.tx().emit("ModelRegistry", "OwnershipTransferred", { previousOwner: zeroAddress, newOwner: DEPLOYER });
    await chain.tx().emit("ModelRegistry", "ModelRegistered", { modelKey: MODEL_KEY, modelId: "commons-chat" });
    await approve("1.0.0");
    await setDefault("1.0.0");
  });

  it("a registered model with its approved default version", () => {
    const registered = chain.logs[1];
    expect(chain.store.entity("Model", MODEL_KEY)).toEqual({
      id: MODEL_KEY,
      modelId: "commons-chat",
      defaultVersion: versionKey("1.0.0"),
      versionCount: 1,
      registeredAtBlock: registered?.blockNumber.toString(),
      registeredAtTimestamp: registered?.blockTimestamp.toString(),
      registeredAtTransaction: registered?.transactionHash,
    });
    const approved = chain.logs[2];
    expect(version("1.0.0")).toEqual({
      id: versionKey("1.0.0"),
      model: MODEL_KEY,
      modelId: "commons-chat",
      version: "1.0.0",
      weightsHash: weights("1.0.0"),
      task: "text-generation",
      uri: "file://models/commons-chat/1.0.0",
      license: "apache-2.0",
      metadataHash: keccak256(toHex("card 1.0.0")),
      status: "Approved",
      servable: true,
      isDefault: true,
      approvedAtBlock: approved?.blockNumber.toString(),
      approvedAtTimestamp: approved?.blockTimestamp.toString(),
      approvedAtTransaction: approved?.transactionHash,
      updatedAtTimestamp: approved?.blockTimestamp.toString(),
    });
    expect(governance()).toMatchObject({
      modelRegistry: lower(MODEL_REGISTRY),
      modelRegistryOwner: lower(DEPLOYER),
      modelCount: 1,
      modelVersionCount: 1,
      approvedModelVersionCount: 1,
    });
    expect(chain.store.all("ModelRegistryEvent").map((e) => [e.kind, e.version, e.modelVersion ?? null])).toEqual([
      ["ModelRegistered", "", null],
      ["VersionApproved", "1.0.0", versionKey("1.0.0")],
      ["DefaultVersionSet", "1.0.0", versionKey("1.0.0")],
    ]);
    expect(chain.store.all("ModelRegistryEvent")[0]).toMatchObject({ weightsHash: zeroHash, model: MODEL_KEY });
    expect(chain.store.all("OwnershipTransfer")).toEqual([
      {
        id: `${chain.logs[0]?.transactionHash}00000000`,
        contract: lower(MODEL_REGISTRY),
        contractName: "ModelRegistry",
        previousOwner: zeroAddress,
        newOwner: lower(DEPLOYER),
        blockNumber: "1",
        timestamp: chain.logs[0]?.blockTimestamp.toString(),
        transactionHash: chain.logs[0]?.transactionHash,
      },
    ]);
  });

  it("a new default, deprecation (clearing the default), reinstatement and revocation", async () => {
    await approve("1.1.0");
    await setDefault("1.1.0");
    expect(version("1.0.0")).toMatchObject({ isDefault: false });
    expect(version("1.1.0")).toMatchObject({ isDefault: true });

    let tx = chain.tx();
    await tx.emit("ModelRegistry", "ModelVersionDeprecated", statusArgs("1.1.0"));
    await tx.emit("ModelRegistry", "DefaultModelVersionSet", {
      modelKey: MODEL_KEY,
      modelId: "commons-chat",
      version: "",
      weightsHash: zeroHash,
    });
    expect(version("1.1.0")).toMatchObject({
      status: "Deprecated",
      servable: true,
      isDefault: false,
      updatedAtTimestamp: tx.timestamp.toString(),
    });
    expect(chain.store.entity("Model", MODEL_KEY)?.defaultVersion).toBeUndefined();
    expect(chain.store.all("ModelRegistryEvent").at(-1)).toMatchObject({ kind: "DefaultVersionCleared", version: "" });
    expect(chain.store.all("ModelRegistryEvent").at(-1)?.modelVersion).toBeUndefined();

    await chain.tx().emit("ModelRegistry", "ModelVersionReinstated", statusArgs("1.1.0"));
    expect(version("1.1.0")).toMatchObject({ status: "Approved", servable: true });

    tx = chain.tx();
    await tx.emit("ModelRegistry", "ModelVersionRevoked", { ...statusArgs("1.0.0"), reason: "leaks\u0000 prompts" });
    expect(version("1.0.0")).toMatchObject({ status: "Revoked", servable: false, revokeReason: "leaks prompts" });
    expect(chain.store.all("ModelRegistryEvent").at(-1)).toMatchObject({
      kind: "VersionRevoked",
      modelVersion: versionKey("1.0.0"),
      reason: "leaks prompts",
      weightsHash: weights("1.0.0"),
    });
    expect(governance()).toMatchObject({
      modelCount: 1,
      modelVersionCount: 2,
      approvedModelVersionCount: 1,
      deprecatedModelVersionCount: 0,
      revokedModelVersionCount: 1,
    });
    expect(chain.store.all("ModelRegistryEvent").map((e) => e.kind)).toEqual([
      "ModelRegistered",
      "VersionApproved",
      "DefaultVersionSet",
      "VersionApproved",
      "DefaultVersionSet",
      "VersionDeprecated",
      "DefaultVersionCleared",
      "VersionReinstated",
      "VersionRevoked",
    ]);
  });

  it("setting the default again keeps it the default", async () => {
    await setDefault("1.0.0");
    expect(version("1.0.0")).toMatchObject({ isDefault: true });
  });

  it("a status change of a version never approved is logged, and recorded without its version", async () => {
    await chain.tx().emit("ModelRegistry", "ModelVersionDeprecated", statusArgs("9.9.9"));
    expect(chain.warnings).toEqual(["status Deprecated for unknown model version commons-chat 9.9.9"]);
    expect(version("9.9.9")).toBeUndefined();
    expect(chain.store.all("ModelRegistryEvent").at(-1)?.modelVersion).toBeUndefined();
    expect(governance()).toMatchObject({ deprecatedModelVersionCount: 0 });
  });

  it("a version approved for a model never registered creates the model (a late start block)", async () => {
    const fresh = new TestChain();
    chain = fresh;
    await approve("2.0.0");
    expect(fresh.store.entity("Model", MODEL_KEY)).toMatchObject({ versionCount: 1, modelId: "commons-chat" });
    expect(fresh.store.entity("Governance", "governance")).toMatchObject({ modelCount: 1, modelVersionCount: 1 });
  });
});

describe("usage policy registry", () => {
  beforeEach(async () => {
    const tx = chain.tx();
    await tx.emit("UsagePolicyRegistry", "OwnershipTransferred", { previousOwner: zeroAddress, newOwner: TIMELOCK });
    await tx.emit("UsagePolicyRegistry", "PolicyPublished", { version: 1n, policy: GENESIS_POLICY });
    await tx.emit("UsagePolicyRegistry", "ActivePolicyChanged", { previousVersion: 0n, version: 1n });
  });

  it("the genesis policy, published and active", () => {
    const tx = chain.logs[1];
    expect(chain.store.entity("UsagePolicy", "1")).toEqual({
      id: "1",
      version: "1",
      minVotingPower: (10n ** 18n).toString(),
      quotaPeriod: "86400",
      requestQuota: "50",
      tokenQuota: "100000",
      maxInputTokens: "2048",
      maxOutputTokens: "512",
      allowedModels: [],
      redactCategories: 8191,
      scanAnswers: true,
      restoreOriginals: false,
      promptInjection: "Flag",
      retentionSeconds: "0",
      contentHash: GENESIS_POLICY.contentHash,
      textUri: "docs/policies/v1.md",
      isActive: true,
      publishedAtBlock: tx?.blockNumber.toString(),
      publishedAtTimestamp: tx?.blockTimestamp.toString(),
      publishedAtTransaction: tx?.transactionHash,
      activatedAtTimestamp: tx?.blockTimestamp.toString(),
    });
    expect(chain.store.all("PolicyActivation")).toEqual([
      {
        id: `${tx?.transactionHash}02000000`,
        policy: "1",
        blockNumber: tx?.blockNumber.toString(),
        timestamp: tx?.blockTimestamp.toString(),
        transactionHash: tx?.transactionHash,
      },
    ]);
    expect(governance()).toMatchObject({
      usagePolicyRegistry: lower(POLICY_REGISTRY),
      usagePolicyRegistryOwner: lower(TIMELOCK),
      policyCount: 1,
      activePolicy: "1",
    });
    expect(chain.store.all("OwnershipTransfer")[0]).toMatchObject({ contractName: "UsagePolicyRegistry" });
  });

  it("a second policy published, activated, then the first one again", async () => {
    let tx = chain.tx();
    await tx.emit("UsagePolicyRegistry", "PolicyPublished", {
      version: 2n,
      policy: { ...policy, allowedModels: ["commons-chat\u0000"] },
    });
    await tx.emit("UsagePolicyRegistry", "ActivePolicyChanged", { previousVersion: 1n, version: 2n });
    expect(chain.store.entity("UsagePolicy", "2")).toMatchObject({
      isActive: true,
      promptInjection: "Refuse",
      allowedModels: ["commons-chat"],
      activatedAtTimestamp: tx.timestamp.toString(),
    });
    expect(chain.store.entity("UsagePolicy", "1")).toMatchObject({ isActive: false });
    expect(chain.store.all("PolicyActivation").at(-1)).toMatchObject({ policy: "2", previousPolicy: "1" });

    tx = chain.tx();
    await tx.emit("UsagePolicyRegistry", "ActivePolicyChanged", { previousVersion: 2n, version: 1n });
    expect(chain.store.entity("UsagePolicy", "1")).toMatchObject({
      isActive: true,
      activatedAtTimestamp: tx.timestamp.toString(),
    });
    expect(chain.store.entity("UsagePolicy", "2")).toMatchObject({ isActive: false });
    expect(governance()).toMatchObject({ policyCount: 2, activePolicy: "1" });
  });
});
