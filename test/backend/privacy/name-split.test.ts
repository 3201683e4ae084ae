// The name split measures person-name detection on text nobody tuned on: its names must appear in no other split
// and in none of the files the detector's lexicons were written from, and its labels must cover exactly the names.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { generateNameSplitMessages, NAME_SPLIT_NAMES } from "../../../backend/bench/privacy/name-split.js";

const root = path.resolve(import.meta.dirname, "../../..");
const OTHER_SPLITS = [
  "backend/bench/privacy/values.ts",
  "backend/bench/privacy/corpus.ts",
  "backend/bench/privacy/fresh-split.ts",
  "backend/bench/privacy/injection-training-set.ts",
];

describe("the name split", () => {
  it("uses names that no other split or value generator holds", () => {
    for (const file of OTHER_SPLITS) {
      const text = readFileSync(path.join(root, file), "utf8");
      const shared = NAME_SPLIT_NAMES.filter((name) => new RegExp(`(?<!\\p{L})${name}(?!\\p{L})`, "u").test(text));
      expect({ file, shared }).toEqual({ file, shared: [] });
    }
  });

  it("labels exactly the names it put in, the same for the same seed", () => {
    const messages = generateNameSplitMessages(7, 200, 80);
    expect(messages).toEqual(generateNameSplitMessages(7, 200, 80));
    expect(messages.filter((m) => m.spans.length === 0)).toHaveLength(80);
    const names = new Set(NAME_SPLIT_NAMES.map((name) => name.toLowerCase()));
    for (const message of messages.slice(0, 200)) {
      expect(message.spans.length).toBeGreaterThan(0);
      for (const span of message.spans) {
        if (span.category !== "PERSON_NAME") continue;
        for (const word of message.text.slice(span.start, span.end).split(" "))
          expect(names).toContain(word.toLowerCase());
      }
    }
  });
});
