// A strict reader and a small writer of the Solidity ABI encoding (pure: see README.md in this folder).
//
// The reader refuses what Solidity's own decoder refuses for calldata (out-of-range offsets and lengths, dirty high
// bits of addresses and small integers, booleans other than 0 and 1), so that a proposal action the subgraph reports
// as decoded is one the target contract would decode the same way.

import { concat, u64Word, utf8 } from "./bytes";

export class AbiReader {
  data: Uint8Array;
  /** False once any read failed; every later read is still safe and returns a default value. */
  ok: bool = true;

  constructor(data: Uint8Array) {
    this.data = data;
  }

  private has(position: i64, length: i64): bool {
    if (position < 0 || length < 0 || position + length > (this.data.length as i64)) {
      this.ok = false;
      return false;
    }
    return true;
  }

  /** The 32-byte word at `position` (a uint256 or a bytes32). */
  word(position: i64): Uint8Array {
    if (!this.has(position, 32)) return new Uint8Array(32);
    return this.data.slice(position as i32, (position + 32) as i32);
  }

  /** An unsigned integer of at most 64 bits; fails when the word holds a bigger value. */
  uint(position: i64, bits: i32): u64 {
    if (!this.has(position, 32)) return 0;
    const p = position as i32;
    for (let i = 0; i < 24; i++) {
      if (this.data[p + i] != 0) {
        this.ok = false;
        return 0;
      }
    }
    let value: u64 = 0;
    for (let i = 24; i < 32; i++) value = (value << 8) | (this.data[p + i] as u64);
    if (bits < 64 && value >= (1 as u64) << (bits as u64)) {
      this.ok = false;
      return 0;
    }
    return value;
  }

  /** An address: 20 bytes, the 12 bytes before them zero. */
  address(position: i64): Uint8Array {
    if (!this.has(position, 32)) return new Uint8Array(20);
    const p = position as i32;
    for (let i = 0; i < 12; i++) {
      if (this.data[p + i] != 0) {
        this.ok = false;
        return new Uint8Array(20);
      }
    }
    return this.data.slice(p + 12, p + 32);
  }

  bool(position: i64): bool {
    const value = this.uint(position, 8);
    if (value > 1) {
      this.ok = false;
      return false;
    }
    return value == 1;
  }

  /** Where the dynamic value whose offset is at `head` starts; offsets count from `base`. */
  tail(base: i64, head: i64): i64 {
    const offset = this.uint(head, 32) as i64;
    const start = base + offset;
    if (!this.has(start, 32)) return 0;
    return start;
  }

  /** `bytes` whose offset (from `base`) is at `head`. */
  bytes(base: i64, head: i64): Uint8Array {
    const start = this.tail(base, head);
    const length = this.uint(start, 32) as i64;
    if (!this.ok || !this.has(start + 32, length)) return new Uint8Array(0);
    return this.data.slice((start + 32) as i32, (start + 32 + length) as i32);
  }

  /** `string` whose offset (from `base`) is at `head`, decoded as UTF-8. */
  string(base: i64, head: i64): string {
    const raw = this.bytes(base, head);
    if (!this.ok) return "";
    return String.UTF8.decode(raw.buffer);
  }

  /** `string[]` whose offset (from `base`) is at `head`. */
  stringArray(base: i64, head: i64): Array<string> {
    const out = new Array<string>(0);
    const start = this.tail(base, head);
    const length = this.uint(start, 32) as i64;
    const elements = start + 32;
    if (!this.ok || !this.has(elements, length * 32)) return out;
    for (let i: i64 = 0; i < length; i++) {
      out.push(this.string(elements, elements + 32 * i));
      if (!this.ok) return new Array<string>(0);
    }
    return out;
  }
}

/** Pads to a multiple of 32 bytes with zeros on the right, as the ABI lays out `bytes` and `string` contents. */
function padRight(data: Uint8Array): Uint8Array {
  const padded = new Uint8Array(((data.length + 31) / 32) * 32);
  padded.set(data, 0);
  return padded;
}

