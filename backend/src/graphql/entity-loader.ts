import type { EntityData } from "../indexer/entity-store.js";
import type { EntityQueries } from "./entity-queries.js";

interface Pending {
  ids: Set<string>;
  waiters: { id: string; resolve: (value: EntityData | null) => void; reject: (error: unknown) => void }[];
}

/**
 * Loads referenced entities (a vote's proposal, a proposal's proposer) in batches: every load asked for in the same
 * turn of the event loop, by any request, becomes one query per entity type. Nothing is cached beyond that turn, so
 * no answer is ever older than the database.
 */
export class EntityLoader {
  readonly #pending = new Map<string, Pending>();
  #scheduled = false;

  constructor(private readonly queries: EntityQueries) {}

  load(type: string, id: string): Promise<EntityData | null> {
    let pending = this.#pending.get(type);
    if (!pending) {
      pending = { ids: new Set(), waiters: [] };
      this.#pending.set(type, pending);
    }
    pending.ids.add(id);
    const batch = pending;
    const promise = new Promise<EntityData | null>((resolve, reject) => batch.waiters.push({ id, resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return promise;
  }

  #flush(): void {
    this.#scheduled = false;
    const batches = [...this.#pending.entries()];
    this.#pending.clear();
    for (const [type, batch] of batches) {
      this.queries.byIds(type, [...batch.ids]).then(
        (found) => {
          for (const waiter of batch.waiters) waiter.resolve(found.get(waiter.id) ?? null);
        },
        (error: unknown) => {
          for (const waiter of batch.waiters) waiter.reject(error);
        },
      );
    }
  }
}
