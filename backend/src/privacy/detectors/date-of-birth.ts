// Dates of birth: a date, in any of the common formats, with a birth cue before it in the same sentence ("born on",
// "DOB:", "date of birth", "birthday", "b.") or right after it ("… is my birthday", "(DOB)"). Dates without such a
// cue (deadlines, invoices, meetings) are not dates of birth. A day and month without a year count after
// "birthday" or "born on". French, German, Spanish, Italian, Portuguese and Dutch write theirs with their own month
// names and cues ("né le 3 février 1975", "Geburtsdatum: 3. März 1975", "fecha de nacimiento: 3 de febrero de 1975").
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { charClass, trigramBit, trigramOf, WordGate } from "./word-gate.js";

const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
];
/** The full month names of French, German, Spanish, Italian, Portuguese and Dutch, with and without accents. */
const OTHER_MONTH_NAMES = `
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre
januar jänner februar märz maerz juni juli oktober dezember
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
januari februari maart mei augustus`
  .split(/\s+/)
  .filter((name) => name !== "" && !MONTH_NAMES.includes(name));
/** Month names and English abbreviations, lower case. */
export const MONTHS: ReadonlySet<string> = new Set([...MONTH_NAMES, ...OTHER_MONTH_NAMES]);

/** Each month name in lower case, upper case and capitalised. */
function monthForms(names: Iterable<string>): string[] {
  return [...names].flatMap((m) => [m, m.toUpperCase(), `${m.charAt(0).toUpperCase()}${m.slice(1)}`]);
}
const DAY = String.raw`(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d\d`;
/** The shapes of a date whose month names are `monthNames`. */
function dateShapes(monthNames: Iterable<string>): string[] {
  const MONTH = `(?:${monthForms(monthNames).join("|")})\\.?`;
  return [
    String.raw`${YEAR}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])`,
    String.raw`(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:${YEAR}|\d\d)`,
    // A two-digit year after a month name ("14 Mar 88", "March 14, '88"), as forms write a date of birth; "3. März
    // 1975", "3 de febrero de 1975", "3 di marzo 1975" in other languages.
    String.raw`${DAY}\.?(?:\s+(?:of|de|di))?[\s-]+${MONTH}(?:,?[\s-]+(?:de\s+)?(?:${YEAR}|'?\d\d))?`,
    String.raw`${MONTH}\s+${DAY}(?:,?\s+${YEAR}|,\s*'?\d\d|\s+'\d\d)?`,
  ];
}
/**
 * A date in any of the shapes above, on its own (not inside a longer number or word). Sticky: tried only where a date
 * can start (dateStarts), which is much cheaper than trying the lookbehind at every position of the text.
 */
function dateRegex(monthNames: Iterable<string>): RegExp {
  return new RegExp(
    String.raw`(?<![\p{L}\p{N}./-])(?:${dateShapes(monthNames)
      .map((shape) => `(?:${shape})`)
      .join("|")})(?![\p{L}\p{N}]|[./-]\d)`,
    "uy",
  );
}

/**
 * Dates with English month names, and with those of every language: a text with a cue of another language only
 * ("né le", "Geburtsdatum") pays for the longer list.
 */
const DATE = dateRegex(MONTH_NAMES);
const DATE_ANY_LANGUAGE = dateRegex(MONTHS);
/** The first three characters of each month form (monthKey): what a date that starts with a letter starts with. */
const MONTH_PREFIXES: ReadonlySet<number> = new Set(monthForms(MONTH_NAMES).map((form) => monthKey(form, 0)));
const MONTH_PREFIXES_ANY_LANGUAGE: ReadonlySet<number> = new Set(monthForms(MONTHS).map((form) => monthKey(form, 0)));

/** Three ASCII characters as one small number, -1 if one is not ASCII. */
function monthKey(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  const c = text.charCodeAt(at + 2);
  return (a | b | c) < 128 ? (a << 14) | (b << 7) | c : -1;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || isAsciiLetter(c);
}

/**
 * Where DATE can start, in text order: the first digit of a number, or the first three letters of a month form at the
 * start of a word. DATE's lookbehind rejects any other position (a letter or digit before); non-ASCII neighbours are
 * left to it.
 */
function dateStarts(text: string, monthPrefixes: ReadonlySet<number>): number[] {
  const starts: number[] = [];
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (!(previous >= 48 && previous <= 57)) starts.push(i);
    } else if (isAsciiLetter(c) && !isAsciiAlphanumeric(previous) && i + 3 <= text.length) {
      if (monthPrefixes.has(monthKey(text, i))) starts.push(i);
    }
    previous = c;
  }
  return starts;
}
/** Birth cues of other languages: né(e) le, geboren, Geburtsdatum, nacido, nacimiento, nato, nascita, nascido… */
const OTHER_CUES = String.raw`(?<![\p{L}])née?(?![\p{L}])|\bgeboren|\bgeburts|\bnacid[oa]|\bnacimiento|\bnat[oa]\b|\bnascit|\bnascid[oa]|\bnascimento|\bnaissance|\bgeboorte`;
const CUE_BEFORE = new RegExp(
  String.raw`(?:\bborn\b|\bbirth|\bb-?day|\bdob\b|d\.o\.b\.?|\bb\.\s*$|${OTHER_CUES})[^.!?\n]{0,48}$`,
  "iu",
);
const CUE_AFTER = /^[^.!?\n]{0,30}?(?:\bborn\b|\bbirth|\bb-?day|\bdob\b|d\.o\.b)/i;
/** A date after one of these verbs belongs to something else ("Born This Way was released on …"). */
const OTHER_EVENT =
  /\b(?:released|published|aired|premiered|launched|founded|established|opened|came out|debuted|issued|dated|due|expires?|expired|renewed)\b/i;
