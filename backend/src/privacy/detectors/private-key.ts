// Private keys: PEM blocks (`-----BEGIN … PRIVATE KEY-----`, OpenSSH, PGP; the whole block, or up to the end of its
// body when the END line is missing), 64 hex digits (an Ethereum or Bitcoin key, unless a cue says it is a hash:
// "sha256", "tx", "commit"), WIF keys (Base58Check, version 0x80 or 0xef) and BIP-32 extended private keys (`xprv…`).
import { Alphabet } from "./alphabet.js";
import { base58CheckDecode } from "./base58check.js";
import { type Detection, type Detector, matchInTokens, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

/** The longest PEM block considered (an RSA 8192 key is about 6.5 kB). */
export const MAX_PEM_LENGTH = 8192;

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
const PEM_BODY_LINE = /^[ \t]*(?:[A-Za-z0-9+/=]+|[A-Za-z-]+: .*)[ \t]*$/;
const HEX64 = /(?<![\p{L}\p{N}_])(?:0x)?[0-9a-fA-F]{64}(?![\p{L}\p{N}_])/gu;
const HASH_CUE =
  /\b(?:hash(?:es)?|sha-?\d*(?:sum)?|keccak\d*|digest|checksum|tx|txid|txn|transaction|commit|block|merkle|fingerprint|etag|integrity|root|id|blob)\b[^\n]{0,24}$/i;
const KEY_CUE = /(?:priv|private|secret|key|seed|wallet|signer|mnemonic)[^\n]{0,32}$/i;
const WIF = /(?<![\p{L}\p{N}_])[59KLc][1-9A-HJ-NP-Za-km-z]{50,51}(?![\p{L}\p{N}_])/gu;
const EXTENDED = /(?<![\p{L}\p{N}_])[xyzt]prv[1-9A-HJ-NP-Za-km-z]{100,108}(?![\p{L}\p{N}_])/gu;

const HEX_DIGITS = new Alphabet("0-9a-fA-F");
const BASE58_DIGITS = new Alphabet("1-9A-HJ-NP-Za-km-z");
const mayHoldHex = (text: string, start: number, end: number) => HEX_DIGITS.hasRun(text, start, end, 64);
const mayHoldWif = (text: string, start: number, end: number) => BASE58_DIGITS.hasRun(text, start, end, 51);
const mayHoldExtended = (text: string, start: number, end: number) => BASE58_DIGITS.hasRun(text, start, end, 104);
const PEM_GATE = new WordGate(["-----begin"]);
/** The shortest token HEX64, WIF or EXTENDED can match in. */
const MIN_KEY_TOKEN = 51;

function mayHoldPem({ text, longestToken, trigrams }: TextScan): boolean {
  return longestToken >= 10 && PEM_GATE.mayContain(trigrams) && text.includes("-----BEGIN");
}

function pemBlocks(text: string, out: Detection[]): void {
  PEM_BEGIN.lastIndex = 0;
  for (let match = PEM_BEGIN.exec(text); match !== null; match = PEM_BEGIN.exec(text)) {
    const start = match.index;
    const endMarker = `-----END ${match[1]}-----`;
    const close = text.indexOf(endMarker, start);
    let end: number;
    if (close >= 0 && close + endMarker.length - start <= MAX_PEM_LENGTH) {
      end = close + endMarker.length;
    } else {
      // No END line (yet): the body runs while lines look like base64 or headers.
      end = start + match[0].length;
      while (end < text.length && end - start < MAX_PEM_LENGTH) {
        const newline = text.indexOf("\n", end + 1);
        const lineEnd = newline < 0 ? text.length : newline;
        const line = text.slice(text[end] === "\n" ? end + 1 : end, lineEnd).replace(/\r$/, "");
        if (line.length === 0 || !PEM_BODY_LINE.test(line)) break;
        end = lineEnd;
      }
    }
    out.push({
      category: "PRIVATE_KEY",
      start,
      end: Math.min(end, start + MAX_PEM_LENGTH),
      priority: PRIORITY.pemBlock,
    });
  }
}

function pushKey(out: Detection[], start: number, end: number, priority: number): void {
  out.push({ category: "PRIVATE_KEY", start, end, priority });
}

export const privateKeyDetector: Detector = {
  category: "PRIVATE_KEY",
  // A token as long as the shortest key (WIF), or a PEM header.
  mayMatch: (scan) => scan.longestToken >= MIN_KEY_TOKEN || mayHoldPem(scan),
  detect(scan: TextScan, out: Detection[]): void {
    const { text, longTokens } = scan;
    if (mayHoldPem(scan)) pemBlocks(text, out);
    matchInTokens(
      HEX64,
      text,
      longTokens,
      64,
      (match, offset) => {
        const start = offset + match.index;
        const before = text.slice(Math.max(0, start - 40), start);
        if (HASH_CUE.test(before) && !KEY_CUE.test(before)) return;
        pushKey(out, start, start + match[0].length, PRIORITY.syntax + 1);
      },
      mayHoldHex,
    );
    matchInTokens(
      WIF,
      text,
      longTokens,
      MIN_KEY_TOKEN,
      (match, offset) => {
        const payload = base58CheckDecode(match[0]);
        if (payload === undefined || (payload[0] !== 0x80 && payload[0] !== 0xef)) return;
        if (payload.length !== 33 && !(payload.length === 34 && payload[33] === 0x01)) return;
        pushKey(out, offset + match.index, offset + match.index + match[0].length, PRIORITY.checksum);
      },
      mayHoldWif,
    );
    matchInTokens(
      EXTENDED,
      text,
      longTokens,
      104,
      (match, offset) => {
        if (base58CheckDecode(match[0])?.length !== 78) return;
        pushKey(out, offset + match.index, offset + match.index + match[0].length, PRIORITY.checksum);
      },
      mayHoldExtended,
    );
  },
};
