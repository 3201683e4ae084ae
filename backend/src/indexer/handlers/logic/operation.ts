// The id of the timelock operation GovernorTimelockControl schedules for a proposal (subgraph/src/logic/abi.ts).

import { type Address, encodeAbiParameters, getAbiItem, type Hex, keccak256, toHex, zeroHash } from "viem";
import { timelockControllerAbi } from "../../../../../generated/contracts.js";

const HASH_OPERATION_BATCH = getAbiItem({ abi: timelockControllerAbi, name: "hashOperationBatch" }).inputs;

/**
 * GovernorTimelockControl's salt for a proposal: `bytes20(governor) ^ descriptionHash` (the address fills the first 20
 * bytes of the word).
 */
export function timelockSalt(governor: Address, descriptionHash: Hex): Hex {
  return toHex((BigInt(governor) << 96n) ^ BigInt(descriptionHash), { size: 32 });
}

/**
 * TimelockController.hashOperationBatch(targets, values, payloads, 0, salt): the operation id GovernorTimelockControl
 * schedules for a proposal.
 */
export function proposalOperationId(
  targets: readonly Address[],
  values: readonly bigint[],
  calldatas: readonly Hex[],
  salt: Hex,
): Hex {
  return keccak256(encodeAbiParameters(HASH_OPERATION_BATCH, [targets, values, calldatas, zeroHash, salt]));
}
