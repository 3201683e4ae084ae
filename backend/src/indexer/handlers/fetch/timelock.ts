import type { Address } from "viem";
import type { Deployment } from "../../../../../deployments/index.js";
import type { EntityStore } from "../../entity-store.js";
import { load, save, type Timelock } from "../entities.js";
import { bytes } from "./ids.js";

/** Loads a timelock, creating (and saving) it on first sight. */
export async function fetchTimelock(store: EntityStore, address: Address): Promise<Timelock> {
  const id = bytes(address);
  const found = await load(store, "Timelock", id);
  if (found) return found;
  const timelock: Timelock = { id, minDelay: "0", current: false };
  await save(store, "Timelock", timelock);
  return timelock;
}

/**
 * Whether the subgraph indexes this timelock's logs: the deployed one (its data source), and any the governor moved to
 * (a Timelock template, created by TimelockChange together with the timelock's entity). Logs a timelock emitted before
 * the governor moved to it are not indexed.
 */
export async function isIndexedTimelock(
  store: EntityStore,
  deployment: Deployment,
  address: Address,
): Promise<boolean> {
  if (bytes(address) === bytes(deployment.contracts.TimelockController)) return true;
  return (await store.get("Timelock", bytes(address))) !== undefined;
}
