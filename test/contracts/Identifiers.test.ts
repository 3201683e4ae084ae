import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";

/**
 * Table-driven tests of the identifier rules (contracts/libraries/{SemVer,Slug,ModelId}.sol), called through the
 * test-only IdentifiersHarness so that each case is a cheap view call.
 */

const connection = await network.create();
const { networkHelpers, viem } = connection;
const fixture = () => viem.deployContract("IdentifiersHarness");

/** Shows a case in a test name so that empty strings and trailing spaces stay visible. */
const show = (value: string) =>
  value.length > 20 ? `${JSON.stringify(value.slice(0, 12))}… (${value.length})` : JSON.stringify(value);

/** `1.0.0-` followed by `a`s up to `length` bytes: a well-formed version whose only property is its length. */
const semverOfLength = (length: number) => `1.0.0-${"a".repeat(length - 6)}`;

/** A well-formed slug of exactly `length` bytes: `a`, then `-b` pairs, then a final letter if needed. */
const slugOfLength = (length: number) => `a${"-b".repeat((length - 1) >> 1)}${(length - 1) % 2 === 1 ? "c" : ""}`;

const SEMVER_64 = semverOfLength(64);
const SEMVER_65 = semverOfLength(65);
const SLUG_64 = slugOfLength(64);
const SLUG_65 = slugOfLength(65);

const VALID_SEMVERS = [
  "0.0.0",
  "1.0.0",
  "10.20.30",
  "1.1.2-prerelease+meta",
  "1.0.0-alpha",
  "1.0.0-alpha.1",
  "1.0.0-0.3.7",
  "1.0.0-x.7.z.92",
  "1.0.0-alpha+001",
  "1.0.0+20130313144700",
  "1.0.0-beta+exp.sha.5114f85",
  "1.0.0-rc.1+build.1",
  "2.0.0-x-y-z.--",
  "1.0.0-0a",
  "1.0.0+001.0",
  "1.0.0-Alpha.BETA",
  "999999999.0.0",
  SEMVER_64,
];

const INVALID_SEMVERS = [
  "",
  "1",
  "1.2",
  "1.2.3.4",
  "01.1.1",
  "1.01.1",
  "1.1.01",
  "00.0.0",
  "v1.0.0",
  "1.0.0-",
  "1.0.0+",
  "1.0.0-+build",
  "1.0.0-01",
  "1.0.0-alpha.01",
  "1.0.0-alpha..1",
  "1.0.0-alpha.",
  "1.0.0-.alpha",
  "1.0.0+build..1",
  "1.0.0+build.",
  "1.0.0-alpha_beta",
  "1.0.0+a+b",
  "1.0.0-a+b+c",
  "1.0.0 ",
  " 1.0.0",
  "1.0",
  "1..0",
  "1.0.",
  ".1.0",
  "a.b.c",
  "1.2.3-é",
  "1.2.3+é",
  SEMVER_65,
  "1.2.3x",
  "1.2.3-alpha x",
];

const VALID_MODEL_IDS = [
  "commons-chat",
  "a",
  "1",
  "a1",
  "qwen2.5-0.5b",
  "my_model",
  "commons-code.v2",
  "a--b",
  "a._-b",
  SLUG_64,
  "9".repeat(64),
];

const INVALID_MODEL_IDS = [
  "",
  "-a",
  "a-",
  ".a",
  "a.",
  "_a",
  "a_",
  "-",
  "Commons",
  "commonS",
  "comMons",
  "a b",
  " a",
  "a ",
  "a/b",
  "a:b",
  "a@b",
  SLUG_65,
  "a".repeat(65),
  "é",
  "caf\u00e9",
  "a\u0000b",
];

describe("Identifiers", () => {
  describe("the test strings", () => {
    it("have the lengths the tables claim", () => {
      assert.equal(Buffer.byteLength(SEMVER_64), 64);
      assert.equal(Buffer.byteLength(SEMVER_65), 65);
      assert.equal(Buffer.byteLength(SLUG_64), 64);
      assert.equal(Buffer.byteLength(SLUG_65), 65);
      assert.equal(Buffer.byteLength("é"), 2);
    });
  });

  describe("SemVer.isValid", () => {
    for (const value of VALID_SEMVERS) {
      it(`accepts ${show(value)}`, async () => {
        const harness = await networkHelpers.loadFixture(fixture);
        assert.equal(await harness.read.isSemVer([value]), true);
      });
    }

    for (const value of INVALID_SEMVERS) {
      it(`rejects ${show(value)}`, async () => {
        const harness = await networkHelpers.loadFixture(fixture);
        assert.equal(await harness.read.isSemVer([value]), false);
      });
    }
  });

  describe("ModelId.isValid", () => {
    for (const value of VALID_MODEL_IDS) {
      it(`accepts ${show(value)}`, async () => {
        const harness = await networkHelpers.loadFixture(fixture);
        assert.equal(await harness.read.isModelId([value]), true);
      });
    }

    for (const value of INVALID_MODEL_IDS) {
      it(`rejects ${show(value)}`, async () => {
        const harness = await networkHelpers.loadFixture(fixture);
        assert.equal(await harness.read.isModelId([value]), false);
      });
    }
  });

  describe("Slug.isValid", () => {
    it("applies the same character rules as model ids when the limit is 64", async () => {
      const harness = await networkHelpers.loadFixture(fixture);
      for (const value of VALID_MODEL_IDS) {
        assert.equal(await harness.read.isSlug([value, 64n]), true, show(value));
      }
      for (const value of INVALID_MODEL_IDS) {
        assert.equal(await harness.read.isSlug([value, 64n]), false, show(value));
      }
    });

    const lengthCases: Array<[value: string, maxLength: bigint, expected: boolean]> = [
      ["abc", 3n, true],
      ["abcd", 3n, false],
      ["abc", 4n, true],
      ["a", 1n, true],
      ["ab", 1n, false],
      ["a", 0n, false],
      ["", 0n, false],
      ["", 1n, false],
      ["", 2n ** 256n - 1n, false],
      ["text-generation", 15n, true],
      ["text-generation", 14n, false],
      [SLUG_65, 65n, true],
      [SLUG_65, 64n, false],
      ["a".repeat(300), 300n, true],
      ["a".repeat(300), 2n ** 256n - 1n, true],
      ["Text-generation", 2n ** 256n - 1n, false],
    ];
    for (const [value, maxLength, expected] of lengthCases) {
      it(`${expected ? "accepts" : "rejects"} ${show(value)} with maxLength ${maxLength === 2n ** 256n - 1n ? "2^256-1" : maxLength}`, async () => {
        const harness = await networkHelpers.loadFixture(fixture);
        assert.equal(await harness.read.isSlug([value, maxLength]), expected);
      });
    }
  });
});
