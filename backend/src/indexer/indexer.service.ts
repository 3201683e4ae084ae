import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from "@nestjs/common";
import { getAddress, type Hex } from "viem";
import { ChainService } from "../chain/chain.service.js";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { DATABASE, type Database, type Queryable } from "../database/database.js";
import { proposalStateSql } from "../governance/proposal-state.js";
import { MetricsService } from "../metrics/metrics.service.js";
import { BufferedEntityStore, rollbackEntities } from "./buffered-entity-store.js";
import { handleLog } from "./handlers/index.js";
import type { IndexedLog } from "./indexed-log.js";
import { IndexerEvents } from "./indexer-events.js";
import { type BlockRef, InconsistentRangeError, LogSource } from "./log-source.js";
import { ViemChainReader } from "./viem-chain-reader.js";

/** Where the indexer stands, for GraphQL (`_meta`, `indexerStatus`), /health and /metrics. */
export interface IndexerStatus {
  /** Last block whose events are all stored; null before the first batch. */
  head: BlockRef | null;
  /** Latest block of the chain, as last seen. */
  chainHead: bigint | null;
  /** chainHead - head, in blocks. */
  lag: bigint | null;
  /** Still catching up with the chain (more than one batch behind at the last look). */
  backfilling: boolean;
  /** The last error the indexer met, if its last step failed (it retries). */
  error: string | null;
}

/** Another replica committed the batch first; this one's work is discarded and the step retried. */
class CursorMovedError extends Error {
  override name = "CursorMovedError";
}

/** Raised when the chain reorganised deeper than INDEXER_REORG_DEPTH: the stored data cannot be rolled back. */
export class ReorgTooDeepError extends Error {
  override name = "ReorgTooDeepError";
}

/**
 * The embedded indexer: reads the governance contracts' events from the deployment block on, in batches, applies them
 * with the subgraph's handlers (./handlers) and commits each batch with its cursor in one transaction, so that a
 * restart resumes exactly after the last committed block. Once caught up it polls for new blocks. Before each step it
 * checks that the last indexed block is still on the chain; if not, it rolls back to the newest block that is.
 */
