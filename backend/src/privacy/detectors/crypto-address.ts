// Cryptocurrency addresses: Ethereum (`0x` and 40 hex digits; mixed case must be a valid EIP-55 checksum), Bitcoin
// legacy and P2SH (Base58Check, version 0x00 or 0x05, or testnet 0x6f / 0xc4) and segwit (`bc1q…` bech32, `bc1p…`
// bech32m, testnet `tb1…`), Litecoin (`L…`, `M…`, `ltc1…`) and Dogecoin (`D…`) the same way, XRP (`r…`, Base58Check
// in Ripple's alphabet), and ENS names (`vitalik.eth`, `pay.jane-doe.eth`), which stand for an Ethereum address.
import { checksumAddress } from "viem";
import { Alphabet } from "./alphabet.js";
import { base58ChecksumValid, base58Decode, RIPPLE } from "./base58check.js";
import { segwitAddressValid } from "./bech32.js";
import { type Detection, type Detector, matchInTokens, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

const ETHEREUM = /(?<![\p{L}\p{N}_])0x[0-9a-fA-F]{40}(?![\p{L}\p{N}_])/gu;
const BASE58 = /(?<![\p{L}\p{N}_])[123mnLMDr][1-9A-HJ-NP-Za-km-z]{24,34}(?![\p{L}\p{N}_])/gu;
const SEGWIT = /(?<![\p{L}\p{N}_])(?:bc|tb|ltc|BC|TB|LTC)1[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}(?![\p{L}\p{N}_])/gu;
/** An ENS name: labels of letters, digits and hyphens, the last before `.eth` three characters or more. */
const ENS_NAME =
  /(?<![\p{L}\p{N}_.@-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9][a-z0-9-]+[a-z0-9]\.eth(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/giu;
/** Whether a text may hold an ENS name (written in lower case, as ENS normalises them): one native search. */
function mayHoldEns(text: string): boolean {
  return text.includes(".eth");
}
/** Version bytes: Bitcoin P2PKH, P2SH and their testnet ones; Litecoin P2PKH and P2SH; Dogecoin P2PKH. */
const BASE58_VERSIONS = new Set([0x00, 0x05, 0x6f, 0xc4, 0x30, 0x32, 0x1e]);
const HEX_DIGITS = new Alphabet("0-9a-fA-F");
const BASE58_DIGITS = new Alphabet("1-9A-HJ-NP-Za-km-z");
/** The bech32 alphabet in either case: SEGWIT's characters after `bc1` or `tb1`. */
const BECH32_DIGITS = new Alphabet("02-9ac-hj-np-zAC-HJ-NP-Z");
const WORD_CHARACTERS = new Alphabet("0-9A-Za-z_");
/** The sets above as bits of one table: the gates below run on every long token, and a table lookup is cheapest. */
const IN_HEX = 1;
const IN_BASE58 = 2;
const IN_BECH32 = 4;
const IN_WORD = 8;
const CHAR_SETS = Uint8Array.from(
  { length: 128 },
  (_, c) =>
    (HEX_DIGITS.has(c) ? IN_HEX : 0) |
    (BASE58_DIGITS.has(c) ? IN_BASE58 : 0) |
    (BECH32_DIGITS.has(c) ? IN_BECH32 : 0) |
    (WORD_CHARACTERS.has(c) ? IN_WORD : 0),
);

/** Whether every character of `text[from, to)` is in `set` (bits of CHAR_SETS). */
function allIn(text: string, from: number, to: number, set: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || ((CHAR_SETS[c] as number) & set) === 0) return false;
  }
  return true;
}

/**
 * Whether `text[start, end)` has a word of `min` to `max` characters that `fits`. Each pattern here matches a whole
 * word: its characters are ASCII letters and digits, and its lookbehind and lookahead reject a letter, digit or '_'
 * on either side. So a match is one of the runs of ASCII letters, digits and '_' (any other character ends a run,
 * which only lets through more), and one pass over a token rules out most hashes, base64 and URLs before the pattern
 * runs on it.
 */
function hasWord(
  text: string,
  start: number,
  end: number,
  min: number,
  max: number,
  fits: (text: string, from: number, to: number) => boolean,
): boolean {
  let from = start;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 32;
    if (c < 128 && ((CHAR_SETS[c] as number) & IN_WORD) !== 0) continue;
    if (i - from >= min && i - from <= max && fits(text, from, i)) return true;
    from = i + 1;
    // Too few characters left for a word.
    if (end - from < min) return false;
  }
  return false;
}

