/**
 * Turns the tokens of an answer, as they arrive, into text that is safe to send: it holds back an incomplete UTF-8
 * character (a token can end in the middle of one) and any tail that could be the start of a stop sequence, and it
 * cuts the answer at the first stop sequence.
 *
 * Each new token costs a decode of a few tokens, not of the whole answer: it decodes the tokens since the last
 * complete piece with the piece before them as context, and keeps the difference (the way Hugging Face's text
 * generation servers do), so tokenizers that drop a leading space at the start of a decode still read right.
 */
export class IncrementalTextDecoder {
  readonly #decode: (ids: bigint[]) => string;
  readonly #stop: string[];
  readonly #ids: bigint[] = [];
  #prefixOffset = 0;
  #readOffset = 0;
  #decoded = "";
  #emitted = 0;
  #stopped = false;
  #text = "";

  constructor(decode: (ids: bigint[]) => string, stop: string[]) {
    this.#decode = decode;
    this.#stop = stop.filter((s) => s.length > 0);
  }

  /** Whether a stop sequence was reached. */
  get stopped(): boolean {
    return this.#stopped;
  }

  get tokenCount(): number {
    return this.#ids.length;
  }

  /** The answer so far, cut at a stop sequence. */
  get text(): string {
    return this.#text;
  }

  /** Adds tokens and returns the text that can be sent now. */
  push(ids: bigint[]): string {
    if (this.#stopped) return "";
    this.#ids.push(...ids);
    const context = this.#decode(this.#ids.slice(this.#prefixOffset, this.#readOffset));
    const extended = this.#decode(this.#ids.slice(this.#prefixOffset));
    const complete = extended.length > context.length && !extended.endsWith("\uFFFD");
    // An incomplete character is kept out of #decoded until the token that completes it arrives.
    let text = this.#decoded + extended.slice(context.length);
    if (complete) {
      this.#decoded = text;
      this.#prefixOffset = this.#readOffset;
      this.#readOffset = this.#ids.length;
    }
    let safeEnd = text.length;
    const cut = this.#firstStop(text);
    if (cut !== undefined) {
      text = text.slice(0, cut);
      safeEnd = cut;
      this.#stopped = true;
    } else {
      if (text.endsWith("\uFFFD")) safeEnd = text.length - 1;
      safeEnd = Math.min(safeEnd, text.length - this.#stopPrefixLength(text));
    }
    this.#text = text;
    return this.#take(safeEnd);
  }

  /** The rest of the text, once generation is over. */
  flush(): string {
    return this.#take(this.#text.length);
  }

  #take(end: number): string {
    if (end <= this.#emitted) return "";
    const piece = this.#text.slice(this.#emitted, end);
    this.#emitted = end;
    return piece;
  }

  #firstStop(text: string): number | undefined {
    let first: number | undefined;
    for (const s of this.#stop) {
      const at = text.indexOf(s, Math.max(0, this.#emitted - s.length));
      if (at >= 0 && (first === undefined || at < first)) first = at;
    }
    return first;
  }

  /** Length of the longest tail of `text` that is a proper prefix of a stop sequence. */
  #stopPrefixLength(text: string): number {
    let longest = 0;
    for (const s of this.#stop) {
      for (let n = Math.min(s.length - 1, text.length); n > longest; n--) {
        if (text.endsWith(s.slice(0, n))) {
          longest = n;
          break;
        }
      }
    }
    return longest;
  }
}
