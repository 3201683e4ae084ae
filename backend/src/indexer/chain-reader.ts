import type { Address } from "viem";

/** Contract reads the handlers may need, at the block being indexed (eth_call at `blockNumber`). */
export interface ChainReader {
  /** `governor.quorum(timepoint)`. */
  quorum(timepoint: bigint, blockNumber: bigint): Promise<bigint>;
  /** `timelock.getMinDelay()` of any TimelockController. */
  timelockMinDelay(timelock: Address, blockNumber: bigint): Promise<bigint>;
}