@Injectable()
export class IndexerService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly #logger = new Logger("Indexer");
  readonly #source: LogSource;
  readonly #reader: ViemChainReader;
  #head: BlockRef | null = null;
  #chainHead: bigint | null = null;
  #backfilling = true;
  #error: string | null = null;
  #stopped = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #states = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(ChainService) private readonly chain: ChainService,
    @Inject(IndexerEvents) private readonly events: IndexerEvents,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    this.#source = new LogSource(chain.client, chain.deployment);
    this.#reader = new ViemChainReader(chain.client, chain.deployment.contracts.CommonsGovernor);
  }

  async onApplicationBootstrap(): Promise<void> {
    const cursor = await this.#cursor(this.db);
    if (cursor) await this.#adoptHead(cursor);
    for (const row of await this.db.query<{ id: string }>("select id from entity where type = 'Timelock'")) {
      this.#source.addTimelock(getAddress(row.id));
    }
    if (this.config.indexer.enabled) this.#loop = this.#run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
  }

  status(): IndexerStatus {
    const lag = this.#head && this.#chainHead !== null ? this.#chainHead - this.#head.number : null;
    return {
      head: this.#head,
      chainHead: this.#chainHead,
      lag: lag !== null && lag < 0n ? 0n : lag,
      backfilling: this.#backfilling,
      error: this.#error,
    };
  }

  /** Resolves once the indexed head is at or past `blockNumber` (tests, and clients that just sent a transaction). */
  async waitForBlock(blockNumber: bigint, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#head || this.#head.number < blockNumber) {
      if (Date.now() > deadline) throw new Error(`the indexer did not reach block ${blockNumber} in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let more = false;
      try {
        more = await this.step();
        if (this.#error) this.#logger.log({ message: "indexer recovered" });
        this.#error = null;
      } catch (error) {
        if (error instanceof CursorMovedError || isUniqueViolation(error)) {
          more = true;
          continue;
        }
        const message = (error as Error).message.split("\n")[0] ?? "unknown error";
        if (message !== this.#error) this.#logger.error({ message: "indexer step failed; retrying", error: message });
        this.#error = message;
        this.metrics.indexerErrors.inc();
      }
      if (!more && !this.#stopped) await this.#sleep(this.config.indexer.pollIntervalMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** One step: roll back a reorganisation, or index the next batch. Returns whether more blocks are waiting. */
  async step(): Promise<boolean> {
    const chainHead = await this.chain.client.getBlockNumber();
    this.#chainHead = chainHead;
    this.metrics.chainHead.set(Number(chainHead));
    const cursor = await this.#cursor(this.db);
    if (cursor && cursor.hash !== this.#head?.hash) await this.#adoptHead(cursor);
    if (cursor && !(await this.#onChain(cursor))) {
      await this.#rollback();
      return true;
    }
    const from = cursor ? cursor.number + 1n : BigInt(this.chain.deployment.startBlock);
    if (from > chainHead) {
      this.#backfilling = false;
      this.#updateLag();
      return false;
    }
    const to =
      from + BigInt(this.config.indexer.batchBlocks) - 1n < chainHead
        ? from + BigInt(this.config.indexer.batchBlocks) - 1n
        : chainHead;
    this.#backfilling = chainHead - to > BigInt(this.config.indexer.batchBlocks);
    const end = await this.#index(from, to, chainHead, cursor?.number ?? null);
    return end < chainHead;
  }

  /** Indexes `from`..`to` (or up to a block where the governor switched timelocks); returns the last block indexed. */
  async #index(from: bigint, last: bigint, chainHead: bigint, expectedCursor: bigint | null): Promise<bigint> {
    const started = performance.now();
    let batch: Awaited<ReturnType<LogSource["read"]>>;
    try {
      batch = await this.#source.read(from, last);
    } catch (error) {
      if (error instanceof InconsistentRangeError) return from - 1n; // A reorganisation under way: the next step sees it.
      throw error;
    }
    let to = last;
    const journalFrom = chainHead - BigInt(this.config.indexer.reorgDepth) + 1n;
    const store = new BufferedEntityStore(this.db, journalFrom);
    const context = { store, chain: this.#reader, deployment: this.chain.deployment, logger: this.#logger };
    const logs: IndexedLog[] = [];
    for (const log of batch.logs) {
      if (log.blockNumber > to) break;
      store.beginBlock(log.blockNumber);
      await handleLog(log, context);
      logs.push(log);
      if (log.contract === "CommonsGovernor" && log.event.eventName === "TimelockChange") {
        // The new timelock's logs were not part of this read: end the batch here, the next one reads them.
        this.#source.addTimelock(log.event.args.newTimelock);
        to = log.blockNumber;
      }
    }
    const head = batch.blocks.get(to);
    if (!head) throw new Error(`block ${to} missing from its batch`);
    store.beginBlock(to);
    await this.#fillQuorums(store, head);
    const changes = await this.db.transaction(async (tx) => {
      // Several replicas may index into one PostgreSQL: the first to commit a batch wins, the others find the cursor
      // moved (or their insert of the first cursor conflicting), roll back, and continue from the new cursor.
      const [current] = await tx.query<{ block_number: string }>(
        "select block_number from indexer_cursor where chain_id = $1 for update",
        [this.config.chainId],
      );
      if ((current ? BigInt(current.block_number) : null) !== expectedCursor) throw new CursorMovedError();
      const changed = await store.flush(tx);
      await this.#saveCursor(
        tx,
        head,
        [...batch.blocks.values()].filter((b) => b.number <= to),
        journalFrom,
      );
      return changed;
    });
    this.#head = head;
    this.#updateLag();
    for (const log of batch.logs)
      this.metrics.eventsIndexed.inc({ contract: log.contract, event: log.event.eventName });
    this.metrics.indexerHead.set(Number(to));
    if (logs.length > 0 || this.#backfilling) {
      this.#logger.log({
        message: this.#backfilling ? "backfill progress" : "indexed new blocks",
        fromBlock: from.toString(),
        toBlock: to.toString(),
        chainHead: chainHead.toString(),
        events: logs.length,
        entitiesChanged: changes.length,
        ms: Math.round(performance.now() - started),
      });
    }
    if (changes.length > 0) this.events.emit("changes", changes);
    // While backfilling, states of old proposals jump batch by batch and nobody can be waiting on them: the first
    // batch near the head records them, and changes are announced from then on.
    if (!this.#backfilling) await this.#announceStateChanges(changes.map((c) => (c.type === "Proposal" ? c.id : "")));
    return to;
  }

  /**
   * A proposal's quorum is `governor.quorum(voteStart)`, known once voteStart is in the past. The subgraph reads it
   * at the proposal's first event after that; the live state needs it even without events, so it is read here.
   */
  async #fillQuorums(store: BufferedEntityStore, head: BlockRef): Promise<void> {
    const rows = await this.db.query<{ id: string }>(
      `select id from entity where type = 'Proposal' and data->>'quorum' is null
       and (data->>'voteStart')::numeric < $1::numeric`,
      [head.timestamp.toString()],
    );
    const ids = new Set([...rows.map((row) => row.id), ...store.cachedIds("Proposal")]);
    for (const id of ids) {
      const proposal = await store.get("Proposal", id);
      if (!proposal || (proposal.quorum !== undefined && proposal.quorum !== null)) continue;
      if (BigInt(String(proposal.voteStart)) >= head.timestamp) continue;
      const quorum = await this.#reader.quorum(BigInt(String(proposal.voteStart)), head.number);
      await store.set("Proposal", { ...proposal, quorum: quorum.toString() });
    }
  }

  async #saveCursor(tx: Queryable, head: BlockRef, blocks: BlockRef[], journalFrom: bigint): Promise<void> {
    const chainId = this.config.chainId;
    await tx.query(
      `insert into indexer_cursor (chain_id, block_number, block_hash, updated_at) values ($1, $2, $3, now())
       on conflict (chain_id) do update set block_number = excluded.block_number, block_hash = excluded.block_hash,
       updated_at = now()`,
      [chainId, head.number.toString(), head.hash],
    );
    const recent = blocks.filter((b) => b.number >= journalFrom || b.number === head.number);
    if (recent.length > 0) {
      await tx.query(
        `insert into indexed_block (chain_id, number, hash, timestamp)
         select $1, number, hash, timestamp from jsonb_to_recordset($2::jsonb) as r(number bigint, hash text, timestamp bigint)
         on conflict (chain_id, number) do update set hash = excluded.hash, timestamp = excluded.timestamp`,
        [
          chainId,
          JSON.stringify(
            recent.map((b) => ({ number: b.number.toString(), hash: b.hash, timestamp: b.timestamp.toString() })),
          ),
        ],
      );
    }
    await tx.query("delete from indexed_block where chain_id = $1 and number < $2 and number <> $3", [
      chainId,
      journalFrom.toString(),
      head.number.toString(),
    ]);
    await tx.query("delete from entity_journal where block_number < $1", [journalFrom.toString()]);
  }

  /** Takes the head another replica indexed (or the one found at startup) as ours. */
  async #adoptHead(cursor: { number: bigint; hash: Hex }): Promise<void> {
    const [row] = await this.db.query<{ timestamp: string }>(
      "select timestamp from indexed_block where chain_id = $1 and number = $2",
      [this.config.chainId, cursor.number.toString()],
    );
    this.#head = { ...cursor, timestamp: BigInt(row?.timestamp ?? 0) };
  }

  async #cursor(db: Queryable): Promise<{ number: bigint; hash: Hex } | undefined> {
    const [row] = await db.query<{ block_number: string; block_hash: Hex }>(
      "select block_number, block_hash from indexer_cursor where chain_id = $1",
      [this.config.chainId],
    );
    return row ? { number: BigInt(row.block_number), hash: row.block_hash } : undefined;
  }

  async #onChain(block: { number: bigint; hash: Hex }): Promise<boolean> {
    try {
      return (await this.#source.block(block.number)).hash === block.hash;
    } catch {
      return false; // The chain is now shorter than our head.
    }
  }

  /** Finds the newest recorded block still on the chain and undoes everything indexed after it. */
  async #rollback(): Promise<void> {
    const recorded = await this.db.query<{ number: string; hash: Hex; timestamp: string }>(
      "select number, hash, timestamp from indexed_block where chain_id = $1 order by number desc",
      [this.config.chainId],
    );
    let ancestor: BlockRef | undefined;
    for (const row of recorded) {
      const block = { number: BigInt(row.number), hash: row.hash, timestamp: BigInt(row.timestamp) };
      if (await this.#onChain(block)) {
        ancestor = block;
        break;
      }
    }
    if (!ancestor) {
      throw new ReorgTooDeepError(
        `the chain reorganised deeper than INDEXER_REORG_DEPTH=${this.config.indexer.reorgDepth} blocks; ` +
          "the indexed data cannot be rolled back: delete the database (DATA_DIR, or the DATABASE_URL schema) to re-index",
      );
    }
    const found = ancestor;
    const undone = await this.db.transaction(async (tx) => {
      const count = await rollbackEntities(tx, found.number);
      await tx.query("delete from indexed_block where chain_id = $1 and number > $2", [
        this.config.chainId,
        found.number.toString(),
      ]);
      await tx.query(
        "update indexer_cursor set block_number = $2, block_hash = $3, updated_at = now() where chain_id = $1",
        [this.config.chainId, found.number.toString(), found.hash],
      );
      return count;
    });
    const previous = this.#head?.number;
    this.#head = found;
    this.metrics.reorgs.inc();
    this.#logger.warn({
      message: "chain reorganisation rolled back",
      fromBlock: previous?.toString(),
      toBlock: found.number.toString(),
      entitiesRestored: undone,
    });
    this.events.emit("rollback", { blockNumber: found.number });
    this.#states.clear();
  }

  #updateLag(): void {
    const lag = this.status().lag;
    if (lag !== null) this.metrics.indexerLag.set(Number(lag));
  }

  /** Announces proposals whose live state changed since the last batch, by time or by events. */
  async #announceStateChanges(changedByEvents: string[]): Promise<void> {
    if (!this.#head) return;
    const rows = await this.db.query<{ id: string; state: string }>(
      `select id, ${proposalStateSql("data", "$1::numeric")} as state from entity
       where type = 'Proposal' and data->>'state' not in ('Executed', 'Canceled')`,
      [this.#head.timestamp.toString()],
    );
    const byTime: string[] = [];
    const eventIds = new Set(changedByEvents);
    for (const row of rows) {
      const previous = this.#states.get(row.id);
      if (previous !== undefined && previous !== row.state && !eventIds.has(row.id)) byTime.push(row.id);
      this.#states.set(row.id, row.state);
    }
    if (byTime.length > 0) this.events.emit("proposalStates", byTime);
  }
}

/** PostgreSQL's unique_violation: two replicas inserted the first cursor at once. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "23505";
}
