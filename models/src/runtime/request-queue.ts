/**
 * First-in, first-out admission of generation requests to one model, at most `maxConcurrent` at a time.
 *
 * Why a queue and not unbounded concurrency: on a CPU, ONNX Runtime already spreads one request's matrix products
 * over every core, so requests running side by side share the same cores and each gets slower without raising the
 * total throughput much, while every running request holds its own KV cache in memory. A queue keeps latency
 * predictable and memory bounded; `maxConcurrent` can be raised where cores are many.
 */
export class RequestQueue {
  readonly #maxConcurrent: number;
  #running = 0;
  #closed: Error | undefined;
  readonly #waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  readonly #idle: (() => void)[] = [];

  constructor(maxConcurrent: number) {
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
      throw new RangeError(`maxConcurrent must be a positive integer, got ${maxConcurrent}`);
    }
    this.#maxConcurrent = maxConcurrent;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Waits for a slot (or rejects if `signal` aborts first or the queue closes) and returns its release function. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.#closed) throw this.#closed;
    signal?.throwIfAborted();
    if (this.#running < this.#maxConcurrent) {
      this.#running++;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        reject: (error: Error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiting.push(waiter);
    });
    return this.#releaser();
  }

  /** Settles once no request is running: at once if none is, otherwise when the last running one releases. */
  idle(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Rejects every waiting request with `error` and refuses new ones. Running ones finish on their own. */
  close(error: Error): void {
    this.#closed = error;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next.resolve();
      else if (--this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
    };
  }
}
