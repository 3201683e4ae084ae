/** One piece of generated text, in order. */
export interface GenerationChunk {
  text: string;
}

export type FinishReason = "stop" | "length" | "abort";

export interface GenerationResult {
  text: string;
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
}

/**
 * The answer to a generation request: an async iterator of text chunks as they are generated, and `result`, which
 * settles when generation ends. Iterating is optional; `result` alone gives the whole text.
 */
export class GenerationStream implements AsyncIterable<GenerationChunk> {
  readonly result: Promise<GenerationResult>;
  readonly #chunks: GenerationChunk[] = [];
  #done = false;
  #error: Error | undefined;
  #wake: (() => void) | undefined;
  #resolve!: (result: GenerationResult) => void;
  #reject!: (error: Error) => void;

  constructor() {
    this.result = new Promise<GenerationResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A caller that only iterates must not see an unhandled rejection; the iterator rethrows the error.
    this.result.catch(() => {});
  }

  /** @internal */
  push(text: string): void {
    if (text.length === 0 || this.#done) return;
    this.#chunks.push({ text });
    this.#wake?.();
  }

  /** @internal */
  finish(result: GenerationResult): void {
    if (this.#done) return;
    this.#done = true;
    this.#resolve(result);
    this.#wake?.();
  }

  /** @internal */
  fail(error: Error): void {
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    this.#reject(error);
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<GenerationChunk> {
    while (true) {
      const chunk = this.#chunks.shift();
      if (chunk) {
        yield chunk;
        continue;
      }
      if (this.#done) {
        if (this.#error) throw this.#error;
        return;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}
