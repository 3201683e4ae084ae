// SECRET's third kind of evidence: a high-entropy token. A hand-written scan instead of a regular expression over
// each long token: the pattern it replaces,
//   (?<![\p{L}\p{N}_+/=.-])[A-Za-z0-9_+/=-]{20,512}(?![\p{L}\p{N}_+/=-])
// matches exactly the whole runs of its characters, 20 to 512 long, that follow neither '.' nor a letter or digit and
// come before neither (a longer run cannot end where the lookahead holds, a shorter one cannot start where the
// lookbehind does).
import { type Detection, PRIORITY } from "./detection.js";

/** The shortest and longest random tokens. */
export const MIN_RANDOM_TOKEN = 20;
const MAX_RANDOM_TOKEN = 512;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]/u;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX = /^(?:0x)?[0-9a-f]+$/i;

/** Whether the code point at `index` (or the one ending there, with `before`) is a letter or a number (non-ASCII). */
function nonAsciiLetterOrNumber(text: string, index: number, before: boolean): boolean {
  let start = index;
  // A low surrogate before the run ends a pair: the regex saw the whole code point.
  if (before && index > 0 && (text.charCodeAt(index) & 0xfc00) === 0xdc00) {
    if ((text.charCodeAt(index - 1) & 0xfc00) === 0xd800) start = index - 1;
  }
  return LETTER_OR_NUMBER.test(text.slice(start, start + 2));
}

/** Whether a token looks randomly generated: three character classes, frequent class changes, high entropy. */
export function looksRandom(token: string): boolean {
  return looksRandomAt(token, 0, token.length);
}

// What looksRandom needs to know of each ASCII character: its class (two bits), whether it can be part of a hash or
// UUID that UUID or HEX matches (hex digits, `-`, the `x` of `0x`), whether it is a lower-case vowel (`[aeiouy]`),
// whether the token pattern takes it (`[A-Za-z0-9_+/=-]`).
const LOWER = 0;
const UPPER = 1;
const DIGIT = 2;
const OTHER = 3;
const CLASS = 3;
const HEX_LIKE = 4;
const VOWEL = 8;
const TOKEN_CHAR = 16;
const CHAR_INFO = Uint8Array.from({ length: 128 }, (_, c) => {
  const char = String.fromCharCode(c);
  let info = /[a-z]/.test(char) ? LOWER : /[A-Z]/.test(char) ? UPPER : /\d/.test(char) ? DIGIT : OTHER;
  if (/[0-9a-fx-]/i.test(char)) info |= HEX_LIKE;
  if (/[aeiouy]/.test(char)) info |= VOWEL;
  if (/[A-Za-z0-9_+/=-]/.test(char)) info |= TOKEN_CHAR;
  return info;
});

function charInfo(c: number): number {
  return c < 128 ? (CHAR_INFO[c] as number) : OTHER;
}

/** Characters by their ASCII code (the code's low seven bits), for the entropy; all zero between uses. */
const ASCII_COUNTS = new Uint16Array(128);

function looksRandomAt(text: string, start: number, end: number): boolean {
  if (end === start) return false;
  let info = charInfo(text.charCodeAt(start));
  let previous = info & CLASS;
  let seen = 1 << previous;
  let changes = 0;
  let hex = info;
  for (let i = start + 1; i < end; i++) {
    info = charInfo(text.charCodeAt(i));
    const cls = info & CLASS;
    seen |= 1 << cls;
    if (cls !== previous) changes++;
    previous = cls;
    hex &= info;
  }
  return looksRandomGiven(text, start, end, seen, changes, hex);
}

/**
 * Appends each run in `text[start, end)` (a whitespace-delimited token) that the token pattern matches and that looks
 * random. The pass that finds the runs also sums up their classes, as looksRandomAt does.
 */
