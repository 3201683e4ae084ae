// Names in capitals without a cue ("CALL JOHN SMITH"): a given name and a family name of the lexicons, never
// shouted words. The corpus written all in capitals is the check.
import { describe, expect, it } from "@jest/globals";
import { detectNamesInCapitals } from "../../../backend/src/privacy/detectors/capitals-names.js";
import { scanText } from "../../../backend/src/privacy/detectors/text-scan.js";
import { loadPersonNameData } from "../../../backend/src/privacy/index.js";
import { namesIn } from "./helpers/names.js";
import { namesInRewrittenCorpus } from "./helpers/rewritten-corpus.js";

describe("names in capitals without a cue", () => {
  it.each([
    ["CALL JOHN SMITH NOW", ["JOHN SMITH"]],
    ["LAURA CHEN signed it.", ["LAURA CHEN"]],
    ["MEETING WITH PRIYA RAMAN AT NOON", ["PRIYA RAMAN"]],
  ])("finds them in %j", (text, expected) => {
    expect(namesIn(text)).toEqual(expected);
  });

  it.each(["URGENT PLEASE READ", "NEW YORK CITY", "HTTP API SDK", "LAURA SAID NO", "MARIA WILL CALL"])(
    "takes no shouted words for one in %j",
    (text) => {
      expect(namesIn(text)).toEqual([]);
    },
  );

  it("is sure on the corpus written in capitals: its names, next to nothing else", async () => {
    await loadPersonNameData();
    const { found, wrong } = namesInRewrittenCorpus(
      (text) => text.toUpperCase(),
      (text, out) => detectNamesInCapitals(text, scanText(text).capitals, out),
    );
    // 4 today: "HARRY POTTER" (a book, three times) and "LUTHER KING" (a street).
    expect(wrong).toBeLessThanOrEqual(5);
    expect(found).toBeGreaterThan(150);
  });
});
