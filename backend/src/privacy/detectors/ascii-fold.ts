// Look-alike characters the detectors would not take for their ASCII forms, folded one for one so that every offset
// stays the same: full-width forms and the ideographic space (`０９０－１２３４－５６７８`, `jane＠example.com`, as
// Japanese and Chinese input methods type them) and, between two digits, Unicode dashes and the one-dot leader (`415–555–0132`, word processors
// turn hyphens into en dashes; `192․168․0․1`). A dash between words stays a dash: "Chen—our lead" is prose.

/** Whether a UTF-16 code is one that {@link foldLookAlikes} may change (the first pass records it per text). */
export function isFoldable(code: number): boolean {
  return (code >= 0xff01 && code <= 0xff5e) || code === 0x3000 || isDigitSeparator(code);
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
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) codes[i] = c - 0xfee0;
    else if (c === 0x3000) codes[i] = 32;
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
