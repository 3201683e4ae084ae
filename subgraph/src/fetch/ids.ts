import { BigInt, ByteArray, Bytes, crypto, ethereum } from "@graphprotocol/graph-ts";
import { encodeStringPair } from "../logic/abi";
import { uint256Word, utf8 } from "../logic/bytes";

/** The id of an event entity: transaction hash ++ log index. */
export function eventId(event: ethereum.Event): Bytes {
  return event.transaction.hash.concatI32(event.logIndex.toI32());
}

/** A uint256 (a proposal id) as its 32-byte big-endian word. */
export function word(value: BigInt): Bytes {
  return Bytes.fromUint8Array(uint256Word(value));
}

export function keccak(data: Uint8Array): Bytes {
  return Bytes.fromByteArray(crypto.keccak256(changetype<ByteArray>(data)));
}

/** ModelRegistry's model key: keccak256(bytes(modelId)). */
export function modelKey(modelId: string): Bytes {
  return keccak(utf8(modelId));
}

/** ModelRegistry's version key: keccak256(abi.encode(modelId, version)); the ModelVersion id. */
export function versionKey(modelId: string, version: string): Bytes {
  return keccak(encodeStringPair(modelId, version));
}
