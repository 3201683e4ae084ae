// A lower bound on what any redactor written in JavaScript costs per message, for the throughput aim: the least a
// single pass over a message can do and still produce a redacted text. It reads each character once, looks up every
// capitalised word in the name lexicon, takes every run of seven digits or more (spaces, dots and dashes between
// digits allowed) and every token around an '@', and writes the text with a numbered placeholder for each value.
//
// It validates nothing (no Luhn, no checksum, no context, no scorer), finds no address, date, secret, key, seed
// phrase or crypto address, and would redact far too much: it is not a detector and nothing uses it but
// `npm run bench:privacy:profile`. Its cost, next to redact-pii's, says how much of a throughput ratio is left for
// the work a real redactor has to do.
import { nameLexicon } from "../../src/privacy/detectors/name-lexicon.js";

/** The lexicon's given and family names, capitalised as they would start a word in a text ("Thao"). */
export function capitalisedNames(): ReadonlySet<string> {
  const lexicon = nameLexicon();
  const names = new Set<string>();
  for (const word of [...lexicon.given, ...lexicon.family]) names.add(word.charAt(0).toUpperCase() + word.slice(1));
  return names;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The end of a run of digits that starts at `start`, and how many digits it holds. */
function digitRunEnd(text: string, start: number, run: { end: number; digits: number }): void {
  let end = start + 1;
  let digits = 1;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (isDigit(c)) {
      digits++;
      end++;
    } else if ((c === 32 || c === 45 || c === 46) && end + 1 < text.length && isDigit(text.charCodeAt(end + 1))) end++;
    else break;
  }
  run.end = end;
  run.digits = digits;
}

/**
 * `text` with every capitalised lexicon name, long digit run and '@' token replaced by a placeholder (`[X_1]`, the
 * same value the same number): the floor's work, see the file's comment.
 */
export function singlePassFloor(text: string, names: ReadonlySet<string>): string {
  const starts: number[] = [];
  const ends: number[] = [];
  const run = { end: 0, digits: 0 };
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      let end = i + 1;
      while (end < length && text.charCodeAt(end) >= 97 && text.charCodeAt(end) <= 122) end++;
      if (names.has(text.slice(i, end))) {
        starts.push(i);
        ends.push(end);
      }
      i = end;
    } else if (isDigit(c)) {
      digitRunEnd(text, i, run);
      if (run.digits >= 7) {
        starts.push(i);
        ends.push(run.end);
      }
      i = run.end;
    } else if (c === 64) {
      let start = i;
      while (start > 0 && text.charCodeAt(start - 1) > 32) start--;
      let end = i + 1;
      while (end < length && text.charCodeAt(end) > 32) end++;
      starts.push(start);
      ends.push(end);
      i = end;
    } else i++;
  }
  if (starts.length === 0) return text;
  const placeholders = new Map<string, string>();
  let redacted = "";
  let cursor = 0;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k] as number;
    if (start < cursor) continue;
    const value = text.slice(start, ends[k]);
    let placeholder = placeholders.get(value);
    if (placeholder === undefined) {
      placeholder = `[X_${placeholders.size + 1}]`;
      placeholders.set(value, placeholder);
    }
    redacted += text.slice(cursor, start) + placeholder;
    cursor = ends[k] as number;
  }
  return redacted + text.slice(cursor);
}
