// Sets of ASCII characters, for gates before a pattern runs on a token: a pattern such as `[1-9A-HJ-NP-Za-km-z]{25,34}`
// can only match where the token has that many characters of its set in a row.

export class Alphabet {
  readonly #members = new Uint8Array(128);

  /** `ranges`: characters and `a-z` ranges, as in a regular expression's character class (ASCII only). */
  constructor(ranges: string) {
    for (let i = 0; i < ranges.length; i++) {
      const from = ranges.charCodeAt(i);
      if (ranges[i + 1] === "-" && i + 2 < ranges.length) {
        const to = ranges.charCodeAt(i + 2);
        for (let c = from; c <= to; c++) this.#members[c] = 1;
        i += 2;
      } else this.#members[from] = 1;
    }
  }

  has(code: number): boolean {
    return code < 128 && this.#members[code] === 1;
  }

  /** Whether `text[start, end)` has `length` characters of the set in a row. */
  hasRun(text: string, start: number, end: number, length: number): boolean {
    let run = 0;
    for (let i = start; i < end; i++) {
      if (this.has(text.charCodeAt(i))) {
        if (++run >= length) return true;
      } else {
        run = 0;
        // Too few characters left for a run.
        if (end - i - 1 < length) return false;
      }
    }
    return false;
  }
}
