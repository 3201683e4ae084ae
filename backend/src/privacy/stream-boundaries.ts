// Where a stream of text may be cut and the part before sent, without risking that a sensitive value straddles the
// cut. Two rules, either is enough:
//   1. far enough back: at least MAX_LOOKAHEAD characters have arrived after the cut, more than any value and the
//      context a detector reads after it can span (PEM blocks excepted, held until their END line);
//   2. after plain prose: the last INERT_TOKENS words before the cut (and at least INERT_CHARS characters) are
//      lower-case words without digits that no value can contain (not a month, a street or unit word, a name
//      particle or a name cue), and the very last one cannot start or continue a value either (not a seed word or a
//      given name): a value that straddles the cut would have to contain that last word.
// Either way the cut is on whitespace and outside every span found so far.
import { MONTHS } from "./detectors/date-of-birth.js";
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "./detectors/first-names.js";
import { NAME_WORDS } from "./detectors/person-name.js";
import { MAX_PEM_LENGTH } from "./detectors/private-key.js";
import { BIP39_WORDS } from "./detectors/seed-phrase.js";
import { ADDRESS_WORDS } from "./detectors/street-address.js";

/** Characters that must follow a cut under rule 1: longer than any value (a numbered 24-word seed phrase is ~300). */
export const MAX_LOOKAHEAD = 512;
/** Characters of already-sent text the detectors see before the unsent part (for cues such as "born on"). */
export const LEFT_CONTEXT = 512;
/** Plain words, and characters, that must precede a cut under rule 2. */
export const INERT_TOKENS = 8;
export const INERT_CHARS = 64;

const PLAIN_WORD = /^[a-z]+[,.;:!?]?$/;

/**
 * Whether `token` is a word no sensitive value can contain; `last` for the word right before a cut, which must not
 * be able to start or continue one either (a seed word, a given name).
 */
export function isInertToken(token: string, last: boolean): boolean {
  if (!PLAIN_WORD.test(token)) return false;
  const word = token.replace(/[,.;:!?]$/, "");
  if (MONTHS.has(word) || ADDRESS_WORDS.has(word) || NAME_WORDS.has(word)) return false;
  return !last || !(BIP39_WORDS.has(word) || FIRST_NAMES.has(word) || AMBIGUOUS_FIRST_NAMES.has(word));
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\n" || c === "\t" || c === "\r";
}

/** Whether the text before `cut` ends with enough plain prose (rule 2). */
function afterPlainProse(text: string, cut: number): boolean {
  let end = cut;
  let tokens = 0;
  while (end > 0 && isSpace(text[end - 1])) end--;
  let start = end;
  while (tokens < INERT_TOKENS || cut - start < INERT_CHARS) {
    if (start === 0) return false;
    let tokenStart = end;
    while (tokenStart > 0 && !isSpace(text[tokenStart - 1])) tokenStart--;
    if (!isInertToken(text.slice(tokenStart, end), tokens === 0)) return false;
    tokens++;
    start = tokenStart;
    end = tokenStart;
    while (end > 0 && isSpace(text[end - 1])) end--;
  }
  return true;
}

/**
 * The last position in `text[from, to]` where the text may be cut: after whitespace, outside every span, and by
 * rule 1 or 2; `from` when there is none.
 * @param spans Sensitive spans found in `text`.
 * @param final Whether no more text will come (then everything may go).
 */
export function safeCut(
  text: string,
  from: number,
  spans: readonly { start: number; end: number }[],
  final: boolean,
): number {
  if (final) return text.length;
  // An unfinished PEM block: hold from its BEGIN line, up to the block's maximum length.
  let limit = text.length;
  const begin = text.lastIndexOf("-----BEGIN");
  if (begin >= from && text.indexOf("-----END", begin) < 0 && text.length - begin < MAX_PEM_LENGTH) limit = begin;
  const farEnough = text.length - MAX_LOOKAHEAD;
  for (let cut = limit; cut > from; cut--) {
    if (!isSpace(text[cut - 1]) || isSpace(text[cut])) continue;
    if (spans.some((span) => span.start < cut && cut < span.end)) continue;
    if (cut <= farEnough || afterPlainProse(text, cut)) return cut;
  }
  return from;
}
