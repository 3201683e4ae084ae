import type { Address } from "viem";
import type { LogPosition } from "../../indexed-log.js";
import type { HandlerContext } from "../context.js";
import { type ContractName, save } from "../entities.js";
import { bytes, eventId, momentOf } from "./ids.js";

/** Writes the immutable OwnershipTransfer of one of the registries. */
export function recordOwnershipTransfer(
  context: HandlerContext,
  log: LogPosition,
  contractName: ContractName,
  previousOwner: Address,
  newOwner: Address,
): Promise<void> {
  return save(context.store, "OwnershipTransfer", {
    id: eventId(log),
    contract: bytes(log.address),
    contractName,
    previousOwner: bytes(previousOwner),
    newOwner: bytes(newOwner),
    ...momentOf(log),
  });
}
