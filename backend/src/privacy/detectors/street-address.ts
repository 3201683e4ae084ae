// Street addresses, in the shapes people write them:
//   number first, English suffix:  `1600 Amphitheatre Parkway, Mountain View, CA 94043`, `Flat 3, 14 Elm Grove`,
//                                  `350 5th Ave, Apt 4B`, `Unit 5/22 George St, Sydney NSW 2000`
//   number first, Romance type:    `12 rue de Rivoli, 75001 Paris`
//   type first, number last:       `Calle Mayor 12, 28013 Madrid`, `Via Roma 15`, `Rua Augusta 274`
//   Germanic compounds:            `Hauptstraße 5, 10115 Berlin`, `Kalverstraat 92`, `Berliner Straße 12`
//   post boxes:                    `P.O. Box 1234`, `Postfach 10 20 30`
// The span runs on over a unit, a city, a state and a postal code when they follow. Street names in lower case count
// only with full suffix words ("12 baker street") and no filler words; headline phrases ("10 Best Way…") do not.
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

/** An alternation of words in their written, lower, upper and capitalised forms (the regexes are case-sensitive). */
function anyCase(words: readonly string[]): string {
  const forms = new Set<string>();
  for (const word of words) {
    forms.add(word);
    forms.add(word.toLowerCase());
    forms.add(word.toUpperCase());
    forms.add(word.charAt(0).toUpperCase() + word.slice(1));
  }
  return `(?:${[...forms].map((form) => form.replace(/[.]/g, "\\.")).join("|")})`;
}

const UNIT_WORDS = [
  "Apt",
  "Apartment",
  "Suite",
  "Ste",
  "Unit",
  "Flat",
  "Fl",
  "Floor",
  "Room",
  "Rm",
  "Bldg",
  "Building",
  "Dept",
];
const UNIT_WORD = `(?:${anyCase(UNIT_WORDS)}|#)`;
const UNIT = String.raw`(?:,?\s*${UNIT_WORD}\.?\s*#?\s*[A-Za-z0-9-]{1,6})`;
const FULL_SUFFIXES = [
  "street",
  "avenue",
  "road",
  "boulevard",
  "lane",
  "drive",
  "court",
  "place",
  "terrace",
  "parkway",
  "highway",
  "crescent",
  "close",
  "grove",
  "square",
  "circle",
  "way",
  "alley",
  "trail",
  "row",
  "mews",
  "gardens",
  "walk",
  "hill",
  "parade",
  "esplanade",
  "expressway",
  "freeway",
  "turnpike",
  "plaza",
  "park",
  "green",
  "rise",
  "gate",
  "wharf",
  "quay",
  "view",
  "heights",
  "loop",
  "path",
  "pike",
  "point",
  "ridge",
  "run",
  "crossing",
  "bend",
  "cove",
];
const SHORT_SUFFIXES = [
  "st",
  "ave",
  "av",
  "rd",
  "blvd",
  "ln",
  "dr",
  "ct",
  "pl",
  "ter",
  "terr",
  "pkwy",
  "hwy",
  "cres",
  "cl",
  "gr",
  "sq",
  "cir",
  "wy",
  "aly",
  "trl",
  "pde",
  "expy",
  "fwy",
  "tpke",
  "plz",
  "hts",
  "cv",
  "xing",
];
/** English street suffixes, lower case, full and abbreviated. */
const SUFFIXES: ReadonlySet<string> = new Set([...FULL_SUFFIXES, ...SHORT_SUFFIXES]);
/** Suffixes that also count in a street name written in lower case ("12 baker street", "348 church st"). */
const LOWER_CASE_SUFFIXES = new Set([
  "street",
  "avenue",
  "road",
  "boulevard",
  "lane",
  "drive",
  "terrace",
  "parkway",
  "crescent",
  "st",
  "rd",
  "ave",
  "blvd",
  "ln",
  "dr",
]);
/** Street types written before the name, lower case: `12 rue de Rivoli`, `Via Roma 15`, `Calle Mayor 12`. */
const ROMANCE_TYPES: ReadonlySet<string> = new Set(
  (
    "rue avenue av. av boulevard bd bld place chemin allée impasse quai cours route via viale piazza piazzale corso " +
    "vicolo calle c/ avenida avda. avda rua travessa praça carrer plaza paseo camino ronda strada ulica ul."
  ).split(" "),
);
/** Germanic street words, as the end of a compound (`Hauptstraße`) or as a word of their own (`Berliner Straße`). */
const GERMANIC_ENDINGS = [
  "straße",
  "strasse",
  "str.",
  "weg",
  "gasse",
  "platz",
  "allee",
  "ring",
  "damm",
  "ufer",
  "chaussee",
  "steig",
  "laan",
  "straat",
  "gracht",
  "plein",
  "kade",
  "dijk",
  "singel",
  "vej",
  "gade",
  "gatan",
  "vägen",
  "väg",
  "veien",
  "vei",
  "gata",
  "gate",
  "utca",
  "katu",
  "tie",
  "markt",
];
/** GERMANIC_ENDINGS by the code of their last character (each ends in a lower-case ASCII letter or '.'). */
const GERMANIC_BY_LAST: ReadonlyMap<number, readonly string[]> = (() => {
  const byLast = new Map<number, string[]>();
  for (const ending of GERMANIC_ENDINGS) {
    const last = ending.charCodeAt(ending.length - 1);
    byLast.set(last, [...(byLast.get(last) ?? []), ending]);
  }
  return byLast;
})();

