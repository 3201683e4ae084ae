// The throughput floor of backend/bench/privacy/single-pass-floor.ts must do the work its measurement claims, or the
// ratio bench:privacy:profile prints next to it would flatter the aim's reach.
import { describe, expect, it } from "@jest/globals";
import { capitalisedNames, singlePassFloor } from "../../../backend/bench/privacy/single-pass-floor.js";

describe("single-pass floor (benchmark)", () => {
  const names = capitalisedNames();

  it("holds the lexicon's names capitalised", () => {
    expect(names.size).toBeGreaterThan(20_000);
    expect(names.has("Tommaso")).toBe(true);
    expect(names.has("tommaso")).toBe(false);
  });

  it("replaces lexicon names, long digit runs and '@' tokens, one number per distinct value", () => {
    expect(singlePassFloor("Ask Tommaso at tommaso@example.com or 415 555 0100, Tommaso knows.", names)).toBe(
      "Ask [X_1] at [X_2] or [X_3], [X_1] knows.",
    );
  });

  it("leaves short numbers and everyday capitalised words alone", () => {
    const text = "Meet at 10.30 on Monday, room 12.";
    expect(singlePassFloor(text, names)).toBe(text);
  });
});
