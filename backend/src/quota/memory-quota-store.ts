import type { ConsumeResult, QuotaCounter, QuotaStore } from "./quota-store.js";

interface Entry {
  value: number;
  /** Date.now() after which the counter is gone. */
  expiresAt: number;
}

export interface MemoryQuotaStoreOptions {
  /** How often expired counters are dropped (default every minute). */
  sweepIntervalMs?: number;
  /**
   * Most counters held at once (default: no limit). A new counter beyond it drops the oldest: that client's count
   * starts again, which bounds memory when whoever asks can make new keys (a limit per client address), at the cost
   * of letting the oldest counted client through early.
   */
  maxKeys?: number;
}

/**
 * Counters in this process's memory: right for one replica (the default, no REDIS_URL). Several replicas each
 * count on their own, so a member would get the quota once per replica: set REDIS_URL when running more than one.
 */
export class MemoryQuotaStore implements QuotaStore {
  readonly #entries = new Map<string, Entry>();
  readonly #sweeper: NodeJS.Timeout;
  readonly #maxKeys: number;

  constructor(options: MemoryQuotaStoreOptions = {}) {
    this.#maxKeys = options.maxKeys ?? Number.POSITIVE_INFINITY;
    if (!(this.#maxKeys >= 1)) throw new RangeError(`maxKeys must be at least 1, not ${options.maxKeys}`);
    this.#sweeper = setInterval(() => this.#sweep(), options.sweepIntervalMs ?? 60_000);
    this.#sweeper.unref();
  }

  async consume(counters: readonly QuotaCounter[]): Promise<ConsumeResult> {
    // Synchronous from here on: nothing else in this process runs between the check and the increment.
    const now = Date.now();
    const values = counters.map(({ key }) => this.#live(key, now)?.value ?? 0);
    const applied = counters.every((counter, i) => (values[i] ?? 0) + counter.amount <= counter.limit);
    if (!applied) return { applied, values };
    return {
      applied,
      values: counters.map((counter, i) => {
        let entry = this.#live(counter.key, now);
        if (!entry) {
          this.#makeRoom(counters);
          entry = { value: 0, expiresAt: 0 };
        }
        entry.value = (values[i] ?? 0) + counter.amount;
        entry.expiresAt = now + counter.ttlSeconds * 1000;
        this.#entries.set(counter.key, entry);
        return entry.value;
      }),
    };
  }

  async adjust(key: string, delta: number): Promise<void> {
    const entry = this.#live(key, Date.now());
    if (entry) entry.value = Math.max(0, entry.value + delta);
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#entries.clear();
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= now) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }

  /**
   * Below maxKeys before a new counter is added: the oldest counters go. Map iteration follows insertion, so the first
   * keys are the oldest (a new window is a new key), which also expire first; constant time per new key, even when a
   * flood of new keys keeps the store full.
   */
  #makeRoom(keep: readonly QuotaCounter[]): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size < this.#maxKeys) return;
      if (!keep.some((counter) => counter.key === key)) this.#entries.delete(key);
    }
  }
}