/**
 * A character as the `i` flag of a regular expression (without `u`) compares it with the endings: ASCII letters and
 * `Ä` in lower case (`ß` matches only itself, and no other character folds to an ASCII letter).
 */
function foldForEndings(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  return c === 0xc4 ? 0xe4 : c;
}

/**
 * Whether `text[start, end)` ends with one of GERMANIC_ENDINGS, without case: what
 * `/(?:straße|strasse|str\.|weg|…|markt)$/i.test(text.slice(start, end))` says, without the slice.
 */
function endsWithGermanic(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const endings = GERMANIC_BY_LAST.get(foldForEndings(text.charCodeAt(end - 1)));
  if (endings === undefined) return false;
  for (const ending of endings) {
    const from = end - ending.length;
    if (from < start) continue;
    let i = 0;
    while (i < ending.length && foldForEndings(text.charCodeAt(from + i)) === ending.charCodeAt(i)) i++;
    if (i === ending.length) return true;
  }
  return false;
}
/** Germanic prepositions that open a street name: `Am Markt 5`, `Unter den Linden 77`. */
const GERMANIC_OPENERS = /^(?:Am|An der|Auf dem|Auf der|Im|In der|Zum|Zur|Unter den|Hinter der|Alte|Alter|Neue|Neuer)$/;
const DIRECTION = String.raw`(?:\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)(?![\p{L}\p{N}])\.?)`;
const CAP_WORD = String.raw`[\p{Lu}][\p{L}'’-]*`;
/** US ZIP, four digits (and two letters: Dutch), UK, Canadian, and Irish Eircode (`D02 XY45`). */
const POSTCODE = String.raw`(?:\d{5}(?:-\d{4})?|\d{4}(?:\s?[A-Z]{2})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[AC-FHKNPRTV-Y]\d[\dW]\s?[AC-FHKNPRTV-Y\d]{4})`;
/** A city after the street, with a postal district (`Dublin 2`), a state and a postcode. */
const CITY = String.raw`(?:,\s*${CAP_WORD}(?:\s+${CAP_WORD}){0,2}(?:\s+\d{1,2}(?=,))?(?:,?\s+[A-Z]{2,3}\b)?(?:,?\s+${POSTCODE})?(?![\p{L}\p{N}])|,\s*${POSTCODE}\s+${CAP_WORD}(?:\s+${CAP_WORD})?)?`;
/** What may follow an English street: a direction, a unit, a city with state and postal code. */
const ENGLISH_TRAILER = new RegExp(String.raw`\.?${DIRECTION}?${UNIT}?${CITY}`, "uy");
/** A unit before the number: `Flat 3, 14 Elm Grove`, `Unit 5/22 George St`. */
const UNIT_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])${UNIT_WORD}\.?\s*(?:[A-Za-z0-9-]{1,5},?\s+)?$`, "u");
const PARTICLES = `(?:de|du|des|la|le|les|l'|d'|del|della|delle|dei|di|da|do|dos|das|y|e|los|las|el)`;
const ROMANCE_NAME = String.raw`(?:${PARTICLES}\s*)*${CAP_WORD}(?:\s+(?:${PARTICLES}\s+)*${CAP_WORD}){0,3}`;
const EUROPEAN_CITY = String.raw`(?:,?\s*(?:[A-Z]-)?(?:\d{4,5}|\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{5}-\d{3})\s+${CAP_WORD}(?:[\s-]${CAP_WORD}){0,2})?`;
/** After `<number> rue`: the name and the city (`de Rivoli, 75001 Paris`). */
const ROMANCE_REST = new RegExp(String.raw`\s+${ROMANCE_NAME}${EUROPEAN_CITY}`, "uy");
/** A Japanese ward, city, town or district in rōmaji: `Shibuya-ku`, `Yokohama-shi`. */
const JAPANESE_WARD = String.raw`\p{Lu}\p{L}*-(?:ku|shi|cho|machi|gun)`;
/**
 * A Japanese address in rōmaji: block numbers (`4-2-1`, `1-chome 2-3`), the district, the ward and the city, and the
 * postcode (`4-2-1 Shibuya, Shibuya-ku, Tokyo 150-0002`). The ward is required: block numbers alone are too common.
 */
const JAPANESE = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(?:\d{1,2}-chome[\s,-]+)?\d{1,4}(?:-\d{1,4}){1,2}\s+(?:${CAP_WORD}(?:\s+${CAP_WORD})?,\s*)?${JAPANESE_WARD}(?:,\s*${CAP_WORD}(?:\s+${CAP_WORD})?)?(?:,?\s*〒?\s?\d{3}-\d{4})?(?![\p{L}\p{N}])`,
  "gu",
);
const JAPANESE_GATE = new WordGate(["-ku", "-shi", "-cho", "-machi", "-gun"]);
/** A Spanish door after the floor: a letter, left, right or centre (`2º izq.`, `3º B`, `1ª dcha.`). */
const DOOR = String.raw`(?:[A-Z]\b|(?:izq(?:da|uierda)?|dcha|dch|derecha|der|centro|ctro)\b\.?)`;
/** After the house number of a street whose number comes last: a letter, a floor and door, a city. */
const NUMBER_LAST_REST = new RegExp(
  String.raw`\s?[a-z]?\b(?:,?\s*\d{1,2}[º°ª](?:\s?${DOOR})?)?(?:${EUROPEAN_CITY}|\s+-\s+${CAP_WORD}(?:\s+(?:${PARTICLES}\s+)?${CAP_WORD}){0,2})`,
  "uy",
);
/** A house number followed by a postal code and a city: `Damrak 152, 1012 AB Amsterdam`. */
const POSTCODE_CITY_AFTER = new RegExp(
  String.raw`[a-z]?,\s*(?:[A-Z]-)?(?:\d{5}|\d{4}\s?[A-Z]{2}|\d{4}|\d{2}-\d{3})\s+${CAP_WORD}`,
  "uy",
);
/**
 * Every lower-case word that can be part of an address without a digit next to it: suffixes, types, unit words,
 * street words of other languages, post-box words. The stream redactor never cuts right after one.
 */
