// IBANs (ISO 13616): country code, two check digits, then the national account number; unbroken or grouped by
// four, any case. A candidate must have its country's length and pass the mod-97 check.
import { type Detection, type Detector, matchAtSites, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

/** IBAN length per country (SWIFT IBAN registry). */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

const CANDIDATE = /(?<![\p{L}\p{N}_])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}(?![\p{L}\p{N}_])/uy;

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** ASCII letters, digits and '_'. */
function isWordCharacter(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
}

/** Whether `iban` (no spaces, upper case) has its country's length and a valid mod-97 check. */
export function ibanValid(iban: string): boolean {
  if (LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      remainder = (remainder * 10 + (c - 48)) % 97;
    } else if (c >= 65 && c <= 90) {
      remainder = (remainder * 100 + (c - 55)) % 97;
    } else {
      return false;
    }
  }
  return remainder === 1;
}

/**
 * Whether CANDIDATE can start two characters before the number at `n`: two ASCII letters there, a second digit,
 * fifteen characters at least, and no letter, digit or '_' before the letters (CANDIDATE's lookbehind; a non-ASCII
 * character is left to the pattern). Reads stay inside the text (a read past the end gives NaN, which slows the loop
 * down).
 */
function ibanSiteBefore(text: string, n: number): boolean {
  if (n < 2 || n > text.length - 13) return false;
  if (!isAsciiLetter(text.charCodeAt(n - 1)) || !isAsciiLetter(text.charCodeAt(n - 2))) return false;
  const next = text.charCodeAt(n + 1);
  return next >= 48 && next <= 57 && !(n > 2 && isWordCharacter(text.charCodeAt(n - 3)));
}

export const ibanDetector: Detector = {
  category: "IBAN",
  // The check digits are the only digits some IBANs have (Romania: RO88 IGPX XY9F …, of which a few more).
  mayMatch: (scan) => scan.digits >= 2 && scan.longestToken >= 4,
  detect({ text, numbers }: TextScan, out: Detection[]): void {
    const sites: number[] = [];
    for (const n of numbers) if (ibanSiteBefore(text, n)) sites.push(n - 2);
    matchAtSites(CANDIDATE, text, sites, (match) => {
      const candidate = match[0];
      const length = LENGTHS[candidate.slice(0, 2).toUpperCase()];
      if (length === undefined) return;
      // Walk the candidate until the country's length is reached: the rest may be a following word.
      let compact = "";
      let end = 0;
      for (let i = 0; i < candidate.length && compact.length < length; i++) {
        const c = candidate[i] as string;
        if (c !== " " && c !== "-") compact += c;
        end = i + 1;
      }
      const next = candidate[end];
      if (compact.length !== length || (next !== undefined && next !== " " && next !== "-")) return;
      if (!ibanValid(compact.toUpperCase())) return;
      out.push({ category: "IBAN", start: match.index, end: match.index + end, priority: PRIORITY.checksum });
    });
  },
};
