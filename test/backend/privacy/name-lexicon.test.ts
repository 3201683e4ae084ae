// The large name lexicon: the committed file is what its build script writes from the installed packages, it leaves
// out English words, places, products and the hand-written lexicons, it tells English words from names that are words
// too, and a damaged file fails with a message that says how to fix it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { buildNameLexicon } from "../../../backend/bench/privacy/build-name-lexicon.js";
import { FIRST_NAMES } from "../../../backend/src/privacy/detectors/first-names.js";
import { PLACES } from "../../../backend/src/privacy/detectors/gazetteer.js";
import {
  isEnglishNonName,
  isLexiconName,
  NAME_LEXICON_FILE,
  nameLexicon,
  parseNameLexicon,
} from "../../../backend/src/privacy/detectors/name-lexicon.js";
import { SURNAMES } from "../../../backend/src/privacy/detectors/surnames.js";

describe("the name lexicon file", () => {
  it("is what the build script writes (rebuild: tsx backend/bench/privacy/build-name-lexicon.ts)", () => {
    expect(buildNameLexicon()).toBe(readFileSync(NAME_LEXICON_FILE, "utf8"));
  });

  it("holds tens of thousands of given and family names of many cultures", () => {
    const { given, family } = nameLexicon();
    expect(given.size).toBeGreaterThan(10_000);
    expect(family.size).toBeGreaterThan(10_000);
    for (const name of ["fernández", "gonçalves", "dvořák", "kaczmarek", "schäfer", "иванов"]) {
      expect({ name, known: isLexiconName(name) }).toEqual({ name, known: true });
    }
  });

  it("leaves out English words, places and what the hand-written lexicons hold", () => {
    for (const word of ["rose", "baker", "paris", "kindle", "harbor", "house", "mark"]) {
      expect({ word, known: isLexiconName(word) }).toEqual({ word, known: false });
    }
    const { given, family } = nameLexicon();
    for (const word of [...given, ...family]) {
      if (PLACES.has(word) || FIRST_NAMES.has(word) || SURNAMES.has(word))
        throw new Error(`${word} should be left out`);
    }
  });

  it("tells English words that no name list holds from names that are words too", () => {
    for (const word of ["kindle", "harbor", "mortgage", "checklist"]) {
      expect({ word, everyday: isEnglishNonName(word) }).toEqual({ word, everyday: true });
    }
    // Names that are English words too ("rose", "baker", "hunter"), and names that are no English word.
    for (const word of ["rose", "baker", "hunter", "kaczmarek", "priya"]) {
      expect({ word, everyday: isEnglishNonName(word) }).toEqual({ word, everyday: false });
    }
  });

  it("rejects a word outside a section or in upper case, naming the line and the fix", () => {
    expect(() => parseNameLexicon("# header\nanna\n")).toThrow(/name-lexicon\.txt:2: .*rebuild the file/);
    expect(() => parseNameLexicon("[given]\nanna\n[family]\nKowalski\n")).toThrow(/name-lexicon\.txt:4:/);
    expect(parseNameLexicon("# c\n[given]\nanna\n[family]\nkowalski\n[word]\nrose\n")).toEqual({
      given: new Set(["anna"]),
      family: new Set(["kowalski"]),
      alsoWords: new Set(["rose"]),
    });
  });
});
