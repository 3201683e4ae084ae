// Cryptocurrency addresses: Ethereum (`0x` and 40 hex digits; mixed case must be a valid EIP-55 checksum), Bitcoin
// legacy and P2SH (Base58Check, version 0x00 or 0x05, or testnet 0x6f / 0xc4) and segwit (`bc1q…` bech32, `bc1p…`
// bech32m, testnet `tb1…`).
import { checksumAddress } from "viem";
import { Alphabet } from "./alphabet.js";
import { base58CheckDecode } from "./base58check.js";
import { segwitAddressValid } from "./bech32.js";
import { type Detection, type Detector, matchInTokens, PRIORITY } from "./detection.js";
import type { TextScan } from "./text-scan.js";
import { WordGate } from "./word-gate.js";

const ETHEREUM = /(?<![\p{L}\p{N}_])0x[0-9a-fA-F]{40}(?![\p{L}\p{N}_])/gu;
const BASE58 = /(?<![\p{L}\p{N}_])[123mn][1-9A-HJ-NP-Za-km-z]{25,34}(?![\p{L}\p{N}_])/gu;
const SEGWIT = /(?<![\p{L}\p{N}_])(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{11,71}(?![\p{L}\p{N}_])/gu;
const BASE58_VERSIONS = new Set([0x00, 0x05, 0x6f, 0xc4]);
const HEX_DIGITS = new Alphabet("0-9a-fA-F");
const BASE58_DIGITS = new Alphabet("1-9A-HJ-NP-Za-km-z");
/** SEGWIT's characters: its prefixes, the separator and the bech32 alphabet in either case. */
const SEGWIT_CHARS = new Alphabet("bctBCT102-9ac-hj-np-zAC-HJ-NP-Z");
const mayHoldEthereum = (text: string, start: number, end: number) => HEX_DIGITS.hasRun(text, start, end, 40);
const mayHoldBase58 = (text: string, start: number, end: number) => BASE58_DIGITS.hasRun(text, start, end, 26);
const mayHoldSegwit = (text: string, start: number, end: number) => SEGWIT_CHARS.hasRun(text, start, end, 14);

/** Whether a `0x` address is all one case or carries a valid EIP-55 checksum. */
export function ethereumAddressValid(address: string): boolean {
  const hex = address.slice(2);
  if (hex === hex.toLowerCase() || hex === hex.toUpperCase()) return true;
  return checksumAddress(address as `0x${string}`) === address;
}

/** ETHEREUM needs "0x" and a hex digit (all digits are one class). */
const ETHEREUM_GATE = new WordGate(["0x0", "0xa", "0xb", "0xc", "0xd", "0xe", "0xf"]);
const SEGWIT_GATE = new WordGate(["bc1", "tb1"]);

function pushAddress(out: Detection[], start: number, end: number, priority: number): void {
  out.push({ category: "CRYPTO_ADDRESS", start, end, priority });
}

export const cryptoAddressDetector: Detector = {
  category: "CRYPTO_ADDRESS",
  mayMatch: (scan) => scan.longestToken >= 14,
  detect(scan: TextScan, out: Detection[]): void {
    const { text, longTokens } = scan;
    if (ETHEREUM_GATE.mayContain(scan.trigrams) && scan.lower.includes("0x")) {
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
        const payload = base58CheckDecode(match[0]);
        if (payload?.length !== 21 || !BASE58_VERSIONS.has(payload[0] as number)) return;
        pushAddress(out, offset + match.index, offset + match.index + match[0].length, PRIORITY.checksum);
      },
      mayHoldBase58,
    );
    if (SEGWIT_GATE.mayContain(scan.trigrams) && (scan.lower.includes("bc1") || scan.lower.includes("tb1"))) {
      matchInTokens(
        SEGWIT,
        text,
        longTokens,
        14,
        (match, offset) => {
          if (!segwitAddressValid(match[0], match[0].slice(0, 2).toLowerCase())) return;
          pushAddress(out, offset + match.index, offset + match.index + match[0].length, PRIORITY.checksum);
        },
        mayHoldSegwit,
      );
    }
  },
};
