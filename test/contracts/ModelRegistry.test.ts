import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  keccak256,
  parseEventLogs,
  sha256,
  toHex,
  zeroHash,
} from "viem";
import { deployCommons } from "./helpers/fixture.js";
import { asTimelock } from "./helpers/timelock.js";

const connection = await network.create();
const { networkHelpers, viem } = connection;
const fixture = () => deployCommons(connection);

/** ModelRegistry.Status, as viem decodes it (uint8 -> number). */
const Status = { None: 0, Approved: 1, Deprecated: 2, Revoked: 3 } as const;

type ModelVersionInput = {
  modelId: string;
  version: string;
  weightsHash: Hex;
  task: string;
  uri: string;
  license: string;
  metadataHash: Hex;
};

/** A stand-in for the sha256 of a model's file manifest. */
const weights = (label: string): Hex => sha256(toHex(`weights of ${label}`));

/** The key ModelRegistry indexes events by: keccak256 of the model id's bytes. */
const modelKey = (modelId: string): Hex => keccak256(toHex(modelId));

/** A valid input for `commons-chat` 1.0.0; `overrides` change single fields (the weights hash follows id+version). */
function versionInput(overrides: Partial<ModelVersionInput> = {}): ModelVersionInput {
  const modelId = overrides.modelId ?? "commons-chat";
  const version = overrides.version ?? "1.0.0";
  return {
    modelId,
    version,
    weightsHash: weights(`${modelId}@${version}`),
    task: "text-generation",
    uri: `ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/${modelId}/${version}`,
    license: "Apache-2.0",
    metadataHash: keccak256(toHex(`metadata of ${modelId}@${version}`)),
    ...overrides,
  };
}

const CHAT = "commons-chat";
const CODE = "commons-code";

/** The deployed system plus a ModelRegistry instance whose writes come from the timelock (its owner). */
async function setup() {
  const commons = await networkHelpers.loadFixture(fixture);
  const { modelRegistry: registry } = await asTimelock(connection, commons);

  /** Names of the ModelRegistry events a transaction emitted, in order. */
  async function eventNames(hash: Hex): Promise<string[]> {
    const receipt = await commons.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    const own = receipt.logs.filter((log) => log.address.toLowerCase() === registry.address.toLowerCase());
    return parseEventLogs({ abi: registry.abi, logs: own }).map((log) => log.eventName);
  }

  /** Timestamp of the block that included a transaction. */
  async function timestampOf(hash: Hex): Promise<bigint> {
    const receipt = await commons.publicClient.waitForTransactionReceipt({ hash });
    return (await commons.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
  }

  /** Approves `commons-chat` 1.0.0 (the default), 1.1.0 and 2.0.0, and `commons-code` 0.1.0. */
  async function approveSample() {
    await registry.write.approveModelVersion([versionInput()]);
    await registry.write.approveModelVersion([versionInput({ version: "1.1.0" })]);
    await registry.write.approveModelVersion([versionInput({ version: "2.0.0" })]);
    await registry.write.approveModelVersion([versionInput({ modelId: CODE, version: "0.1.0", task: "code" })]);
  }

  return { commons, registry, read: commons.modelRegistry.read, eventNames, timestampOf, approveSample };
}

/** Asserts that `promise` rejects with a Solidity panic with `code` (0x32: array index out of bounds). */
async function assertPanic(promise: Promise<unknown>, code: bigint) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof BaseError, `expected a viem error, got ${String(error)}`);
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    assert.ok(revert instanceof ContractFunctionRevertedError, `expected a revert, got ${error.shortMessage}`);
    assert.equal(revert.data?.errorName, "Panic");
    assert.deepEqual(revert.data?.args, [code]);
    return true;
  });
}

const ARRAY_OUT_OF_BOUNDS = 0x32n;