export const ADDRESS_WORDS: ReadonlySet<string> = new Set([
  ...SUFFIXES,
  ...ROMANCE_TYPES,
  ...GERMANIC_ENDINGS,
  ...UNIT_WORDS.map((word) => word.toLowerCase()),
  ..."po p.o. box postfach apartado casella postale gpo post office flat house plot door no".split(" "),
]);

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const UPPER_START = /^\p{Lu}/u;
const ENDS_WITH_STOP = /[.,]$/;
const SPACE_OR_COMMA = /[\s,]/;
const NUMBER = /^\p{N}/u;
/** Up to five words after a house number, in one match. */
const FLAT_FIRST =
  /(?<![\p{L}\p{N}])(?:Flat|House|Plot|Door|H\.?\s?No\.?)\s*(?:No\.?\s*)?\d{1,5}[A-Z]?(?:,\s*[\p{Lu}\d][\p{L}\d'’-]*(?:\s+[\p{Lu}\d][\p{L}\d'’-]*){0,3}){2,5}/gu;
const ORDINAL = /\d{1,3}(?:st|nd|rd|th)\b/y;
const FLAT_HINT = /Flat|House|Plot|Door|H\.?\s?No/;
const PO_BOX =
  /(?<![\p{L}\p{N}])(?:P\.?\s?O\.?\s*Box|Post\s+Office\s+Box|Postfach|Apartado(?:\s+de\s+Correos)?|Casella\s+Postale|GPO\s+Box)\s+\d{1,6}(?:\s\d{2}){0,2}\b/giu;

