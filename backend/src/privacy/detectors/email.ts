// Email addresses: the usual `local@domain.tld` (any case, Unicode letters, `+tags`, quoted in `<…>` or after
// `mailto:`), and the obfuscations people type to dodge scrapers: bracketed (`jane [at] example [dot] org`) or
// spelled out (`jane dot doe at gmail dot com`, ending in a common top-level domain).
import { Alphabet } from "./alphabet.js";
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

const LOCAL_CHAR = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]";
const LOCAL = `${LOCAL_CHAR}+(?:\\.${LOCAL_CHAR}+)*`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
/** A plain address (sticky: tried where localPartStart says). */
const PLAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}.!#$%&'*+/=?^_${"`"}{|}~-])${LOCAL}@(?:${LABEL}\.)+(\p{L}{2,24})(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])`,
  "uy",
);
const AT = String.raw`\s*[[({<]\s*at\s*[\])}>]\s*`;
const DOT = String.raw`\s*[[({<]\s*dot\s*[\])}>]\s*`;
/** An obfuscated address's local part: a "[dot]" may join its words too ("jane [dot] doe [at] …"). */
const OBFUSCATED_LOCAL = String.raw`[\p{L}\p{N}._%+-]+(?:${DOT}[\p{L}\p{N}._%+-]+)*`;
const OBFUSCATED = new RegExp(
  String.raw`(?<![\p{L}\p{N}._-])${OBFUSCATED_LOCAL}${AT}(?:${LABEL}(?:${DOT}|\.))+\p{L}{2,24}(?![\p{L}\p{N}])`,
  "giu",
);
/** The top-level domains a spelled-out address may end with: the common ones, so that prose rarely qualifies. */
const SPELLED_TLDS =
  "com org net edu gov mil int info biz io co me dev app ai eu uk de fr es it nl be ch at se no dk fi pl pt ie br ca au nz in jp cn ru us";
const SPELLED_PART = String.raw`[\p{L}\p{N}_%+-]+`;
const SPELLED_DOT = String.raw`(?:\s+dot\s+|\.)`;
const SPELLED = new RegExp(
  String.raw`(?<![\p{L}\p{N}._@-])(${SPELLED_PART})(?:${SPELLED_DOT}${SPELLED_PART})*\s+at\s+${LABEL}(?:${SPELLED_DOT}${LABEL})*\s+dot\s+(?:${SPELLED_TLDS.replaceAll(" ", "|")})(?![\p{L}\p{N}])`,
  "giu",
);
/** " dot " between words: what a spelled-out address needs. */
const SPELLED_HINT = /\sdot\s/i;
const SPELLED_GATE = new WordGate(["dot"]);
/** Words that come before "at" in prose ("look at", "good at", "arrived at"): not the local part of an address. */
const NOT_LOCAL_PARTS = new Set(
  `look looks looking looked stare staring stared laugh laughing laughed good great bad better best worse arrive
arrives arrived arriving stay stays staying stayed work works working worked meet meeting met me us him her them it
this that be is are was were been am back home here there up down out aim aimed point pointed shot shoot hit expert
available now once least last first all one anyone someone everyone nobody you we they i he she who what where
which something nothing anything everything ones sit sat live lives lived living`
    .split(/\s+/)
    .filter(Boolean),
);
const URL_USER_BEFORE = /:\/\/[^\s/@]*:?$/;
const OBFUSCATED_HINT = /[[({<]\s*at\s*[\])}>]/i;
/** OBFUSCATED_HINT needs a bracket, then "at" (spaces between have the bracket's class). */
const HINT_GATE = new WordGate(["(at"]);
/** Image names like `logo@2x.png` have an email's shape. */
const FILE_EXTENSIONS = new Set(["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "pdf", "tiff"]);

const LOCAL_SYMBOLS = new Alphabet("!#$%&'*+/=?^_`{|}~.-");
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]/u;

/** The length of the code point ending at `end` if it is a local-part character or '.', else 0. */
function localCharBefore(text: string, end: number): number {
  const c = text.charCodeAt(end - 1);
  if (c < 128) return LOCAL_SYMBOLS.has(c) || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) ? 1 : 0;
  // A low surrogate after a high one: the pattern sees one code point.
  const size = (c & 0xfc00) === 0xdc00 && end >= 2 && (text.charCodeAt(end - 2) & 0xfc00) === 0xd800 ? 2 : 1;
  return LETTER_OR_NUMBER.test(text.slice(end - size, end)) ? size : 0;
}

/** Where the run of local-part characters and dots that ends at `at` starts. */
function localPartStart(text: string, at: number): number {
  let start = at;
  while (start > 0) {
    const size = localCharBefore(text, start);
    if (size === 0) break;
    start -= size;
  }
  return start;
}

/**
 * Where an address in a link's query or path starts: after the last '=', '?' or '/' of its local part
 * ("https://x.com/?email=jane@example.com" is the address jane@example.com). Those characters are legal in a local
 * part but no one's address holds them.
 */
function inLinkStart(text: string, start: number, at: number): number {
  for (let i = at - 1; i > start; i--) {
    const c = text.charCodeAt(i - 1);
    if (c === 61 || c === 63 || c === 47) return i;
  }
  return start;
}

export const emailDetector: Detector = {
  category: "EMAIL",
  mayMatch: (scan) => scan.ats.length > 0 || scan.bracket || SPELLED_GATE.mayContain(scan.trigrams),
  detect({ text, ats, bracket, trigrams }: TextScan, out: Detection[]): void {
    if (ats.length > 0) {
      let next = 0;
      for (const at of ats) {
        // A match holds one '@' and starts where the run of local-part characters before it does (the lookbehind
        // rules out any later start): that is the only place to try.
        const start = localPartStart(text, at);
        if (start < next || start === at) continue;
        PLAIN.lastIndex = start;
        const match = PLAIN.exec(text);
        if (match === null) continue;
        next = start + match[0].length;
        const tld = (match[1] ?? "").toLowerCase();
        if (FILE_EXTENSIONS.has(tld)) continue;
        const end = match.index + match[0].length;
        // `git@github.com:org/repo.git` is an SSH remote, not somebody's address.
        if (text[end] === ":" && /^git@/i.test(match[0])) continue;
        // `postgres://user:password@host` holds credentials, not an address.
        if (URL_USER_BEFORE.test(text.slice(Math.max(0, match.index - 64), match.index))) continue;
        out.push({ category: "EMAIL", start: inLinkStart(text, match.index, at), end, priority: PRIORITY.email });
      }
    }
    // The hint implies `lower.includes("at")`.
    if (bracket && HINT_GATE.mayContain(trigrams) && OBFUSCATED_HINT.test(text)) {
      OBFUSCATED.lastIndex = 0;
      for (let match = OBFUSCATED.exec(text); match !== null; match = OBFUSCATED.exec(text)) {
        out.push({
          category: "EMAIL",
          start: match.index,
          end: match.index + match[0].length,
          priority: PRIORITY.email,
        });
      }
    }
    if (SPELLED_GATE.mayContain(trigrams) && SPELLED_HINT.test(text)) {
      SPELLED.lastIndex = 0;
      for (let match = SPELLED.exec(text); match !== null; match = SPELLED.exec(text)) {
        if (NOT_LOCAL_PARTS.has((match[1] as string).toLowerCase())) continue;
        out.push({
          category: "EMAIL",
          start: match.index,
          end: match.index + match[0].length,
          priority: PRIORITY.email,
        });
      }
    }
  },
};
