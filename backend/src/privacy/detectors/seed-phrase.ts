// BIP-39 seed phrases: runs of at least 12 words of the English BIP-39 list (the list viem ships, from
// @scure/bip39), separated by spaces, commas or new lines, possibly numbered (`1. abandon 2. ability …`). The
// checksum word is not required: a phrase with a typo is still a seed phrase.
import { english } from "viem/accounts";
import { type Detection, type Detector, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";

/** The BIP-39 English words. */
export const BIP39_WORDS: ReadonlySet<string> = new Set(english);

/** Fewest words of a seed phrase (BIP-39 phrases have 12, 15, 18, 21 or 24). */
export const MIN_SEED_WORDS = 12;

const WORD = /[A-Za-z]+/g;
/** Twelve or more short words in a row, with the separators a phrase may have: the only places worth a look. */
const CANDIDATE = /(?<![A-Za-z])(?:[A-Za-z]{3,8}[^A-Za-z]{1,6}){11,}[A-Za-z]{3,8}(?![A-Za-z])/g;
/** What may separate two words of a phrase: spaces, commas, a new line, a number (`2.`, `(3)`, `#4`). */
const GAP = /^[\s,;|/-]*(?:[#(]?\d{1,2}[.):-]?[\s,;|/-]*)?$/;

export const seedPhraseDetector: Detector = {
  category: "SEED_PHRASE",
  // Twelve words in a row, or one long token of words joined by commas ("abandon,ability,…").
  mayMatch: (scan) => scan.wordRun >= MIN_SEED_WORDS || (scan.longestToken >= 47 && scan.text.includes(",")),
  detect({ text }: TextScan, out: Detection[]): void {
    CANDIDATE.lastIndex = 0;
    for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
      findRuns(text.slice(match.index, match.index + match[0].length), match.index, out);
    }
  },
};

/** Appends the runs of at least {@link MIN_SEED_WORDS} list words in `text` (at `offset` in the scanned text). */
function findRuns(text: string, offset: number, out: Detection[]): void {
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  const close = () => {
    if (count >= MIN_SEED_WORDS) {
      out.push({
        category: "SEED_PHRASE",
        start: offset + runStart,
        end: offset + runEnd,
        priority: PRIORITY.seedPhrase,
      });
    }
    count = 0;
  };
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match !== null; match = WORD.exec(text)) {
    const word = match[0];
    const inList = word.length >= 3 && word.length <= 8 && BIP39_WORDS.has(word.toLowerCase());
    if (!inList) {
      close();
      continue;
    }
    if (count > 0 && !GAP.test(text.slice(runEnd, match.index))) close();
    if (count === 0) runStart = match.index;
    runEnd = match.index + word.length;
    count++;
  }
  close();
}
