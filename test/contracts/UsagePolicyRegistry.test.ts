import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, type Hex, keccak256, parseEther, toHex, zeroHash } from "viem";
import {
  ALL_REDACTION_CATEGORIES,
  genesisPolicy,
  PromptInjectionAction,
  type UsagePolicy,
} from "../../ignition/parameters.js";
import { deployCommons } from "./helpers/fixture.js";
import { asTimelock } from "./helpers/timelock.js";

const connection = await network.create();
const { networkHelpers, viem } = connection;
const fixture = () => deployCommons(connection);

const DAY = 86_400n;
const ONE_YEAR = 365n * DAY;

/** The deployed system plus a UsagePolicyRegistry instance whose writes come from the timelock (its owner). */
async function setup() {
  const commons = await networkHelpers.loadFixture(fixture);
  const { usagePolicyRegistry: registry } = await asTimelock(connection, commons);
  return { commons, registry, timelock: commons.timelock.address };
}

/** A valid policy that differs from the genesis policy in every field; `overrides` change single fields. */
function policyV2(overrides: Partial<UsagePolicy> = {}): UsagePolicy {
  return {
    minVotingPower: parseEther("250"),
    quotaPeriod: 3_600,
    requestQuota: 17,
    tokenQuota: 50_000n,
    maxInputTokens: 4_000,
    maxOutputTokens: 1_000,
    allowedModels: ["commons-chat", "commons-code.v2"],
    redactCategories: (1 << 0) | (1 << 3) | (1 << 12),
    scanAnswers: false,
    restoreOriginals: false,
    promptInjection: PromptInjectionAction.Flag,
    retentionSeconds: 30n * DAY,
    contentHash: keccak256(toHex("usage policy v2")),
    textUri: "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
    ...overrides,
  };
}

/** Genesis policy with single fields overridden: only the overridden field can make it invalid. */
function genesisWith(overrides: Partial<UsagePolicy>): UsagePolicy {
  return { ...genesisPolicy(), ...overrides };
}

