// IP addresses: IPv4 dotted quads (with a port or a CIDR suffix left outside the span) and IPv6 in every RFC 4291
// form (full, compressed `2001:db8::1`, with a zone `fe80::1%eth0`, IPv4-mapped `::ffff:192.0.2.1`, in brackets).
// Four-part version numbers after "version", "v" or a product name are not addresses.
import { isIPv4, isIPv6 } from "node:net";
import { type Detection, type Detector, matchAtSites, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

const IPV4 = /(?<![\p{L}\p{N}_.]|\d\.)(?:\d{1,3}\.){3}\d{1,3}(?![\p{L}\p{N}_]|\.\d)/uy;
const IPV6 =
  /(?<![\p{L}\p{N}_:.])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?:%[\p{L}\p{N}_.]+)?(?![\p{L}\p{N}_:]|\.\d)/giu;
const DIGIT = /\d/;
/** Two hex digits around a colon, or `::`: without it, no IPv6 address. */
const IPV6_HINT = /[0-9a-f]:[0-9a-f]|::/i;
const VERSION_CUE =
  /\b(?:version|ver|v|release|released|build|firmware|update|updated|upgrade|upgraded|downgrade|downgraded|patch|chrome|firefox|edge|node|python|java|rev|sdk|driver|bios)\b[^\n.!?]{0,16}$/i;

/** Whether IPV4 can start at `start`: one to three digits, then a period and a digit. */
function dottedAt(text: string, start: number): boolean {
  let i = start;
  while (i < start + 3 && isDigit(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export const ipAddressDetector: Detector = {
  category: "IP_ADDRESS",
  mayMatch: (scan) => scan.groupedDigits >= 4 || scan.colon,
  detect({ text, numbers, groupedDigits, colons }: TextScan, out: Detection[]): void {
    if (groupedDigits >= 4) {
      const sites = numbers.filter((start) => dottedAt(text, start));
      matchAtSites(IPV4, text, sites, (match) => {
        if (!isIPv4(match[0])) return;
        if (VERSION_CUE.test(text.slice(Math.max(0, match.index - 32), match.index))) return;
        out.push({
          category: "IP_ADDRESS",
          start: match.index,
          end: match.index + match[0].length,
          priority: PRIORITY.syntax,
        });
      });
    }
    // IPV6 needs two colons at least.
    if (colons >= 2 && IPV6_HINT.test(text)) {
      IPV6.lastIndex = 0;
      for (let match = IPV6.exec(text); match !== null; match = IPV6.exec(text)) {
        const value = match[0];
        const address = value.replace(/%.*$/, "");
        // Need a hex digit group beyond bare colons, and a decimal digit: `a::b` in code is not an address.
        if (!DIGIT.test(address) || !isIPv6(address)) continue;
        if (address.split(":").filter(Boolean).length < 2 && address !== "::1") continue;
        out.push({
          category: "IP_ADDRESS",
          start: match.index,
          end: match.index + value.length,
          priority: PRIORITY.syntax,
        });
      }
    }
  },
};