/** "NATO" is no Italian "nato" (born). */
const ALLIANCE = /^NAT[OA]\b/;
/** Year-less dates need a stronger cue right before them. */
const STRONG_CUE_BEFORE = /(?:\bborn\b|birthday|\bb-?day|\bdob\b|d\.o\.b\.?|date of birth|birth ?date)[^.!?\n]{0,20}$/i;

/**
 * Words searched for in the lower-case text, each behind its own trigram gate (word-gate.ts): a word is searched for
 * only when all its trigrams occur in the text, so most texts are settled by a few bit tests and the others by a
 * search or two, instead of a pattern tried at every position.
 */
class WordSearch {
  readonly #words: readonly string[];
  readonly #bits: readonly Uint16Array[];

  /** `words`: three characters or more, lower case. */
  constructor(words: readonly string[]) {
    this.#words = words;
    this.#bits = words.map((word) => {
      const bits = new Uint16Array(word.length - 2);
      for (let i = 2; i < word.length; i++) {
        const classes = [word.charCodeAt(i - 2), word.charCodeAt(i - 1), word.charCodeAt(i)].map(charClass);
        bits[i - 2] = trigramBit(trigramOf(classes[0] as number, classes[1] as number, classes[2] as number));
      }
      return bits;
    });
  }

  /** Whether `scan.lower` has one of the words (the trigrams, when known, rule most of them out). */
  foundIn(scan: TextScan): boolean {
    const trigrams = scan.trigrams;
    for (let w = 0; w < this.#words.length; w++) {
      if (trigrams !== undefined && !hasTrigrams(trigrams, this.#bits[w] as Uint16Array)) continue;
      if (scan.lower.includes(this.#words[w] as string)) return true;
    }
    return false;
  }
}

function hasTrigrams(trigrams: Uint32Array, bits: Uint16Array): boolean {
  for (let i = 0; i < bits.length; i++) {
    const bit = bits[i] as number;
    if (((trigrams[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
  }
  return true;
}

/**
 * A date ending in a two-digit year after its month: day, month, year ("14 Mar 88"), or a year after a comma or an
 * apostrophe ("March 14, '88"); not "May 13", whose digits are the day.
 */
const TWO_DIGIT_YEAR = /^\d[\s\S]*\p{L}\.?,?[\s-]+'?\d\d$|,\s*'?\d\d$|'\d\d$/u;

/**
 * Without one of these in the lower-case text, no date is a date of birth: the words of the cues (and "nee"), or
 * `\bb\.` (" b." stands for it in its gate).
 */
const CUE_WORDS = new WordSearch("birth born dob d.o.b bday b-day".split(" "));
/** The cue words of other languages: with one, month names of every language count. */
const OTHER_CUE_WORDS = new WordSearch([
  ..."née nee geboren geburts nacid nacimiento nato nata nascit nascid nascimento naissance geboorte".split(" "),
  // "né le …": the word and the space after it make three characters.
  "né ",
]);
const INITIAL_B = /\bb\./;
const INITIAL_B_GATE = new WordGate([" b."]);

export const dateOfBirthDetector: Detector = {
  category: "DATE_OF_BIRTH",
  mayMatch(scan: TextScan): boolean {
    if (scan.digits < 1) return false;
    return (
      CUE_WORDS.foundIn(scan) ||
      OTHER_CUE_WORDS.foundIn(scan) ||
      (INITIAL_B_GATE.mayContain(scan.trigrams) && INITIAL_B.test(scan.lower))
    );
  },
  detect(scan: TextScan, out: Detection[]): void {
    const text = scan.text;
    const anyLanguage = OTHER_CUE_WORDS.foundIn(scan);
    const date = anyLanguage ? DATE_ANY_LANGUAGE : DATE;
    let previousEnd = 0;
    // A global scan, as matchAtSites: a date hides the starts inside it.
    for (const start of dateStarts(text, anyLanguage ? MONTH_PREFIXES_ANY_LANGUAGE : MONTH_PREFIXES)) {
      if (start < previousEnd) continue;
      date.lastIndex = start;
      const match = date.exec(text);
      if (match === null) continue;
      const value = match[0];
      const end = start + value.length;
      const hasYear = /(?:19|20)\d\d|[-/.]\d\d$/.test(value) || TWO_DIGIT_YEAR.test(value);
      // A cue belongs to the first date after it: the window starts after the previous date.
      const before = text.slice(Math.max(previousEnd, start - 64), start);
      previousEnd = end;
      const cue = (hasYear ? CUE_BEFORE : STRONG_CUE_BEFORE).exec(before);
      const cuedBefore = cue !== null && !OTHER_EVENT.test(cue[0]) && !ALLIANCE.test(cue[0]);
      const cuedAfter = hasYear && CUE_AFTER.test(text.slice(end, end + 40));
      if (cuedBefore || cuedAfter) out.push({ category: "DATE_OF_BIRTH", start, end, priority: PRIORITY.dateOfBirth });
    }
  },
};
