// IP addresses: IPv4 dotted quads (with a port or a CIDR suffix left outside the span) and IPv6 in every RFC 4291
// form (full, compressed `2001:db8::1`, with a zone `fe80::1%eth0`, IPv4-mapped `::ffff:192.0.2.1`, in brackets).
// Four-part version numbers after "version", "v" or a product name are not addresses.
import { isIPv4, isIPv6 } from "node:net";
import { type Detection, type Detector, matchAtSites, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

const IPV4 = /(?<![\p{L}\p{N}_.]|\d\.)(?:\d{1,3}\.){3}\d{1,3}(?![\p{L}\p{N}_]|\.\d)/uy;
/** Sticky: tried only where an address can start (ipv6Starts). */
const IPV6 =
  /(?<![\p{L}\p{N}_:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?:%[\p{L}\p{N}_.]+)?(?![\p{L}\p{N}_:]|\.\d)/iuy;
const DIGIT = /\d/;
const VERSION_CUE =
  /\b(?:version|ver|v|release|released|build|firmware|update|updated|upgrade|upgraded|downgrade|downgraded|patch|chrome|firefox|edge|node|python|java|rev|sdk|driver|bios)\b[^\n.!?]{0,16}$/i;

/**
 * Whether IPV4 can start at `start`, the first digit of a number: one to three digits, then a period and a digit.
 * Reads stay inside the text (a read past the end gives NaN, which slows the whole loop down).
 */
function dottedAt(text: string, start: number): boolean {
  const length = text.length;
  let i = start + 1;
  if (i < length && isDigit(text.charCodeAt(i))) {
    i++;
    if (i < length && isDigit(text.charCodeAt(i))) i++;
  }
  return i + 1 < length && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1));
}

/**
 * Whether a period has a digit on each side somewhere in the text, as in every dotted quad: a few searches for '.'
 * rule out most texts before their numbers are looked at one by one.
 */
function digitPeriodDigit(text: string): boolean {
  const last = text.length - 1;
  for (let period = text.indexOf(".", 1); period > 0 && period < last; period = text.indexOf(".", period + 1)) {
    if (isDigit(text.charCodeAt(period - 1)) && isDigit(text.charCodeAt(period + 1))) return true;
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 102);
}

/** ASCII characters IPV6's lookbehind rejects: letters, digits, '_', ':' and '.'. */
function blocksIpv6(c: number): boolean {
  return isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95 || c === 58 || c === 46;
}

/**
 * Where IPV6 can match, in text order, or none unless the text has two hex digits around a colon or `::` (without
 * it, no IPv6 address). A match starts with up to four hex digits then its first colon, after a character the
 * lookbehind allows: so at most one start per colon, found from the colons instead of trying every position.
 */
function ipv6Starts(text: string): number[] {
  const starts: number[] = [];
  let hinted = false;
  for (let colon = text.indexOf(":"); colon >= 0; colon = text.indexOf(":", colon + 1)) {
    const after = colon + 1 < text.length ? text.charCodeAt(colon + 1) : 0;
    if (after === 58 || (isHex(after) && colon > 0 && isHex(text.charCodeAt(colon - 1)))) hinted = true;
    let start = colon;
    while (start > 0 && colon - start <= 4 && isHex(text.charCodeAt(start - 1))) start--;
    if (colon - start > 4) continue;
    // Non-ASCII before: the pattern's lookbehind decides.
    if (start > 0 && blocksIpv6(text.charCodeAt(start - 1))) continue;
    starts.push(start);
  }
  return hinted ? starts : [];
}

export const ipAddressDetector: Detector = {
  category: "IP_ADDRESS",
  mayMatch: (scan) => scan.groupedDigits >= 4 || scan.colon,
  detect({ text, numbers, groupedDigits, colons }: TextScan, out: Detection[]): void {
    if (groupedDigits >= 4 && digitPeriodDigit(text)) {
      // matchAtSites over the numbers where a dotted quad can start, without building their list.
      let next = 0;
      for (const start of numbers) {
        if (start < next || !dottedAt(text, start)) continue;
        IPV4.lastIndex = start;
        const match = IPV4.exec(text);
        if (match === null) continue;
        const value = match[0];
        next = start + value.length;
        if (!isIPv4(value)) continue;
        if (VERSION_CUE.test(text.slice(Math.max(0, start - 32), start))) continue;
        out.push({ category: "IP_ADDRESS", start, end: next, priority: PRIORITY.syntax });
      }
    }
    // IPV6 needs two colons at least.
    if (colons >= 2) {
      matchAtSites(IPV6, text, ipv6Starts(text), (match) => {
        const value = match[0];
        const address = value.replace(/%.*$/, "");
        // Need a hex digit group beyond bare colons, and a decimal digit: `a::b` in code is not an address.
        if (!DIGIT.test(address) || !isIPv6(address)) return;
        if (address.split(":").filter(Boolean).length < 2 && address !== "::1") return;
        out.push({
          category: "IP_ADDRESS",
          start: match.index,
          end: match.index + value.length,
          priority: PRIORITY.syntax,
        });
      });
    }
  },
};
