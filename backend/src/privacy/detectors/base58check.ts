// Base58Check (Bitcoin addresses, WIF private keys, extended keys): base58 payload whose last four bytes are the
// first four of the double SHA-256 of the rest.
import { hash } from "node:crypto";

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/** A base58 alphabet: the value of each ASCII character (255 outside it), and its zero digit. */
export interface Base58Alphabet {
  readonly index: Uint8Array;
  readonly zero: string;
}

function base58Alphabet(digits: string): Base58Alphabet {
  const index = new Uint8Array(128).fill(255);
  for (let i = 0; i < digits.length; i++) index[digits.charCodeAt(i)] = i;
  return { index, zero: digits.charAt(0) };
}

/** Bitcoin's alphabet (and Litecoin's, Dogecoin's). */
const BITCOIN = base58Alphabet(ALPHABET);
/** Ripple's alphabet: XRP addresses start with its zero digit, `r`. */
export const RIPPLE = base58Alphabet("rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz");

/** The bytes of a base58 string, or undefined if it has a character outside the alphabet. */
export function base58Decode(text: string, alphabet: Base58Alphabet = BITCOIN): Uint8Array | undefined {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === alphabet.zero) zeros++;
  const bytes: number[] = [];
  for (let j = 0; j < text.length; j++) {
    const code = text.charCodeAt(j);
    let carry = code < 128 ? (alphabet.index[code] as number) : 255;
    if (carry === 255) return undefined;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] as number) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let i = 0; i < zeros; i++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}

/** The base58 text of some bytes. */
export function base58Encode(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += (digits[i] as number) << 8;
      digits[i] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let text = "";
  for (let i = 0; i < bytes.length && bytes[i] === 0; i++) text += "1";
  for (let i = digits.length - 1; i >= 0; i--) text += ALPHABET[digits[i] as number];
  return text;
}

function doubleSha256(bytes: Uint8Array): Buffer {
  return hash("sha256", hash("sha256", bytes, "buffer"), "buffer");
}

/** Whether decoded Base58Check bytes (five or more) end with the checksum of the rest. */
export function base58ChecksumValid(bytes: Uint8Array): boolean {
  const length = bytes.length - 4;
  const checksum = doubleSha256(bytes.subarray(0, length));
  for (let i = 0; i < 4; i++) if (bytes[length + i] !== checksum[i]) return false;
  return true;
}

/** The payload of a Base58Check string (version byte included), or undefined if the checksum does not hold. */
export function base58CheckDecode(text: string): Uint8Array | undefined {
  const bytes = base58Decode(text);
  if (bytes === undefined || bytes.length < 5 || !base58ChecksumValid(bytes)) return undefined;
  return bytes.subarray(0, bytes.length - 4);
}

/** The Base58Check text of a payload (version byte included). */
export function base58CheckEncode(payload: Uint8Array): string {
  const checksum = doubleSha256(payload).subarray(0, 4);
  const bytes = new Uint8Array(payload.length + 4);
  bytes.set(payload);
  bytes.set(checksum, payload.length);
  return base58Encode(bytes);
}
