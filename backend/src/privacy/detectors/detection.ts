// What a detector reports: where a value is, never the value. The redactor resolves overlaps between detectors by
// priority, then length.
import type { Category } from "../categories.js";
import type { TextScan } from "./text-scan.js";

/** A sensitive value found at `text.slice(start, end)`. */
export interface Detection {
  readonly category: Category;
  readonly start: number;
  readonly end: number;
  /** Higher wins an overlap: checksummed and known-format values over heuristics. See {@link PRIORITY}. */
  readonly priority: number;
}

/** One category family's detector: appends what it finds in the scanned text to `out`, in any order. */
export interface Detector {
  readonly category: Category;
  /** Whether the detector can find anything in this text at all (false skips it; must never miss a value). */
  mayMatch(scan: TextScan): boolean;
  detect(scan: TextScan, out: Detection[]): void;
}

/**
 * Runs a sticky pattern at each site in order, as a global scan would (a match hides the sites it covers), and
 * calls `found` with each match.
 */
export function matchAtSites(
  pattern: RegExp,
  text: string,
  sites: readonly number[],
  found: (match: RegExpExecArray) => void,
): void {
  let next = 0;
  for (const site of sites) {
    if (site < next) continue;
    pattern.lastIndex = site;
    const match = pattern.exec(text);
    if (match === null) continue;
    found(match);
    next = match.index + match[0].length;
  }
}

/** Overlap priorities, from the most certain evidence to the least. */
export const PRIORITY = {
  /** A PEM private-key block. */
  pemBlock: 100,
  /** A secret of a known format (`ghp_…`, `AKIA…`, a JWT). */
  knownSecret: 95,
  /** A value whose checksum holds (card, IBAN, Bitcoin address, WIF key). */
  checksum: 90,
  seedPhrase: 85,
  email: 80,
  /** A value recognised by its syntax (hex key, Ethereum address, SSN, IP address). */
  syntax: 70,
  phone: 50,
  dateOfBirth: 45,
  streetAddress: 40,
  /** A secret recognised by a cue (`password=`) or by its entropy. */
  heuristicSecret: 30,
  personName: 20,
} as const;

/**
 * Runs a global pattern over each long token (start and end pairs, see TextScan.longTokens) and calls `found` with
 * each match and the token's offset. Tokens are whitespace-delimited, so patterns without whitespace match in a token
 * exactly as in the whole text. `mayHold`, when given, skips the tokens where the pattern cannot find anything (it
 * must never skip one where it could).
 */
export function matchInTokens(
  pattern: RegExp,
  text: string,
  tokens: readonly number[],
  minLength: number,
  found: (match: RegExpExecArray, offset: number) => void,
  mayHold?: (text: string, start: number, end: number) => boolean,
): void {
  for (let i = 0; i < tokens.length; i += 2) {
    const start = tokens[i] as number;
    const end = tokens[i + 1] as number;
    if (end - start < minLength) continue;
    if (mayHold !== undefined && !mayHold(text, start, end)) continue;
    const token = text.slice(start, end);
    pattern.lastIndex = 0;
    for (let match = pattern.exec(token); match !== null; match = pattern.exec(token)) found(match, start);
  }
}
