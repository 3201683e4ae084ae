import { EventEmitter, on } from "node:events";
import { Injectable } from "@nestjs/common";
import type { EntityChange } from "./buffered-entity-store.js";

/** What the indexer announces after each committed batch. */
export interface IndexerEventMap {
  /** Entities the batch created or changed. */
  changes: EntityChange[];
  /** Proposals whose live state changed with time alone (no event), by id. */
  proposalStates: string[];
  /** Entities a reorganisation rolled back (they may have changed or disappeared). */
  rollback: { blockNumber: bigint };
}

/** The indexer's announcements, for GraphQL subscriptions. In-process: each replica follows the chain itself. */
@Injectable()
export class IndexerEvents {
  readonly #emitter = new EventEmitter({ captureRejections: true });

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  emit<K extends keyof IndexerEventMap>(name: K, payload: IndexerEventMap[K]): void {
    this.#emitter.emit(name, payload);
  }

  /** The announcements of `name` from now on, until `signal` aborts. */
  async *listen<K extends keyof IndexerEventMap>(name: K, signal?: AbortSignal): AsyncGenerator<IndexerEventMap[K]> {
    try {
      for await (const [payload] of on(this.#emitter, name, { signal })) yield payload as IndexerEventMap[K];
    } catch (error) {
      if ((error as Error).name !== "AbortError") throw error;
    }
  }
}
