// US Social Security numbers: `123-45-6789`, `123 45 6789`, or nine bare digits after a cue ("SSN", "social
// security"). Numbers the SSA never issues are not SSNs: area 000, 666 or 900-999, group 00, serial 0000.
import { type Detection, type Detector, matchAtSites, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

// A comma before or after is a field separator (CSV): a number with thousands commas has no group of nine digits.
const CANDIDATE = /(?<![\p{L}\p{N}_./+-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[./-]\d)/uy;
const CUE =
  /\b(?:ssn|social security|social sec|soc\.? ?sec|ss#|ss no|ss number|ssa|tin|taxpayer|irs|w-2|w2|w-4|w-9|i-9|1099|fafsa|tax return|tax id|itin)(?![a-z])[^\n]{0,30}$/iu;
const CUE_AFTER = /^[^\n]{0,40}?\b(?:ssn|social security|ss#|taxpayer)/iu;

/** Whether area, group and serial are ones the SSA issues. */
export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== "00" && serial !== "0000";
}

function digitsAt(text: string, start: number, count: number): boolean {
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    if (!(c >= 48 && c <= 57)) return false;
  }
  return true;
}

/**
 * Whether CANDIDATE's digits and separators (not its boundaries) fit at `start`: 3, 2 and 4 digits. The text's
 * length is checked first so that no read falls past its end (NaN reads slow the loop down).
 */
function ssnShape(text: string, start: number): boolean {
  if (start + 9 > text.length || !digitsAt(text, start, 3)) return false;
  const separator = text.charCodeAt(start + 3);
  const gap = separator === 45 || separator === 32 ? 1 : 0;
  if (start + 9 + 2 * gap > text.length) return false;
  const group = start + 3 + gap;
  if (!digitsAt(text, group, 2)) return false;
  if (gap === 1 && text.charCodeAt(group + 2) !== separator) return false;
  return digitsAt(text, group + 2 + gap, 4);
}

/** ASCII characters CANDIDATE's lookbehind rejects besides letters and digits. */
const REJECTED_BEFORE = new Set([..."_./+-"].map((c) => c.charCodeAt(0)));

function isAsciiWordCharacter(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * Whether CANDIDATE can match at `start`: its shape fits (ssnShape), and the ASCII characters around it do not fail
 * its lookbehind or lookahead for certain (a letter, digit or '_' right after it; one of those or `./+-` before).
 * Non-ASCII neighbours are left to the pattern.
 */
function ssnAt(text: string, start: number): boolean {
  if (!ssnShape(text, start)) return false;
  if (start > 0) {
    const before = text.charCodeAt(start - 1);
    if (before < 128 && (isAsciiWordCharacter(before) || REJECTED_BEFORE.has(before))) return false;
  }
  const separator = text.charCodeAt(start + 3);
  const end = start + (separator === 45 || separator === 32 ? 11 : 9);
  return end >= text.length || !isAsciiWordCharacter(text.charCodeAt(end));
}

export const usSsnDetector: Detector = {
  category: "US_SSN",
  mayMatch: (scan) => scan.groupedDigits >= 9,
  detect({ text, numbers }: TextScan, out: Detection[]): void {
    const sites = numbers.filter((start) => ssnAt(text, start));
    matchAtSites(CANDIDATE, text, sites, (match) => {
      const [value, area = "", separator = "", group = "", serial = ""] = match;
      if (!ssnValid(area, group, serial)) return;
      const end = match.index + value.length;
      if (
        separator === "" &&
        !CUE.test(text.slice(Math.max(0, match.index - 40), match.index)) &&
        !CUE_AFTER.test(text.slice(end, end + 48))
      ) {
        return;
      }
      out.push({ category: "US_SSN", start: match.index, end, priority: PRIORITY.syntax });
    });
  },
};
