import type { Address } from "viem";
import type { EntityStore } from "../../entity-store.js";
import { type Delegate, load, save } from "../entities.js";
import { bytes } from "./ids.js";

/** Loads the account's Delegate, creating (and saving) it on first sight. */
export async function fetchDelegate(store: EntityStore, address: Address): Promise<Delegate> {
  const id = bytes(address);
  const found = await load(store, "Delegate", id);
  if (found) return found;
  const delegate: Delegate = { id, votingPower: "0", delegatorsCount: 0, voteCount: 0, proposalCount: 0 };
  await save(store, "Delegate", delegate);
  return delegate;
}
