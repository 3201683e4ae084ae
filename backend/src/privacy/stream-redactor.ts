// Redaction of streamed text (model tokens): holds back the tail that could still be part of a sensitive value, so a
// value split over several chunks is redacted before any of it is sent; optionally puts the member's own values back
// where the model echoes their placeholders, also when a placeholder is split over chunks. The concatenated output
// is the one-shot redaction of the concatenated input (tested at every chunk boundary).
import { CATEGORIES, type CategorySelection, categoriesOf } from "./categories.js";
import { type Detection, detect } from "./detect.js";
import { PrivacyError } from "./errors.js";
import { countFindings, type Finding } from "./redact.js";
import { RedactionSession } from "./redaction-session.js";
import { LEFT_CONTEXT, safeCut } from "./stream-boundaries.js";

/** Options of {@link StreamRedactor} and {@link redactStream}. */
export interface StreamRedactorOptions {
  /** Categories to redact (a policy's `redactCategories`); an empty list or 0 redacts nothing. Default: all. */
  readonly categories?: CategorySelection;
  /** Whether to put back the member's own values for the session's placeholders (`restoreOriginals`). Default false. */
  readonly restore?: boolean;
  /** The request's session: placeholders of the prompt, and new ones for values found in the answer. */
  readonly session?: RedactionSession;
}

function lastWhitespace(text: string): number {
  return Math.max(text.lastIndexOf(" "), text.lastIndexOf("\n"), text.lastIndexOf("\t"), text.lastIndexOf("\r"));
}

/** Characters a chunk must add before the redactor looks for a cut again (fewer regex passes for tiny tokens). */
const MIN_STEP = 24;

/**
 * A push-based redactor for one stream: `push` each chunk and send what it returns (possibly ""), then send what
 * `end` returns. Values found in the stream get placeholders that are never restored.
 */
export class StreamRedactor {
  readonly #categories: readonly (typeof CATEGORIES)[number][];
  readonly #restore: boolean;
  readonly #session: RedactionSession;
  readonly #found: (typeof CATEGORIES)[number][] = [];
  /** Sent text, raw, as context for the detectors (at most LEFT_CONTEXT characters). */
  #context = "";
  /** Received text not sent yet, raw. */
  #pending = "";
  /** Whether #context still holds everything sent (nothing has been dropped from its start). */
  #contextComplete = true;
  #lastAttempt = 0;
  #ended = false;

  constructor(options: StreamRedactorOptions = {}) {
    this.#categories = options.categories === undefined ? CATEGORIES : categoriesOf(options.categories);
    this.#restore = options.restore ?? false;
    this.#session = options.session ?? new RedactionSession();
  }

  /** Takes a chunk; returns the text that is now safe to send. */
  push(chunk: string): string {
    if (this.#ended) throw new PrivacyError("stream-ended", "push() after end()");
    // Nothing to redact or restore: the chunk goes as it is.
    if (this.#categories.length === 0 && !this.#restore) return chunk;
    this.#pending += chunk;
    if (this.#pending.length - this.#lastAttempt < MIN_STEP) return "";
    return this.#emit(false);
  }

  /** Ends the stream; returns the rest. */
  end(): string {
    if (this.#ended) throw new PrivacyError("stream-ended", "end() called twice");
    const rest = this.#emit(true);
    this.#ended = true;
    return rest;
  }

  /** Categories and counts of the values redacted so far. */
  get findings(): readonly Finding[] {
    return countFindings(this.#found);
  }

  #emit(final: boolean): string {
    const window = this.#context + this.#pending;
    const offset = this.#context.length;
    let spans: Detection[] = [];
    let cut: number;
    if (this.#categories.length === 0) {
      // Restoring only: a placeholder has no whitespace, so cutting after the last whitespace never splits one.
      cut = final ? window.length : Math.max(offset, lastWhitespace(window) + 1);
    } else {
      spans = detect(window, this.#categories);
      cut = safeCut(window, offset, spans, final, this.#contextComplete);
    }
    this.#lastAttempt = this.#pending.length;
    if (cut <= offset) return "";
    let out = "";
    let cursor = offset;
    for (const span of spans) {
      if (span.end <= offset || span.start >= cut) continue;
      // A span reaching back into sent text cannot happen by the cut rules; redact what is left of it anyway.
      const start = Math.max(span.start, offset);
      out +=
        window.slice(cursor, start) + this.#session.placeholderFor(span.category, window.slice(start, span.end), false);
      this.#found.push(span.category);
      cursor = span.end;
    }
    out += window.slice(cursor, cut);
    if (cut > LEFT_CONTEXT) this.#contextComplete = false;
    this.#context = window.slice(Math.max(0, cut - LEFT_CONTEXT), cut);
    this.#pending = window.slice(cut);
    this.#lastAttempt = this.#pending.length;
    return this.#restore ? this.#session.restore(out) : out;
  }
}

/**
 * Redacts an async stream of text chunks (model tokens), yielding chunks that are safe to send.
 * @example
 * for await (const chunk of redactStream(modelTokens, { categories: policy.redactCategories, session, restore: true })) {
 *   response.write(chunk);
 * }
 */
export async function* redactStream(
  source: AsyncIterable<string> | Iterable<string>,
  options: StreamRedactorOptions = {},
): AsyncGenerator<string, void, undefined> {
  const redactor = new StreamRedactor(options);
  for await (const chunk of source) {
    const safe = redactor.push(chunk);
    if (safe !== "") yield safe;
  }
  const rest = redactor.end();
  if (rest !== "") yield rest;
}
