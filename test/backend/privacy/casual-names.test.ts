// Lower-case given names in casual chat: found next to a word that takes a person, and never taken from words. The
// corpus written all in lower case is the check: its names become casual ones, its other values and prose do not.
import { describe, expect, it } from "@jest/globals";
import { detectCasualNames } from "../../../backend/src/privacy/detectors/casual-names.js";
import { loadPersonNameData } from "../../../backend/src/privacy/index.js";
import { namesIn } from "./helpers/names.js";
import { namesInRewrittenCorpus } from "./helpers/rewritten-corpus.js";

describe("lower-case names in casual chat", () => {
  it.each([
    ["talked to priya yesterday", ["priya"]],
    ["tommaso said it's fine", ["tommaso"]],
    ["met oluwaseun and kwame at lunch", ["oluwaseun", "kwame"]],
    ["ping rahul when done", ["rahul"]],
  ])("finds them in %j", (text, expected) => {
    expect(namesIn(text)).toEqual(expected);
  });

  it.each([
    "will ask will about it",
    "sent it to mark",
    "the maria db server is down",
    "please transfer 500 eur to iban de89 3704 0044 0532 0130 00",
  ])("leaves words alone in %j", (text) => {
    expect(namesIn(text)).toEqual([]);
  });

  it("is sure on the corpus written in lower case: its names, nothing else", async () => {
    await loadPersonNameData();
    const { found, wrong } = namesInRewrittenCorpus((text) => text.toLowerCase(), detectCasualNames);
    expect(wrong).toBe(0);
    expect(found).toBeGreaterThan(90);
  });
});
