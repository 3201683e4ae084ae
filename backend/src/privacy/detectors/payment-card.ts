// Payment card numbers: 12 to 19 digits, unbroken or grouped by spaces or dashes (4-4-4-4, Amex 4-6-5, Diners
// 4-6-4), with a known issuer prefix and a valid Luhn checksum. A candidate that runs into a neighbouring number
// (`4111 1111 1111 1111 12/27`) is tried group by group. A card's security code (CVV, CVC) is card data too: three
// or four digits after its name.
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

// A comma before or after is a field separator (CSV): a number with thousands commas has no run of twelve digits.
const CANDIDATE = /(?<![\p{L}\p{N}_./-])\d(?:[ -]?\d){11,30}(?![\p{L}\p{N}_]|\.\d)/uy;
const SEPARATORS = /[ -]/g;
/** A card security code after its name ("CVV 123", "cvc: 9876", "security code is 482"): group 1 is the code. */
const SECURITY_CODE =
  /\b(?:cvv2?|cvc2?|cvn|csc|security code|card verification (?:value|code|number))\b[\s:#=-]*(?:(?:is|was|number|no\.?)[\s:#=-]*)?(\d{3,4})(?![\d.,]\d|\d)/gi;
const SECURITY_CODE_GATE = new WordGate(["cvv", "cvc", "cvn", "csc", "security code", "card verification"]);

/** Whether `digits[from, to)` passes the Luhn (mod 10) check. */
function luhnRange(digits: string, from: number, to: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = to - 1; i >= from; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Whether `digits` passes the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  return luhnRange(digits, 0, digits.length);
}

/**
 * Whether an issuer uses the prefix of `digits[from, from + n)` with this length `n` (four or more: Visa, Mastercard,
 * Amex, Discover, JCB, Diners, UnionPay, Maestro).
 */
function knownIssuer(digits: string, from: number, n: number): boolean {
  const first = digits.charCodeAt(from) - 48;
  const p2 = first * 10 + digits.charCodeAt(from + 1) - 48;
  const p4 = p2 * 100 + (digits.charCodeAt(from + 2) - 48) * 10 + digits.charCodeAt(from + 3) - 48;
  if (first === 4) return n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || p2 === 65 || (p4 >= 6440 && p4 <= 6499)) return n >= 16 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p4 >= 3000 && p4 <= 3059)) return n >= 14 && n <= 19;
  if (p2 === 62 || p2 === 81) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 16 && n <= 19;
  return false;
}

function groupSize(offsets: readonly number[], k: number): number {
  return (offsets[k + 1] as number) - (offsets[k] as number);
}

/**
 * Card groupings of groups `first` to `last` (group k's digits start at `offsets[k]`): fours with a shorter last
 * group, or Amex and Diners 4-6-5 and 4-6-4.
 */
