// Where a stream of text may be cut and the part before sent, without risking that a sensitive value straddles the
// cut. The cut is on whitespace, outside every span found so far, not right before what may open an obfuscated
// email's "[at]" or a spelled-out one's "at" or "dot" (the word before it would be part of the address), and one of
// two rules holds:
//   1. far enough back: at least MAX_LOOKAHEAD characters have arrived after the cut, more than any value and the
//      context a detector reads after it can span (PEM blocks excepted, held until their END line);
//   2. after plain prose: looking back from the cut, the last INERT_TOKENS words (and at least INERT_CHARS
//      characters), or every word since the stream began, are
//        - lower-case words without digits that no value can contain (not a month, a street or unit word, a name
//          particle or a name cue), the very last one not able to start or continue a value either (not a seed word,
//          a given name of any lexicon, or the "at" or "dot" of a spelled-out email address): a value that straddles the cut would
//          have to contain that last word; or our own
//          placeholders, which no value can overlap; or calls in code (`delegate(yourAddress)`), which are values
//          only as a whole, after a cue such as "password:";
//        - or words that can be part of a value only next to other words: capitalised words, acronyms and
//          identifiers made of letters only ("Call", "COMMONS", "castVote", "ModelRegistry"), which can be part of a
//          person's name and of no other value, and month names ("may"), which are part of a date only next to its
//          digits; each followed by one of the words above (which ends a run of capitalised words) and at least
//          SHORT_REACH characters before the cut: more than the person-name detector reads after a run to decide
//          whether it is a name, and more than lies between a month and the digits of its date.
//      Values further back than those words have their whole right-hand context before the cut already.

import { CATEGORIES } from "./categories.js";
import { MONTHS } from "./detectors/date-of-birth.js";
import { AMBIGUOUS_FIRST_NAMES, FIRST_NAMES } from "./detectors/first-names.js";
import { isLexiconGivenName } from "./detectors/name-lexicon.js";
import { NAME_RIGHT_CONTEXT_CHARS, NAME_WORDS } from "./detectors/person-name.js";
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
/**
 * Characters between a capitalised word or a month and a cut under rule 2: more than the person-name detector reads
 * after a run ("… said"), a run being closed by the plain word that must follow it, and more than lies between a
 * month and the digits of its date.
 */
export const SHORT_REACH = NAME_RIGHT_CONTEXT_CHARS + 8;

