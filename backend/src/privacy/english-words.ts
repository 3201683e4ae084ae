// The English word list the privacy guards consult: an-array-of-english-words (~275,000 lower-case words), read once,
// on first use. The person-name detector uses it to tell everyday words from names; the prompt-injection features to
// tell English from text disguised by a letter cipher or reversal.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

let english: ReadonlySet<string> | undefined;

/** The English word list, in lower case, read on first use (~0.3 s, ~20 MB). */
export function englishWords(): ReadonlySet<string> {
  english ??= new Set(require("an-array-of-english-words") as string[]);
  return english;
}
