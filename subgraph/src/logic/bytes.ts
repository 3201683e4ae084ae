// Byte helpers shared by the pure logic (no graph-ts: see README.md in this folder).

const HEX_DIGITS = "0123456789abcdef";

/** Lowercase 0x-prefixed hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  const parts = new Array<string>(bytes.length + 1);
  parts[0] = "0x";
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as i32;
    parts[i + 1] = HEX_DIGITS.charAt(b >> 4) + HEX_DIGITS.charAt(b & 15);
  }
  return parts.join("");
}

function nibble(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Bytes of a hex string, with or without 0x; an odd length or a non-hex digit gives an empty array. */
export function fromHex(hex: string): Uint8Array {
  const start = hex.startsWith("0x") ? 2 : 0;
  const digits = hex.length - start;
  if (digits % 2 != 0) return new Uint8Array(0);
  const out = new Uint8Array(digits / 2);
  for (let i = 0; i < out.length; i++) {
    const high = nibble(hex.charCodeAt(start + 2 * i));
    const low = nibble(hex.charCodeAt(start + 2 * i + 1));
    if (high < 0 || low < 0) return new Uint8Array(0);
    out[i] = ((high << 4) | low) as u8;
  }
  return out;
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

export function isZero(bytes: Uint8Array): bool {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] != 0) return false;
  }
  return true;
}

/**
 * A uint256 as its 32-byte big-endian ABI word, from little-endian bytes (graph-ts' BigInt is a little-endian
 * Uint8Array). Bytes beyond the 32nd (a sign byte) are ignored: the values given are never negative.
 */
export function uint256Word(littleEndian: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  const n = littleEndian.length < 32 ? littleEndian.length : 32;
  for (let i = 0; i < n; i++) out[31 - i] = littleEndian[i];
  return out;
}

/** A u64 as a 32-byte big-endian ABI word. */
export function u64Word(value: u64): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 24; i--) {
    out[i] = (v & 0xff) as u8;
    v = v >> 8;
  }
  return out;
}

/** The decimal string of an unsigned big-endian integer of any length (a uint256 word, typically). */
export function wordToDecimal(word: Uint8Array): string {
  const digits = word.slice(0);
  const chars = new Array<string>(0);
  while (true) {
    let remainder: u32 = 0;
    let quotientIsZero = true;
    for (let i = 0; i < digits.length; i++) {
      const current = (remainder << 8) | (digits[i] as u32);
      const quotient = current / 10;
      remainder = current % 10;
      digits[i] = quotient as u8;
      if (quotient != 0) quotientIsZero = false;
    }
    chars.push(String.fromCharCode((48 + remainder) as i32));
    if (quotientIsZero) break;
  }
  chars.reverse();
  return chars.join("");
}

/** UTF-8 bytes of a string. */
export function utf8(value: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(value));
}
