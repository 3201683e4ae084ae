// Streamed redaction against one-shot redaction: what the stream tests compare.
import type { Random } from "../../../../backend/bench/privacy/values.js";
import { RedactionSession, redact, StreamRedactor } from "../../../../backend/src/privacy/index.js";

/** The one-shot redaction of `text`, with a session of its own. */
export function oneShot(text: string): string {
  return redact(text, { session: new RedactionSession(), restorable: false }).text;
}

/** What the member receives for each chunk pushed, then for the end. */
export function streamed(
  chunks: readonly string[],
  options: ConstructorParameters<typeof StreamRedactor>[0] = {},
): string[] {
  const redactor = new StreamRedactor({ session: new RedactionSession(), ...options });
  const out = chunks.map((chunk) => redactor.push(chunk));
  out.push(redactor.end());
  return out;
}

/** `text` cut into chunks of 1 to `max` characters, as a model's tokens arrive. */
export function randomChunks(text: string, r: Random, max: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = r.int(1, max);
    chunks.push(text.slice(i, i + size));
    i += size;
  }
  return chunks;
}
