// Gates that let a detector skip the search for its cue words ("born", "password", "my name is") when a text cannot
// hold them. The first pass (text-scan.ts) hashes every three adjacent characters of the text into a set of bits
// (ASCII letters without case, every other character as one class); a word can be in the text only if each of its
// triples is in the set. A gate that fails is a proof; one that passes only means "search". Searching a short text
// for a word costs about as much as the whole first pass; testing a few bits costs almost nothing.

/** The class of every character that is not an ASCII letter. */
export const OTHER_CLASS = 26;
/** Words of 32 bits in a set (2048 bits: a 100-character text sets about 5% of them). */
export const TRIGRAM_SET_WORDS = 64;

/** The class of a UTF-16 code unit: 0-25 for ASCII letters of either case, OTHER_CLASS for anything else. */
export function charClass(code: number): number {
  const lower = code | 32;
  return lower >= 97 && lower <= 122 ? lower - 97 : OTHER_CLASS;
}

/** The three classes of a trigram, five bits each (the first pass keeps it rolling: `((t << 5) | class) & 0x7fff`). */
export function trigramOf(first: number, second: number, third: number): number {
  return (first << 10) | (second << 5) | third;
}

/** The bit of a trigram in a set of {@link TRIGRAM_SET_WORDS} words. */
export function trigramBit(trigram: number): number {
  return Math.imul(trigram, 0x9e3779b1) >>> 21;
}

/** Words a detector looks for; {@link WordGate.mayContain} says whether a text may contain any of them. */
export class WordGate {
  readonly #words: readonly Uint16Array[];

  /** `words` (three characters or more) match without ASCII case, as `text.toLowerCase().includes(word)` would. */
  constructor(words: readonly string[]) {
    this.#words = words.map((word) => {
      if (word.length < 3) throw new Error("A gate word needs three characters");
      const bits = new Uint16Array(word.length - 2);
      for (let i = 2; i < word.length; i++) {
        bits[i - 2] = trigramBit(
          trigramOf(
            charClass(word.charCodeAt(i - 2)),
            charClass(word.charCodeAt(i - 1)),
            charClass(word.charCodeAt(i)),
          ),
        );
      }
      return bits;
    });
  }

  /**
   * False only if no word can be in a text with these trigrams; undefined trigrams (the first pass could not tell,
   * see TextScan.trigrams) give true.
   */
  mayContain(trigrams: Uint32Array | undefined): boolean {
    if (trigrams === undefined) return true;
    for (const word of this.#words) {
      let all = true;
      for (let i = 0; i < word.length; i++) {
        const bit = word[i] as number;
        if (((trigrams[bit >>> 5] as number) & (1 << (bit & 31))) === 0) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    return false;
  }
}