/** ETHEREUM's word: `0x` and 40 hex digits. */
function ethereumWord(text: string, from: number, to: number): boolean {
  return text.charCodeAt(from) === 48 && text.charCodeAt(from + 1) === 120 && allIn(text, from + 2, to, IN_HEX);
}

/** The characters a BASE58 word may start with (`123mnLMDr`): the first digit of each version byte. */
const BASE58_FIRST = new Set([..."123mnLMDr"].map((c) => c.charCodeAt(0)));

/** BASE58's word: 25 to 35 base58 digits, the first one of BASE58_FIRST. */
function base58Word(text: string, from: number, to: number): boolean {
  return BASE58_FIRST.has(text.charCodeAt(from)) && allIn(text, from, to, IN_BASE58);
}

/** SEGWIT's word: `bc1`, `tb1` or `ltc1` in either case, then 11 to 71 bech32 characters. */
function segwitWord(text: string, from: number, to: number): boolean {
  const prefix = text.slice(from, from + 3);
  if (prefix === "bc1" || prefix === "tb1" || prefix === "BC1" || prefix === "TB1") {
    return allIn(text, from + 3, to, IN_BECH32);
  }
  const long = text.slice(from, from + 4);
  return (long === "ltc1" || long === "LTC1") && allIn(text, from + 4, to, IN_BECH32);
}

const mayHoldEthereum = (text: string, start: number, end: number) => hasWord(text, start, end, 42, 42, ethereumWord);
const mayHoldBase58 = (text: string, start: number, end: number) => hasWord(text, start, end, 25, 35, base58Word);
const mayHoldSegwit = (text: string, start: number, end: number) => hasWord(text, start, end, 14, 74, segwitWord);

/** Whether a `0x` address is all one case or carries a valid EIP-55 checksum. */
export function ethereumAddressValid(address: string): boolean {
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  return checksumAddress(address as `0x${string}`) === address;
}

const SEGWIT_GATE = new WordGate(["bc1", "tb1", "ltc1"]);

function pushAddress(out: Detection[], start: number, end: number, priority: number): void {
  out.push({ category: "CRYPTO_ADDRESS", start, end, priority });
}

export const cryptoAddressDetector: Detector = {
  category: "CRYPTO_ADDRESS",
  mayMatch: (scan) => scan.longestToken >= 14 || (scan.longestToken >= 7 && mayHoldEns(scan.text)),
  detect(scan: TextScan, out: Detection[]): void {
    const { text, longTokens } = scan;
    if (mayHoldEns(text)) {
      ENS_NAME.lastIndex = 0;
      for (let match = ENS_NAME.exec(text); match !== null; match = ENS_NAME.exec(text)) {
        pushAddress(out, match.index, match.index + match[0].length, PRIORITY.syntax);
      }
    }
    // ETHEREUM needs a token of 42 characters and "0x" (a search is cheaper than a gate of seven words).
    if (scan.longestToken >= 42 && text.includes("0x")) {
      matchInTokens(
        ETHEREUM,
        text,
        longTokens,
        42,
        (match, offset) => {
          if (ethereumAddressValid(match[0]))
            pushAddress(out, offset + match.index, offset + match.index + 42, PRIORITY.syntax);
        },
        mayHoldEthereum,
      );
    }
    matchInTokens(
      BASE58,
      text,
      longTokens,
      26,
      (match, offset) => {
        // A version byte, 20 bytes of hash and 4 of checksum: check the version and size before hashing. An `r`
        // word may be an XRP address, in Ripple's alphabet.
        const word = match[0];
        const first = word.charCodeAt(0);
        // Litecoin and Dogecoin addresses have 34 characters: other words starting with L, M or D need no hashing.
        if ((first === 76 || first === 77 || first === 68) && word.length !== 34) return;
        const bytes = first === 114 ? base58Decode(word, RIPPLE) : base58Decode(word);
        if (bytes?.length !== 25 || !BASE58_VERSIONS.has(bytes[0] as number) || !base58ChecksumValid(bytes)) return;
        pushAddress(out, offset + match.index, offset + match.index + match[0].length, PRIORITY.checksum);
      },
      mayHoldBase58,
    );
    if (SEGWIT_GATE.mayContain(scan.trigrams)) {
      matchInTokens(
        SEGWIT,
        text,
        longTokens,
        14,
        (match, offset) => {
          const address = match[0];
          if (!segwitAddressValid(address, address.slice(0, address.lastIndexOf("1")).toLowerCase())) return;
          pushAddress(out, offset + match.index, offset + match.index + match[0].length, PRIORITY.checksum);
        },
        mayHoldSegwit,
      );
    }
  },
};
