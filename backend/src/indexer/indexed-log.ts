import type { Address, DecodeEventLogReturnType, Hex } from "viem";
import type {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../../generated/contracts.js";

/** Where and when a log was emitted. */
export interface LogPosition {
  /** The emitting contract. */
  address: Address;
  blockNumber: bigint;
  blockHash: Hex;
  /** The block's timestamp, in seconds (the governor's clock). */
  blockTimestamp: bigint;
  transactionHash: Hex;
  transactionIndex: number;
  /** Index of the log in its block. */
  logIndex: number;
}

type Decoded<Contract extends string, Abi extends readonly unknown[]> = {
  contract: Contract;
  event: DecodeEventLogReturnType<Abi>;
} & LogPosition;

/**
 * A log of one of the indexed contracts, decoded with the contracts' build output (generated/contracts.ts). Narrow it
 * with `log.contract` and then `log.event.eventName`: `log.event.args` is then typed.
 * `TimelockController` is any timelock the governor has used (the deployment's, or one set by TimelockChange).
 */
export type IndexedLog =
  | Decoded<"GovernanceToken", typeof governanceTokenAbi>
  | Decoded<"CommonsGovernor", typeof commonsGovernorAbi>
  | Decoded<"TimelockController", typeof timelockControllerAbi>
  | Decoded<"ModelRegistry", typeof modelRegistryAbi>
  | Decoded<"UsagePolicyRegistry", typeof usagePolicyRegistryAbi>;