function cardGrouping(offsets: readonly number[], first: number, last: number): boolean {
  const count = last - first + 1;
  if (count < 3) return false;
  const lastSize = groupSize(offsets, last);
  if (count === 3 && groupSize(offsets, first) === 4 && groupSize(offsets, first + 1) === 6) {
    if (lastSize === 5 || lastSize === 4) return true;
  }
  for (let k = first; k < last; k++) if (groupSize(offsets, k) !== 4) return false;
  return lastSize >= 1 && lastSize <= 4;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpaceOrHyphen(c: number): boolean {
  return c === 32 || c === 45;
}

/** Whether `text[start, start + 4)` is `[A-Za-z]{2}\d{2}`, the start of an IBAN. */
function countryAndCheckDigits(text: string, start: number): boolean {
  return (
    isAsciiLetter(text.charCodeAt(start)) &&
    isAsciiLetter(text.charCodeAt(start + 1)) &&
    isDigit(text.charCodeAt(start + 2)) &&
    isDigit(text.charCodeAt(start + 3))
  );
}

/** Whether `text[start, start + 4)` is `[A-Za-z0-9]{4}`. */
function fourAlphanumerics(text: string, start: number): boolean {
  for (let i = start; i < start + 4; i++) {
    const c = text.charCodeAt(i);
    if (!(isDigit(c) || isAsciiLetter(c))) return false;
  }
  return true;
}

/**
 * The rest of an IBAN (`PT31 5339 1299 …`, `GB98 LVIL 5055 …`) is not a card: whether the 40 characters before `end`
 * end with `[A-Za-z]{2}\d{2}(?:[ -][A-Za-z0-9]{4})*[ -]`. Read backwards, the groups have a fixed size, so each step
 * either finds the country code and check digits or moves one group back.
 */
function ibanBefore(text: string, end: number): boolean {
  const from = Math.max(0, end - 40);
  let separator = end - 1;
  while (separator - 4 >= from && isSpaceOrHyphen(text.charCodeAt(separator))) {
    const group = separator - 4;
    if (countryAndCheckDigits(text, group)) return true;
    if (!fourAlphanumerics(text, group)) return false;
    separator = group - 1;
  }
  return false;
}

/**
 * Whether `\d(?:[ -]?\d){11,30}` can match at `start`: twelve digits with at most one space or hyphen between.
 * Reads stay inside the text (a read past the end gives NaN, which slows the loop down).
 */
function twelveDigits(text: string, start: number): boolean {
  const length = text.length;
  if (start + 12 > length) return false;
  let count = 0;
  for (let i = start; i < length && count < 12; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
    else if (!((c === 32 || c === 45) && count > 0 && i + 1 < length && isDigit(text.charCodeAt(i + 1)))) break;
  }
  return count >= 12;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isCard(digits: string, from: number, to: number): boolean {
  const n = to - from;
  return n >= 12 && n <= 19 && knownIssuer(digits, from, n) && luhnRange(digits, from, to);
}

/**
 * Where each group of a candidate's digits starts among its digits, then their count: groups are split by single
 * spaces or hyphens (CANDIDATE), so group k starts at offsets[k] + k in the candidate.
 */
function groupOffsets(candidate: string): number[] {
  const offsets = [0];
  let digits = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (isDigit(candidate.charCodeAt(i))) digits++;
    else offsets.push(digits);
  }
  offsets.push(digits);
  return offsets;
}

/** Reports the cards in a CANDIDATE match at `index`. */
function reportCards(text: string, index: number, candidate: string, out: Detection[]): void {
  if (ibanBefore(text, index)) return;
  const offsets = groupOffsets(candidate);
  const groups = offsets.length - 1;
  if (groups === 1) {
    if (isCard(candidate, 0, candidate.length)) pushCard(out, index, index + candidate.length);
    return;
  }
  // Grouped: take runs of whole groups, the longest valid one from each starting group.
  const digits = candidate.replace(SEPARATORS, "");
  for (let first = 0; first < groups; first++) {
    let found = -1;
    const from = offsets[first] as number;
    for (let last = first; last < groups; last++) {
      const to = offsets[last + 1] as number;
      if (to - from > 19) break;
      if (cardGrouping(offsets, first, last) && isCard(digits, from, to)) found = last;
    }
    if (found >= 0) {
      pushCard(out, index + from + first, index + (offsets[found + 1] as number) + found);
      first = found;
    }
  }
}

function pushCard(out: Detection[], start: number, end: number): void {
  out.push({ category: "PAYMENT_CARD", start, end, priority: PRIORITY.checksum });
}

/** Reports the security codes after their names. */
function securityCodes(text: string, out: Detection[]): void {
  SECURITY_CODE.lastIndex = 0;
  for (let match = SECURITY_CODE.exec(text); match !== null; match = SECURITY_CODE.exec(text)) {
    const end = match.index + match[0].length;
    out.push({ category: "PAYMENT_CARD", start: end - (match[1] as string).length, end, priority: PRIORITY.syntax });
  }
}

/** ASCII characters CANDIDATE's lookbehind rejects besides letters and digits. */
const REJECTED_BEFORE = new Set([..."_./-"].map((c) => c.charCodeAt(0)));

/** Whether CANDIDATE's lookbehind rejects `start` for certain (a non-ASCII character before it is left to it). */
function rejectedBefore(text: string, start: number): boolean {
  if (start === 0) return false;
  const c = text.charCodeAt(start - 1);
  return c < 128 && (isDigit(c) || isAsciiLetter(c) || REJECTED_BEFORE.has(c));
}

export const paymentCardDetector: Detector = {
  category: "PAYMENT_CARD",
  mayMatch: (scan) =>
    scan.groupedDigits >= 12 || (scan.numbers.length > 0 && SECURITY_CODE_GATE.mayContain(scan.trigrams)),
  detect({ text, numbers, groupedDigits, trigrams }: TextScan, out: Detection[]): void {
    if (SECURITY_CODE_GATE.mayContain(trigrams)) securityCodes(text, out);
    if (groupedDigits < 12) return;
    // As matchAtSites over the numbers where CANDIDATE can match, skipping those inside the previous match first.
    let next = 0;
    for (const start of numbers) {
      if (start < next || rejectedBefore(text, start) || !twelveDigits(text, start)) continue;
      CANDIDATE.lastIndex = start;
      const match = CANDIDATE.exec(text);
      if (match === null) continue;
      next = start + match[0].length;
      reportCards(text, start, match[0], out);
    }
  },
};
