// One pass over a text before any detector runs: counts, and the sites where values can start (runs of digits,
// capitalised words, '@', long tokens). Detectors try their patterns at those sites only (sticky regexes) instead of
// each scanning the whole text, and skip the text altogether when it cannot hold their values.

import { hasEscapeAt, isFoldable } from "./ascii-fold.js";
import { isCjkLetter } from "./cjk-names.js";
import { charClass, OTHER_CLASS, TRIGRAM_SET_WORDS, trigramBit, trigramOf } from "./word-gate.js";

/** What the pass found. Offsets are UTF-16 indices into `text`. */
export interface TextScan {
  readonly text: string;
  /** The text in lower case (same offsets for the scripts the detectors look at); computed on first use. */
  readonly lower: string;
  /** ASCII digits. */
  readonly digits: number;
  /**
   * The most digits in one run of digits, spaces, no-break spaces, parentheses, periods and hyphens: every phone,
   * card, SSN and dotted-quad number lies in one such run.
   */
  readonly groupedDigits: number;
  /** Whitespace-separated tokens, and the length of the longest. */
  readonly tokens: number;
  readonly longestToken: number;
  /** Whether the text has ':' (and how many), and an opening bracket `[({<`. */
  readonly colon: boolean;
  readonly colons: number;
  readonly bracket: boolean;
  /** Start of every run of ASCII digits. */
  readonly numbers: readonly number[];
  /** Start of every word that begins with an upper-case letter. */
  readonly capitals: readonly number[];
  /** Index of every '@'. */
  readonly ats: readonly number[];
  /** Start and end of every token of at least {@link LONG_TOKEN} characters, as pairs. */
  readonly longTokens: readonly number[];
  /**
   * The most runs of 3 to 8 ASCII letters in one chain, each 1 to 6 other characters from the next (a run of another
   * length, or a longer gap, ends a chain): a seed phrase's words, whatever separates or numbers them, lie in one.
   */
  readonly letterChain: number;
  /** Whether the text has a letter of Chinese, Japanese katakana or Korean script (cjk-names.ts). */
  readonly cjk: boolean;
  /** Whether the text has a full-width form or a Unicode dash that ascii-fold.ts would fold. */
  readonly foldable: boolean;
  /**
   * The trigrams of the text (word-gate.ts), for WordGate; undefined when a character lowers to an ASCII letter
   * (U+0130, U+212A), so that gates cannot tell. Valid until the next scanText call: the buffer is reused, and every
   * detector runs on one scan before the next text is scanned.
   */
  readonly trigrams: Uint32Array | undefined;
}

/** Tokens at least this long are recorded (the shortest known secret format is about this long). */
export const LONG_TOKEN = 14;

const UPPER_NON_ASCII = /\p{Lu}/u;
const LETTER_NON_ASCII = /\p{L}/u;
const LETTER_OR_DIGIT_NON_ASCII = /^[\p{L}\p{N}\p{M}]$/u;

const ASCII_CLASSES = Uint8Array.from({ length: 128 }, (_, c) => charClass(c));
/** One buffer for the trigrams of every scan (see TextScan.trigrams). */
const TRIGRAMS = new Uint32Array(TRIGRAM_SET_WORDS);

class Scan implements TextScan {
  #lower: string | undefined;

  constructor(
    readonly text: string,
    readonly digits: number,
    readonly groupedDigits: number,
    readonly tokens: number,
    readonly longestToken: number,
    readonly colons: number,
    readonly bracket: boolean,
    readonly numbers: readonly number[],
    readonly capitals: readonly number[],
    readonly ats: readonly number[],
    readonly longTokens: readonly number[],
    readonly letterChain: number,
    readonly cjk: boolean,
    readonly foldable: boolean,
    readonly trigrams: Uint32Array | undefined,
  ) {}

  get colon(): boolean {
    return this.colons > 0;
  }

  get lower(): string {
    this.#lower ??= this.text.toLowerCase();
    return this.#lower;
  }
}

