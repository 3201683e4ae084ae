// Given names written in lower case, as casual chat writes them: "talked to priya yesterday", "ping rahul when done",
// "tommaso said it's fine", "met oluwaseun and kwame". A lower-case word is a name only when it is a given name of the
// lexicons that is no English word (first-names.ts without its ambiguous names, name-lexicon.ts) and a verb or
// preposition that takes a person comes right before it, or a verb of speech right after it. "will", "mark" and
// "grace" are words first and stay words; "the maria db server" has no such neighbour.

import { type Detection, PRIORITY } from "./detection.js";
import { isAnyGivenName, isEnglishNonName } from "./name-lexicon.js";

/** A person-taking word, then a lower-case word (group 1). */
const AFTER_PERSON_WORD =
  /\b(?:ask|asked|asking|tell|told|telling|met|meet|meeting|with|to|from|cc|ping|pinged|call|called|calling|email|emailed|text|texted|thank|thanks|thx|invite|invited|hi|hey|hello|dear|remind|reminded|message|messaged|dm|dmed|tag|tagged|for|and)\s+([a-z][a-z'’-]{1,20})\b(?![.+_-]?[\w@])/g;
/** A lower-case word (group 1), then a verb of speech. */
const BEFORE_SPEECH =
  /(?<![\w.@+-])([a-z][a-z'’-]{1,20})\s+(?:said|says|told|asked|wrote|replied|mentioned|thinks|thought|suggested|agreed|confirmed|texted|emailed|called)\b/g;

/** Given names of the lexicon that chat uses as words: codes, currencies, abbreviations. */
const NOT_CASUAL_NAMES: ReadonlySet<string> = new Set("iban bic swift ssn pin otp btc eth usd eur gbp api".split(" "));

/** Whether a lower-case word is a given name that is no English word. */
function isCasualName(word: string): boolean {
  return !NOT_CASUAL_NAMES.has(word) && isAnyGivenName(word, false) && !isEnglishNonName(word);
}

/**
 * Appends a PERSON_NAME for each lower-case given name next to a word that takes a person. Only in texts that write
 * in lower case (the caller checks): elsewhere names are capitalised and found as such.
 */
export function detectCasualNames(text: string, out: Detection[]): void {
  for (const pattern of [AFTER_PERSON_WORD, BEFORE_SPEECH]) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const word = match[1] as string;
      if (!isCasualName(word)) {
        // The word may take a person itself ("and" in "met priya and kwame"): look again from it.
        pattern.lastIndex = match.index + match[0].length - word.length;
        continue;
      }
      const start = pattern === AFTER_PERSON_WORD ? match.index + match[0].length - word.length : match.index;
      out.push({ category: "PERSON_NAME", start, end: start + word.length, priority: PRIORITY.personName });
      if (pattern === AFTER_PERSON_WORD) pattern.lastIndex = start;
    }
  }
}
