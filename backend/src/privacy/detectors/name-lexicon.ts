// A large lexicon of given and family names, in lower case, for the person-name detector: about 30,000 words from the
// name lists of 77 locales of @faker-js/faker, without any word of a large English word list, the gazetteer's
// places and products, or the hand-written lexicons (first-names.ts, surnames.ts). It is written by
// backend/bench/privacy/build-name-lexicon.ts into name-lexicon.txt and read once, on first use;
// test/backend/privacy/name-lexicon.test.ts fails when the committed file is not what the script would write.
//
// A word of it is a name wherever it appears, but not necessarily a person's name in this text: the detector takes it
// as evidence only in a run of two capitalised words or more that holds no everyday word, place or product
// ("a bio for Thao Hoang"), never on its own.
import { readFileSync } from "node:fs";
import { englishWords } from "../english-words.js";
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "./first-names.js";

/** The committed lexicon: a comment header, then a `[given]`, a `[family]` and a `[word]` section, a word per line. */
export const NAME_LEXICON_FILE = new URL("./name-lexicon.txt", import.meta.url);
const SECTIONS = ["[given]", "[family]", "[word]"];
/** The words of the lexicon, by kind. */
export interface NameLexicon {
  readonly given: ReadonlySet<string>;
  readonly family: ReadonlySet<string>;
  /** Names (of faker's lists or the hand-written lexicons) that are English words too: "rose", "baker". */
  readonly alsoWords: ReadonlySet<string>;
}

/**
 * Parses the lexicon file's text.
 * @throws {Error} on a word outside a section or not in lower case, naming the line.
 */
export function parseNameLexicon(source: string): NameLexicon {
  const given = new Set<string>();
  const family = new Set<string>();
  const alsoWords = new Set<string>();
  let section: Set<string> | undefined;
  source.split("\n").forEach((line, index) => {
    if (line === "" || line.startsWith("#")) return;
    const named = SECTIONS.indexOf(line);
    if (named >= 0) {
      section = [given, family, alsoWords][named];
      return;
    }
    if (section === undefined || line !== line.toLowerCase() || line.includes(" ")) {
      throw new Error(
        `${NAME_LEXICON_FILE.pathname}:${index + 1}: expected one lower-case word per line after ${SECTIONS.join(", ")}; ` +
          "rebuild the file with backend/bench/privacy/build-name-lexicon.ts",
      );
    }
    section.add(line);
  });
  return { given, family, alsoWords };
}

let committed: NameLexicon | undefined;

/** The committed lexicon, read on first use. */
export function nameLexicon(): NameLexicon {
  committed ??= parseNameLexicon(readFileSync(NAME_LEXICON_FILE, "utf8"));
  return committed;
}

/**
 * Whether a lower-case word is an English word (an-array-of-english-words, ~275,000 words, read on first use) that
 * no name list holds: "kindle", "harbor", "vertuo" is not one. Titles and products are made of such words; names
 * rarely are.
 */
export function isEnglishNonName(lower: string): boolean {
  return englishWords().has(lower) && !nameLexicon().alsoWords.has(lower);
}

/**
 * Reads both word lists now (~0.2 s and ~20 MB, once per process) rather than on the first text with a capitalised
 * run: the chat service calls it at start-up so that no request waits for it.
 */
export function loadNameWordLists(): void {
  nameLexicon();
  isEnglishNonName("");
}

/** Whether a lower-case word is a given name of the committed lexicon. */
export function isLexiconGivenName(lower: string): boolean {
  return nameLexicon().given.has(lower);
}

/**
 * Whether a lower-case word is a given name of any lexicon: the hand-written one (first-names.ts) or this one. Its
 * given names that are also common words ("grace", "will", "mark") count only `withAmbiguous`.
 */
export function isAnyGivenName(lower: string, withAmbiguous: boolean): boolean {
  if (AMBIGUOUS_FIRST_NAMES.has(lower)) return withAmbiguous;
  return FIRST_NAMES.has(lower) || isLexiconGivenName(lower);
}

/** Whether a lower-case word is a family name of the committed lexicon. */
export function isLexiconFamilyName(lower: string): boolean {
  return nameLexicon().family.has(lower);
}

/** Whether a lower-case word is a given or family name of the committed lexicon. */
export function isLexiconName(lower: string): boolean {
  const lexicon = nameLexicon();
  return lexicon.given.has(lower) || lexicon.family.has(lower);
}
