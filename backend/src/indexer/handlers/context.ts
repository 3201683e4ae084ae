// What every handler is given.

import type { Deployment } from "../../../../deployments/index.js";
import type { ChainReader } from "../chain-reader.js";
import type { EntityStore } from "../entity-store.js";
import type { IndexedLog, LogPosition } from "../indexed-log.js";

/** Where the handlers report what graph-node would log (unknown proposals, operations never indexed). */
export interface HandlerLogger {
  warn(message: string): void;
  error(message: string): void;
}

export interface HandlerContext {
  /** Where entities are read and written. */
  store: EntityStore;
  /** Contract reads at the block being indexed (the subgraph's `try_quorum`, `try_getMinDelay`). */
  chain: ChainReader;
  /** The deployed contracts (the subgraph's data source addresses, and its `try_token()` read). */
  deployment: Deployment;
  /** Warnings and errors, as graph-node logs them; none when absent. */
  logger?: HandlerLogger;
}

/** A contract of the deployment, as IndexedLog names it. */
export type ContractKey = IndexedLog["contract"];

/** The logs of one contract. */
export type ContractLog<Contract extends ContractKey> = Extract<IndexedLog, { contract: Contract }>;

/** Each contract's events: their decoded arguments by event name. */
type Events = {
  [Contract in ContractKey]: { [Event in ContractLog<Contract>["event"] as Event["eventName"]]: Event["args"] };
};

/** The names of one contract's events. */
export type EventName<Contract extends ContractKey> = keyof Events[Contract];

/** The decoded arguments of one event of one contract, e.g. `EventArgs<"CommonsGovernor", "VoteCast">`. */
export type EventArgs<Contract extends ContractKey, Name extends EventName<Contract>> = Events[Contract][Name];

/** A handler of one event: its arguments, where the log was emitted, and the context. */
export type Handler<Contract extends ContractKey, Name extends EventName<Contract>> = (
  args: EventArgs<Contract, Name>,
  log: LogPosition,
  context: HandlerContext,
) => Promise<void>;
