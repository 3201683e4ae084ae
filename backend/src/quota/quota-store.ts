/** One counter of a {@link QuotaStore.consume} call. */
export interface QuotaCounter {
  /** The counter's name; it names its window too (a new window is a new counter). The store adds its prefix. */
  key: string;
  /** What to add (1 for a request, the tokens reserved for a token quota). */
  amount: number;
  /** The most the counter may hold once `amount` is added. */
  limit: number;
  /** Seconds until the counter's window ends; the store forgets the counter then. */
  ttlSeconds: number;
}

export interface ConsumeResult {
  /** Whether the amounts were added: all of them, or none when any counter would pass its limit. */
  applied: boolean;
  /** Each counter's value: after adding when applied, as it stands when not. */
  values: number[];
}

/**
 * Counters for quotas and rate limits, shared by every replica that uses the same store. {@link MemoryQuotaStore}
 * counts in this process (one replica, the default); {@link RedisQuotaStore} in Redis (REDIS_URL), atomically.
 */
export interface QuotaStore {
  /** Adds every counter's amount if each stays within its limit, else adds nothing; atomic, even across replicas. */
  consume(counters: readonly QuotaCounter[]): Promise<ConsumeResult>;
  /**
   * Adds `delta` (negative to refund) to a counter that still exists, never going below zero; a counter whose window
   * has ended is left alone (its window's usage no longer matters).
   */
  adjust(key: string, delta: number): Promise<void>;
  /** Releases the connection, if any. */
  close(): Promise<void>;
}

export const QUOTA_STORE = Symbol("QUOTA_STORE");
