// BIP-39 seed phrases: runs of at least 12 words of the English BIP-39 list (the list viem ships, from
// @scure/bip39), separated by spaces, commas, new lines, quotes or underscores, possibly numbered (`1. abandon
// 2. ability …`, `["abandon","ability",…]`). The checksum word is not required: a phrase with a typo is still a seed
// phrase.
import { english } from "viem/accounts";
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

/** The BIP-39 English words. */
export const BIP39_WORDS: ReadonlySet<string> = new Set(english);

/** Fewest words of a seed phrase (BIP-39 phrases have 12, 15, 18, 21 or 24). */
export const MIN_SEED_WORDS = 12;

/** Letters packed five bits each (a = 1): a number for the first four letters of a word, which BIP-39 makes unique. */
function packPrefix(text: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end && i < start + 4; i++) key = (key << 5) | ((text.charCodeAt(i) | 32) - 96);
  return key;
}

/** The BIP-39 words by their packed prefix (words of three letters are their own prefix). */
const WORDS_BY_PREFIX: ReadonlyMap<number, string> = (() => {
  const words = new Map<number, string>();
  for (const word of english) {
    const key = packPrefix(word, 0, word.length);
    if (words.has(key)) throw new Error(`BIP-39 words share a prefix: ${word}`);
    words.set(key, word);
  }
  return words;
})();

/**
 * `BIP39_WORDS.has(text.slice(start, end).toLowerCase())` for a run of ASCII letters, without the slice: the word
 * with the run's prefix, if it has the run's length and letters.
 */
function isListWord(text: string, start: number, end: number): boolean {
  const word = WORDS_BY_PREFIX.get(packPrefix(text, start, end));
  if (word === undefined || word.length !== end - start) return false;
  for (let i = 4; i < word.length; i++) if ((text.charCodeAt(start + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * Calls findRuns on each stretch of twelve or more short words in a row, with the separators a phrase may have: the
 * only places worth a look. Those are the matches of
 *   /(?<![A-Za-z])(?:[A-Za-z]{3,8}[^A-Za-z]{1,6}){11,}[A-Za-z]{3,8}(?![A-Za-z])/g
 * found in one pass: chains of whole runs of 3 to 8 ASCII letters, 1 to 6 other characters apart, from the first run
 * of a chain to its last (a run of another length, or a longer gap, ends the chain before it).
 */
function findCandidates(text: string, out: Detection[]): void {
  let chainStart = -1;
  let chainEnd = -1;
  let count = 0;
  let i = 0;
  while (i < text.length) {
    if (!isAsciiLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++;
    const length = i - start;
    const joins = count > 0 && start - chainEnd <= 6;
    if (length < 3 || length > 8 || !joins) {
      if (count >= MIN_SEED_WORDS) findRuns(text, chainStart, chainEnd, out);
      count = 0;
    }
    if (length < 3 || length > 8) continue;
    if (count === 0) chainStart = start;
    chainEnd = i;
    count++;
  }
  if (count >= MIN_SEED_WORDS) findRuns(text, chainStart, chainEnd, out);
}

// What may separate two words of a phrase: spaces, commas, a new line, quotes (a JSON array: `["abandon","ability",…]`),
// underscores, a number (`2.`, `(3)`, `#4`); isGap tests `^[\s,;|/"'`_-]*(?:[#(]?\d{1,2}[.):-]?[\s,;|/"'`_-]*)?$`
// without a regular expression.

export const seedPhraseDetector: Detector = {
  category: "SEED_PHRASE",
  // findCandidates looks only at chains of twelve short letter runs or more, which the first pass counts.
  mayMatch: (scan) => scan.letterChain >= MIN_SEED_WORDS,
  detect({ text }: TextScan, out: Detection[]): void {
    findCandidates(text, out);
  },
};

/** Whether `c` may separate words of a phrase: `[\s,;|/"'`_-]`. */
function isGapSeparator(c: number): boolean {
  if (c === 32 || c === 44 || c === 59 || c === 124 || c === 47 || c === 45 || (c >= 9 && c <= 13)) return true;
  if (c === 34 || c === 39 || c === 96 || c === 95) return true;
  return c > 127 && SPACE.test(String.fromCharCode(c));
}

const SPACE = /\s/;

/** Whether `text[from, to)` may separate two words of a phrase: separators, or a number between separators (`, 2. `, `(3)`, `#4`). */
function isGap(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isGapSeparator(text.charCodeAt(i))) i++;
  if (i === to) return true;
  const open = text.charCodeAt(i);
  if (open === 35 || open === 40) i++;
  const digitsStart = i;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  if (i === digitsStart || i - digitsStart > 2) return false;
  const close = text.charCodeAt(i);
  if (i < to && (close === 46 || close === 41 || close === 58 || close === 45)) i++;
  while (i < to && isGapSeparator(text.charCodeAt(i))) i++;
  return i === to;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Appends the runs of at least {@link MIN_SEED_WORDS} list words in `text[from, to)` (the words: runs of ASCII letters). */
function findRuns(text: string, from: number, to: number, out: Detection[]): void {
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let i = from;
  while (i < to) {
    if (!isAsciiLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < to && isAsciiLetter(text.charCodeAt(i))) i++;
    const length = i - start;
    const inList = length >= 3 && length <= 8 && isListWord(text, start, i);
    // A word off the list, or a separator that is not a gap, ends the run.
    if (!inList || (count > 0 && !isGap(text, runEnd, start))) {
      pushRun(runStart, runEnd, count, out);
      count = 0;
    }
    if (!inList) continue;
    if (count === 0) runStart = start;
    runEnd = i;
    count++;
  }
  pushRun(runStart, runEnd, count, out);
}

/** Appends a run of `count` list words if it is long enough. (A function, not a closure: tsx names closures on each call.) */
function pushRun(start: number, end: number, count: number, out: Detection[]): void {
  if (count >= MIN_SEED_WORDS) out.push({ category: "SEED_PHRASE", start, end, priority: PRIORITY.seedPhrase });
}
