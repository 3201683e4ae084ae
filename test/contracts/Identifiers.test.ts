import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import {
  INVALID_MODEL_IDS,
  INVALID_SEMVERS,
  SEMVER_64,
  SEMVER_65,
  SLUG_64,
  SLUG_65,
  VALID_MODEL_IDS,
  VALID_SEMVERS,
} from "../fixtures/identifiers.js";

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
