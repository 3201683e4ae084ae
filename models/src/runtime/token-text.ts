/**
 * The text of generated tokens, one token at a time: each `push` returns the text that the tokens so far complete,
 * never half of a character (a token can end in the middle of one); `flush` returns the rest once no token follows.
 * Pushing every token and flushing gives what the tokenizer's `decode(ids, { skip_special_tokens: true })` gives.
 */
export interface TokenText {
  push(id: bigint): string;
  flush(): string;
}

/**
 * For any tokenizer: each token costs a decode of a few tokens, not of the whole answer. It decodes the tokens since
 * the last complete piece with the piece before them as context and keeps the difference (the way Hugging Face's text
 * generation servers do), so tokenizers that drop a leading space at the start of a decode still read right.
 */
export class WindowedTokenText implements TokenText {
  readonly #decode: (ids: bigint[]) => string;
  readonly #ids: bigint[] = [];
  #prefixOffset = 0;
  #readOffset = 0;
  /** Text since the last complete piece, as last decoded, and how much of it was already returned. */
  #pending = "";
  #sent = 0;

  constructor(decode: (ids: bigint[]) => string) {
    this.#decode = decode;
  }

  push(id: bigint): string {
    this.#ids.push(id);
    const context = this.#decode(this.#ids.slice(this.#prefixOffset, this.#readOffset));
    const fresh = this.#decode(this.#ids.slice(this.#prefixOffset)).slice(context.length);
    if (fresh.length > 0 && !fresh.endsWith("\uFFFD")) {
      const text = fresh.slice(this.#sent);
      this.#prefixOffset = this.#readOffset;
      this.#readOffset = this.#ids.length;
      this.#pending = "";
      this.#sent = 0;
      return text;
    }
    // An incomplete character stays out until the token that completes it arrives; what precedes it can go.
    this.#pending = fresh;
    const safe = fresh.endsWith("\uFFFD") ? fresh.length - 1 : fresh.length;
    if (safe <= this.#sent) return "";
    const text = fresh.slice(this.#sent, safe);
    this.#sent = safe;
    return text;
  }

  flush(): string {
    const text = this.#pending.slice(this.#sent);
    this.#pending = "";
    this.#sent = 0;
    return text;
  }
}

/**
 * What one token id stands for in a byte-level vocabulary: its bytes (and their text when they are all ASCII), an
 * added token's content, or null for a special token that decoding skips.
 */
type Piece = { bytes: Uint8Array; ascii: string | undefined } | { added: string } | null;

/**
 * A byte-level BPE vocabulary (the GPT-2 scheme: Llama 3, Qwen, GPT-2, Commons Chat): every token is a run of bytes,
 * so the text of a stream of tokens is their bytes through one streaming UTF-8 decoder, with no decode call per
 * token. Built from the model's `tokenizer.json` and `tokenizer_config.json`; {@link ByteLevelVocabulary.from}
 * returns undefined for any other kind of tokenizer, which then goes through {@link WindowedTokenText}.
 */
export class ByteLevelVocabulary {
  readonly #tokens: (string | undefined)[];
  readonly #added: Map<number, { content: string; skipped: boolean }>;
  readonly #pieces: (Piece | undefined)[] = [];

  private constructor(tokens: (string | undefined)[], added: Map<number, { content: string; skipped: boolean }>) {
    this.#tokens = tokens;
    this.#added = added;
  }

  /**
   * The vocabulary, when decoding is plain byte-level: a `BPE` model with no end-of-word suffix, a `ByteLevel`
   * decoder, and `clean_up_tokenization_spaces` off (the clean-up rewrites text across token boundaries).
   */
  static from(tokenizerJson: Record<string, unknown>, tokenizerConfig: Record<string, unknown>) {
    const model = tokenizerJson.model as { type?: unknown; vocab?: unknown; end_of_word_suffix?: unknown } | null;
    const decoder = tokenizerJson.decoder as { type?: unknown } | null;
    if (model?.type !== "BPE" || decoder?.type !== "ByteLevel" || model.end_of_word_suffix) return undefined;
    if (tokenizerConfig.clean_up_tokenization_spaces !== false) return undefined;
    if (typeof model.vocab !== "object" || model.vocab === null || Array.isArray(model.vocab)) return undefined;
    const tokens: (string | undefined)[] = [];
    for (const [token, id] of Object.entries(model.vocab as Record<string, unknown>)) {
      if (typeof id === "number" && Number.isInteger(id) && id >= 0) tokens[id] = token;
    }
    // As transformers.js decodes with skip_special_tokens: added tokens marked special, and the config's
    // additional_special_tokens, are left out; other added tokens are their content, as is.
    const extra = (tokenizerConfig.additional_special_tokens as unknown[] | undefined) ?? [];
    const skippedContents = new Set(
      extra.map((t) => (typeof t === "string" ? t : (t as { content?: string } | null)?.content)),
    );
    const added = new Map<number, { content: string; skipped: boolean }>();
    for (const token of (tokenizerJson.added_tokens as { id: number; content: string; special?: boolean }[]) ?? []) {
      added.set(token.id, { content: token.content, skipped: token.special === true });
    }
    for (const entry of added.values()) if (skippedContents.has(entry.content)) entry.skipped = true;
    return new ByteLevelVocabulary(tokens, added);
  }

  /** A fresh stream of text for one answer. */
  text(): TokenText {
    const utf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
    // Whether the decoder surely holds no byte of an unfinished character. Most tokens are ASCII: while it holds
    // none, their text is known without a decoder call. An ASCII byte always leaves it holding none.
    let clean = true;
    return {
      push: (id) => {
        const piece = this.#piece(Number(id));
        if (piece === null) return "";
        if ("added" in piece) {
          // An added token is decoded on its own: bytes before it end there, as in a full decode.
          clean = true;
          return utf8.decode() + piece.added;
        }
        if (piece.ascii !== undefined) {
          if (clean) return piece.ascii;
          clean = true;
        } else clean = false;
        return utf8.decode(piece.bytes, { stream: true });
      },
      flush: () => {
        clean = true;
        return utf8.decode();
      },
    };
  }

  #piece(id: number): Piece {
    const cached = this.#pieces[id];
    if (cached !== undefined) return cached;
    const added = this.#added.get(id);
    let piece: Piece;
    if (added) piece = added.skipped ? null : { added: added.content };
    else {
      const bytes = Uint8Array.from(this.#tokens[id] ?? "", (c) => UNICODE_TO_BYTE.get(c) ?? 0);
      piece = { bytes, ascii: bytes.every((b) => b < 0x80) ? String.fromCharCode(...bytes) : undefined };
    }
    this.#pieces[id] = piece;
    return piece;
  }
}

/** GPT-2's byte-to-unicode alphabet, inverted: the character each byte is written as in a byte-level vocabulary. */
const UNICODE_TO_BYTE = (() => {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const map = new Map<string, number>();
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    map.set(String.fromCharCode(printable(b) ? b : 256 + shifted++), b);
  }
  return map;
})();
