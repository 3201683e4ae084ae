// A made-up chain for the handlers: logs built with the contracts' ABIs (encoded with viem, then decoded as the
// indexer decodes them), in blocks and transactions, applied with handleLog as they are emitted.
import {
  type Abi,
  type AbiEvent,
  type Address,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  decodeEventLog,
  encodeAbiParameters,
  encodeEventTopics,
  getAbiItem,
  type Hex,
  keccak256,
  toHex,
} from "viem";
import type { ChainReader } from "../../../../backend/src/indexer/chain-reader.js";
import type { ContractKey, EventArgs, EventName } from "../../../../backend/src/indexer/handlers/context.js";
import { type HandlerContext, handleLog } from "../../../../backend/src/indexer/handlers/index.js";
import type { IndexedLog } from "../../../../backend/src/indexer/indexed-log.js";
import type { Deployment } from "../../../../deployments/index.js";
import {
  commonsGovernorAbi,
  governanceTokenAbi,
  modelRegistryAbi,
  timelockControllerAbi,
  usagePolicyRegistryAbi,
} from "../../../../generated/contracts.js";
import { MemoryStore } from "./memory-store.js";

export const ABIS = {
  GovernanceToken: governanceTokenAbi,
  CommonsGovernor: commonsGovernorAbi,
  TimelockController: timelockControllerAbi,
  ModelRegistry: modelRegistryAbi,
  UsagePolicyRegistry: usagePolicyRegistryAbi,
} as const;

export type { ContractKey };

type EventOf<C extends ContractKey> = Extract<IndexedLog, { contract: C }>["event"];
type Args<C extends ContractKey, E extends EventName<C>> = EventArgs<C, E>;

/** The made-up deployment's addresses. */
export const DEPLOYMENT: Deployment = {
  chainId: 31337,
  network: "test",
  startBlock: 1,
  deployedAt: "2026-01-01T00:00:00.000Z",
  contracts: {
    GovernanceToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    TimelockController: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    CommonsGovernor: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
    ModelRegistry: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
    UsagePolicyRegistry: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
  },
};

/** Builds the decoded log of an event, as the indexer would receive it from the chain. */
export function decodedEvent<C extends ContractKey, E extends EventName<C>>(
  contract: C,
  eventName: E,
  args: Args<C, E>,
): EventOf<C> {
  const abi = ABIS[contract] as Abi;
  const item = getAbiItem({ abi, name: String(eventName) }) as AbiEvent;
  const values = args as Record<string, unknown>;
  const topics = encodeEventTopics({ abi: [item], eventName: item.name, args: values } as never);
  const data = encodeAbiParameters(
    item.inputs.filter((i) => !i.indexed),
    item.inputs.filter((i) => !i.indexed).map((i) => values[i.name ?? ""]),
  );
  return decodeEventLog({ abi: [item], data, topics: topics as [Hex, ...Hex[]] }) as unknown as EventOf<C>;
}

/** A ChainReader with answers set by the test: quorum by timepoint, minimum delay by timelock; absent ones revert. */
export class FakeChainReader implements ChainReader {
  readonly quorums = new Map<bigint, bigint>();
  readonly minDelays = new Map<string, bigint>();
  readonly calls: string[] = [];
  /** Thrown by every read when set (an RPC failure, say). */
  failure?: Error;

  async quorum(timepoint: bigint, blockNumber: bigint): Promise<bigint> {
    this.calls.push(`quorum(${timepoint})@${blockNumber}`);
    return this.answer(this.quorums.get(timepoint), "quorum", [timepoint]);
  }

  async timelockMinDelay(timelock: Address, blockNumber: bigint): Promise<bigint> {
    this.calls.push(`getMinDelay(${timelock.toLowerCase()})@${blockNumber}`);
    return this.answer(this.minDelays.get(timelock.toLowerCase()), "getMinDelay", []);
  }

  private answer(value: bigint | undefined, functionName: string, args: unknown[]): bigint {
    if (this.failure) throw this.failure;
    if (value !== undefined) return value;
    // What viem's readContract throws for a reverted call.
    throw new ContractFunctionExecutionError(
      new ContractFunctionRevertedError({ abi: commonsGovernorAbi, functionName }),
      { abi: [...commonsGovernorAbi, ...timelockControllerAbi], functionName, args },
    );
  }
}

/** A transaction being built: its logs are applied as they are emitted, with increasing log indexes. */
export class Transaction {
  constructor(
    private readonly chain: TestChain,
    readonly hash: Hex,
    readonly blockNumber: bigint,
    readonly timestamp: bigint,
  ) {}

  /** Emits an event of one of the deployed contracts (or of `address`), and applies it. */
  emit<C extends ContractKey, E extends EventName<C>>(
    contract: C,
    eventName: E,
    args: Args<C, E>,
    address: Address = DEPLOYMENT.contracts[contract],
  ): Promise<void> {
    const log = {
      contract,
      event: decodedEvent(contract, eventName, args),
      address,
      blockNumber: this.blockNumber,
      blockHash: keccak256(toHex(`block ${this.blockNumber}`)),
      blockTimestamp: this.timestamp,
      transactionHash: this.hash,
      transactionIndex: 0,
      logIndex: this.chain.nextLogIndex++,
    } as IndexedLog;
    this.chain.logs.push(log);
    return handleLog(log, this.chain.context);
  }
}

/** Blocks of one transaction each, a timestamp of 12 s per block unless set. */
export class TestChain {
  readonly store = new MemoryStore();
  readonly reader = new FakeChainReader();
  readonly warnings: string[] = [];
  readonly logs: IndexedLog[] = [];
  readonly context: HandlerContext = {
    store: this.store,
    chain: this.reader,
    deployment: DEPLOYMENT,
    logger: { warn: (m) => this.warnings.push(m), error: (m) => this.warnings.push(`error: ${m}`) },
  };
  blockNumber = 0n;
  timestamp = 1_700_000_000n;
  nextLogIndex = 0;

  /** Starts the next block (at `timestamp`, or 12 s later) with one transaction. */
  tx(timestamp?: bigint): Transaction {
    this.blockNumber += 1n;
    this.timestamp = timestamp ?? this.timestamp + 12n;
    this.nextLogIndex = 0;
    return new Transaction(this, keccak256(toHex(`tx ${this.blockNumber}`)), this.blockNumber, this.timestamp);
  }

  /** Sets the time of the next block (`evm_setNextBlockTimestamp`). */
  at(timestamp: bigint): this {
    this.timestamp = timestamp - 12n;
    return this;
  }
}
