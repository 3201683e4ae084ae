// Names written in capitals without a cue, as shouted messages, forms and badges write them: "CALL JOHN SMITH",
// "LAURA CHEN signed it". Two or three words in capitals are a name when the first is a given name of the lexicons
// and the others are given or family names, none an English word, a place or an abbreviation ("JOHN" alone, "NEW
// YORK", "ASAP PLEASE" are not). After a cue ("Name: JOHN SMITH") the person-name detector finds them anyway.
import { type Detection, PRIORITY } from "./detection.js";
import { AMBIGUOUS_FIRST_NAMES } from "./first-names.js";
import { isAnyGivenName, isEnglishNonName, isLexiconFamilyName, nameLexicon } from "./name-lexicon.js";
import { SURNAMES } from "./surnames.js";

/** A word in capitals at a site (two letters or more, apostrophes and hyphens inside), then up to two more. */
const CAPITALS_RUN = /[A-Z][A-Z'’-]*[A-Z](?:[ \t]+[A-Z][A-Z'’-]*[A-Z]){1,2}(?![\p{L}\p{N}])/uy;
const WORD = /[A-Z][A-Z'’-]*[A-Z]/g;

/** Names that are also verbs and auxiliaries a shouted sentence puts after a name ("LAURA SAID NO", "MARIA WILL"). */
const VERBS_AFTER_NAMES: ReadonlySet<string> = new Set(
  (
    "said says will would may might can could shall should must did does do done go goes went sent told asked " +
    "called wrote signed left joined came got is was has had"
  ).split(" "),
);

/** A family name (or a second given name) after a given name: English words that are names too count ("SMITH"). */
function isFamilyOrGiven(lower: string): boolean {
  if (SURNAMES.has(lower) || isLexiconFamilyName(lower)) return true;
  if (VERBS_AFTER_NAMES.has(lower) || AMBIGUOUS_FIRST_NAMES.has(lower)) return false;
  return isAnyGivenName(lower, false) || nameLexicon().alsoWords.has(lower);
}

/**
 * Appends a PERSON_NAME for each run of two or three words in capitals that is a name by the lexicons.
 * @param capitals Where capitalised words start (TextScan.capitals).
 */
export function detectNamesInCapitals(text: string, capitals: readonly number[], out: Detection[]): void {
  let next = 0;
  for (const site of capitals) {
    if (site < next) continue;
    const second = text.charCodeAt(site + 1);
    if (!(second >= 65 && second <= 90)) continue;
    if (site > 0) {
      const before = text.charCodeAt(site - 1);
      // Inside a run of capitals that started earlier (its first word failed): not a start.
      if (before >= 65 && before <= 90) continue;
    }
    CAPITALS_RUN.lastIndex = site;
    const match = CAPITALS_RUN.exec(text);
    if (match === null) continue;
    // The words and where each ends; the name is the first and those after it that are names, one at least.
    const run = match[0];
    const words: { lower: string; end: number }[] = [];
    WORD.lastIndex = 0;
    for (let word = WORD.exec(run); word !== null; word = WORD.exec(run)) {
      words.push({ lower: word[0].toLowerCase(), end: site + word.index + word[0].length });
    }
    const first = words[0];
    if (first === undefined || !isAnyGivenName(first.lower, false) || isEnglishNonName(first.lower)) continue;
    let last = 0;
    while (last + 1 < words.length) {
      const word = (words[last + 1] as { lower: string }).lower;
      if (!isFamilyOrGiven(word)) break;
      last++;
    }
    if (last === 0) continue;
    next = (words[last] as { end: number }).end;
    out.push({ category: "PERSON_NAME", start: site, end: next, priority: PRIORITY.personName });
  }
}
