// The name split and the people split measure person-name detection on text nobody tuned on: their names must appear
// in no other split and in none of the files the detector's lexicons were written from, and their labels must cover
// exactly the names. These checks only generate the splits; no detector runs on them here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_SEED } from "../../../backend/bench/privacy/corpus.js";
import { generateNameSplitMessages, NAME_SPLIT_NAMES } from "../../../backend/bench/privacy/name-split.js";
import {
  generatePeopleSplit,
  PEOPLE_SPLIT_NAMES,
  PEOPLE_SPLIT_OTHER_WORDS,
} from "../../../backend/bench/privacy/people-split.js";

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

// The people split was written after the name split and the name scorer's training set, so it is kept apart from
// both as well, and the check ignores case: a name that appears in lower case elsewhere ("hope", "young") was seen.
const PEOPLE_SPLIT_OTHERS = [
  "backend/bench/privacy/values.ts",
  "backend/bench/privacy/corpus.ts",
  "backend/bench/privacy/fresh-split.ts",
  "backend/bench/privacy/name-split.ts",
  "backend/bench/privacy/name-training-set.ts",
];

/** The words of `words` found in `text` as whole words, ignoring case. */
function sharedWords(words: readonly string[], text: string): string[] {
  const literal = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return words.filter((word) => new RegExp(`(?<!\\p{L})${literal(word)}(?!\\p{L})`, "iu").test(text));
}

describe("the people split", () => {
  it("uses names, places, organisations and products that no other split or training set holds", () => {
    for (const file of PEOPLE_SPLIT_OTHERS) {
      const text = readFileSync(path.join(root, file), "utf8");
      const shared = sharedWords([...PEOPLE_SPLIT_NAMES, ...PEOPLE_SPLIT_OTHER_WORDS], text);
      expect({ file, shared }).toEqual({ file, shared: [] });
    }
  });

  it("holds each name once, with no two cultures sharing one", () => {
    const lower = PEOPLE_SPLIT_NAMES.map((name) => name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it("labels exactly the names it put in, the same for the same seed", () => {
    const messages = generatePeopleSplit(DEFAULT_SEED + 6);
    expect(messages).toEqual(generatePeopleSplit(DEFAULT_SEED + 6));
    expect(messages).toHaveLength(700);
    // A labelled name is a given name, a surname, or a given name and a surname, in their case or in lower case.
    const names = new Set(PEOPLE_SPLIT_NAMES.map((name) => name.toLowerCase()));
    const isName = (text: string) =>
      names.has(text) ||
      [...names].some((given) => text.startsWith(`${given} `) && names.has(text.slice(given.length + 1)));
    for (const message of messages.slice(0, 500))
      expect(message.spans.some((span) => span.category === "PERSON_NAME")).toBe(true);
    for (const message of messages.slice(500)) expect(message.spans).toEqual([]);
    for (const message of messages)
      for (const span of message.spans) {
        if (span.category !== "PERSON_NAME") continue;
        const text = message.text.slice(span.start, span.end);
        expect({ text, name: isName(text.toLowerCase()) }).toEqual({ text, name: true });
      }
  });
});
