import { Address, ethereum } from "@graphprotocol/graph-ts";
import { OwnershipTransfer } from "../../generated/schema";
import { eventId } from "./ids";

/** Writes the immutable OwnershipTransfer of one of our Ownable contracts (the registries). */
export function recordOwnershipTransfer(
  event: ethereum.Event,
  contractName: string,
  previousOwner: Address,
  newOwner: Address,
): void {
  const transfer = new OwnershipTransfer(eventId(event));
  transfer.contract = event.address;
  transfer.contractName = contractName;
  transfer.previousOwner = previousOwner;
  transfer.newOwner = newOwner;
  transfer.blockNumber = event.block.number;
  transfer.timestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}