describe("UsagePolicyRegistry", () => {
  describe("publishPolicy", () => {
    it("stores every field of the policy exactly as given", async () => {
      const { registry, commons } = await setup();
      const policy = policyV2();
      await registry.write.publishPolicy([policy]);
      const stored = await commons.usagePolicyRegistry.read.getPolicy([2n]);
      assert.deepEqual({ ...stored, allowedModels: [...stored.allowedModels] }, policy);
      // The genesis policy is left untouched.
      const genesis = await commons.usagePolicyRegistry.read.getPolicy([1n]);
      assert.deepEqual({ ...genesis, allowedModels: [...genesis.allowedModels] }, genesisPolicy());
    });

    it("returns the new version number and increments the policy count", async () => {
      const { registry, commons, timelock } = await setup();
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 1n);
      const { result } = await commons.publicClient.simulateContract({
        address: registry.address,
        abi: registry.abi,
        functionName: "publishPolicy",
        args: [policyV2()],
        account: timelock,
      });
      assert.equal(result, 2n);
      await registry.write.publishPolicy([policyV2()]);
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 2n);
      await registry.write.publishPolicy([policyV2({ requestQuota: 18 })]);
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 3n);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([3n])).requestQuota, 18);
    });

    it("records the block timestamp at which each version was published", async () => {
      const { registry, commons } = await setup();
      const genesisPublishedAt = await commons.usagePolicyRegistry.read.publishedAt([1n]);
      assert.ok(genesisPublishedAt > 0n);
      assert.ok(genesisPublishedAt <= BigInt(await networkHelpers.time.latest()));

      const when = (await networkHelpers.time.latest()) + 5_000;
      await networkHelpers.time.setNextBlockTimestamp(when);
      const hash = await registry.write.publishPolicy([policyV2()]);
      const receipt = await commons.publicClient.waitForTransactionReceipt({ hash });
      const block = await commons.publicClient.getBlock({ blockNumber: receipt.blockNumber });
      assert.equal(block.timestamp, BigInt(when));
      assert.equal(await commons.usagePolicyRegistry.read.publishedAt([2n]), BigInt(when));
      assert.equal(await commons.usagePolicyRegistry.read.publishedAt([1n]), genesisPublishedAt);
    });

    it("makes the newly published version the active policy", async () => {
      const { registry, commons } = await setup();
      const policy = policyV2();
      await registry.write.publishPolicy([policy]);
      assert.equal(await commons.usagePolicyRegistry.read.activePolicyVersion(), 2n);
      const [version, active] = await commons.usagePolicyRegistry.read.activePolicy();
      assert.equal(version, 2n);
      assert.deepEqual({ ...active, allowedModels: [...active.allowedModels] }, policy);
    });

    it("emits PolicyPublished with the version and the policy", async () => {
      const { registry, commons } = await setup();
      const policy = policyV2();
      await viem.assertions.emitWithArgs(
        registry.write.publishPolicy([policy]),
        commons.usagePolicyRegistry,
        "PolicyPublished",
        [
          2n,
          (emitted) =>
            emitted.contentHash === policy.contentHash &&
            emitted.textUri === policy.textUri &&
            emitted.minVotingPower === policy.minVotingPower &&
            emitted.tokenQuota === policy.tokenQuota &&
            emitted.maxInputTokens === policy.maxInputTokens &&
            emitted.promptInjection === policy.promptInjection &&
            emitted.retentionSeconds === policy.retentionSeconds &&
            emitted.allowedModels.length === 2 &&
            emitted.allowedModels[1] === "commons-code.v2",
        ],
      );
    });

    it("emits ActivePolicyChanged from the previous active version to the new one", async () => {
      const { registry, commons } = await setup();
      await viem.assertions.emitWithArgs(
        registry.write.publishPolicy([policyV2()]),
        commons.usagePolicyRegistry,
        "ActivePolicyChanged",
        [1n, 2n],
      );
      // After a rollback to 1, publishing version 3 reports 1 as the previous version.
      await registry.write.activatePolicy([1n]);
      await viem.assertions.emitWithArgs(
        registry.write.publishPolicy([policyV2({ requestQuota: 5 })]),
        commons.usagePolicyRegistry,
        "ActivePolicyChanged",
        [1n, 3n],
      );
    });

    it("accepts a policy with an empty allowed-models list (every servable model)", async () => {
      const { registry, commons } = await setup();
      await registry.write.publishPolicy([policyV2({ allowedModels: [] })]);
      assert.deepEqual([...(await commons.usagePolicyRegistry.read.getPolicy([2n])).allowedModels], []);
    });
  });

  describe("activatePolicy", () => {
    it("rolls back to an earlier version and emits ActivePolicyChanged", async () => {
      const { registry, commons } = await setup();
      await registry.write.publishPolicy([policyV2()]);
      await registry.write.publishPolicy([policyV2({ requestQuota: 99 })]);
      assert.equal(await commons.usagePolicyRegistry.read.activePolicyVersion(), 3n);

      await viem.assertions.emitWithArgs(
        registry.write.activatePolicy([1n]),
        commons.usagePolicyRegistry,
        "ActivePolicyChanged",
        [3n, 1n],
      );
      const [version, policy] = await commons.usagePolicyRegistry.read.activePolicy();
      assert.equal(version, 1n);
      assert.deepEqual({ ...policy, allowedModels: [...policy.allowedModels] }, genesisPolicy());
      assert.equal(await commons.usagePolicyRegistry.read.activePolicyVersion(), 1n);
      // A rollback publishes nothing new.
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 3n);

      // And it can move forward again to a later, already published version.
      await viem.assertions.emitWithArgs(
        registry.write.activatePolicy([2n]),
        commons.usagePolicyRegistry,
        "ActivePolicyChanged",
        [1n, 2n],
      );
      assert.equal(await commons.usagePolicyRegistry.read.activePolicyVersion(), 2n);
    });

    it("reverts with UsagePolicyAlreadyActive for the active version", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.activatePolicy([1n]),
        registry,
        "UsagePolicyAlreadyActive",
        [1n],
      );
      await registry.write.publishPolicy([policyV2()]);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.activatePolicy([2n]),
        registry,
        "UsagePolicyAlreadyActive",
        [2n],
      );
    });

    it("reverts with UsagePolicyUnknownVersion for version 0 and for one past the policy count", async () => {
      const { registry, commons } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.activatePolicy([0n]),
        registry,
        "UsagePolicyUnknownVersion",
        [0n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.activatePolicy([2n]),
        registry,
        "UsagePolicyUnknownVersion",
        [2n],
      );
      await registry.write.publishPolicy([policyV2()]);
      const count = await commons.usagePolicyRegistry.read.policyCount();
      assert.equal(count, 2n);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.activatePolicy([count + 1n]),
        registry,
        "UsagePolicyUnknownVersion",
        [count + 1n],
      );
      assert.equal(await commons.usagePolicyRegistry.read.activePolicyVersion(), 2n);
    });
  });

  describe("reading unknown versions", () => {
    it("getPolicy reverts with UsagePolicyUnknownVersion for version 0 and for one past the policy count", async () => {
      const { commons } = await setup();
      const registry = commons.usagePolicyRegistry;
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.getPolicy([0n]),
        registry,
        "UsagePolicyUnknownVersion",
        [0n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.getPolicy([2n]),
        registry,
        "UsagePolicyUnknownVersion",
        [2n],
      );
    });

    it("publishedAt reverts with UsagePolicyUnknownVersion for version 0 and for one past the policy count", async () => {
      const { commons } = await setup();
      const registry = commons.usagePolicyRegistry;
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.publishedAt([0n]),
        registry,
        "UsagePolicyUnknownVersion",
        [0n],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.read.publishedAt([2n]),
        registry,
        "UsagePolicyUnknownVersion",
        [2n],
      );
    });
  });

  describe("validation", () => {
    it("rejects a zero content hash with UsagePolicyZeroContentHash", async () => {
      const { registry, commons } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ contentHash: zeroHash })]),
        registry,
        "UsagePolicyZeroContentHash",
        [],
      );
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 1n);
    });

    it("rejects a zero quota period with UsagePolicyInvalidQuota", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ quotaPeriod: 0 })]),
        registry,
        "UsagePolicyInvalidQuota",
        [0, 200, 200_000n],
      );
    });

    it("rejects a zero request quota with UsagePolicyInvalidQuota", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ requestQuota: 0 })]),
        registry,
        "UsagePolicyInvalidQuota",
        [86_400, 0, 200_000n],
      );
    });

    it("rejects a zero token quota with UsagePolicyInvalidQuota", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ tokenQuota: 0n })]),
        registry,
        "UsagePolicyInvalidQuota",
        [86_400, 200, 0n],
      );
    });

    it("rejects a zero max input tokens with UsagePolicyInvalidTokenLimits", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ maxInputTokens: 0 })]),
        registry,
        "UsagePolicyInvalidTokenLimits",
        [0, 512, 200_000n],
      );
    });

    it("rejects a zero max output tokens with UsagePolicyInvalidTokenLimits", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ maxOutputTokens: 0 })]),
        registry,
        "UsagePolicyInvalidTokenLimits",
        [2_048, 0, 200_000n],
      );
    });

    it("rejects input plus output limits above the token quota with UsagePolicyInvalidTokenLimits", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ maxInputTokens: 199_000, maxOutputTokens: 1_001 })]),
        registry,
        "UsagePolicyInvalidTokenLimits",
        [199_000, 1_001, 200_000n],
      );
    });

    it("accepts input plus output limits exactly equal to the token quota", async () => {
      const { registry, commons } = await setup();
      await registry.write.publishPolicy([genesisWith({ maxInputTokens: 199_000, maxOutputTokens: 1_000 })]);
      const stored = await commons.usagePolicyRegistry.read.getPolicy([2n]);
      assert.equal(stored.maxInputTokens, 199_000);
      assert.equal(stored.maxOutputTokens, 1_000);
    });

    it("adds the input and output limits without overflowing 32 bits", async () => {
      const { registry, commons } = await setup();
      const max32 = 2 ** 32 - 1;
      // The sum (2^33 - 2) does not fit in a uint32; it must be compared as a wider integer.
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([
          genesisWith({ maxInputTokens: max32, maxOutputTokens: max32, tokenQuota: 2n ** 33n - 3n }),
        ]),
        registry,
        "UsagePolicyInvalidTokenLimits",
        [max32, max32, 2n ** 33n - 3n],
      );
      await registry.write.publishPolicy([
        genesisWith({ maxInputTokens: max32, maxOutputTokens: max32, tokenQuota: 2n ** 33n - 2n }),
      ]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([2n])).tokenQuota, 2n ** 33n - 2n);
    });

    it("rejects a categories bitmask with bit 13 set with UsagePolicyUnknownCategories", async () => {
      const { registry } = await setup();
      const bad = ALL_REDACTION_CATEGORIES | (1 << 13);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ redactCategories: bad })]),
        registry,
        "UsagePolicyUnknownCategories",
        [bad],
      );
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ redactCategories: 1 << 13 })]),
        registry,
        "UsagePolicyUnknownCategories",
        [1 << 13],
      );
    });

    it("accepts ALL_CATEGORIES and no categories at all", async () => {
      const { registry, commons } = await setup();
      const all = await commons.usagePolicyRegistry.read.ALL_CATEGORIES();
      await registry.write.publishPolicy([policyV2({ redactCategories: all })]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([2n])).redactCategories, all);
      await registry.write.publishPolicy([policyV2({ redactCategories: 0 })]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([3n])).redactCategories, 0);
    });

    it("rejects 33 allowed models with UsagePolicyTooManyModels", async () => {
      const { registry } = await setup();
      const models = Array.from({ length: 33 }, (_, i) => `model-${i}`);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ allowedModels: models })]),
        registry,
        "UsagePolicyTooManyModels",
        [33n, 32n],
      );
    });

    it("accepts exactly 32 allowed models", async () => {
      const { registry, commons } = await setup();
      const models = Array.from({ length: 32 }, (_, i) => `model-${i}`);
      await registry.write.publishPolicy([genesisWith({ allowedModels: models })]);
      assert.deepEqual([...(await commons.usagePolicyRegistry.read.getPolicy([2n])).allowedModels], models);
    });

    for (const [description, modelId] of [
      ["an uppercase model id", "Commons-Chat"],
      ["an empty model id", ""],
      ["a model id starting with a dash", "-chat"],
      ["a model id ending with a dot", "chat."],
      ["a model id with a space", "commons chat"],
      ["a model id of 65 bytes", "a".repeat(65)],
    ] as const) {
      it(`rejects ${description} with UsagePolicyInvalidModelId`, async () => {
        const { registry } = await setup();
        await viem.assertions.revertWithCustomErrorWithArgs(
          registry.write.publishPolicy([genesisWith({ allowedModels: ["commons-chat", modelId] })]),
          registry,
          "UsagePolicyInvalidModelId",
          [modelId],
        );
      });
    }

    it("accepts a model id of exactly 64 bytes", async () => {
      const { registry, commons } = await setup();
      const modelId = `a${"-".repeat(62)}z`;
      await registry.write.publishPolicy([genesisWith({ allowedModels: [modelId] })]);
      assert.deepEqual([...(await commons.usagePolicyRegistry.read.getPolicy([2n])).allowedModels], [modelId]);
    });

    it("rejects a model id listed twice with UsagePolicyDuplicateModel", async () => {
      const { registry } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([
          genesisWith({ allowedModels: ["commons-chat", "commons-code", "commons-chat"] }),
        ]),
        registry,
        "UsagePolicyDuplicateModel",
        ["commons-chat"],
      );
    });

    it("rejects a retention of one year plus one second with UsagePolicyRetentionTooLong", async () => {
      const { registry, commons } = await setup();
      assert.equal(await commons.usagePolicyRegistry.read.MAX_RETENTION_SECONDS(), ONE_YEAR);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ retentionSeconds: ONE_YEAR + 1n })]),
        registry,
        "UsagePolicyRetentionTooLong",
        [ONE_YEAR + 1n, ONE_YEAR],
      );
    });

    it("accepts a retention of exactly one year", async () => {
      const { registry, commons } = await setup();
      await registry.write.publishPolicy([genesisWith({ retentionSeconds: ONE_YEAR })]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([2n])).retentionSeconds, ONE_YEAR);
    });

    it("rejects a text uri of 513 bytes with UsagePolicyInvalidTextUri", async () => {
      const { registry } = await setup();
      const uri = `ipfs://${"x".repeat(506)}`;
      assert.equal(Buffer.byteLength(uri), 513);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ textUri: uri })]),
        registry,
        "UsagePolicyInvalidTextUri",
        [uri],
      );
    });

    it("measures the text uri in bytes, not characters", async () => {
      const { registry } = await setup();
      // 257 two-byte characters: 514 bytes.
      const uri = "é".repeat(257);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishPolicy([genesisWith({ textUri: uri })]),
        registry,
        "UsagePolicyInvalidTextUri",
        [uri],
      );
    });

    it("accepts a text uri of exactly 512 bytes, and an empty one", async () => {
      const { registry, commons } = await setup();
      const uri = `ipfs://${"x".repeat(505)}`;
      assert.equal(Buffer.byteLength(uri), 512);
      await registry.write.publishPolicy([genesisWith({ textUri: uri })]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([2n])).textUri, uri);
      await registry.write.publishPolicy([genesisWith({ textUri: "" })]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([3n])).textUri, "");
    });

    it("leaves the registry unchanged when a policy is rejected", async () => {
      const { registry, commons } = await setup();
      await viem.assertions.revertWithCustomError(
        registry.write.publishPolicy([genesisWith({ allowedModels: ["x", "x"] })]),
        registry,
        "UsagePolicyDuplicateModel",
      );
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 1n);
      assert.equal(await commons.usagePolicyRegistry.read.activePolicyVersion(), 1n);
    });
  });

  describe("promptInjection", () => {
    it("round-trips Flag", async () => {
      const { registry, commons } = await setup();
      await registry.write.publishPolicy([genesisWith({ promptInjection: PromptInjectionAction.Flag })]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([2n])).promptInjection, 0);
    });

    it("round-trips Refuse", async () => {
      const { registry, commons } = await setup();
      await registry.write.publishPolicy([genesisWith({ promptInjection: PromptInjectionAction.Flag })]);
      await registry.write.publishPolicy([genesisWith({ promptInjection: PromptInjectionAction.Refuse })]);
      assert.equal((await commons.usagePolicyRegistry.read.getPolicy([3n])).promptInjection, 1);
    });

    it("rejects an out-of-range value (2) when decoding the call", async () => {
      const { registry, commons, timelock } = await setup();
      // Build the calldata by hand so that the value 2 certainly reaches the contract.
      const valid = encodeFunctionData({
        abi: registry.abi,
        functionName: "publishPolicy",
        args: [genesisWith({ promptInjection: PromptInjectionAction.Refuse })],
      });
      const invalid = encodeFunctionData({
        abi: registry.abi,
        functionName: "publishPolicy",
        args: [genesisWith({ promptInjection: 2 })],
      });
      // The two encodings differ only in the enum's word.
      assert.equal(invalid.length, valid.length);
      const differingWords = wordsOf(valid).filter((word, i) => word !== wordsOf(invalid)[i]);
      assert.equal(differingWords.length, 1);

      const wallet = await viem.getWalletClient(timelock);
      await viem.assertions.revert(wallet.sendTransaction({ to: registry.address, data: invalid }));
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 1n);
      // The same call with a valid value goes through.
      await wallet.sendTransaction({ to: registry.address, data: valid });
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 2n);
    });
  });

  describe("category constants", () => {
    it("makes each CATEGORY_* a distinct single bit whose OR equals ALL_CATEGORIES", async () => {
      const { commons } = await setup();
      const r = commons.usagePolicyRegistry.read;
      const categories = [
        await r.CATEGORY_EMAIL(),
        await r.CATEGORY_PHONE(),
        await r.CATEGORY_PAYMENT_CARD(),
        await r.CATEGORY_IBAN(),
        await r.CATEGORY_US_SSN(),
        await r.CATEGORY_IP_ADDRESS(),
        await r.CATEGORY_STREET_ADDRESS(),
        await r.CATEGORY_DATE_OF_BIRTH(),
        await r.CATEGORY_PERSON_NAME(),
        await r.CATEGORY_CRYPTO_ADDRESS(),
        await r.CATEGORY_PRIVATE_KEY(),
        await r.CATEGORY_SEED_PHRASE(),
        await r.CATEGORY_SECRET(),
      ];
      assert.equal(categories.length, 13);
      for (const category of categories) {
        assert.ok(category > 0, `category ${category} is zero`);
        assert.equal(category & (category - 1), 0, `category ${category} is not a single bit`);
      }
      assert.equal(new Set(categories).size, categories.length);
      const union = categories.reduce((acc, c) => acc | c, 0);
      assert.equal(union, await r.ALL_CATEGORIES());
      assert.equal(union, 0x1fff);
    });

    it("matches ALL_REDACTION_CATEGORIES in ignition/parameters.ts to ALL_CATEGORIES", async () => {
      const { commons } = await setup();
      assert.equal(ALL_REDACTION_CATEGORIES, await commons.usagePolicyRegistry.read.ALL_CATEGORIES());
    });

    it("exposes the documented limits", async () => {
      const { commons } = await setup();
      const r = commons.usagePolicyRegistry.read;
      assert.equal(await r.MAX_ALLOWED_MODELS(), 32n);
      assert.equal(await r.MAX_RETENTION_SECONDS(), ONE_YEAR);
      assert.equal(await r.MAX_TEXT_URI_LENGTH(), 512n);
    });
  });

  describe("access control", () => {
    it("reverts with OwnableUnauthorizedAccount when a non-timelock account publishes a policy", async () => {
      const { commons } = await setup();
      for (const wallet of [commons.wallets.outsider, commons.wallets.deployer]) {
        await viem.assertions.revertWithCustomErrorWithArgs(
          commons.usagePolicyRegistry.write.publishPolicy([policyV2()], { account: wallet.account }),
          commons.usagePolicyRegistry,
          "OwnableUnauthorizedAccount",
          [wallet.account.address],
        );
      }
      assert.equal(await commons.usagePolicyRegistry.read.policyCount(), 1n);
    });

    it("reverts with OwnableUnauthorizedAccount when a non-timelock account activates a policy", async () => {
      const { commons, registry } = await setup();
      await registry.write.publishPolicy([policyV2()]);
      const outsider = commons.wallets.outsider;
      await viem.assertions.revertWithCustomErrorWithArgs(
        commons.usagePolicyRegistry.write.activatePolicy([1n], { account: outsider.account }),
        commons.usagePolicyRegistry,
        "OwnableUnauthorizedAccount",
        [outsider.account.address],
      );
      assert.equal(await commons.usagePolicyRegistry.read.activePolicyVersion(), 2n);
    });
  });

  describe("deployment", () => {
    it("publishes a valid genesis policy as version 1 and sets the owner when deployed directly", async () => {
      const { commons } = await setup();
      const owner = commons.wallets.alice.account.address;
      const registry = await viem.deployContract("UsagePolicyRegistry", [owner, policyV2()]);
      assert.equal((await registry.read.owner()).toLowerCase(), owner.toLowerCase());
      assert.equal(await registry.read.policyCount(), 1n);
      assert.equal(await registry.read.activePolicyVersion(), 1n);
      const [version, policy] = await registry.read.activePolicy();
      assert.equal(version, 1n);
      assert.deepEqual({ ...policy, allowedModels: [...policy.allowedModels] }, policyV2());
    });

    it("reverts with UsagePolicyZeroContentHash when deployed with a zero content hash", async () => {
      const { commons } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("UsagePolicyRegistry", [commons.timelock.address, genesisWith({ contentHash: zeroHash })]),
        commons.usagePolicyRegistry,
        "UsagePolicyZeroContentHash",
        [],
      );
    });

    it("reverts with UsagePolicyInvalidQuota when deployed with a zero request quota", async () => {
      const { commons } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("UsagePolicyRegistry", [commons.timelock.address, genesisWith({ requestQuota: 0 })]),
        commons.usagePolicyRegistry,
        "UsagePolicyInvalidQuota",
        [86_400, 0, 200_000n],
      );
    });

    it("reverts with UsagePolicyDuplicateModel when deployed with a duplicated model", async () => {
      const { commons } = await setup();
      await viem.assertions.revertWithCustomErrorWithArgs(
        viem.deployContract("UsagePolicyRegistry", [
          commons.timelock.address,
          genesisWith({ allowedModels: ["commons-chat", "commons-chat"] }),
        ]),
        commons.usagePolicyRegistry,
        "UsagePolicyDuplicateModel",
        ["commons-chat"],
      );
    });
  });
});

/** The 32-byte words of ABI-encoded calldata, after the 4-byte selector. */
function wordsOf(data: Hex): string[] {
  return data.slice(10).match(/.{64}/g) ?? [];
}