/** The tail of a `bytes` or `string`: its length, then its contents padded to whole words. */
function encodeDynamicBytes(data: Uint8Array): Uint8Array {
  return concat(u64Word(data.length as u64), padRight(data));
}

/** An address (20 bytes) as an ABI word: 12 zero bytes, then the address. */
function addressWord(address: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  out.set(address, 32 - address.length);
  return out;
}

/**
 * `abi.encode(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt)`: the
 * pre-image of TimelockController.hashOperationBatch, i.e. of the timelock operation id of a queued proposal.
 * `values` are 32-byte big-endian words.
 */
export function encodeOperationBatch(
  targets: Array<Uint8Array>,
  values: Array<Uint8Array>,
  payloads: Array<Uint8Array>,
  predecessor: Uint8Array,
  salt: Uint8Array,
): Uint8Array {
  const targetsTail = new Array<Uint8Array>(0);
  targetsTail.push(u64Word(targets.length as u64));
  for (let i = 0; i < targets.length; i++) targetsTail.push(addressWord(targets[i]));

  const valuesTail = new Array<Uint8Array>(0);
  valuesTail.push(u64Word(values.length as u64));
  for (let i = 0; i < values.length; i++) valuesTail.push(values[i]);

  // bytes[]: the length, one offset per element (from the first offset word), then each element's tail.
  const payloadTails = new Array<Uint8Array>(0);
  for (let i = 0; i < payloads.length; i++) payloadTails.push(encodeDynamicBytes(payloads[i]));
  const payloadsTail = new Array<Uint8Array>(0);
  payloadsTail.push(u64Word(payloads.length as u64));
  let offset = 32 * payloads.length;
  for (let i = 0; i < payloads.length; i++) {
    payloadsTail.push(u64Word(offset as u64));
    offset += payloadTails[i].length;
  }
  for (let i = 0; i < payloadTails.length; i++) payloadsTail.push(payloadTails[i]);

  const targetsBytes = join(targetsTail);
  const valuesBytes = join(valuesTail);
  const payloadsBytes = join(payloadsTail);
  const head = new Array<Uint8Array>(0);
  const headLength = 5 * 32;
  head.push(u64Word(headLength as u64));
  head.push(u64Word((headLength + targetsBytes.length) as u64));
  head.push(u64Word((headLength + targetsBytes.length + valuesBytes.length) as u64));
  head.push(predecessor);
  head.push(salt);
  head.push(targetsBytes);
  head.push(valuesBytes);
  head.push(payloadsBytes);
  return join(head);
}

/** `abi.encode(string a, string b)`: the pre-image of ModelRegistry's version key for `(modelId, version)`. */
export function encodeStringPair(a: string, b: string): Uint8Array {
  const aTail = encodeDynamicBytes(utf8(a));
  const bTail = encodeDynamicBytes(utf8(b));
  const parts = new Array<Uint8Array>(0);
  parts.push(u64Word(64));
  parts.push(u64Word((64 + aTail.length) as u64));
  parts.push(aTail);
  parts.push(bTail);
  return join(parts);
}

/**
 * GovernorTimelockControl's salt for a proposal: `bytes20(governor) ^ descriptionHash` (the address fills the first
 * 20 bytes of the word).
 */
export function timelockSalt(governor: Uint8Array, descriptionHash: Uint8Array): Uint8Array {
  const salt = descriptionHash.slice(0);
  for (let i = 0; i < 20 && i < governor.length; i++) salt[i] = salt[i] ^ governor[i];
  return salt;
}

function join(parts: Array<Uint8Array>): Uint8Array {
  let length = 0;
  for (let i = 0; i < parts.length; i++) length += parts[i].length;
  const out = new Uint8Array(length);
  let position = 0;
  for (let i = 0; i < parts.length; i++) {
    out.set(parts[i], position);
    position += parts[i].length;
  }
  return out;
}
