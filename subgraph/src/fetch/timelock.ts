import { Address, BigInt } from "@graphprotocol/graph-ts";
import { Timelock } from "../../generated/schema";

/** Loads a timelock, creating (and saving) it on first sight. */
export function fetchTimelock(address: Address): Timelock {
  let timelock = Timelock.load(address);
  if (timelock == null) {
    timelock = new Timelock(address);
    timelock.minDelay = BigInt.zero();
    timelock.current = false;
    timelock.save();
  }
  return timelock as Timelock;
}
