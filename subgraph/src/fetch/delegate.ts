import { Address, BigInt } from "@graphprotocol/graph-ts";
import { Delegate } from "../../generated/schema";

/** Loads the account's Delegate, creating (and saving) it on first sight. */
export function fetchDelegate(address: Address): Delegate {
  let delegate = Delegate.load(address);
  if (delegate == null) {
    delegate = new Delegate(address);
    delegate.votingPower = BigInt.zero();
    delegate.delegatorsCount = 0;
    delegate.voteCount = 0;
    delegate.proposalCount = 0;
    delegate.save();
  }
  return delegate as Delegate;
}
