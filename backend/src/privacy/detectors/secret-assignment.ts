// Where SECRET's ASSIGNMENT pattern (`password=…`, `"api_key": "…"`) can match, so that it runs at those places only
// instead of at every word of the text. A match is an identifier (`[A-Za-z0-9]+[_-]` parts), a key word that ends in a
// letter and holds at most one space (`client secret`), an optional quote, spaces, then `:` or `=`. So every match
// starts in the stretch of identifier characters that ends before some `:` or `=` (spaces and a quote between), with
// one space at most inside it, at the stretch's start or after one of `_`, `-`, ` `.

/** Identifier characters without case, as the pattern sees them with its `iu` flags: `ſ` and the Kelvin sign fold to letters. */
function isIdentifierChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 45 ||
    c === 0x17f ||
    c === 0x212a
  );
}

function isLetter(c: number): boolean {
  const lower = c | 32;
  return (lower >= 97 && lower <= 122) || c === 0x17f || c === 0x212a;
}

const SPACE = /\s/;

/** `\s` of a regular expression. */
function isSpace(text: string, index: number): boolean {
  const c = text.charCodeAt(index);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(text[index] as string);
}

/** The start of the run of identifier characters that ends at `end`. */
function identifierStart(text: string, end: number): number {
  let start = end;
  while (start > 0 && isIdentifierChar(text.charCodeAt(start - 1))) start--;
  return start;
}

/** The next `:` or `=` at or after `from`, or -1. */
function nextOperator(text: string, from: number): number {
  const colon = text.indexOf(":", from);
  const equals = text.indexOf("=", from);
  if (colon < 0) return equals;
  if (equals < 0) return colon;
  return Math.min(colon, equals);
}

/**
 * Runs a sticky copy of the assignment pattern at every place where it can match, in order, as a global search would
 * (a match hides the places it covers), and calls `found` with each match.
 */
export function findAssignments(pattern: RegExp, text: string, found: (match: RegExpExecArray) => void): void {
  let next = 0;
  for (let operator = nextOperator(text, 0); operator >= 0; operator = nextOperator(text, operator + 1)) {
    if (operator < next) continue;
    // Back over the spaces and the quote to the key word's last letter.
    let end = operator;
    while (end > 0 && isSpace(text, end - 1)) end--;
    if (end > 0 && (text.charCodeAt(end - 1) === 34 || text.charCodeAt(end - 1) === 39)) end--;
    if (end === 0 || !isLetter(text.charCodeAt(end - 1))) continue;
    let start = identifierStart(text, end);
    if (start >= 2 && text.charCodeAt(start - 1) === 32 && isIdentifierChar(text.charCodeAt(start - 2))) {
      start = identifierStart(text, start - 1);
    }
    for (let site = Math.max(start, next); site < end; site++) {
      const before = text.charCodeAt(site - 1);
      if (site > start && before !== 95 && before !== 45 && before !== 32) continue;
      pattern.lastIndex = site;
      const match = pattern.exec(text);
      if (match === null) continue;
      found(match);
      next = site + match[0].length;
      break;
    }
  }
}
