import type { Address, PublicClient } from "viem";
import { commonsGovernorAbi, timelockControllerAbi } from "../../../generated/contracts.js";
import type { ChainReader } from "./chain-reader.js";

/** {@link ChainReader} over the backend's viem client: eth_call at the block being indexed. */
export class ViemChainReader implements ChainReader {
  constructor(
    private readonly client: PublicClient,
    private readonly governor: Address,
  ) {}

  quorum(timepoint: bigint, blockNumber: bigint): Promise<bigint> {
    return this.client.readContract({
      address: this.governor,
      abi: commonsGovernorAbi,
      functionName: "quorum",
      args: [timepoint],
      blockNumber,
    });
  }

  timelockMinDelay(timelock: Address, blockNumber: bigint): Promise<bigint> {
    return this.client.readContract({
      address: timelock,
      abi: timelockControllerAbi,
      functionName: "getMinDelay",
      blockNumber,
    });
  }
}
