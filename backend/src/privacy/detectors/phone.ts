// Phone numbers in international and national formats: `+44 20 7946 0958`, `0044 20 7946 0958`, `(415) 555-0132`,
// `415.555.0132`, `+49 (0)30 901820`, `07700 900123`, `01 42 68 53 00`, `+81 3-1234-5678`, with an extension.
// A run of digits and separators is a candidate; it is a phone number when its shape says so (international prefix,
// area code in parentheses, national trunk 0, North American 3-3-4) or when a cue ("call", "mobile") precedes it and
// it has a phone's length. Dates, IP addresses, amounts with thousands separators and year ranges are not.
import { type Detection, type Detector, matchAtSites, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

const CANDIDATE =
  /(?<![\p{L}\p{N}+#/.,_$€£¥-]|\d:)(?:\+|\b00)?\(?\d[\d \u00a0().-]{5,24}\d(?:\s?(?:ext\.?|x|extension)\s?\d{1,5})?(?![\p{L}\p{N}_%]|[.,/:-]\d)/uy;
const IBAN_BEFORE = /\b[A-Za-z]{2}\d{2}[ -]$/;
const TRAILING_GROUP = /[ \u00a0.-]+\d+$/;
const CUE =
  /(?:phone|tel\b|tel\.|telephone|mobile|cell|call|text|sms|whats ?app|signal|fax|number|\bno\b|#|contact|reach|ring|landline|hotline|dial|\bph\b|\bmob\b|☎|📞)[^\n]{0,32}$/iu;
const EXTENSION = /\s?(?:ext\.?|x|extension)\s?\d{1,5}$/;
const DATE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const THOUSANDS = /^\d{1,3}(?:[ \u00a0.]\d{3})+$/;
const YEAR_RANGE = /^(?:1[89]|20)\d\d ?[-–] ?(?:1[89]|20)\d\d$/;
const NANP = /^(?:1[ .-]?)?\(?[2-9]\d{2}\)?[ .-]?\d{3}[ .-]\d{4}$/;
/** ISBNs and versions have one-digit groups; phone numbers do not, except a leading country or trunk digit. */
const ONE_DIGIT_GROUP = /(?:^|[ .-])\d(?=[ .-])(?<!^1)|[ .-]\d$/;
const SEPARATORS = /[ \u00a0().-]+/;

function isPhone(candidate: string, cued: boolean): boolean {
  const number = candidate.replace(EXTENSION, "");
  const international = number.startsWith("+") || number.startsWith("00");
  let digits = 0;
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (number.startsWith("00")) digits -= 2;
  if (digits < 7 || digits > 15) return false;
  if (DATE.test(number) || DOTTED_QUAD.test(number)) return false;
  const open = number.indexOf("(");
  const close = number.indexOf(")");
  if (open < 0 !== close < 0 || close < open || number.indexOf("(", open + 1) >= 0) return false;
  if (open >= 0 && !/^\(\d{1,5}\)$/.test(number.slice(open, close + 1))) return false;
  const groups = number.replace(/^\+/, "").split(SEPARATORS).filter(Boolean);
  const longest = Math.max(...groups.map((group) => group.length));
  const body = number.replace(/^(?:\+|00)/, "").replace(/[()]/g, "");
  if (international) {
    // A country code then the national number; the national number may be one run of digits.
    return groups.length === 1 ? digits >= 10 : longest <= 8 && digits >= 8;
  }
  if (THOUSANDS.test(number) || YEAR_RANGE.test(number) || /^97[89][ -]/.test(number)) return false;
  // 3-2-4 is the shape of a US Social Security number, not of a phone number.
  if (/^\d{3}([ .-])\d{2}\1\d{4}$/.test(number)) return false;
  if (groups.length === 1) return cued && digits >= 9 && digits <= 12;
  if (longest > 8) return false;
  if (open >= 0 && digits >= 9) return true;
  if (NANP.test(number)) return true;
  if (ONE_DIGIT_GROUP.test(number.replace(/^1(?=[ .-])/, ""))) return false;
  // 4-4-4 is how order, tracking and account numbers are grouped.
  if (/^\d{4}([ .-])\d{4}\1\d{4}$/.test(number)) return cued;
  if (body.startsWith("0") && digits >= 9 && digits <= 12 && longest <= 8) return true;
  return cued && longest <= 6;
}

/**
 * Whether CANDIDATE can match with its first digit at `start`: it needs seven characters of digits, spaces, no-break
 * spaces, parentheses, periods and hyphens there.
 */
function longEnough(text: string, start: number): boolean {
  const end = Math.min(text.length, start + 7);
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 32 || c === 0xa0 || c === 40 || c === 41 || c === 46 || c === 45)) return false;
  }
  return end - start === 7;
}

export const phoneDetector: Detector = {
  category: "PHONE",
  // A phone number has seven digits, all in one group (isPhone).
  mayMatch: (scan) => scan.groupedDigits >= 7,
  detect({ text, numbers }: TextScan, out: Detection[]): void {
    // Where a phone number may start: a run of digits, or the '+' or '(' right before it.
    const sites: number[] = [];
    for (const start of numbers) {
      if (!longEnough(text, start)) continue;
      const before = start > 0 ? text.charCodeAt(start - 1) : 0;
      sites.push(before === 43 || before === 40 ? start - 1 : start);
    }
    matchAtSites(CANDIDATE, text, sites, (match) => {
      const start = match.index;
      // The rest of an IBAN whose checksum failed (`ES05 0723 6513 …`) is not a phone number.
      if (IBAN_BEFORE.test(text.slice(Math.max(0, start - 5), start))) return;
      // The cue matters only for shapes that are phone numbers with a cue alone: look for it only then.
      let cued: boolean | undefined;
      // A candidate may run into a neighbouring number ("call 415 555 0132 2 times"): drop trailing groups.
      let candidate = match[0];
      for (let attempt = 0; attempt < 3; attempt++) {
        let phone = isPhone(candidate, false);
        if (!phone) {
          cued ??= CUE.test(text.slice(Math.max(0, start - 40), start));
          phone = cued && isPhone(candidate, true);
        }
        if (phone) {
          out.push({ category: "PHONE", start, end: start + candidate.length, priority: PRIORITY.phone });
          return;
        }
        const cut = candidate.search(TRAILING_GROUP);
        if (cut <= 0) return;
        candidate = candidate.slice(0, cut);
      }
    });
  },
};
