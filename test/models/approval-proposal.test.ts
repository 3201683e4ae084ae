import { describe, expect, it } from "@jest/globals";
import { isModelId, isSemVer } from "../../models/src/proposal/approval-proposal.js";
import { INVALID_MODEL_IDS, INVALID_SEMVERS, VALID_MODEL_IDS, VALID_SEMVERS } from "../fixtures/identifiers.js";

// The same vectors as test/contracts/Identifiers.test.ts: the CLI's pre-check agrees with the registry's rules.
describe("the proposal's identifier pre-check", () => {
  it.each(VALID_SEMVERS)("accepts version %j", (v) => expect(isSemVer(v)).toBe(true));
  it.each(INVALID_SEMVERS)("rejects version %j", (v) => expect(isSemVer(v)).toBe(false));
  it.each(VALID_MODEL_IDS)("accepts model id %j", (id) => expect(isModelId(id)).toBe(true));
  it.each(INVALID_MODEL_IDS)("rejects model id %j", (id) => expect(isModelId(id)).toBe(false));
});
