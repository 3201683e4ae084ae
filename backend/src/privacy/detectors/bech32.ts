// Bech32 (BIP-173) and Bech32m (BIP-350): the encodings of segwit Bitcoin addresses (`bc1q…`, `bc1p…`).
const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const VALUES = new Map([...CHARSET].map((c, i) => [c, i]));
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

/** Whether `address` is a valid segwit address for `prefix` (`bc`, `tb`): right checksum variant and program size. */
export function segwitAddressValid(address: string, prefix: string): boolean {
  if (address !== address.toLowerCase() && address !== address.toUpperCase()) return false;
  const lower = address.toLowerCase();
  const separator = lower.lastIndexOf("1");
  if (lower.slice(0, separator) !== prefix || lower.length > 90) return false;
  const data: number[] = [];
  for (const c of lower.slice(separator + 1)) {
    const value = VALUES.get(c);
    if (value === undefined) return false;
    data.push(value);
  }
  if (data.length < 7) return false;
  const check = polymod([...expandPrefix(prefix), ...data]);
  const version = data[0] as number;
  if (version > 16 || check !== (version === 0 ? BECH32_CONST : BECH32M_CONST)) return false;
  const program = convertBits(data.slice(1, -6), 5, 8, false);
  if (program === undefined || program.length < 2 || program.length > 40) return false;
  return version !== 0 || program.length === 20 || program.length === 32;
}

/** The segwit address of a witness program (bech32 for version 0, bech32m above). */
export function segwitAddressEncode(prefix: string, version: number, program: Uint8Array): string {
  const data = [version, ...(convertBits([...program], 8, 5, true) ?? [])];
  const mod =
    polymod([...expandPrefix(prefix), ...data, 0, 0, 0, 0, 0, 0]) ^ (version === 0 ? BECH32_CONST : BECH32M_CONST);
  const checksum = Array.from({ length: 6 }, (_, i) => (mod >>> (5 * (5 - i))) & 31);
  return `${prefix}1${[...data, ...checksum].map((v) => CHARSET[v]).join("")}`;
}