/** What may follow a post box: a town with its state and postcode, or a postcode and a town (CITY). */
const PO_BOX_TOWN = new RegExp(CITY, "uy");
/** The words that PO_BOX and FLAT_FIRST need, for gates before searching for them. */
const PO_BOX_GATE = new WordGate(["box", "postfach", "apartado", "casella"]);
const FLAT_GATE = new WordGate(["flat", "house", "plot", "door", "hno", "h no", "h.no", "h. no"]);

/** Words that make "<number> <words> <suffix>" a phrase, not a street ("10 Best Way to…", "5 miles down the road"). */
const NOT_STREET_WORDS = new Set(
  (
    "best top easy simple quick great key important different more other common free good bad new ways things " +
    "reasons tips steps times days weeks months years hours minutes miles km kilometers meters blocks people " +
    "the a an of to down up along across from on in into at by for with and or my your our his her their this that " +
    "these those it is are was were be"
  ).split(" "),
);

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Whether a character may be part of a street-name word. */
function isWordChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
  if (code === 39 || code === 45 || code === 46 || code === 47 || code === 0x2019) return true;
  return code > 127 && LETTER.test(text[index] as string);
}

/** `/^\p{Lu}/u.test(word)`, without the regular expression for ASCII. */
function startsUpper(word: string): boolean {
  const c = word.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : UPPER_START.test(word);
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/** Up to `max` words right before `index`, nearest last. */
function wordsBefore(text: string, index: number, max: number): Word[] {
  const words: Word[] = [];
  let end = index;
  while (words.length < max) {
    let start = end;
    while (start > 0 && isWordChar(text, start - 1)) start--;
    if (start === end) break;
    words.unshift({ text: text.slice(start, end), start, end });
    end = start;
    if (end === 0 || !isSpaceOrTab(text.charCodeAt(end - 1))) break;
    end--;
  }
  return words;
}

const NO_WORDS: readonly Word[] = [];

/** Whether a word (a letter, or an ordinal like "5th") follows the number, after an optional comma and spaces. */
function followedByWord(text: string, index: number): boolean {
  let i = index;
  if (text.charCodeAt(i) === 44) i++;
  if (text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) return false;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) return true;
  ORDINAL.lastIndex = i;
  return c >= 48 && c <= 57 && ORDINAL.test(text);
}

/**
 * The words after a house number, with their offsets: what
 * `/,?[ \t]+((?:[\p{L}\d][\p{L}\d'’.-]*[ \t]+){0,4}[\p{L}\d][\p{L}\d'’.-]*)/uy` matches at `numberEnd`, without
 * backtracking: up to five words (a letter or digit, then letters, digits and `'’.-`), one space or tab or more
 * apart, up to the first one that is not followed by a space before another word.
 */