export function findRandomTokens(text: string, start: number, end: number, out: Detection[]): void {
  let i = start;
  while (i < end) {
    let info = charInfo(text.charCodeAt(i));
    if ((info & TOKEN_CHAR) === 0) {
      i++;
      continue;
    }
    const runStart = i;
    let previous = info & CLASS;
    let seen = 1 << previous;
    let changes = 0;
    let hex = info;
    for (i++; i < end; i++) {
      info = charInfo(text.charCodeAt(i));
      if ((info & TOKEN_CHAR) === 0) break;
      const cls = info & CLASS;
      seen |= 1 << cls;
      if (cls !== previous) changes++;
      previous = cls;
      hex &= info;
    }
    const length = i - runStart;
    if (length < MIN_RANDOM_TOKEN || length > MAX_RANDOM_TOKEN) continue;
    if (runStart > start) {
      const before = text.charCodeAt(runStart - 1);
      if (before === 46 || (before > 127 && nonAsciiLetterOrNumber(text, runStart - 1, true))) continue;
    }
    if (i < end) {
      const after = text.charCodeAt(i);
      if (after > 127 && nonAsciiLetterOrNumber(text, i, false)) continue;
    }
    if (looksRandomGiven(text, runStart, i, seen, changes, hex)) {
      out.push({ category: "SECRET", start: runStart, end: i, priority: PRIORITY.heuristicSecret });
    }
  }
}

/**
 * looksRandom, given the classes seen (a bit each), the changes of class from one character to the next and the
 * CHAR_INFO of all characters ANDed together.
 */
function looksRandomGiven(
  text: string,
  start: number,
  end: number,
  seen: number,
  changes: number,
  hex: number,
): boolean {
  // Lower case, upper case and digits (hashes and UUIDs have no upper case; words have no digits).
  if ((seen & 7) !== 7 || changes / (end - start) < 0.3) return false;
  if ((hex & HEX_LIKE) !== 0) {
    const token = text.slice(start, end);
    if (UUID.test(token) || HEX.test(token)) return false;
  }
  // Identifiers are made of words (`Base64EncoderV2Factory`): random tokens have few runs of three or more letters
  // that read like a word.
  return wordLikeShare(text, start, end) < 0.5 && highEntropy(text, start, end);
}

/**
 * The share of `text[start, end)` in word-like runs: the matches of `/[A-Z]?[a-z]{2,}/g` of three or more characters
 * with a vowel. Those matches are the runs of two or more lower-case letters, each with the capital before it.
 */
function wordLikeShare(text: string, start: number, end: number): number {
  let wordLike = 0;
  // The current run of lower-case letters: its length, whether a capital comes before it, whether it has a vowel.
  let lowerRun = 0;
  let capitalBefore = false;
  let vowel = false;
  let previous = OTHER;
  // One past the end closes the last run.
  for (let i = start; i <= end; i++) {
    const info = i < end ? charInfo(text.charCodeAt(i)) : OTHER;
    const cls = info & CLASS;
    if (cls === LOWER) {
      if (lowerRun === 0) {
        capitalBefore = previous === UPPER;
        vowel = false;
      }
      lowerRun++;
      if ((info & VOWEL) !== 0) vowel = true;
    } else if (lowerRun > 0) {
      const match = lowerRun + (capitalBefore ? 1 : 0);
      if (lowerRun >= 2 && match >= 3 && vowel) wordLike += match;
      lowerRun = 0;
    }
    previous = cls;
  }
  return wordLike / (end - start);
}

/** Far more than the rounding error of a sum of at most 128 terms, far less than any entropy difference that matters. */
const MARGIN = 1e-9;

/**
 * Whether the Shannon entropy of `text[start, end)`, in bits per character, reaches `min(4, 0.85 log2(length))`.
 * The entropy lies between the collision entropy `log2(length² / Σ count²)` and `log2(distinct characters)`, each a
 * single logarithm instead of one per character: only when the threshold falls between them (within the margin) is
 * the sum computed, in the same order as always so that the decision is the same to the last bit.
 */
function highEntropy(text: string, start: number, end: number): boolean {
  const length = end - start;
  let distinct = 0;
  let squares = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i) & 127;
    const count = ASCII_COUNTS[code] as number;
    if (count === 0) distinct++;
    squares += 2 * count + 1;
    ASCII_COUNTS[code] = count + 1;
  }
  const threshold = Math.min(4, Math.log2(length) * 0.85);
  let enough: boolean;
  if (Math.log2(distinct) < threshold - MARGIN) enough = false;
  else if (2 * Math.log2(length) - Math.log2(squares) >= threshold + MARGIN) enough = true;
  else enough = shannonEntropy(length) >= threshold;
  ASCII_COUNTS.fill(0);
  return enough;
}

/** Shannon entropy of `length` characters counted in ASCII_COUNTS, summed in character order as it always was. */
function shannonEntropy(length: number): number {
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const count = ASCII_COUNTS[c] as number;
    if (count === 0) continue;
    const p = count / length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
