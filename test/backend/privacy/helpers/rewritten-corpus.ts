// A name detector's spans on the corpus rewritten (all in lower case, all in capitals): how many fall inside a
// labelled name, and how many do not. The rewrite must keep every offset.
import { DEFAULT_SEED, generateCorpus } from "../../../../backend/bench/privacy/corpus.js";
import type { Detection } from "../../../../backend/src/privacy/detectors/detection.js";

export interface NameCount {
  /** Spans inside a labelled name. */
  readonly found: number;
  /** Spans anywhere else. */
  readonly wrong: number;
}

/** Runs `find` on each corpus message as `rewrite` gives it (messages whose length it changes are skipped). */
export function namesInRewrittenCorpus(
  rewrite: (text: string) => string,
  find: (text: string, out: Detection[]) => void,
): NameCount {
  let found = 0;
  let wrong = 0;
  for (const message of generateCorpus(DEFAULT_SEED)) {
    const text = rewrite(message.text);
    if (text.length !== message.text.length) continue;
    const names = message.spans.filter((span) => span.category === "PERSON_NAME");
    const out: Detection[] = [];
    find(text, out);
    for (const span of out) {
      if (names.some((name) => span.start >= name.start && span.end <= name.end)) found++;
      else wrong++;
    }
  }
  return { found, wrong };
}
