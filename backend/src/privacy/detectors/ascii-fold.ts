// Characters the detectors would not read as they are meant:
//   - look-alikes, folded one for one so that every offset stays the same: full-width forms and the ideographic space
//     (`０９０－１２３４－５６７８`, `jane＠example.com`, as Japanese and Chinese input methods type them); between two
//     digits, Unicode dashes and the one-dot leader (`415–555–0132`: word processors turn hyphens into en dashes;
//     `192․168․0․1`); a carriage return before a line feed (Windows line ends), as a space. A dash between words
//     stays a dash: "Chen—our lead" is prose.
//   - invisible characters inside values (zero-width spaces and joiners, the word joiner, the byte-order mark, soft
//     hyphens: web pages and word processors leave them in copied text, "jane\u200b@example.com"), removed; the
//     offsets of what remains map back to the text's.

/** Whether a UTF-16 code is one that {@link foldLookAlikes} may change (the first pass records it per text). */
export function isFoldable(code: number): boolean {
  return (code >= 0xff01 && code <= 0xff5e) || code === 0x3000 || isDigitSeparator(code) || isInvisible(code);
}

/** Zero-width space, non-joiner and joiner, word joiner, byte-order mark, soft hyphen. */
export function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff || code === 0xad;
}

/** Unicode hyphens and dashes, the minus sign, small and full-width hyphen-minus forms, the one-dot leader. */
function isDigitSeparator(code: number): boolean {
  return (code >= 0x2010 && code <= 0x2015) || code === 0x2212 || code === 0x2024 || code === 0xfe58 || code === 0xfe63;
}

function isDigitAfterFolding(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 0xff10 && code <= 0xff19);
}

/** `text` with full-width forms as ASCII, and separators between digits as '-' or '.'; the same length. */
export function foldLookAlikes(text: string): string {
  let first = 0;
  while (first < text.length && !isFoldable(text.charCodeAt(first)) && text.charCodeAt(first) !== 13) first++;
  if (first === text.length) return text;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) codes[i] = c - 0xfee0;
    else if (c === 0x3000 || (c === 13 && text.charCodeAt(i + 1) === 10)) codes[i] = 32;
    else if (
      isDigitSeparator(c) &&
      i > 0 &&
      i + 1 < text.length &&
      isDigitAfterFolding(text.charCodeAt(i - 1)) &&
      isDigitAfterFolding(text.charCodeAt(i + 1))
    ) {
      codes[i] = c === 0x2024 ? 46 : 45;
    } else codes[i] = c;
  }
  let folded = "";
  // In slices: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < codes.length; i += 4096) folded += String.fromCharCode(...codes.slice(i, i + 4096));
  return folded;
}

/** A text as the detectors read it, and where each of its characters was in the original. */
export interface FoldedText {
  readonly text: string;
  /**
   * Undefined when the text has the original's length (only look-alikes were folded: offsets are the same).
   * Otherwise `offsets[i]` is the original index of character `i` and `offsets[text.length]` the original length: a
   * span `[a, b)` of the text is `[offsets[a], offsets[b])` of the original (escapes and invisible characters inside
   * it included).
   */
  readonly offsets: Int32Array | undefined;
}

/**
 * `text` as the detectors read it: look-alikes folded ({@link foldLookAlikes}), then, if it has any, invisible
 * characters left out and escapes decoded, with the offsets back into `text`.
 */
export function foldForDetection(text: string): FoldedText {
  const folded = foldLookAlikes(text);
  return hasInvisibleOrEscape(folded) ? stripInvisible(folded) : { text: folded, offsets: undefined };
}

/** The escapes of '@', '+' and a space that links and HTML carry: `%40`, `%2B`, `%20`, `&#64;`, `&#x40;`, `&commat;`. */
const ESCAPES: readonly (readonly [string, string])[] = [
  ["%40", "@"],
  ["%2b", "+"],
  ["%20", " "],
  ["&#64;", "@"],
  ["&#x40;", "@"],
  ["&commat;", "@"],
];

/** The escape at `i` of `text` (ESCAPES, any case), or undefined. */
function escapeAt(text: string, i: number): readonly [string, string] | undefined {
  const c = text.charCodeAt(i);
  if (c !== 37 && c !== 38) return undefined;
  for (const entry of ESCAPES) {
    const [written] = entry;
    if (text.length - i >= written.length && text.slice(i, i + written.length).toLowerCase() === written) return entry;
  }
  return undefined;
}

/** Whether an escape of ESCAPES starts at `i` (the first pass asks at each '%' and '&'). */
export function hasEscapeAt(text: string, i: number): boolean {
  return escapeAt(text, i) !== undefined;
}

/**
 * `text` without the characters {@link isInvisible} names and with the escapes of ESCAPES decoded
 * ("jane%40example.com", "jane&#64;example.com"), with the offsets back into `text`.
 */
function stripInvisible(text: string): FoldedText {
  const offsets = new Int32Array(text.length + 1);
  let stripped = "";
  let from = 0;
  let kept = 0;
  for (let i = 0; i <= text.length; i++) {
    const escaped = i < text.length ? escapeAt(text, i) : undefined;
    if (i < text.length && escaped === undefined && !isInvisible(text.charCodeAt(i))) continue;
    stripped += text.slice(from, i);
    for (let j = from; j < i; j++) offsets[kept++] = j;
    from = i + 1;
    if (escaped !== undefined) {
      stripped += escaped[1];
      offsets[kept++] = i;
      from = i + escaped[0].length;
      i = from - 1;
    }
  }
  offsets[kept] = text.length;
  return { text: stripped, offsets: offsets.subarray(0, kept + 1) };
}

/** Whether `text` has an invisible character or an escape that {@link stripInvisible} would take out. */
function hasInvisibleOrEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInvisible(c) || ((c === 37 || c === 38) && hasEscapeAt(text, i))) return true;
  }
  return false;
}