function wordsAfter(text: string, numberEnd: number): Word[] {
  let i = numberEnd;
  if (text.charCodeAt(i) === 44) i++;
  const words: Word[] = [];
  while (words.length < 5) {
    const gapStart = i;
    while (i < text.length && isSpaceOrTab(text.charCodeAt(i))) i++;
    if (i === gapStart) break;
    const start = i;
    let size = wordCharSize(text, i, true);
    while (size > 0) {
      i += size;
      size = wordCharSize(text, i, false);
    }
    if (i === start) break;
    words.push({ text: text.slice(start, i), start, end: i });
  }
  return words;
}

/** The size of the code point at `index` if it is `[\p{L}\d]` (`first`) or `[\p{L}\d'’.-]`, else 0. */
function wordCharSize(text: string, index: number, first: boolean): number {
  if (index >= text.length) return 0;
  const c = text.charCodeAt(index);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return 1;
  if (!first && (c === 39 || c === 0x2019 || c === 46 || c === 45)) return 1;
  if (c < 128) return 0;
  const size = (c & 0xfc00) === 0xd800 && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  return LETTER.test(text.slice(index, index + size)) ? size : 0;
}

function push(out: Detection[], start: number, end: number, text: string): void {
  let trimmed = end;
  while (trimmed > start && SPACE_OR_COMMA.test(text[trimmed - 1] as string)) trimmed--;
  out.push({ category: "STREET_ADDRESS", start, end: trimmed, priority: PRIORITY.streetAddress });
}

/** The shortest and longest of SUFFIXES. */
const SUFFIX_LENGTHS = {
  min: Math.min(...[...SUFFIXES].map((suffix) => suffix.length)),
  max: Math.max(...[...SUFFIXES].map((suffix) => suffix.length)),
};

/** `word.replace(/\.+$/, "")`, without a regular expression. */
function withoutTrailingDots(word: string): string {
  let end = word.length;
  while (end > 0 && word.charCodeAt(end - 1) === 46) end--;
  return end === word.length ? word : word.slice(0, end);
}

/** `1600 Amphitheatre Parkway…`, `221B Baker Street…`: the end of the street and its trailer, or -1. */
function englishStreet(text: string, words: readonly Word[]): number {
  if (words.length < 2) return -1;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as Word;
    const suffix = withoutTrailingDots(word.text);
    // Only strings of ASCII letters (or the Kelvin sign) lower to a suffix, and they keep their length.
    if (suffix.length < SUFFIX_LENGTHS.min || suffix.length > SUFFIX_LENGTHS.max) continue;
    const lower = suffix.toLowerCase();
    if (!SUFFIXES.has(lower)) continue;
    const names = words.slice(0, i);
    if (names.some((name) => NOT_STREET_WORDS.has(name.text.toLowerCase()))) return -1;
    const capitalised = names.every((name) => isDigit(name.text.charCodeAt(0)) || startsUpper(name.text));
    const ok = capitalised
      ? startsUpper(suffix) || LOWER_CASE_SUFFIXES.has(lower)
      : names.length <= 2 && LOWER_CASE_SUFFIXES.has(suffix);
    if (!ok) return -1;
    const end = word.start + suffix.length;
    ENGLISH_TRAILER.lastIndex = end;
    const trailer = ENGLISH_TRAILER.exec(text);
    return end + (trailer?.[0].length ?? 0);
  }
  return -1;
}

/** The length of `/,?[ \t]+$/` in the four characters before `index` (0 without a match). */
function gapBefore(text: string, index: number): number {
  const limit = Math.max(0, index - 4);
  let start = index;
  while (start > limit && isSpaceOrTab(text.charCodeAt(start - 1))) start--;
  if (start === index) return 0;
  if (start > limit && text.charCodeAt(start - 1) === 44) start--;
  return index - start;
}