const PLAIN_WORD = /^[a-z]+(?:['’]s)?[,.;:!?]?$/;
const TRAILING = /(?:['’]s)?[,.;:!?]?$/;
const PLACEHOLDER_TOKEN = new RegExp(`^\\[(?:${CATEGORIES.join("|")})_\\d{1,6}\\][,.;:!?)]?$`);
/** A function call in code with identifiers of letters for arguments: `delegate(yourAddress)`, `getVotes(account)`. */
const CODE_CALL = /^[a-z][A-Za-z]*\((?:[a-z][A-Za-z]*(?:,[a-z][A-Za-z]*)*)?\)[,.;:!?]?$/;
const LETTERS_WORD = /^\p{L}+(?:['’]s)?[,.;:!?]?$/u;
const UPPER = /\p{Lu}/u;
/**
 * An obfuscated email's "[at]", "(at)", "{ at }", "<at>", or the "[dot]" that may join the words of its local part
 * (OBFUSCATED in detectors/email.ts) ...
 */
const AT_MARKER = /^[[({<]\s*(?:at|dot)\s*[\])}>]/i;
/** ... or what has arrived of one so far. */
const AT_MARKER_START = /^[[({<]\s*(?:a|at\s*|d|do|dot\s*)?$/i;
/** The "at" or "dot" of a spelled-out email address ("jane dot doe at gmail dot com"; SPELLED in email.ts) ... */
const SPELLED_MARKER = /^(?:at|dot)(?![\p{L}\p{N}])/iu;
/** ... or what has arrived of one so far. */
const SPELLED_MARKER_START = /^(?:a|at|d|do|dot)$/i;
/** The words of a spelled-out address that may not end the text before a cut. */
const SPELLED_WORDS: ReadonlySet<string> = new Set(["at", "dot"]);

/**
 * Whether `token` is a word no sensitive value can contain; `last` for the word right before a cut, which must not
 * be able to start or continue one either (a seed word, a given name).
 */
export function isInertToken(token: string, last: boolean): boolean {
  if (PLACEHOLDER_TOKEN.test(token) || CODE_CALL.test(token)) return true;
  if (!PLAIN_WORD.test(token)) return false;
  const word = token.replace(TRAILING, "");
  if (MONTHS.has(word) || ADDRESS_WORDS.has(word) || NAME_WORDS.has(word)) return false;
  return (
    !last ||
    !(
      BIP39_WORDS.has(word) ||
      FIRST_NAMES.has(word) ||
      AMBIGUOUS_FIRST_NAMES.has(word) ||
      SPELLED_WORDS.has(word) ||
      // A lower-case given name before a verb of speech ("tommaso said", casual-names.ts).
      isLexiconGivenName(word)
    )
  );
}

/**
 * Whether `token` is made of letters only and is a month name, or has a capital ("Call", "COMMONS", "castVote") and
 * is not a street or unit word or a name particle in any case: it can be part of a date next to digits or of a
 * person's name next to other capitalised words, and of no other value.
 */
export function isShortReachWord(token: string): boolean {
  if (!LETTERS_WORD.test(token)) return false;
  const word = token.replace(TRAILING, "").toLowerCase();
  if (MONTHS.has(word)) return true;
  return UPPER.test(token) && !(ADDRESS_WORDS.has(word) || NAME_WORDS.has(word));
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\n" || c === "\t" || c === "\r";
}

/**
 * Whether the text before `cut` ends with enough plain prose (rule 2).
 * @param streamStart Whether `text` starts where the stream started (then fewer words may do).
 */
function afterPlainProse(text: string, cut: number, streamStart: boolean): boolean {
  let end = cut;
  let tokens = 0;
  let closed = false;
  while (end > 0 && isSpace(text[end - 1])) end--;
  let start = end;
  while (tokens < INERT_TOKENS || cut - start < INERT_CHARS) {
    if (start === 0) return streamStart;
    let tokenStart = end;
    while (tokenStart > 0 && !isSpace(text[tokenStart - 1])) tokenStart--;
    const token = text.slice(tokenStart, end);
    if (isInertToken(token, tokens === 0)) {
      closed = true;
    } else if (!(closed && cut - end >= SHORT_REACH && isShortReachWord(token))) {
      return false;
    }
    tokens++;
    start = tokenStart;
    end = tokenStart;
    while (end > 0 && isSpace(text[end - 1])) end--;
  }
  return true;
}

/**
 * The last position in `text[from, to]` where the text may be cut: after whitespace and before the next word (which
 * must have begun to arrive), outside every span, and by rule 1 or 2; `from` when there is none.
 * @param spans Sensitive spans found in `text`.
 * @param final Whether no more text will come (then everything may go).
 * @param streamStart Whether `text` starts where the stream started (nothing before it was dropped from the context).
 */
export function safeCut(
  text: string,
  from: number,
  spans: readonly { start: number; end: number }[],
  final: boolean,
  streamStart = false,
): number {
  if (final) return text.length;
  // An unfinished PEM block: hold from its BEGIN line, up to the block's maximum length.
  let limit = text.length - 1;
  const begin = text.lastIndexOf("-----BEGIN");
  if (begin >= from && text.indexOf("-----END", begin) < 0 && text.length - begin < MAX_PEM_LENGTH) limit = begin;
  const farEnough = text.length - MAX_LOOKAHEAD;
  for (let cut = limit; cut > from; cut--) {
    if (!isSpace(text[cut - 1]) || isSpace(text[cut])) continue;
    if (spans.some((span) => span.start < cut && cut < span.end)) continue;
    // "helpdesk [at] example [dot] org", "jane [dot] doe [at] …", "jane at gmail dot com": the word before the cut would
    // be part of the address.
    const next = text.slice(cut, cut + 16);
    if (AT_MARKER.test(next) || AT_MARKER_START.test(next)) continue;
    if (SPELLED_MARKER.test(next) || SPELLED_MARKER_START.test(next)) continue;
    if (cut <= farEnough || afterPlainProse(text, cut, streamStart)) return cut;
  }
  return from;
}
