import type { Queryable } from "../database/database.js";
import type { EntityData, EntityStore, EntityType } from "./entity-store.js";

/** What one committed batch changed, for subscriptions and metrics. */
export interface EntityChange {
  type: EntityType;
  id: string;
  /** The entity after the batch. */
  data: EntityData;
  /** It did not exist before the batch. */
  created: boolean;
}

interface Entry {
  type: EntityType;
  id: string;
  /** As stored before this batch (null: absent). */
  before: EntityData | null;
  current: EntityData | null;
  /** Last block for which the previous value was journalled. */
  journalled?: bigint;
}

interface JournalRow {
  block_number: string;
  type: EntityType;
  id: string;
  previous: EntityData | null;
}

const key = (type: EntityType, id: string) => `${type}\u0000${id}`;

/**
 * The indexer's {@link EntityStore} for one batch of blocks: reads go to the database once and are then served from
 * memory, writes stay in memory until {@link flush} writes them, with the journal, in the indexer's transaction.
 *
 * The journal keeps, per block, each changed entity's value before that block, but only for blocks the chain could
 * still reorganise (`journalFrom` and above): deep in a backfill nothing is journalled, which keeps backfills fast.
 */
export class BufferedEntityStore implements EntityStore {
  readonly #entries = new Map<string, Entry>();
  readonly #journal: JournalRow[] = [];
  #block = 0n;

  constructor(
    private readonly db: Queryable,
    private readonly journalFrom: bigint,
  ) {}

  /** Later writes belong to block `blockNumber` (blocks come in ascending order). */
  beginBlock(blockNumber: bigint): void {
    this.#block = blockNumber;
  }

  async get(type: EntityType, id: string): Promise<EntityData | undefined> {
    const entry = await this.#entry(type, id);
    return entry.current === null ? undefined : structuredClone(entry.current);
  }

  async set(type: EntityType, data: EntityData): Promise<void> {
    const entry = await this.#entry(type, data.id);
    if (this.#block >= this.journalFrom && entry.journalled !== this.#block) {
      this.#journal.push({ block_number: this.#block.toString(), type, id: data.id, previous: entry.current });
      entry.journalled = this.#block;
    }
    entry.current = structuredClone(data);
  }

  /** Ids of the entities of `type` this batch has read or written (and that exist). */
  cachedIds(type: EntityType): string[] {
    return [...this.#entries.values()].filter((e) => e.type === type && e.current !== null).map((e) => e.id);
  }

  /** Loads the entries of `ids` in one query, so that handlers working through a batch do not query one by one. */
  async prefetch(type: EntityType, ids: Iterable<string>): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#entries.has(key(type, id)));
    if (missing.length === 0) return;
    const rows = await this.db.query<{ id: string; data: EntityData }>(
      "select id, data from entity where type = $1 and id = any($2::text[])",
      [type, missing],
    );
    const found = new Map(rows.map((row) => [row.id, row.data]));
    for (const id of missing) {
      const data = found.get(id) ?? null;
      this.#entries.set(key(type, id), { type, id, before: data, current: data });
    }
  }

  /** Writes every changed entity and the journal; returns the changes. */
  async flush(tx: Queryable): Promise<EntityChange[]> {
    const changes: EntityChange[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.current === null || entry.current === entry.before) continue;
      changes.push({ type: entry.type, id: entry.id, data: entry.current, created: entry.before === null });
    }
    for (let i = 0; i < changes.length; i += 5_000) {
      const rows = changes.slice(i, i + 5_000).map(({ type, id, data }) => ({ type, id, data }));
      await tx.query(
        `insert into entity (type, id, data)
         select type, id, data from jsonb_to_recordset($1::jsonb) as r(type text, id text, data jsonb)
         on conflict (type, id) do update set data = excluded.data`,
        [JSON.stringify(rows)],
      );
    }
    for (let i = 0; i < this.#journal.length; i += 5_000) {
      await tx.query(
        `insert into entity_journal (block_number, type, id, previous)
         select block_number, type, id, previous
         from jsonb_to_recordset($1::jsonb) as r(block_number bigint, type text, id text, previous jsonb)`,
        [JSON.stringify(this.#journal.slice(i, i + 5_000))],
      );
    }
    return changes;
  }

  async #entry(type: EntityType, id: string): Promise<Entry> {
    const k = key(type, id);
    let entry = this.#entries.get(k);
    if (!entry) {
      const [row] = await this.db.query<{ data: EntityData }>("select data from entity where type = $1 and id = $2", [
        type,
        id,
      ]);
      const data = row?.data ?? null;
      entry = { type, id, before: data, current: data };
      this.#entries.set(k, entry);
    }
    return entry;
  }
}

/**
 * Undoes every change journalled for blocks after `blockNumber`, newest first, so that each entity ends as it was at
 * the end of `blockNumber` (or absent, if it did not exist then).
 */
export async function rollbackEntities(tx: Queryable, blockNumber: bigint): Promise<number> {
  const rows = await tx.query<{ type: string; id: string; previous: EntityData | null }>(
    "select type, id, previous from entity_journal where block_number > $1 order by seq desc",
    [blockNumber.toString()],
  );
  // Newest first: the last value written for an entity is its value before the oldest rolled-back block.
  const restored = new Map<string, { type: string; id: string; previous: EntityData | null }>();
  for (const row of rows) restored.set(key(row.type, row.id), row);
  const upserts = [...restored.values()].filter((row) => row.previous !== null);
  const deletions = [...restored.values()].filter((row) => row.previous === null);
  if (upserts.length > 0) {
    await tx.query(
      `insert into entity (type, id, data)
       select type, id, previous from jsonb_to_recordset($1::jsonb) as r(type text, id text, previous jsonb)
       on conflict (type, id) do update set data = excluded.data`,
      [JSON.stringify(upserts)],
    );
  }
  for (const row of deletions) {
    await tx.query("delete from entity where type = $1 and id = $2", [row.type, row.id]);
  }
  await tx.query("delete from entity_journal where block_number > $1", [blockNumber.toString()]);
  return restored.size;
}
