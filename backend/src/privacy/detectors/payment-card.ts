// Payment card numbers: 12 to 19 digits, unbroken or grouped by spaces or dashes (4-4-4-4, Amex 4-6-5, Diners
// 4-6-4), with a known issuer prefix and a valid Luhn checksum. A candidate that runs into a neighbouring number
// (`4111 1111 1111 1111 12/27`) is tried group by group.
import { type Detection, type Detector, matchAtSites, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

const CANDIDATE = /(?<![\p{L}\p{N}_.,/-])\d(?:[ -]?\d){11,30}(?![\p{L}\p{N}_]|[.,]\d)/uy;
const GROUP = /\d+/g;
const SEPARATOR = /[ -]/;

/** Whether `digits` passes the Luhn (mod 10) check. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
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

/** Whether an issuer uses this prefix with this length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
function knownIssuer(digits: string): boolean {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p4 = Number(digits.slice(0, 4));
  if (digits[0] === "4") return n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || p2 === 65 || (p4 >= 6440 && p4 <= 6499)) return n >= 16 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p4 >= 3000 && p4 <= 3059)) return n >= 14 && n <= 19;
  if (p2 === 62 || p2 === 81) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 16 && n <= 19;
  return false;
}

/** Card groupings: fours with a shorter last group, or Amex and Diners 4-6-5 and 4-6-4. */
function cardGrouping(sizes: readonly number[]): boolean {
  if (sizes.length === 3 && sizes[0] === 4 && sizes[1] === 6 && (sizes[2] === 5 || sizes[2] === 4)) return true;
  return sizes.length >= 3 && sizes.every((size, i) => (i === sizes.length - 1 ? size >= 1 && size <= 4 : size === 4));
}

/** The rest of an IBAN (`PT31 5339 1299 …`, `GB98 LVIL 5055 …`) is not a card. */
const IBAN_BEFORE = /[A-Za-z]{2}\d{2}(?:[ -][A-Za-z0-9]{4})*[ -]$/;

/** Whether `\d(?:[ -]?\d){11,30}` can match at `start`: twelve digits with at most one space or hyphen between. */
function twelveDigits(text: string, start: number): boolean {
  let count = 0;
  for (let i = start; i < text.length && count < 12; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
    else if (!((c === 32 || c === 45) && count > 0 && isDigit(text.charCodeAt(i + 1)))) break;
  }
  return count >= 12;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isCard(digits: string): boolean {
  return digits.length >= 12 && digits.length <= 19 && knownIssuer(digits) && luhnValid(digits);
}

export const paymentCardDetector: Detector = {
  category: "PAYMENT_CARD",
  mayMatch: (scan) => scan.groupedDigits >= 12,
  detect({ text, numbers }: TextScan, out: Detection[]): void {
    const sites = numbers.filter((start) => twelveDigits(text, start));
    matchAtSites(CANDIDATE, text, sites, (match) => {
      const candidate = match[0];
      if (IBAN_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index))) return;
      const separator = SEPARATOR.exec(candidate)?.[0];
      if (separator === undefined) {
        if (isCard(candidate)) {
          out.push({
            category: "PAYMENT_CARD",
            start: match.index,
            end: match.index + candidate.length,
            priority: PRIORITY.checksum,
          });
        }
        return;
      }
      // Grouped: take runs of whole groups, the longest valid one from each starting group.
      const groups: { start: number; end: number }[] = [];
      GROUP.lastIndex = 0;
      for (let group = GROUP.exec(candidate); group !== null; group = GROUP.exec(candidate)) {
        groups.push({ start: group.index, end: group.index + group[0].length });
      }
      for (let first = 0; first < groups.length; first++) {
        let found = -1;
        let digits = "";
        const sizes: number[] = [];
        for (let last = first; last < groups.length; last++) {
          const group = groups[last];
          if (group === undefined) break;
          digits += candidate.slice(group.start, group.end);
          sizes.push(group.end - group.start);
          if (digits.length > 19) break;
          if (cardGrouping(sizes) && isCard(digits)) found = last;
        }
        const from = groups[first];
        const to = groups[found];
        if (from !== undefined && to !== undefined) {
          out.push({
            category: "PAYMENT_CARD",
            start: match.index + from.start,
            end: match.index + to.end,
            priority: PRIORITY.checksum,
          });
          first = found;
        }
      }
    });
  },
};
