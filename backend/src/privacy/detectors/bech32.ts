// Bech32 (BIP-173) and Bech32m (BIP-350): the encodings of segwit Bitcoin addresses (`bc1q…`, `bc1p…`).
const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATORS[i] as number;
  }
  return chk >>> 0;
}

function expandPrefix(prefix: string): number[] {
  const high = [...prefix].map((c) => c.charCodeAt(0) >> 5);
  const low = [...prefix].map((c) => c.charCodeAt(0) & 31);
  return [...high, 0, ...low];
}

function convertBits(data: readonly number[], from: number, to: number, pad: boolean): number[] | undefined {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  const max = (1 << to) - 1;
  for (const value of data) {
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) {
      bits -= to;
      out.push((acc >> bits) & max);
    }
  }
  if (pad) {
    if (bits > 0) out.push((acc << (to - bits)) & max);
  } else if (bits >= from || ((acc << (to - bits)) & max) !== 0) {
    return undefined;
  }
  return out;
}

/** The value of each ASCII character in CHARSET, -1 for the others. */
const ASCII_VALUES = Int8Array.from({ length: 128 }, (_, code) => CHARSET.indexOf(String.fromCharCode(code)));

/** One step of {@link polymod}, for checking without building the array of values. */
function polymodStep(chk: number, value: number): number {
  const top = chk >>> 25;
  let next = ((chk & 0x1ffffff) << 5) ^ value;
  for (let i = 0; i < 5; i++) if ((top >>> i) & 1) next ^= GENERATORS[i] as number;
  return next;
}

/** polymod's state after the values of expandPrefix(prefix). */
function prefixChecksum(prefix: string): number {
  let chk = 1;
  for (let i = 0; i < prefix.length; i++) chk = polymodStep(chk, prefix.charCodeAt(i) >> 5);
  chk = polymodStep(chk, 0);
  for (let i = 0; i < prefix.length; i++) chk = polymodStep(chk, prefix.charCodeAt(i) & 31);
  return chk;
}

/**
 * Whether `address` is a valid segwit address for `prefix` (`bc`, `tb`): right checksum variant and program size.
 * Runs on every candidate, so it reads the characters in place (no arrays): the same steps as polymod and
 * convertBits.
 */
export function segwitAddressValid(address: string, prefix: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  const separator = lower.lastIndexOf("1");
  if (separator !== prefix.length || !lower.startsWith(prefix) || lower.length > 90) return false;
  const dataLength = lower.length - separator - 1;
  if (dataLength < 7) return false;
  let chk = prefixChecksum(prefix);
  // The program: the values between the version and the six checksum values, regrouped from 5 bits to 8.
  let acc = 0;
  let bits = 0;
  let programLength = 0;
  for (let i = separator + 1; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    const value = code < 128 ? (ASCII_VALUES[code] as number) : -1;
    if (value < 0) return false;
    chk = polymodStep(chk, value);
    const index = i - separator - 1;
    if (index === 0 || index >= dataLength - 6) continue;
    acc = (acc << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      programLength++;
    }
  }
  const version = ASCII_VALUES[lower.charCodeAt(separator + 1)] as number;
  if (version > 16 || chk >>> 0 !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return false;
  // convertBits without padding: fewer than five bits left over, all zero.
  if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) return false;
  if (programLength < 2 || programLength > 40) return false;
  return version !== 0 || programLength === 20 || programLength === 32;
}

/** The segwit address of a witness program (bech32 for version 0, bech32m above). */
export function segwitAddressEncode(prefix: string, version: number, program: Uint8Array): string {
  const data = [version, ...(convertBits([...program], 8, 5, true) ?? [])];
  const mod =
    polymod([...expandPrefix(prefix), ...data, 0, 0, 0, 0, 0, 0]) ^ (version === 0 ? BECH32_CONST : BECH32M_CONST);
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${prefix}1${[...data, ...checksum].map((v) => CHARSET[v]).join("")}`;
}
