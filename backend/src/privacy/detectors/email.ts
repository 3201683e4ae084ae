// Email addresses: the usual `local@domain.tld` (any case, Unicode letters, `+tags`, quoted in `<…>` or after
// `mailto:`), and the bracketed obfuscations people type to dodge scrapers (`jane [at] example [dot] org`).
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

const LOCAL_CHAR = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]";
const LOCAL = `${LOCAL_CHAR}+(?:\\.${LOCAL_CHAR}+)*`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
const PLAIN = new RegExp(
  String.raw`(?<![\p{L}\p{N}.!#$%&'*+/=?^_${"`"}{|}~-])${LOCAL}@(?:${LABEL}\.)+(\p{L}{2,24})(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])`,
  "gu",
);
const AT = String.raw`\s*[[({<]\s*at\s*[\])}>]\s*`;
const DOT = String.raw`\s*[[({<]\s*dot\s*[\])}>]\s*`;
const OBFUSCATED = new RegExp(
  String.raw`(?<![\p{L}\p{N}._-])[\p{L}\p{N}._%+-]+${AT}(?:${LABEL}(?:${DOT}|\.))+\p{L}{2,24}(?![\p{L}\p{N}])`,
  "giu",
);
const URL_USER_BEFORE = /:\/\/[^\s/@]*:?$/;
const OBFUSCATED_HINT = /[[({<]\s*at\s*[\])}>]/i;
/** OBFUSCATED_HINT needs a bracket, then "at" (spaces between have the bracket's class). */
const HINT_GATE = new WordGate(["(at"]);
/** Image names like `logo@2x.png` have an email's shape. */
const FILE_EXTENSIONS = new Set(["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "pdf", "tiff"]);

export const emailDetector: Detector = {
  category: "EMAIL",
  mayMatch: (scan) => scan.ats.length > 0 || scan.bracket,
  detect({ text, ats, bracket, trigrams }: TextScan, out: Detection[]): void {
    if (ats.length > 0) {
      PLAIN.lastIndex = 0;
      for (let match = PLAIN.exec(text); match !== null; match = PLAIN.exec(text)) {
        const tld = (match[1] ?? "").toLowerCase();
        if (FILE_EXTENSIONS.has(tld)) continue;
        const end = match.index + match[0].length;
        // `git@github.com:org/repo.git` is an SSH remote, not somebody's address.
        if (text[end] === ":" && /^git@/i.test(match[0])) continue;
        // `postgres://user:password@host` holds credentials, not an address.
        if (URL_USER_BEFORE.test(text.slice(Math.max(0, match.index - 64), match.index))) continue;
        out.push({ category: "EMAIL", start: match.index, end, priority: PRIORITY.email });
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
  },
};
