// Phone numbers in international and national formats: `+44 20 7946 0958`, `0044 20 7946 0958`, `(415) 555-0132`,
// `415.555.0132`, `+49 (0)30 901820`, `07700 900123`, `01 42 68 53 00`, `+81 3-1234-5678`, with an extension.
// A run of digits and separators is a candidate; it is a phone number when its shape says so (international prefix,
// area code in parentheses, national trunk 0, North American 3-3-4) or when a cue ("call", "mobile") precedes it and
// it has a phone's length. Dates, IP addresses, amounts with thousands separators and year ranges are not, except
// that nine digits or more grouped like thousands ("612 345 678", as Spain writes them) are right after a word for a
// telephone ("teléfono", "mobile", "call").
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

const CANDIDATE =
  /(?<![\p{L}\p{N}+#/._$€£¥-]|\d:)(?:\+|\b00)?\(?\d[\d \u00a0().-]{5,24}\d(?:\s?(?:ext\.?|x|extension)\s?\d{1,5})?(?![\p{L}\p{N}_%]|[./:-]\d)/uy;
/** Words for a telephone, in six languages, and its symbols. */
const TELEPHONE_WORDS = String.raw`phone|tel\b|tel\.|tel[eé]fono|t[eé]l[eé]phone|telefon|mobile|m[oó]vil|portable|handy|cellulare|celular|cell|call|whats ?app|sms|fax|landline|dial|☎|📞`;
const CUE = new RegExp(
  String.raw`(?:${TELEPHONE_WORDS}|text|signal|number|n[uú]mero|num[eé]ro|nummer|\bno\b|#|contact|reach|ring|hotline|\bph\b|\bmob\b)[^\n]{0,32}$`,
  "iu",
);
/**
 * The cues that make a number grouped like thousands ("612 345 678") a phone number: words for a telephone right
 * before it, not "number" or "#", which come before counts and amounts too.
 */
const STRONG_CUE = new RegExp(String.raw`(?:${TELEPHONE_WORDS})[^\n\d]{0,16}$`, "iu");
const EXTENSION = /\s?(?:ext\.?|x|extension)\s?\d{1,5}$/;
const DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const THOUSANDS = /^\d{1,3}(?:[ \u00a0.]\d{3})+$/;
const YEAR_RANGE = /^(?:1[89]|20)\d\d ?[-–] ?(?:1[89]|20)\d\d$/;
const NANP = /^(?:1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}$/;
/** ISBNs and versions have one-digit groups; phone numbers do not, except a leading country or trunk digit. */
const ONE_DIGIT_GROUP = /(?:^|[ .-])\d(?=[ .-])(?<!^1)|[ .-]\d$/;
const SSN_SHAPE = /^\d{3}([ .-])\d{2}\1\d{4}$/;
const FOUR_FOUR_FOUR = /^\d{4}([ .-])\d{4}\1\d{4}$/;

/**
 * What a candidate's shape says: not a phone number, one only after a cue ("call", "mobile"), or one outright. TOO_SHORT
 * is not a phone number either, and says more: fewer than seven digits, so no shorter candidate can be one.
 */
const TOO_SHORT = -1;
const NOT_PHONE = 0;
const PHONE_IF_CUED = 1;
const PHONE = 2;
/** Grouped like thousands ("612 345 678"): a phone number only right after a word for a telephone. */
const PHONE_IF_STRONGLY_CUED = 3;
type Verdict =
  | typeof TOO_SHORT
  | typeof NOT_PHONE
  | typeof PHONE_IF_CUED
  | typeof PHONE
  | typeof PHONE_IF_STRONGLY_CUED;

/** Space, no-break space, parentheses, period, hyphen: what separates the groups of a phone number. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 40 || c === 41 || c === 46 || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * What the checks below look at, measured in one pass: digits; the groups between separators (isSeparator; a leading
 * '+' left out): how many, the longest, the shortest; where the first '(' and ')' are, and how many '('.
 */
interface Shape {
  readonly digits: number;
  readonly groups: number;
  readonly longest: number;
  readonly shortest: number;
  readonly open: number;
  readonly close: number;
  readonly opens: number;
}

function shapeOf(number: string): Shape {
  let digits = 0;
  let groups = 0;
  let longest = 0;
  let shortest = number.length;
  let size = 0;
  let open = -1;
  let close = -1;
  let opens = 0;
  const first = number.charCodeAt(0) === 43 ? 1 : 0;
  for (let i = first; i <= number.length; i++) {
    const c = i < number.length ? number.charCodeAt(i) : 32;
    if (isDigit(c)) {
      digits++;
    } else if (c === 40) {
      if (opens++ === 0) open = i;
    } else if (c === 41 && close < 0) {
      close = i;
    }
    if (i < number.length && !isSeparator(c)) {
      size++;
    } else if (size > 0) {
      groups++;
      if (size > longest) longest = size;
      if (size < shortest) shortest = size;
      size = 0;
    }
  }
  return { digits, groups, longest, shortest, open, close, opens };
}

/**
 * Whether `candidate` is a phone number by its shape alone, only with a cue, or not at all. Decided once per
 * candidate, so that the cue is looked for only when it matters. Each shape pattern below has a fixed number and size
 * of groups (a date three of up to four digits, a dotted quad four of up to three, …) or of digits: it is tried only
 * when the candidate's fit.
 */
function phoneVerdict(candidate: string): Verdict {
  // Every extension word (ext, x, extension) has an 'x': without one, nothing to strip.
  const number = candidate.includes("x") ? candidate.replace(EXTENSION, "") : candidate;
  const first = number.charCodeAt(0);
  const doubleZero = first === 48 && number.charCodeAt(1) === 48;
  const international = first === 43 || doubleZero;
  const shape = shapeOf(number);
  const { groups, longest, open, close } = shape;
  const digits = doubleZero ? shape.digits - 2 : shape.digits;
  if (digits < 7) return TOO_SHORT;
  if (digits > 15) return NOT_PHONE;
  if ((groups === 3 && longest <= 4 && DATE.test(number)) || (groups === 4 && longest <= 3 && DOTTED_QUAD.test(number)))
    return NOT_PHONE;
  if (open < 0 !== close < 0 || close < open || shape.opens > 1) return NOT_PHONE;
  if (open >= 0 && !digitsBetween(number, open + 1, close, 5)) return NOT_PHONE;
  if (international) {
    // A country code then the national number; the national number may be one run of digits.
    return (groups === 1 ? digits >= 10 : longest <= 8 && digits >= 8) ? PHONE : NOT_PHONE;
  }
  if (groups >= 2 && longest === 3 && THOUSANDS.test(number)) return digits >= 9 ? PHONE_IF_STRONGLY_CUED : NOT_PHONE;
  const fours = longest === 4 && shape.shortest === 4;
  if ((groups === 2 && fours && YEAR_RANGE.test(number)) || isbnPrefix(number)) return NOT_PHONE;
  // 3-2-4 is the shape of a US Social Security number, not of a phone number.
  if (groups === 3 && longest === 4 && shape.shortest === 2 && SSN_SHAPE.test(number)) return NOT_PHONE;
  if (groups === 1) return digits >= 9 && digits <= 12 ? PHONE_IF_CUED : NOT_PHONE;
  if (longest > 8) return NOT_PHONE;
  if (open >= 0 && digits >= 9) return PHONE;
  // North American numbers have ten digits, eleven with the country code.
  if ((digits === 10 || digits === 11) && NANP.test(number)) return PHONE;
  if (shape.shortest === 1 && ONE_DIGIT_GROUP.test(withoutLeadingOne(number))) return NOT_PHONE;
  // 4-4-4 is how order, tracking and account numbers are grouped.
  if (groups === 3 && fours && FOUR_FOUR_FOUR.test(number)) return PHONE_IF_CUED;
  if (firstNonParenthesis(number) === 48 && digits >= 9 && digits <= 12 && longest <= 8) return PHONE;
  return longest <= 6 ? PHONE_IF_CUED : NOT_PHONE;
}

/** Whether the number starts as an ISBN-13 does: `978` or `979`, then a space or hyphen. */
function isbnPrefix(number: string): boolean {
  const third = number.charCodeAt(2);
  const fourth = number.charCodeAt(3);
  return (
    number.charCodeAt(0) === 57 &&
    number.charCodeAt(1) === 55 &&
    (third === 56 || third === 57) &&
    (fourth === 32 || fourth === 45)
  );
}

/** Whether `text[start, end)` is one to `max` digits. */
function digitsBetween(text: string, start: number, end: number, max: number): boolean {
  if (end <= start || end - start > max) return false;
  for (let i = start; i < end; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

/** The number without a leading country code 1 followed by a separator (`1 415 …`). */
function withoutLeadingOne(number: string): string {
  const c = number.charCodeAt(1);
  return number.charCodeAt(0) === 49 && (c === 32 || c === 46 || c === 45) ? number.slice(1) : number;
}

function firstNonParenthesis(number: string): number {
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (c !== 40 && c !== 41) return c;
  }
  return -1;
}

/**
 * Where the last group of a candidate starts with its separators (`[ \u00a0.-]+\d+$`), or -1: the separators
 * right before the trailing digits.
 */
function lastGroupStart(candidate: string): number {
  let digitsStart = candidate.length;
  while (digitsStart > 0 && isDigit(candidate.charCodeAt(digitsStart - 1))) digitsStart--;
  if (digitsStart === candidate.length) return -1;
  let start = digitsStart;
  while (start > 0 && isGroupSeparator(candidate.charCodeAt(start - 1))) start--;
  return start === digitsStart ? -1 : start;
}

/** Space, no-break space, period, hyphen. */
function isGroupSeparator(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 46 || c === 45;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Whether the five characters before `start` are two letters, two digits and a space or hyphen (`ES05 `): the rest
 * of an IBAN. The letters start the five, so they are at a word boundary of those five.
 */
function ibanBefore(text: string, start: number): boolean {
  if (start < 5) return false;
  const separator = text.charCodeAt(start - 1);
  return (
    (separator === 32 || separator === 45) &&
    isDigit(text.charCodeAt(start - 2)) &&
    isDigit(text.charCodeAt(start - 3)) &&
    isAsciiLetter(text.charCodeAt(start - 4)) &&
    isAsciiLetter(text.charCodeAt(start - 5))
  );
}

/** CANDIDATE's body characters `[\d \u00a0().-]` below 128, as a table (the no-break space is checked apart). */
const BODY = Uint8Array.from({ length: 128 }, (_, c) =>
  isDigit(c) || " ().-".includes(String.fromCharCode(c)) ? 1 : 0,
);

/**
 * Whether CANDIDATE can match with its first digit at `start` (the first digit of a number): it needs seven characters
 * of digits, spaces, no-break spaces, parentheses, periods and hyphens there.
 */
function longEnough(text: string, start: number): boolean {
  if (start + 7 > text.length) return false;
  for (let i = start + 1; i < start + 7; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 ? BODY[c] !== 1 : c !== 0xa0) return false;
  }
  return true;
}

/** Reports the phone number in a CANDIDATE match at `start`, if it holds one. */
function reportPhone(text: string, start: number, match: string, out: Detection[]): void {
  // The rest of an IBAN whose checksum failed (`ES05 0723 6513 …`) is not a phone number.
  if (ibanBefore(text, start)) return;
  // The cue matters only for shapes that are phone numbers with a cue alone: look for it only then.
  let cued: boolean | undefined;
  // A candidate may run into a neighbouring number ("call 415 555 0132 2 times"): drop trailing groups.
  let candidate = match;
  for (let attempt = 0; attempt < 3; attempt++) {
    const verdict = phoneVerdict(candidate);
    if (verdict === PHONE_IF_CUED) cued ??= CUE.test(text.slice(Math.max(0, start - 40), start));
    const stronglyCued =
      verdict === PHONE_IF_STRONGLY_CUED && STRONG_CUE.test(text.slice(Math.max(0, start - 40), start));
    if (verdict === PHONE || (verdict === PHONE_IF_CUED && cued) || stronglyCued) {
      out.push({ category: "PHONE", start, end: start + candidate.length, priority: PRIORITY.phone });
      return;
    }
    // Dropping groups drops digits (an extension's first): a candidate with too few has no shorter phone number.
    const cut = verdict === TOO_SHORT ? -1 : lastGroupStart(candidate);
    if (cut <= 0) return;
    candidate = candidate.slice(0, cut);
  }
}

/**
 * ASCII characters CANDIDATE's lookbehind rejects, as a table: letters, digits and `+ # / . _ $ -`. A comma is a field
 * separator (CSV): a number with thousands commas has no run of seven digits between them.
 */
const REJECTED_BEFORE = Uint8Array.from({ length: 128 }, (_, c) =>
  isDigit(c) || isAsciiLetter(c) || "+#/._$-".includes(String.fromCharCode(c)) ? 1 : 0,
);

/**
 * Whether CANDIDATE's lookbehind rejects `site` for certain, by the ASCII character before it (one of
 * REJECTED_BEFORE, or a colon after a digit): then the pattern need not run. Non-ASCII is left to the pattern.
 */
function rejectedBefore(text: string, site: number): boolean {
  if (site === 0) return false;
  const c = text.charCodeAt(site - 1);
  if (c >= 128) return false;
  if (REJECTED_BEFORE[c] === 1) return true;
  return c === 58 && site >= 2 && isDigit(text.charCodeAt(site - 2));
}

export const phoneDetector: Detector = {
  category: "PHONE",
  // A phone number has seven digits, all in one group (phoneVerdict).
  mayMatch: (scan) => scan.groupedDigits >= 7,
  detect({ text, numbers }: TextScan, out: Detection[]): void {
    // Where a phone number may start: a run of digits, or the '+' or '(' right before it. As matchAtSites, but a
    // number inside the previous match is skipped before longEnough looks at it.
    let next = 0;
    for (const number of numbers) {
      if (number < next || !longEnough(text, number)) continue;
      const before = number > 0 ? text.charCodeAt(number - 1) : 0;
      const site = before === 43 || before === 40 ? number - 1 : number;
      if (rejectedBefore(text, site)) continue;
      CANDIDATE.lastIndex = site;
      const match = CANDIDATE.exec(text);
      if (match === null) continue;
      next = match.index + match[0].length;
      // A number in parentheses ("Hope Mason (01.08.79.13.45) will") is a phone number without them: the '(' is
      // an area code's only when a ')' follows in the match.
      if (match[0].charCodeAt(0) === 40 && !match[0].includes(")")) {
        reportPhone(text, match.index + 1, match[0].slice(1), out);
      } else {
        reportPhone(text, match.index, match[0], out);
      }
    }
  },
};