export function scanText(text: string): TextScan {
  let digits = 0;
  let groupedDigits = 0;
  let group = 0;
  let tokens = 0;
  let longestToken = 0;
  let colons = 0;
  let bracket = false;
  const numbers: number[] = [];
  const capitals: number[] = [];
  const ats: number[] = [];
  const longTokens: number[] = [];
  let letterChain = 0;
  let cjk = false;
  let foldable = false;
  // The chain of letter runs so far: how many runs, where the last one ended, where the current one started.
  let chain = 0;
  let chainEnd = -1;
  let letterRunStart = -1;
  let tokenStart = -1;
  let previous = 0;
  const trigrams = TRIGRAMS;
  trigrams.fill(0);
  let trigramsKnown = true;
  // The text starts as if after two spaces.
  let trigram = trigramOf(0, OTHER_CLASS, OTHER_CLASS);
  const length = text.length;
  // One past the end, as a space, closes the last token.
  for (let i = 0; i <= length; i++) {
    const c = i < length ? text.charCodeAt(i) : 32;
    trigram = ((trigram << 5) | (c < 128 ? (ASCII_CLASSES[c] as number) : OTHER_CLASS)) & 0x7fff;
    const bit = trigramBit(trigram);
    trigrams[bit >>> 5] = (trigrams[bit >>> 5] as number) | (1 << (bit & 31));
    if (isAsciiLetter(c)) {
      if (letterRunStart < 0) letterRunStart = i;
    } else if (letterRunStart >= 0) {
      // A run of letters ended: it joins the chain if it has 3 to 8 letters and is close enough to the last one.
      const size = i - letterRunStart;
      if (size < 3 || size > 8) chain = 0;
      else {
        chain = chain > 0 && letterRunStart - chainEnd <= 6 ? chain + 1 : 1;
        chainEnd = i;
        if (chain > letterChain) letterChain = chain;
      }
      letterRunStart = -1;
    }
    if (c <= 32) {
      // A carriage return before a line feed reads as a space (ascii-fold.ts): cue patterns expect "\n" line ends.
      if (c === 13 && i + 1 < length && text.charCodeAt(i + 1) === 10) foldable = true;
      if (c === 32 && group > 0) {
        // A space continues a group of digits.
      } else group = 0;
      if (tokenStart >= 0) {
        const size = i - tokenStart;
        tokens++;
        if (size > longestToken) longestToken = size;
        if (size >= LONG_TOKEN) longTokens.push(tokenStart, i);
        tokenStart = -1;
      }
      previous = c;
      continue;
    }
    if (tokenStart < 0) tokenStart = i;
    if (c >= 97 && c <= 122) {
      group = 0;
    } else if (c >= 65 && c <= 90) {
      group = 0;
      if (!isWordCode(previous) || (previous > 127 && !isLetterOrDigitAt(text, i - 1))) capitals.push(i);
    } else if (c >= 48 && c <= 57) {
      digits++;
      if (previous < 48 || previous > 57) numbers.push(i);
      group++;
      if (group > groupedDigits) groupedDigits = group;
    } else if (c > 127) {
      if (c !== 0xa0) group = 0;
      if (c === 0x130 || c === 0x212a) trigramsKnown = false;
      else if (c >= 0x30a0 && c <= 0xd7a3 && isCjkLetter(c)) cjk = true;
      else if (isFoldable(c)) foldable = true;
      const ch = text[i] as string;
      if (
        LETTER_NON_ASCII.test(ch) &&
        (!isWordCode(previous) || (previous > 127 && !isLetterOrDigitAt(text, i - 1))) &&
        UPPER_NON_ASCII.test(ch)
      )
        capitals.push(i);
    } else {
      if (c === 64) ats.push(i);
      else if ((c === 37 || c === 38) && hasEscapeAt(text, i)) foldable = true;
      else if (c === 58) colons++;
      else if (c === 40 || c === 60 || c === 91 || c === 123) bracket = true;
      if (c !== 40 && c !== 41 && c !== 46 && c !== 45) group = 0;
    }
    previous = c;
  }
  return new Scan(
    text,
    digits,
    groupedDigits,
    tokens,
    longestToken,
    colons,
    bracket,
    numbers,
    capitals,
    ats,
    longTokens,
    letterChain,
    cjk,
    foldable,
    trigramsKnown ? trigrams : undefined,
  );
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/**
 * Whether the non-ASCII character ending at `index` is a letter or digit (a curly quote, a guillemet, a dash or an
 * inverted question mark is not: "“Laura Chen”", "¿Laura", "—Laura" start words). A low surrogate is taken with its
 * high one.
 */
function isLetterOrDigitAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const start = (code & 0xfc00) === 0xdc00 && index > 0 ? index - 1 : index;
  return LETTER_OR_DIGIT_NON_ASCII.test(text.slice(start, index + 1));
}

/** Whether a character code is a letter or digit (ASCII, or any non-ASCII, conservatively). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c > 127;
}
