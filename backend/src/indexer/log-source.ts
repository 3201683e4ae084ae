import { type Abi, type Address, decodeEventLog, getAddress, type Hex, type Log, type PublicClient } from "viem";
import type { Deployment } from "../../../deployments/index.js";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../../generated/contracts.js";
import type { IndexedLog } from "./indexed-log.js";

type ContractName = IndexedLog["contract"];

const ABIS: Record<ContractName, Abi> = {
  GovernanceToken: governanceTokenAbi,
  CommonsGovernor: commonsGovernorAbi,
  TimelockController: timelockControllerAbi,
  ModelRegistry: modelRegistryAbi,
  UsagePolicyRegistry: usagePolicyRegistryAbi,
};

/** A block's identity, as the indexer records it to detect reorganisations. */
export interface BlockRef {
  number: bigint;
  hash: Hex;
  timestamp: bigint;
}

/** The decoded logs of a range of blocks, with the headers the indexer needs. */
export interface LogBatch {
  logs: IndexedLog[];
  /** Headers of the blocks that have logs, and of the range's last block. */
  blocks: Map<bigint, BlockRef>;
}

/** Raised when the chain changed while a range was read (a log's block hash differs from its header's). */
export class InconsistentRangeError extends Error {
  override name = "InconsistentRangeError";
}

/**
 * Reads and decodes the logs of the indexed contracts, by block range. The contracts are the deployment's, plus any
 * timelock the governor switched to (added with {@link addTimelock}).
 */
export class LogSource {
  readonly #contracts = new Map<Address, ContractName>();

  constructor(
    private readonly client: PublicClient,
    deployment: Deployment,
  ) {
    for (const [name, address] of Object.entries(deployment.contracts)) {
      this.#contracts.set(getAddress(address), name as ContractName);
    }
  }

  addTimelock(address: Address): void {
    this.#contracts.set(getAddress(address), "TimelockController");
  }

  async block(number: bigint): Promise<BlockRef> {
    const block = await this.client.getBlock({ blockNumber: number });
    if (block.hash === null) throw new Error(`block ${number} has no hash yet`);
    return { number, hash: block.hash, timestamp: block.timestamp };
  }

  async read(fromBlock: bigint, toBlock: bigint): Promise<LogBatch> {
    const raw = await this.client.getLogs({ address: [...this.#contracts.keys()], fromBlock, toBlock });
    const numbers = new Set<bigint>([toBlock]);
    for (const log of raw) if (log.blockNumber !== null) numbers.add(log.blockNumber);
    const headers = await Promise.all([...numbers].map((n) => this.block(n)));
    const blocks = new Map(headers.map((header) => [header.number, header]));
    const logs: IndexedLog[] = [];
    for (const log of raw) {
      const decoded = this.#decode(log, blocks);
      if (decoded) logs.push(decoded);
    }
    logs.sort((a, b) =>
      a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
    );
    return { logs, blocks };
  }

  #decode(log: Log, blocks: Map<bigint, BlockRef>): IndexedLog | undefined {
    if (log.blockNumber === null || log.blockHash === null || log.transactionHash === null) return undefined;
    if (log.logIndex === null || log.transactionIndex === null) return undefined;
    const header = blocks.get(log.blockNumber);
    if (!header || header.hash !== log.blockHash) {
      throw new InconsistentRangeError(`block ${log.blockNumber} changed while its logs were read`);
    }
    const contract = this.#contracts.get(getAddress(log.address));
    if (!contract) return undefined;
    let event: unknown;
    try {
      event = decodeEventLog({ abi: ABIS[contract], data: log.data, topics: log.topics as [Hex, ...Hex[]] });
    } catch {
      return undefined; // An event these contracts' ABIs do not declare (none today): nothing to index.
    }
    return {
      contract,
      event,
      address: getAddress(log.address),
      blockNumber: log.blockNumber,
      blockHash: log.blockHash,
      blockTimestamp: header.timestamp,
      transactionHash: log.transactionHash,
      transactionIndex: log.transactionIndex,
      logIndex: log.logIndex,
    } as unknown as IndexedLog;
  }
}
