import type { ConsumeResult, QuotaCounter, QuotaStore } from "./quota-store.js";

interface Entry {
  value: number;
  /** Date.now() after which the counter is gone. */
  expiresAt: number;
}

/**
 * Counters in this process's memory: right for one replica (the default, no REDIS_URL). Several replicas each
 * count on their own, so a member would get the quota once per replica: set REDIS_URL when running more than one.
 */
export class MemoryQuotaStore implements QuotaStore {
  readonly #entries = new Map<string, Entry>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    this.#sweeper = setInterval(() => this.#sweep(), sweepIntervalMs);
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
        const entry = this.#live(counter.key, now) ?? { value: 0, expiresAt: 0 };
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
}