/** `Hauptstraße 5`, `Calle Mayor 12`, `Rua Augusta, 35`, `Damrak 152, 1012 AB Amsterdam`: the street's start, or -1. */
function streetBeforeNumber(text: string, numberStart: number, numberEnd: number): number {
  // Cheap test first: the word before the number is capitalised, or a street word ("gate", "vej").
  let gapStart = numberStart;
  while (gapStart > 0 && isSpaceOrTab(text.charCodeAt(gapStart - 1))) gapStart--;
  if (text.charCodeAt(gapStart - 1) === 44) gapStart--;
  const wordStart = text.lastIndexOf(" ", gapStart - 1) + 1;
  const code = text.charCodeAt(wordStart);
  if (!((code >= 65 && code <= 90) || code > 127) && !endsWithGermanic(text, wordStart, gapStart)) return -1;
  const gap = gapBefore(text, numberStart);
  if (gap === 0) return -1;
  const before = wordsBefore(text, numberStart - gap, 5);
  const last = before.at(-1);
  if (last === undefined) return -1;
  const lastLower = last.text.toLowerCase();
  const germanic = endsWithGermanic(lastLower, 0, lastLower.length);
  if (!germanic && !startsUpper(last.text)) return -1;
  // Type first: the nearest Romance type word among the words before ("Calle", "Via", "Rua", "Avenida").
  for (let i = before.length - 1; i >= 0; i--) {
    const word = before[i] as Word;
    if (startsUpper(word.text) && ROMANCE_TYPES.has(word.text.toLowerCase())) return word.start;
  }
  // Germanic compounds and street words: `Hauptstraße 5`, `Berliner Straße 12`, `Karl Johans gate 25`.
  if (germanic) {
    // The name may have up to two capitalised words before a separate street word.
    let start = last.start;
    for (let i = before.length - 2; i >= 0 && i >= before.length - 3; i--) {
      const word = before[i] as Word;
      if (!startsUpper(word.text) || ENDS_WITH_STOP.test(word.text)) break;
      start = word.start;
    }
    return startsUpper(text[start] as string) ? start : -1;
  }
  const previous = before.at(-2);
  if (previous !== undefined && GERMANIC_ENDINGS.includes(previous.text.toLowerCase()) === false) {
    const twoBack = before.at(-3);
    if (GERMANIC_OPENERS.test(previous.text)) return previous.start;
    if (twoBack !== undefined && GERMANIC_OPENERS.test(`${twoBack.text} ${previous.text}`)) return twoBack.start;
  }
  // Any capitalised name when a postal code and a city follow the number.
  // The pattern starts with `[a-z]?,`.
  const next = text.charCodeAt(numberEnd);
  if (next !== 44 && !(next >= 97 && next <= 122)) return -1;
  POSTCODE_CITY_AFTER.lastIndex = numberEnd;
  return POSTCODE_CITY_AFTER.test(text) ? last.start : -1;
}

/**
 * The end of the house number at a run of digits, or -1: where every number-bearing shape is tried. Without
 * backtracking, what `/(?<![\p{L}\p{N}.,:/-])\d{1,6}(?:[-/]\d{1,5})?[A-Za-z]?(?![\p{N}])/uy` matches there: the
 * whole run (at most six digits; fewer would leave a digit next), then `-12` or `/12` when a whole run of at most five
 * digits follows and what comes after can end the number, then a letter unless a number follows it.
 */
function houseNumberEnd(text: string, start: number): number {
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    if (before < 128) {
      if ((before >= 65 && before <= 90) || (before >= 97 && before <= 122)) return -1;
      if (before === 46 || before === 44 || before === 58 || before === 47 || before === 45) return -1;
    } else if (LETTER_OR_NUMBER.test(codePointEndingAt(text, start))) return -1;
  }
  const digitsEnd = digitRunEnd(text, start);
  if (digitsEnd - start > 6) return -1;
  const c = text.charCodeAt(digitsEnd);
  if (c === 45 || c === 47) {
    const secondEnd = digitRunEnd(text, digitsEnd + 1);
    if (secondEnd > digitsEnd + 1 && secondEnd - digitsEnd - 1 <= 5) {
      const end = numberTailEnd(text, secondEnd);
      if (end >= 0) return end;
    }
  }
  return numberTailEnd(text, digitsEnd);
}