describe("ModelRegistry", () => {
  describe("approveModelVersion", () => {
    it("stores every field of the input, with status Approved and both timestamps at the block time", async () => {
      const { registry, read } = await setup();
      const input = versionInput();
      const when = (await networkHelpers.time.latest()) + 1_000;
      await networkHelpers.time.setNextBlockTimestamp(when);
      await registry.write.approveModelVersion([input]);

      const stored = await read.getModelVersion([CHAT, "1.0.0"]);
      assert.deepEqual(
        { ...stored },
        { ...input, status: Status.Approved, approvedAt: BigInt(when), updatedAt: BigInt(when) },
      );
    });

    it("emits ModelRegistered, ModelVersionApproved and DefaultModelVersionSet, in that order, for a model's first version", async () => {
      const { registry, eventNames } = await setup();
      const input = versionInput();
      const hash = await registry.write.approveModelVersion([input]);
      assert.deepEqual(await eventNames(hash), ["ModelRegistered", "ModelVersionApproved", "DefaultModelVersionSet"]);

      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelRegistered", [modelKey(CHAT), CHAT]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelVersionApproved", [
        modelKey(CHAT),
        input.weightsHash,
        input.modelId,
        input.version,
        input.task,
        input.uri,
        input.license,
        input.metadataHash,
      ]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "DefaultModelVersionSet", [
        modelKey(CHAT),
        CHAT,
        "1.0.0",
        input.weightsHash,
      ]);
    });

    it("registers the model id and makes its first version the default", async () => {
      const { registry, read } = await setup();
      assert.equal(await read.modelCount(), 0n);
      await registry.write.approveModelVersion([versionInput()]);
      assert.equal(await read.modelCount(), 1n);
      assert.deepEqual([...(await read.models())], [CHAT]);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
      assert.deepEqual([...(await read.versionsOf([CHAT]))], ["1.0.0"]);
    });

    it("emits only ModelVersionApproved and keeps the default when a second version of the same model is approved", async () => {
      const { registry, read, eventNames } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      const second = versionInput({ version: "1.1.0", task: "chat", license: "MIT" });
      const hash = await registry.write.approveModelVersion([second]);

      assert.deepEqual(await eventNames(hash), ["ModelVersionApproved"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelVersionApproved", [
        modelKey(CHAT),
        second.weightsHash,
        CHAT,
        "1.1.0",
        "chat",
        second.uri,
        "MIT",
        second.metadataHash,
      ]);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
      assert.equal(await read.modelCount(), 1n);
      assert.deepEqual([...(await read.versionsOf([CHAT]))], ["1.0.0", "1.1.0"]);
      assert.equal(await read.statusOf([CHAT, "1.1.0"]), Status.Approved);
    });

    it("registers a second model with its own default, independently of the first", async () => {
      const { registry, read, eventNames } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      const hash = await registry.write.approveModelVersion([versionInput({ modelId: CODE, version: "0.1.0" })]);
      assert.deepEqual(await eventNames(hash), ["ModelRegistered", "ModelVersionApproved", "DefaultModelVersionSet"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelRegistered", [modelKey(CODE), CODE]);
      assert.deepEqual([...(await read.models())], [CHAT, CODE]);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
      assert.equal(await read.defaultVersion([CODE]), "0.1.0");
    });

    it("makes a new version the default of a model whose default was revoked", async () => {
      const { registry, read, eventNames } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.revokeModelVersion([CHAT, "1.0.0", "bad weights"]);
      const hash = await registry.write.approveModelVersion([versionInput({ version: "1.0.1" })]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionApproved", "DefaultModelVersionSet"]);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.1");
      assert.equal(await read.modelCount(), 1n);
    });

    it("leaves the default alone when approving a version of a model that has one", async () => {
      const { registry, read, eventNames } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      const hash = await registry.write.approveModelVersion([versionInput({ version: "2.0.0" })]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionApproved"]);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
    });

    it("accepts a zero metadata hash", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput({ metadataHash: zeroHash })]);
      assert.equal((await read.getModelVersion([CHAT, "1.0.0"])).metadataHash, zeroHash);
    });

    it("accepts a task of 64 bytes and a uri and a license of 512 bytes", async () => {
      const { registry, read } = await setup();
      const input = versionInput({ task: "t".repeat(64), uri: "u".repeat(512), license: "l".repeat(512) });
      await registry.write.approveModelVersion([input]);
      const stored = await read.getModelVersion([CHAT, "1.0.0"]);
      assert.equal(stored.task, input.task);
      assert.equal(stored.uri, input.uri);
      assert.equal(stored.license, input.license);
    });

    it("accepts a pre-release version with build metadata", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput({ version: "1.1.0-rc.1+build.7" })]);
      assert.equal(await read.statusOf([CHAT, "1.1.0-rc.1+build.7"]), Status.Approved);
    });
  });

  describe("input validation", () => {
    it("reverts with ModelRegistryZeroHash for a zero weights hash", async () => {
      const { registry, read } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ weightsHash: zeroHash })]),
        registry,
        "ModelRegistryZeroHash",
        [],
      );
      assert.equal(await read.modelCount(), 0n);
    });

    for (const modelId of ["", "Commons-chat", "-chat", "chat-", "commons chat", "commons/chat", "a".repeat(65), "é"]) {
      it(`reverts with ModelRegistryInvalidModelId for the model id ${JSON.stringify(modelId.length > 20 ? `${modelId.slice(0, 8)}…(${modelId.length})` : modelId)}`, async () => {
        const { registry } = await setup();
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.approveModelVersion([versionInput({ modelId })]),
          registry,
          "ModelRegistryInvalidModelId",
          [modelId],
        );
      });
    }

    for (const version of ["", "1.0", "v1.0.0", "01.0.0", "1.0.0-", "1.0.0+a+b", `1.0.0-${"a".repeat(59)}`]) {
      it(`reverts with ModelRegistryInvalidVersion for the version ${JSON.stringify(version.length > 20 ? `${version.slice(0, 8)}…(${version.length})` : version)}`, async () => {
        const { registry } = await setup();
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.approveModelVersion([versionInput({ version })]),
          registry,
          "ModelRegistryInvalidVersion",
          [version],
        );
      });
    }

    for (const task of ["", "Text-generation", "text generation", "-chat", "t".repeat(65)]) {
      it(`reverts with ModelRegistryInvalidTask for the task ${JSON.stringify(task.length > 20 ? `${task.slice(0, 8)}…(${task.length})` : task)}`, async () => {
        const { registry } = await setup();
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.approveModelVersion([versionInput({ task })]),
          registry,
          "ModelRegistryInvalidTask",
          [task],
        );
      });
    }

    it("reverts with ModelRegistryInvalidUri for an empty uri", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ uri: "" })]),
        registry,
        "ModelRegistryInvalidUri",
        [""],
      );
    });

    it("reverts with ModelRegistryInvalidUri for a uri longer than 512 bytes", async () => {
      const { registry } = await setup();
      const uri = `ipfs://${"b".repeat(506)}`;
      assert.equal(uri.length, 513);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ uri })]),
        registry,
        "ModelRegistryInvalidUri",
        [uri],
      );
    });

    it("measures the uri in bytes, not characters", async () => {
      const { registry, read } = await setup();
      const tooLong = "é".repeat(257); // 257 characters, 514 bytes
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ uri: tooLong })]),
        registry,
        "ModelRegistryInvalidUri",
        [tooLong],
      );
      const fits = "é".repeat(256); // 512 bytes
      await registry.write.approveModelVersion([versionInput({ uri: fits })]);
      assert.equal((await read.getModelVersion([CHAT, "1.0.0"])).uri, fits);
    });

    it("reverts with ModelRegistryInvalidLicense for an empty license", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ license: "" })]),
        registry,
        "ModelRegistryInvalidLicense",
        [""],
      );
    });

    it("reverts with ModelRegistryInvalidLicense for a license longer than 512 bytes", async () => {
      const { registry } = await setup();
      const license = "L".repeat(513);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ license })]),
        registry,
        "ModelRegistryInvalidLicense",
        [license],
      );
    });

    it("reverts with ModelRegistryVersionExists when the (model id, version) is already approved, even with new weights", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ weightsHash: weights("something else") })]),
        registry,
        "ModelRegistryVersionExists",
        [CHAT, "1.0.0"],
      );
      assert.equal(await read.versionCount([CHAT]), 1n);
    });

    it("reverts with ModelRegistryVersionExists for a deprecated version", async () => {
      const { registry } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ weightsHash: weights("new") })]),
        registry,
        "ModelRegistryVersionExists",
        [CHAT, "1.0.0"],
      );
    });

    it("reverts with ModelRegistryVersionExists for a revoked version, so it can never be approved again", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.revokeModelVersion([CHAT, "1.0.0", "leaks training data"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput()]),
        registry,
        "ModelRegistryVersionExists",
        [CHAT, "1.0.0"],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ weightsHash: weights("fixed") })]),
        registry,
        "ModelRegistryVersionExists",
        [CHAT, "1.0.0"],
      );
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Revoked);
    });

    it("reverts with ModelRegistryHashInUse naming the version that already has the weights hash", async () => {
      const { registry, read } = await setup();
      const first = versionInput();
      await registry.write.approveModelVersion([first]);
      // Same model, another version.
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ version: "1.0.1", weightsHash: first.weightsHash })]),
        registry,
        "ModelRegistryHashInUse",
        [first.weightsHash, CHAT, "1.0.0"],
      );
      // Another model.
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ modelId: CODE, weightsHash: first.weightsHash })]),
        registry,
        "ModelRegistryHashInUse",
        [first.weightsHash, CHAT, "1.0.0"],
      );
      assert.equal(await read.modelCount(), 1n);
      assert.equal(await read.versionCount([CHAT]), 1n);
    });

    it("reverts with ModelRegistryHashInUse for the weights hash of a revoked version", async () => {
      const { registry } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.approveModelVersion([versionInput({ version: "1.1.0" })]);
      const revoked = versionInput({ version: "1.1.0" }).weightsHash;
      await registry.write.revokeModelVersion([CHAT, "1.1.0", "jailbreak"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.approveModelVersion([versionInput({ version: "1.1.1", weightsHash: revoked })]),
        registry,
        "ModelRegistryHashInUse",
        [revoked, CHAT, "1.1.0"],
      );
    });
  });

  describe("deprecateModelVersion", () => {
    it("moves an approved version to Deprecated, updates only updatedAt and emits ModelVersionDeprecated", async () => {
      const { registry, read, approveSample, timestampOf, eventNames } = await setup();
      await approveSample();
      const approvedAt = (await read.getModelVersion([CHAT, "1.1.0"])).approvedAt;
      const when = (await networkHelpers.time.latest()) + 3_600;
      await networkHelpers.time.setNextBlockTimestamp(when);

      const hash = await registry.write.deprecateModelVersion([CHAT, "1.1.0"]);
      assert.equal(await timestampOf(hash), BigInt(when));
      assert.deepEqual(await eventNames(hash), ["ModelVersionDeprecated"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelVersionDeprecated", [
        modelKey(CHAT),
        versionInput({ version: "1.1.0" }).weightsHash,
        CHAT,
        "1.1.0",
      ]);
      const stored = await read.getModelVersion([CHAT, "1.1.0"]);
      assert.equal(stored.status, Status.Deprecated);
      assert.equal(stored.approvedAt, approvedAt);
      assert.equal(stored.updatedAt, BigInt(when));
      assert.ok(approvedAt < BigInt(when));
    });

    it("leaves the default alone when the deprecated version is not the default", async () => {
      const { registry, read, approveSample, eventNames } = await setup();
      await approveSample();
      const hash = await registry.write.deprecateModelVersion([CHAT, "2.0.0"]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionDeprecated"]);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
    });

    it("clears the default when the deprecated version was the default, emitting DefaultModelVersionSet with an empty version and a zero hash", async () => {
      const { registry, read, approveSample, eventNames } = await setup();
      await approveSample();
      const hash = await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionDeprecated", "DefaultModelVersionSet"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "DefaultModelVersionSet", [
        modelKey(CHAT),
        CHAT,
        "",
        zeroHash,
      ]);
      assert.equal(await read.defaultVersion([CHAT]), "");
      // Other models keep their default.
      assert.equal(await read.defaultVersion([CODE]), "0.1.0");
    });

    it("keeps a deprecated version servable", async () => {
      const { registry, read } = await setup();
      const input = versionInput();
      await registry.write.approveModelVersion([input]);
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      assert.equal(await read.isServable([input.weightsHash]), true);
    });

    it("reverts with ModelRegistryInvalidTransition (Deprecated -> Deprecated) for a deprecated version", async () => {
      const { registry } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.deprecateModelVersion([CHAT, "1.0.0"]),
        registry,
        "ModelRegistryInvalidTransition",
        [CHAT, "1.0.0", Status.Deprecated, Status.Deprecated],
      );
    });

    it("reverts with ModelRegistryInvalidTransition (Revoked -> Deprecated) for a revoked version", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.revokeModelVersion([CHAT, "1.0.0", "unsafe"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.deprecateModelVersion([CHAT, "1.0.0"]),
        registry,
        "ModelRegistryInvalidTransition",
        [CHAT, "1.0.0", Status.Revoked, Status.Deprecated],
      );
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Revoked);
    });

    it("reverts with ModelRegistryUnknownVersion for a version or a model that was never registered", async () => {
      const { registry } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.deprecateModelVersion([CHAT, "9.9.9"]),
        registry,
        "ModelRegistryUnknownVersion",
        [CHAT, "9.9.9"],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.deprecateModelVersion(["nobody", "1.0.0"]),
        registry,
        "ModelRegistryUnknownVersion",
        ["nobody", "1.0.0"],
      );
    });
  });

  describe("reinstateModelVersion", () => {
    it("moves a deprecated version back to Approved and emits ModelVersionReinstated, without making it the default", async () => {
      const { registry, read, approveSample, eventNames } = await setup();
      await approveSample();
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]); // was the default: the model now has none
      const approvedAt = (await read.getModelVersion([CHAT, "1.0.0"])).approvedAt;
      const when = (await networkHelpers.time.latest()) + 7_200;
      await networkHelpers.time.setNextBlockTimestamp(when);

      const hash = await registry.write.reinstateModelVersion([CHAT, "1.0.0"]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionReinstated"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelVersionReinstated", [
        modelKey(CHAT),
        versionInput().weightsHash,
        CHAT,
        "1.0.0",
      ]);
      const stored = await read.getModelVersion([CHAT, "1.0.0"]);
      assert.equal(stored.status, Status.Approved);
      assert.equal(stored.approvedAt, approvedAt);
      assert.equal(stored.updatedAt, BigInt(when));
      assert.equal(await read.defaultVersion([CHAT]), "");
    });

    it("lets a reinstated version be made the default again", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      await registry.write.reinstateModelVersion([CHAT, "1.0.0"]);
      await registry.write.setDefaultVersion([CHAT, "1.0.0"]);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
    });

    it("reverts with ModelRegistryInvalidTransition (Approved -> Approved) for an approved version", async () => {
      const { registry } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.reinstateModelVersion([CHAT, "1.0.0"]),
        registry,
        "ModelRegistryInvalidTransition",
        [CHAT, "1.0.0", Status.Approved, Status.Approved],
      );
    });

    it("reverts with ModelRegistryInvalidTransition (Revoked -> Approved) rather than bringing a revoked version back", async () => {
      const { registry, read } = await setup();
      const input = versionInput();
      await registry.write.approveModelVersion([input]);
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      await registry.write.revokeModelVersion([CHAT, "1.0.0", "unsafe"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.reinstateModelVersion([CHAT, "1.0.0"]),
        registry,
        "ModelRegistryInvalidTransition",
        [CHAT, "1.0.0", Status.Revoked, Status.Approved],
      );
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Revoked);
      assert.equal(await read.isServable([input.weightsHash]), false);
    });

    it("reverts with ModelRegistryUnknownVersion for a version that was never registered", async () => {
      const { registry } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.reinstateModelVersion([CHAT, "1.0.1"]),
        registry,
        "ModelRegistryUnknownVersion",
        [CHAT, "1.0.1"],
      );
    });
  });

  describe("revokeModelVersion", () => {
    it("revokes an approved version, emitting ModelVersionRevoked with the reason", async () => {
      const { registry, read, approveSample, eventNames } = await setup();
      await approveSample();
      const input = versionInput({ version: "1.1.0" });
      const when = (await networkHelpers.time.latest()) + 60;
      await networkHelpers.time.setNextBlockTimestamp(when);

      const hash = await registry.write.revokeModelVersion([CHAT, "1.1.0", "CVE-2030-0001: backdoored weights"]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionRevoked"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelVersionRevoked", [
        modelKey(CHAT),
        input.weightsHash,
        CHAT,
        "1.1.0",
        "CVE-2030-0001: backdoored weights",
      ]);
      const stored = await read.getModelVersion([CHAT, "1.1.0"]);
      assert.equal(stored.status, Status.Revoked);
      assert.equal(stored.updatedAt, BigInt(when));
      assert.ok(stored.approvedAt < BigInt(when));
      assert.equal(await read.isServable([input.weightsHash]), false);
      // Not the default: the default is untouched.
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
    });

    it("revokes a deprecated version, emitting ModelVersionRevoked with the reason", async () => {
      const { registry, read, approveSample, eventNames } = await setup();
      await approveSample();
      await registry.write.deprecateModelVersion([CHAT, "2.0.0"]);
      const hash = await registry.write.revokeModelVersion([CHAT, "2.0.0", "licence withdrawn"]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionRevoked"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "ModelVersionRevoked", [
        modelKey(CHAT),
        versionInput({ version: "2.0.0" }).weightsHash,
        CHAT,
        "2.0.0",
        "licence withdrawn",
      ]);
      assert.equal(await read.statusOf([CHAT, "2.0.0"]), Status.Revoked);
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
    });

    it("accepts an empty reason", async () => {
      const { registry } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await viem.assertions.emitWithArgs(
        registry.write.revokeModelVersion([CHAT, "1.0.0", ""]),
        registry,
        "ModelVersionRevoked",
        [modelKey(CHAT), versionInput().weightsHash, CHAT, "1.0.0", ""],
      );
    });

    it("clears the default when revoking the default version", async () => {
      const { registry, read, approveSample, eventNames } = await setup();
      await approveSample();
      const hash = await registry.write.revokeModelVersion([CHAT, "1.0.0", "unsafe"]);
      assert.deepEqual(await eventNames(hash), ["ModelVersionRevoked", "DefaultModelVersionSet"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "DefaultModelVersionSet", [
        modelKey(CHAT),
        CHAT,
        "",
        zeroHash,
      ]);
      assert.equal(await read.defaultVersion([CHAT]), "");
      assert.equal(await read.defaultVersion([CODE]), "0.1.0");
    });

    it("keeps the revoked version's hash registered, so versionOfHash still finds it", async () => {
      const { registry, read } = await setup();
      const input = versionInput();
      await registry.write.approveModelVersion([input]);
      await registry.write.revokeModelVersion([CHAT, "1.0.0", "unsafe"]);
      assert.deepEqual(await read.versionOfHash([input.weightsHash]), [true, CHAT, "1.0.0"]);
      assert.deepEqual([...(await read.versionsOf([CHAT]))], ["1.0.0"]);
    });

    it("reverts with ModelRegistryInvalidTransition (Revoked -> Revoked) for a revoked version", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput()]);
      await registry.write.revokeModelVersion([CHAT, "1.0.0", "first"]);
      const updatedAt = (await read.getModelVersion([CHAT, "1.0.0"])).updatedAt;
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.revokeModelVersion([CHAT, "1.0.0", "second"]),
        registry,
        "ModelRegistryInvalidTransition",
        [CHAT, "1.0.0", Status.Revoked, Status.Revoked],
      );
      assert.equal((await read.getModelVersion([CHAT, "1.0.0"])).updatedAt, updatedAt);
    });

    it("reverts with ModelRegistryUnknownVersion for a version that was never registered", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.revokeModelVersion([CHAT, "1.0.0", "unsafe"]),
        registry,
        "ModelRegistryUnknownVersion",
        [CHAT, "1.0.0"],
      );
    });
  });

  describe("setDefaultVersion", () => {
    it("switches the default to another approved version and emits DefaultModelVersionSet", async () => {
      const { registry, read, approveSample, eventNames } = await setup();
      await approveSample();
      const hash = await registry.write.setDefaultVersion([CHAT, "2.0.0"]);
      assert.deepEqual(await eventNames(hash), ["DefaultModelVersionSet"]);
      await viem.assertions.emitWithArgs(Promise.resolve(hash), registry, "DefaultModelVersionSet", [
        modelKey(CHAT),
        CHAT,
        "2.0.0",
        versionInput({ version: "2.0.0" }).weightsHash,
      ]);
      assert.equal(await read.defaultVersion([CHAT]), "2.0.0");
      assert.equal(await read.defaultVersion([CODE]), "0.1.0");
      // Switching does not change any status.
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Approved);
    });

    it("sets a default for a model whose default was cleared", async () => {
      const { registry, read, approveSample } = await setup();
      await approveSample();
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      assert.equal(await read.defaultVersion([CHAT]), "");
      await viem.assertions.emitWithArgs(
        registry.write.setDefaultVersion([CHAT, "1.1.0"]),
        registry,
        "DefaultModelVersionSet",
        [modelKey(CHAT), CHAT, "1.1.0", versionInput({ version: "1.1.0" }).weightsHash],
      );
      assert.equal(await read.defaultVersion([CHAT]), "1.1.0");
    });

    it("reverts with ModelRegistryAlreadyDefault for the current default", async () => {
      const { registry, approveSample } = await setup();
      await approveSample();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.setDefaultVersion([CHAT, "1.0.0"]),
        registry,
        "ModelRegistryAlreadyDefault",
        [CHAT, "1.0.0"],
      );
      await registry.write.setDefaultVersion([CHAT, "1.1.0"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.setDefaultVersion([CHAT, "1.1.0"]),
        registry,
        "ModelRegistryAlreadyDefault",
        [CHAT, "1.1.0"],
      );
    });

    it("reverts with ModelRegistryInvalidTransition (Deprecated -> Approved) for a deprecated version", async () => {
      const { registry, read, approveSample } = await setup();
      await approveSample();
      await registry.write.deprecateModelVersion([CHAT, "2.0.0"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.setDefaultVersion([CHAT, "2.0.0"]),
        registry,
        "ModelRegistryInvalidTransition",
        [CHAT, "2.0.0", Status.Deprecated, Status.Approved],
      );
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
    });

    it("reverts with ModelRegistryInvalidTransition (Revoked -> Approved) for a revoked version", async () => {
      const { registry, read, approveSample } = await setup();
      await approveSample();
      await registry.write.revokeModelVersion([CHAT, "2.0.0", "unsafe"]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.setDefaultVersion([CHAT, "2.0.0"]),
        registry,
        "ModelRegistryInvalidTransition",
        [CHAT, "2.0.0", Status.Revoked, Status.Approved],
      );
      assert.equal(await read.defaultVersion([CHAT]), "1.0.0");
    });

    it("reverts with ModelRegistryUnknownVersion for a version that was never registered", async () => {
      const { registry, approveSample } = await setup();
      await approveSample();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.setDefaultVersion([CHAT, "3.0.0"]),
        registry,
        "ModelRegistryUnknownVersion",
        [CHAT, "3.0.0"],
      );
      // A version of another model is unknown for this one.
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.setDefaultVersion([CHAT, "0.1.0"]),
        registry,
        "ModelRegistryUnknownVersion",
        [CHAT, "0.1.0"],
      );
    });
  });

  describe("views", () => {
    it("getModelVersion reverts with ModelRegistryUnknownVersion for a version that was never registered", async () => {
      const { registry, read, approveSample } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        read.getModelVersion([CHAT, "1.0.0"]),
        registry,
        "ModelRegistryUnknownVersion",
        [CHAT, "1.0.0"],
      );
      await approveSample();
      await viem.assertions.revertWithCustomErrorWithArgs(
        read.getModelVersion([CODE, "1.0.0"]),
        registry,
        "ModelRegistryUnknownVersion",
        [CODE, "1.0.0"],
      );
    });

    it("statusOf returns None for an unknown version and follows a version through its lifecycle", async () => {
      const { registry, read } = await setup();
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.None);
      await registry.write.approveModelVersion([versionInput()]);
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Approved);
      assert.equal(await read.statusOf([CHAT, "1.0.1"]), Status.None);
      assert.equal(await read.statusOf([CODE, "1.0.0"]), Status.None);
      await registry.write.deprecateModelVersion([CHAT, "1.0.0"]);
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Deprecated);
      await registry.write.reinstateModelVersion([CHAT, "1.0.0"]);
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Approved);
      await registry.write.revokeModelVersion([CHAT, "1.0.0", "unsafe"]);
      assert.equal(await read.statusOf([CHAT, "1.0.0"]), Status.Revoked);
    });

    it("does not confuse (model id, version) pairs whose concatenations are equal", async () => {
      const { registry, read } = await setup();
      await registry.write.approveModelVersion([versionInput({ modelId: "m1", version: "1.0.0" })]);
      assert.equal(await read.statusOf(["m1", "1.0.0"]), Status.Approved);
      assert.equal(await read.statusOf(["m", "11.0.0"]), Status.None);
      await registry.write.approveModelVersion([versionInput({ modelId: "m", version: "11.0.0" })]);
      assert.equal(await read.statusOf(["m", "11.0.0"]), Status.Approved);
    });

    it("versionOfHash finds the version of a registered hash and returns (false, '', '') otherwise", async () => {
      const { read, approveSample } = await setup();
      assert.deepEqual(await read.versionOfHash([weights("unknown")]), [false, "", ""]);
      assert.deepEqual(await read.versionOfHash([zeroHash]), [false, "", ""]);
      await approveSample();
      assert.deepEqual(await read.versionOfHash([versionInput({ version: "1.1.0" }).weightsHash]), [
        true,
        CHAT,
        "1.1.0",
      ]);
      assert.deepEqual(await read.versionOfHash([versionInput({ modelId: CODE, version: "0.1.0" }).weightsHash]), [
        true,
        CODE,
        "0.1.0",
      ]);
      assert.deepEqual(await read.versionOfHash([weights("unknown")]), [false, "", ""]);
    });

    it("isServable is true for Approved and Deprecated versions and false for Revoked and unknown hashes", async () => {
      const { registry, read, approveSample } = await setup();
      await approveSample();
      const approved = versionInput().weightsHash;
      const deprecated = versionInput({ version: "1.1.0" }).weightsHash;
      const revoked = versionInput({ version: "2.0.0" }).weightsHash;
      await registry.write.deprecateModelVersion([CHAT, "1.1.0"]);
      await registry.write.revokeModelVersion([CHAT, "2.0.0", "unsafe"]);

      assert.equal(await read.isServable([approved]), true);
      assert.equal(await read.isServable([deprecated]), true);
      assert.equal(await read.isServable([revoked]), false);
      assert.equal(await read.isServable([weights("unknown")]), false);
      assert.equal(await read.isServable([zeroHash]), false);
    });

    it("defaultVersion returns an empty string for an unknown model", async () => {
      const { read, approveSample } = await setup();
      assert.equal(await read.defaultVersion([CHAT]), "");
      await approveSample();
      assert.equal(await read.defaultVersion(["unknown-model"]), "");
      assert.equal(await read.defaultVersion([""]), "");
    });

    it("modelCount, modelAt and models list each model id once, in registration order", async () => {
      const { registry, read, approveSample } = await setup();
      assert.equal(await read.modelCount(), 0n);
      assert.deepEqual([...(await read.models())], []);
      await approveSample();
      await registry.write.approveModelVersion([versionInput({ modelId: "a-third", version: "0.0.1" })]);
      await registry.write.revokeModelVersion(["a-third", "0.0.1", "unsafe"]);

      assert.equal(await read.modelCount(), 3n);
      assert.equal(await read.modelAt([0n]), CHAT);
      assert.equal(await read.modelAt([1n]), CODE);
      assert.equal(await read.modelAt([2n]), "a-third");
      assert.deepEqual([...(await read.models())], [CHAT, CODE, "a-third"]);
    });

    it("versionCount, versionAt and versionsOf list every version of a model in registration order, whatever its status", async () => {
      const { registry, read, approveSample } = await setup();
      assert.equal(await read.versionCount([CHAT]), 0n);
      assert.deepEqual([...(await read.versionsOf([CHAT]))], []);
      await approveSample();
      await registry.write.deprecateModelVersion([CHAT, "1.1.0"]);
      await registry.write.revokeModelVersion([CHAT, "2.0.0", "unsafe"]);
      await registry.write.approveModelVersion([versionInput({ version: "0.9.0" })]);

      assert.equal(await read.versionCount([CHAT]), 4n);
      assert.equal(await read.versionAt([CHAT, 0n]), "1.0.0");
      assert.equal(await read.versionAt([CHAT, 1n]), "1.1.0");
      assert.equal(await read.versionAt([CHAT, 2n]), "2.0.0");
      assert.equal(await read.versionAt([CHAT, 3n]), "0.9.0");
      assert.deepEqual([...(await read.versionsOf([CHAT]))], ["1.0.0", "1.1.0", "2.0.0", "0.9.0"]);
      assert.equal(await read.versionCount([CODE]), 1n);
      assert.deepEqual([...(await read.versionsOf([CODE]))], ["0.1.0"]);
      assert.equal(await read.versionCount(["unknown-model"]), 0n);
    });

    it("modelAt reverts with an array out-of-bounds panic past the last model", async () => {
      const { read, approveSample } = await setup();
      await assertPanic(read.modelAt([0n]), ARRAY_OUT_OF_BOUNDS);
      await approveSample();
      assert.equal(await read.modelAt([1n]), CODE);
      await assertPanic(read.modelAt([2n]), ARRAY_OUT_OF_BOUNDS);
    });

    it("versionAt reverts with an array out-of-bounds panic past the last version or for an unknown model", async () => {
      const { read, approveSample } = await setup();
      await approveSample();
      assert.equal(await read.versionAt([CHAT, 2n]), "2.0.0");
      await assertPanic(read.versionAt([CHAT, 3n]), ARRAY_OUT_OF_BOUNDS);
      await assertPanic(read.versionAt([CODE, 1n]), ARRAY_OUT_OF_BOUNDS);
      await assertPanic(read.versionAt(["unknown-model", 0n]), ARRAY_OUT_OF_BOUNDS);
    });

    it("exposes the length limits as constants", async () => {
      const { read } = await setup();
      assert.equal(await read.MAX_TASK_LENGTH(), 64n);
      assert.equal(await read.MAX_TEXT_LENGTH(), 512n);
    });
  });

  describe("access control", () => {
    it("is owned by the timelock", async () => {
      const { commons, read } = await setup();
      assert.equal((await read.owner()).toLowerCase(), commons.timelock.address.toLowerCase());
    });

    /** Every state-changing function, with arguments that succeed when the timelock sends them in the state below. */
    const calls: Array<{ functionName: string; args: readonly unknown[] }> = [
      { functionName: "approveModelVersion", args: [versionInput({ version: "3.0.0" })] },
      { functionName: "deprecateModelVersion", args: [CHAT, "1.1.0"] },
      { functionName: "reinstateModelVersion", args: [CHAT, "2.0.0"] },
      { functionName: "revokeModelVersion", args: [CHAT, "1.1.0", "unsafe"] },
      { functionName: "setDefaultVersion", args: [CHAT, "1.1.0"] },
      { functionName: "transferOwnership", args: ["0x000000000000000000000000000000000000dEaD"] },
      { functionName: "renounceOwnership", args: [] },
    ];

    /** `contract.write[functionName]`, for looping over functions whose arguments have different types. */
    function writeOf(contract: { write: object }, functionName: string) {
      const write = (contract.write as Record<string, ((args: readonly unknown[]) => Promise<Hex>) | undefined>)[
        functionName
      ];
      assert.ok(write, `ModelRegistry has no function ${functionName}`);
      return write;
    }

    for (const { functionName, args } of calls) {
      it(`reverts with OwnableUnauthorizedAccount when the deployer or an outsider calls ${functionName}`, async () => {
        const { commons, registry, read, approveSample } = await setup();
        await approveSample();
        await registry.write.deprecateModelVersion([CHAT, "2.0.0"]); // so that reinstate would succeed
        const asOutsider = await viem.getContractAt("ModelRegistry", commons.modelRegistry.address, {
          client: { wallet: commons.wallets.outsider },
        });
        const callers = [
          { contract: commons.modelRegistry, caller: commons.wallets.deployer.account.address },
          { contract: asOutsider, caller: commons.wallets.outsider.account.address },
        ];

        for (const { contract, caller } of callers) {
          await viem.assertions.revertWithCustomErrorWithArgs(
            writeOf(contract, functionName)(args),
            contract,
            "OwnableUnauthorizedAccount",
            [caller],
          );
        }

        // Nothing changed.
        assert.equal((await read.owner()).toLowerCase(), commons.timelock.address.toLowerCase());
        assert.equal(await read.statusOf([CHAT, "3.0.0"]), Status.None);
        assert.equal(await read.statusOf([CHAT, "1.1.0"]), Status.Approved);
        assert.equal(await read.statusOf([CHAT, "2.0.0"]), Status.Deprecated);
        assert.equal(await read.defaultVersion([CHAT]), "1.0.0");

        // The same call from the timelock goes through, so the reverts above were about the caller only.
        await writeOf(registry, functionName)(args);
      });
    }
  });
});
