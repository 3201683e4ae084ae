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
const GERMANIC_TAIL = new RegExp(`(?:${GERMANIC_ENDINGS.map((ending) => ending.replace(".", "\\.")).join("|")})$`, "i");
/** Germanic prepositions that open a street name: `Am Markt 5`, `Unter den Linden 77`. */
const GERMANIC_OPENERS = /^(?:Am|An der|Auf dem|Auf der|Im|In der|Zum|Zur|Unter den|Hinter der|Alte|Alter|Neue|Neuer)$/;
const DIRECTION = String.raw`(?:\s+(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)(?![\p{L}\p{N}])\.?)`;
const CAP_WORD = String.raw`[\p{Lu}][\p{L}'’-]*`;
const POSTCODE = String.raw`(?:\d{5}(?:-\d{4})?|\d{4}(?:\s?[A-Z]{2})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)`;
const CITY = String.raw`(?:,\s*${CAP_WORD}(?:\s+${CAP_WORD}){0,2}(?:,?\s+[A-Z]{2,3}\b)?(?:,?\s+${POSTCODE})?(?![\p{L}\p{N}])|,\s*${POSTCODE}\s+${CAP_WORD}(?:\s+${CAP_WORD})?)?`;
/** What may follow an English street: a direction, a unit, a city with state and postal code. */
const ENGLISH_TRAILER = new RegExp(String.raw`\.?${DIRECTION}?${UNIT}?${CITY}`, "uy");
/** A unit before the number: `Flat 3, 14 Elm Grove`, `Unit 5/22 George St`. */
const UNIT_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}])${UNIT_WORD}\.?\s*(?:[A-Za-z0-9-]{1,5},?\s+)?$`, "u");
const PARTICLES = `(?:de|du|des|la|le|les|l'|d'|del|della|delle|dei|di|da|do|dos|das|y|e|los|las|el)`;
const ROMANCE_NAME = String.raw`(?:${PARTICLES}\s*)*${CAP_WORD}(?:\s+(?:${PARTICLES}\s+)*${CAP_WORD}){0,3}`;
const EUROPEAN_CITY = String.raw`(?:,?\s*(?:[A-Z]-)?(?:\d{4,5}|\d{4}\s?[A-Z]{2}|\d{2}-\d{3}|\d{5}-\d{3})\s+${CAP_WORD}(?:[\s-]${CAP_WORD}){0,2})?`;
/** After `<number> rue`: the name and the city (`de Rivoli, 75001 Paris`). */
const ROMANCE_REST = new RegExp(String.raw`\s+${ROMANCE_NAME}${EUROPEAN_CITY}`, "uy");
/** After the house number of a street whose number comes last: a letter, a floor, a city. */
const NUMBER_LAST_REST = new RegExp(
  String.raw`\s?[a-z]?\b(?:,?\s*\d{1,2}[º°ª](?:\s?[A-Z])?\b)?(?:${EUROPEAN_CITY}|\s+-\s+${CAP_WORD}(?:\s+(?:${PARTICLES}\s+)?${CAP_WORD}){0,2})`,
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

/** Every house number: where all number-bearing shapes are tried. */
const NUMBER_SITE = /(?<![\p{L}\p{N}.,:/-])\d{1,6}(?:[-/]\d{1,5})?[A-Za-z]?(?![\p{N}])/uy;
/** Up to five words after a house number, in one match. */
const WORDS_AFTER = /,?[ \t]+((?:[\p{L}\d][\p{L}\d'’.-]*[ \t]+){0,4}[\p{L}\d][\p{L}\d'’.-]*)/uy;
const FLAT_FIRST =
  /(?<![\p{L}\p{N}])(?:Flat|House|Plot|Door|H\.?\s?No\.?)\s*(?:No\.?\s*)?\d{1,5}[A-Z]?(?:,\s*[\p{Lu}\d][\p{L}\d'’-]*(?:\s+[\p{Lu}\d][\p{L}\d'’-]*){0,3}){2,5}/gu;
const ORDINAL = /\d{1,3}(?:st|nd|rd|th)\b/y;
const FLAT_HINT = /Flat|House|Plot|Door|H\.?\s?No/;
const PO_BOX =
  /(?<![\p{L}\p{N}])(?:P\.?\s?O\.?\s*Box|Post\s+Office\s+Box|Postfach|Apartado(?:\s+de\s+Correos)?|Casella\s+Postale|GPO\s+Box)\s+\d{1,6}(?:\s\d{2}){0,2}\b/giu;

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
function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
  if (code === 39 || code === 45 || code === 46 || code === 47 || code === 0x2019) return true;
  return code > 127 && /\p{L}/u.test(c);
}

/** Up to `max` words right before `index`, nearest last. */
function wordsBefore(text: string, index: number, max: number): Word[] {
  const words: Word[] = [];
  let end = index;
  while (words.length < max) {
    let start = end;
    while (start > 0 && isWordChar(text[start - 1] as string)) start--;
    if (start === end) break;
    words.unshift({ text: text.slice(start, end), start, end });
    end = start;
    if (end === 0 || (text[end - 1] !== " " && text[end - 1] !== "\t")) break;
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

/** The words after a house number, with their offsets. */
function wordsAfter(text: string, numberEnd: number): Word[] {
  WORDS_AFTER.lastIndex = numberEnd;
  const match = WORDS_AFTER.exec(text);
  if (match === null) return [];
  const chunk = match[1] as string;
  let offset = numberEnd + match[0].length - chunk.length;
  const words: Word[] = [];
  for (const word of chunk.split(/[ \t]+/)) {
    const start = text.indexOf(word, offset);
    words.push({ text: word, start, end: start + word.length });
    offset = start + word.length;
  }
  return words;
}

function push(out: Detection[], start: number, end: number, text: string): void {
  let trimmed = end;
  while (trimmed > start && /[\s,]/.test(text[trimmed - 1] as string)) trimmed--;
  out.push({ category: "STREET_ADDRESS", start, end: trimmed, priority: PRIORITY.streetAddress });
}

/** `1600 Amphitheatre Parkway…`, `221B Baker Street…`: the end of the street and its trailer, or -1. */
function englishStreet(text: string, words: readonly Word[]): number {
  if (words.length < 2) return -1;
  for (let i = 1; i < words.length; i++) {
    const word = words[i] as Word;
    const suffix = word.text.replace(/\.+$/, "");
    const lower = suffix.toLowerCase();
    if (!SUFFIXES.has(lower)) continue;
    const names = words.slice(0, i);
    if (names.some((name) => NOT_STREET_WORDS.has(name.text.toLowerCase()))) return -1;
    const capitalised = names.every((name) => /^(?:\p{Lu}|\d)/u.test(name.text));
    const ok = capitalised
      ? /^\p{Lu}/u.test(suffix) || LOWER_CASE_SUFFIXES.has(lower)
      : names.length <= 2 && LOWER_CASE_SUFFIXES.has(suffix);
    if (!ok) return -1;
    const end = word.start + suffix.length;
    ENGLISH_TRAILER.lastIndex = end;
    const trailer = ENGLISH_TRAILER.exec(text);
    return end + (trailer?.[0].length ?? 0);
  }
  return -1;
}

/** `Hauptstraße 5`, `Calle Mayor 12`, `Rua Augusta, 35`, `Damrak 152, 1012 AB Amsterdam`: the street's start, or -1. */
function streetBeforeNumber(text: string, numberStart: number, numberEnd: number): number {
  // Cheap test first: the word before the number is capitalised, or a street word ("gate", "vej").
  let gapStart = numberStart;
  while (gapStart > 0 && (text[gapStart - 1] === " " || text[gapStart - 1] === "\t")) gapStart--;
  if (text[gapStart - 1] === ",") gapStart--;
  const wordStart = text.lastIndexOf(" ", gapStart - 1) + 1;
  const code = text.charCodeAt(wordStart);
  if (!((code >= 65 && code <= 90) || code > 127) && !GERMANIC_TAIL.test(text.slice(wordStart, gapStart))) return -1;
  const gap = /,?[ \t]+$/.exec(text.slice(Math.max(0, numberStart - 4), numberStart));
  if (gap === null) return -1;
  const before = wordsBefore(text, numberStart - gap[0].length, 5);
  const last = before.at(-1);
  if (last === undefined) return -1;
  const lastLower = last.text.toLowerCase();
  const germanic = GERMANIC_TAIL.test(lastLower);
  if (!germanic && !/^\p{Lu}/u.test(last.text)) return -1;
  // Type first: the nearest Romance type word among the words before ("Calle", "Via", "Rua", "Avenida").
  for (let i = before.length - 1; i >= 0; i--) {
    const word = before[i] as Word;
    if (ROMANCE_TYPES.has(word.text.toLowerCase()) && /^\p{Lu}/u.test(word.text)) return word.start;
  }
  // Germanic compounds and street words: `Hauptstraße 5`, `Berliner Straße 12`, `Karl Johans gate 25`.
  if (germanic) {
    // The name may have up to two capitalised words before a separate street word.
    let start = last.start;
    for (let i = before.length - 2; i >= 0 && i >= before.length - 3; i--) {
      const word = before[i] as Word;
      if (!/^\p{Lu}/u.test(word.text) || /[.,]$/.test(word.text)) break;
      start = word.start;
    }
    return /^\p{Lu}/u.test(text[start] as string) ? start : -1;
  }
  const previous = before.at(-2);
  if (previous !== undefined && GERMANIC_ENDINGS.includes(previous.text.toLowerCase()) === false) {
    const twoBack = before.at(-3);
    if (GERMANIC_OPENERS.test(previous.text)) return previous.start;
    if (twoBack !== undefined && GERMANIC_OPENERS.test(`${twoBack.text} ${previous.text}`)) return twoBack.start;
  }
  // Any capitalised name when a postal code and a city follow the number.
  POSTCODE_CITY_AFTER.lastIndex = numberEnd;
  return POSTCODE_CITY_AFTER.test(text) ? last.start : -1;
}

/**
 * Whether NUMBER_SITE can match at a run of digits: at most six digits, not after a letter or one of `.,:/-` (a
 * non-ASCII character before it is left to the pattern).
 */
function mayBeHouseNumber(text: string, start: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  if (before < 128) {
    if ((before >= 65 && before <= 90) || (before >= 97 && before <= 122)) return false;
    if (before === 46 || before === 44 || before === 58 || before === 47 || before === 45) return false;
  }
  let end = start;
  while (end < text.length && end - start <= 6) {
    const c = text.charCodeAt(end);
    if (c < 48 || c > 57) break;
    end++;
  }
  return end - start <= 6;
}

export const streetAddressDetector: Detector = {
  category: "STREET_ADDRESS",
  mayMatch: (scan) => scan.digits >= 1,
  detect(scan: TextScan, out: Detection[]): void {
    const { text, numbers } = scan;
    for (const site of numbers) {
      if (!mayBeHouseNumber(text, site)) continue;
      NUMBER_SITE.lastIndex = site;
      const match = NUMBER_SITE.exec(text);
      if (match === null) continue;
      const numberStart = match.index;
      const numberEnd = numberStart + match[0].length;
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
      if (numberStart > 1 && (text[numberStart - 1] === " " || text[numberStart - 1] === "\t")) {
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
        push(out, match.index, match.index + match[0].length, text);
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
