// Names found next to names the person-name detector already found: the other half of a name written family name
// first in a field ("From: \"Okafor, Chidi\""), a given name listed next to one ("Priya, Maria and Ana"), and a family
// name in capitals after a given name ("Marie CURIE"). Each pass reads only around the names found, within the
// detector's right-context reach, so the stream's cut rules (stream-boundaries.ts) hold for what it adds.
import { type Detection, PRIORITY } from "./detection.js";
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "./first-names.js";
import { isAnyGivenName } from "./name-lexicon.js";

/** What the passes ask of the person-name detector's word lists. */
export interface NeighbourWords {
  /** How far around a name they may read (NAME_RIGHT_CONTEXT_CHARS). */
  readonly reach: number;
  /** Whether a capitalised word at `start` may be part of a name (no everyday or English word, place or product). */
  mayBeName(word: string, start: number): boolean;
  /** Whether a lower-case word is a place or a product of the gazetteer. */
  isPlaceOrProduct(lower: string): boolean;
}

/** The family name after a given name in capitals ("JOHN SMITH"), a whole word of capitals. */
export const CAPITALS_SECOND_WORD = /^[ \t]+([A-Z][A-Z'’-]+)(?![\p{L}\p{N}])/u;

/**
 * Appends the names next to those found since `before`: family name first in a field (only in texts with a colon:
 * such fields have a label), given names in a list, a family name in capitals.
 */
export function extendFoundNames(
  text: string,
  out: Detection[],
  before: number,
  colon: boolean,
  words: NeighbourWords,
): void {
  if (colon) addInvertedNames(text, out, before, words);
  addListedNames(text, out, before, words);
  addFamilyNamesInCapitals(text, out, before, words);
}

/** Words in capitals after a name that are titles, degrees, roles or abbreviations, not a family name. */
const CAPITALS_NOT_FAMILY: ReadonlySet<string> = new Set(
  (
    "CEO CTO CFO COO CIO CMO CPO CISO VP SVP EVP HR IT PM QA PHD MBA MD USA UK EU UN NYC API SDK CPA RN DDS ESQ JR SR " +
    "III IV OK FYI ASAP PDF CSV SQL AWS GCP AM PM ET PT GMT UTC CET"
  ).split(" "),
);

/**
 * "Laura CHEN", "Jean DUPONT": a given name found alone, then a family name in capitals (as French and formal lists
 * write them) is one name. The capitals need three letters or more and must not be a title or an abbreviation.
 */
function addFamilyNamesInCapitals(text: string, out: Detection[], before: number, words: NeighbourWords): void {
  const found = out.length;
  for (let i = before; i < found; i++) {
    const name = out[i] as Detection;
    if (text.charCodeAt(name.end) !== 32 || !ONE_WORD.test(text.slice(name.start, name.end))) continue;
    const next = CAPITALS_SECOND_WORD.exec(text.slice(name.end, name.end + words.reach));
    const family = next?.[1];
    if (next === null || family === undefined || family.length < 3 || CAPITALS_NOT_FAMILY.has(family)) continue;
    out.push({
      category: "PERSON_NAME",
      start: name.start,
      end: name.end + next[0].length,
      priority: PRIORITY.personName,
    });
  }
}

/** ", ", " and ", " or ", " & " then one capitalised word that no other follows (group 1 the word). */
const LISTED_AFTER =
  /^(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)(\p{Lu}[\p{Ll}'’-]+)(?![\p{L}\p{N}'’-]|\s+(?:\p{Lu}|\d|(?:you|we|they|it|i|he|she)\b))/u;
/** One capitalised word that follows no other, then ", ", " and ", " or ", " & " (group 1 the word). */
const LISTED_BEFORE =
  /(?<![\p{L}\p{N}'’-]|\p{Lu}[\p{L}'’.-]*\s+)(\p{Lu}[\p{Ll}'’-]+)(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&)\s+)$/u;

/**
 * A given name listed next to a name ("Priya, Maria and Ana", "Ana and Priya Shah"): a person too, though alone it
 * would need more evidence ("Ana", "Grace", "Will"). Repeated along the list; not a place or product, nor a word a
 * number or a pronoun follows ("and June 3", "Priya, Will you …").
 */
function addListedNames(text: string, out: Detection[], before: number, words: NeighbourWords): void {
  for (let from = before, round = 0; from < out.length && round < 8; round++) {
    const to = out.length;
    for (let i = from; i < to; i++) {
      const name = out[i] as Detection;
      const after = joinerAfter(text, name.end)
        ? LISTED_AFTER.exec(text.slice(name.end, name.end + words.reach))
        : null;
      if (after) {
        const end = name.end + after[0].length;
        addListedName(out, after[1] as string, end - (after[1] as string).length, before, words);
      }
      const preceding = joinerBefore(text, name.start)
        ? LISTED_BEFORE.exec(text.slice(Math.max(0, name.start - words.reach), name.start))
        : null;
      if (preceding) {
        const start = name.start - preceding[0].length;
        addListedName(out, preceding[1] as string, start, before, words);
      }
    }
    from = to;
  }
}

/** Whether a list's joiner may start at `end` (a comma, or " and ", " or ", " & "): most names are followed by none. */
function joinerAfter(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (c === 44) return true;
  return c === 32 && (text.startsWith(" and ", end) || text.startsWith(" or ", end) || text.startsWith(" & ", end));
}

/** Whether a list's joiner may end at `start` (a comma and spaces, or "and ", "or ", "& "). */
function joinerBefore(text: string, start: number): boolean {
  let end = start;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  if (end === start) return text.charCodeAt(start - 1) === 44;
  const c = text.charCodeAt(end - 1);
  return c === 44 || c === 38 || text.endsWith(" and", end) || text.endsWith(" or", end);
}

function addListedName(out: Detection[], word: string, start: number, before: number, words: NeighbourWords): void {
  const lower = word.toLowerCase();
  if (!isAnyGivenName(lower, true)) return;
  if (words.isPlaceOrProduct(lower)) return;
  const end = start + word.length;
  for (let i = before; i < out.length; i++) {
    const other = out[i] as Detection;
    if (other.start < end && start < other.end) return;
  }
  out.push({ category: "PERSON_NAME", start, end, priority: PRIORITY.personName });
}

/** One capitalised word ending at the end of the text before it, then ", ": "Okafor, " (group 1 the word). */
const INVERTED_FIRST = /(\p{Lu}[\p{Ll}'’-]+), $/u;
/** ", " then one capitalised word ("…, Chidi"); group 1 the word. */
const INVERTED_SECOND = /^, (\p{Lu}[\p{Ll}'’-]+)/u;
/** What may open a field that holds a name: the text's or a line's start, ':', ';', a quote or a bracket. */
const FIELD_START = /(?:^|[\n:;"(<])[ \t]*["(]?$/;
/** What may close it: the text's or a line's end, ';', a quote or a bracket, or a space before '(' or '<'. */
const FIELD_END = /^["')]?(?:$|[\n;)<"]|[ \t]+[(<])/;

/**
 * Names written family name first in a form's field or a header ("From: \"Okafor, Chidi\"", "Patient: Lindqvist,
 * Maja (DOB …)"): a one-word name found on either side of the comma takes the other word, when the pair fills the
 * field, the other word may be a name and the first is no given name of the hand-written lexicon ("Guests: Priya,
 * Maria" lists two people). Only in texts with a colon: such fields have a label.
 */
function addInvertedNames(text: string, out: Detection[], before: number, words: NeighbourWords): void {
  const found = out.length;
  for (let i = before; i < found; i++) {
    const name = out[i] as Detection;
    const value = text.slice(name.start, name.end);
    if (!ONE_WORD.test(value)) continue;
    // Both forms need ", " next to the name: most names have none.
    const commaAfter = text.charCodeAt(name.end) === 44;
    const commaBefore = text.charCodeAt(name.start - 1) === 32 && text.charCodeAt(name.start - 2) === 44;
    if (!commaAfter && !commaBefore) continue;
    const second = commaAfter ? INVERTED_SECOND.exec(text.slice(name.end, name.end + words.reach)) : null;
    // "Priya, Maria" is a list of given names; a family name comes first.
    if (second !== null && !isKnownGivenName(value.toLowerCase())) {
      const end = name.end + second[0].length;
      if (
        FIELD_START.test(text.slice(Math.max(0, name.start - 8), name.start)) &&
        FIELD_END.test(text.slice(end, end + 3)) &&
        words.mayBeName(second[1] as string, end - (second[1] as string).length)
      ) {
        out.push({ category: "PERSON_NAME", start: name.start, end, priority: PRIORITY.personName });
        continue;
      }
    }
    const first = commaBefore
      ? INVERTED_FIRST.exec(text.slice(Math.max(0, name.start - words.reach), name.start))
      : null;
    if (first === null) continue;
    const start = name.start - first[0].length;
    if (
      !isKnownGivenName((first[1] as string).toLowerCase()) &&
      FIELD_START.test(text.slice(Math.max(0, start - 8), start)) &&
      FIELD_END.test(text.slice(name.end, name.end + 3)) &&
      words.mayBeName(first[1] as string, start)
    ) {
      out.push({ category: "PERSON_NAME", start, end: name.end, priority: PRIORITY.personName });
    }
  }
}

const ONE_WORD = /^\p{Lu}[\p{Ll}'’-]+$/u;

/** Whether a lower-case word is a given name of the hand-written lexicon. */
function isKnownGivenName(lower: string): boolean {
  return FIRST_NAMES.has(lower) || AMBIGUOUS_FIRST_NAMES.has(lower);
}
