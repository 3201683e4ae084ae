// Entity ids and the contracts' keys (subgraph/src/fetch/ids.ts), as the store holds them: lowercase 0x-hex.

import { type Address, concatHex, encodeAbiParameters, type Hex, keccak256, parseAbiParameters, toHex } from "viem";
import type { LogPosition } from "../../indexed-log.js";
import type { BytesValue, EventMoment } from "../entities.js";

/** An address or other bytes as the store holds them (viem checksums addresses). */
export function bytes(value: Address | Hex): BytesValue {
  return value.toLowerCase() as BytesValue;
}

/** graph-ts `Bytes.concatI32`: a 32-bit integer appended as 4 little-endian bytes. */
function i32LittleEndian(value: number): Hex {
  const word = value >>> 0;
  return toHex(new Uint8Array([word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24]));
}

/** The id of an event entity: transaction hash ++ log index (in its block, 4 bytes little-endian). */
export function eventId(log: LogPosition): BytesValue {
  return bytes(concatHex([log.transactionHash, i32LittleEndian(log.logIndex)]));
}

/** Block number, timestamp and transaction of the log, for an event entity. */
export function momentOf(log: LogPosition): EventMoment {
  return {
    blockNumber: log.blockNumber.toString(),
    timestamp: log.blockTimestamp.toString(),
    transactionHash: bytes(log.transactionHash),
  };
}

/** A uint256 (a proposal id) as its 32-byte big-endian word. */
export function word(value: bigint): BytesValue {
  return toHex(value, { size: 32 });
}

/** A ProposalAction's id: proposalId (32 bytes) ++ index (4 bytes little-endian). */
export function actionId(proposalId: bigint, index: number): BytesValue {
  return concatHex([word(proposalId), i32LittleEndian(index)]);
}

/** A Vote's id: proposalId (32 bytes) ++ voter: the governor takes one vote per voter and proposal. */
export function voteId(proposalId: bigint, voter: Address): BytesValue {
  return concatHex([word(proposalId), bytes(voter)]);
}

/** ModelRegistry's model key: keccak256(bytes(modelId)). */
export function modelKey(modelId: string): BytesValue {
  return keccak256(toHex(modelId));
}

const STRING_PAIR = parseAbiParameters("string, string");

/** ModelRegistry's version key (`_versionKey`): keccak256(abi.encode(modelId, version)); the ModelVersion id. */
export function versionKey(modelId: string, version: string): BytesValue {
  return keccak256(encodeAbiParameters(STRING_PAIR, [modelId, version]));
}
