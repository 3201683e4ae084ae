import type { TokenText } from "./token-text.js";

/**
 * Turns the tokens of an answer, as they arrive, into text that is safe to send: the {@link TokenText} holds back an
 * incomplete UTF-8 character, and this holds back any tail that could be the start of a stop sequence and cuts the
 * answer at the first stop sequence.
 */
export class IncrementalTextDecoder {
  readonly #tokens: TokenText;
  readonly #stop: string[];
  #tokenCount = 0;
  #emitted = 0;
  #stopped = false;
  #text = "";

  constructor(tokens: TokenText, stop: string[]) {
    this.#tokens = tokens;
    this.#stop = stop.filter((s) => s.length > 0);
  }

  /** Whether a stop sequence was reached. */
  get stopped(): boolean {
    return this.#stopped;
  }

  get tokenCount(): number {
    return this.#tokenCount;
  }

  /** The answer so far, cut at a stop sequence. */
  get text(): string {
    return this.#text;
  }

  /** Adds tokens and returns the text that can be sent now. */
  push(ids: bigint[]): string {
    if (this.#stopped) return "";
    for (const id of ids) {
      this.#tokenCount++;
      this.#text += this.#tokens.push(id);
    }
    return this.#take(this.#stop.length === 0 ? this.#text.length : this.#safeEnd());
  }

  /** The rest of the text, once generation is over. */
  flush(): string {
    if (this.#stopped) return this.#take(this.#text.length);
    this.#text += this.#tokens.flush();
    this.#safeEnd();
    return this.#take(this.#text.length);
  }

  /** Cuts the text at the first stop sequence, if any, and returns how far it can be sent. */
  #safeEnd(): number {
    const cut = this.#firstStop(this.#text);
    if (cut !== undefined) {
      this.#text = this.#text.slice(0, cut);
      this.#stopped = true;
      return cut;
    }
    return this.#text.length - this.#stopPrefixLength(this.#text);
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