function digitRunEnd(text: string, start: number): number {
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return end;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** After the digits: an optional letter, then no number (`(?:[A-Za-z])?(?![\p{N}])`); the end, or -1. */
function numberTailEnd(text: string, index: number): number {
  const c = text.charCodeAt(index);
  // A letter is no number: without the letter the number ends before it.
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return isNumberAt(text, index + 1) ? index : index + 1;
  return isNumberAt(text, index) ? -1 : index;
}

/** Whether the code point at `index` is a number (`\p{N}`). */
function isNumberAt(text: string, index: number): boolean {
  if (index >= text.length) return false;
  const c = text.charCodeAt(index);
  if (c < 128) return isDigit(c);
  return NUMBER.test(text.slice(index, index + 2));
}

/** The code point that ends at `index` (a surrogate pair, or one code unit). */
function codePointEndingAt(text: string, index: number): string {
  const pair =
    index >= 2 && (text.charCodeAt(index - 1) & 0xfc00) === 0xdc00 && (text.charCodeAt(index - 2) & 0xfc00) === 0xd800;
  return text.slice(pair ? index - 2 : index - 1, index);
}

export const streetAddressDetector: Detector = {
  category: "STREET_ADDRESS",
  mayMatch: (scan) => scan.digits >= 1,
  detect(scan: TextScan, out: Detection[]): void {
    const { text, numbers } = scan;
    if (JAPANESE_GATE.mayContain(scan.trigrams)) {
      JAPANESE.lastIndex = 0;
      for (let match = JAPANESE.exec(text); match !== null; match = JAPANESE.exec(text)) {
        push(out, match.index, match.index + match[0].length, text);
      }
    }
    for (const site of numbers) {
      const numberEnd = houseNumberEnd(text, site);
      if (numberEnd < 0) continue;
      const numberStart = site;
      const after = followedByWord(text, numberEnd) ? wordsAfter(text, numberEnd) : NO_WORDS;
      const english = englishStreet(text, after);
      if (english >= 0) {
        const unit = UNIT_BEFORE.exec(text.slice(Math.max(0, numberStart - 24), numberStart));
        push(out, numberStart - (unit?.[0].length ?? 0), english, text);
        continue;
      }
      const next = after[0];
      if (next !== undefined && ROMANCE_TYPES.has(next.text.toLowerCase())) {
        ROMANCE_REST.lastIndex = next.end;
        const rest = ROMANCE_REST.exec(text);
        if (rest !== null) {
          push(out, numberStart, ROMANCE_REST.lastIndex, text);
          continue;
        }
      }
      if (numberStart > 1 && isSpaceOrTab(text.charCodeAt(numberStart - 1))) {
        const start = streetBeforeNumber(text, numberStart, numberEnd);
        if (start >= 0) {
          NUMBER_LAST_REST.lastIndex = numberEnd;
          const rest = NUMBER_LAST_REST.exec(text);
          push(out, start, numberEnd + (rest?.[0].length ?? 0), text);
        }
      }
    }
    const lower = PO_BOX_GATE.mayContain(scan.trigrams) ? scan.lower : "";
    if (
      lower.includes("box") ||
      lower.includes("postfach") ||
      lower.includes("apartado") ||
      lower.includes("casella")
    ) {
      PO_BOX.lastIndex = 0;
      for (let match = PO_BOX.exec(text); match !== null; match = PO_BOX.exec(text)) {
        // The town, state and postcode after the box belong to the address ("P.O. Box 1234, Anchorage AK 99501").
        const end = match.index + match[0].length;
        PO_BOX_TOWN.lastIndex = end;
        push(out, match.index, end + (PO_BOX_TOWN.exec(text)?.[0].length ?? 0), text);
      }
    }
    if (
      FLAT_GATE.mayContain(scan.trigrams) &&
      (text.includes("Flat") ||
        text.includes("House") ||
        text.includes("Plot") ||
        text.includes("Door") ||
        (text.includes("No") && FLAT_HINT.test(text)))
    ) {
      FLAT_FIRST.lastIndex = 0;
      for (let match = FLAT_FIRST.exec(text); match !== null; match = FLAT_FIRST.exec(text)) {
        push(out, match.index, match.index + match[0].length, text);
      }
    }
  },
};
