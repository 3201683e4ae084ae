import { createHash } from "node:crypto";
import { Logger } from "@nestjs/common";
import { Redis } from "ioredis";
import { redactUrl } from "../config/redact-url.js";
import type { ConsumeResult, QuotaCounter, QuotaStore } from "./quota-store.js";

// Checks every counter, then adds to all of them or none, in one script: Redis runs a script alone, so two replicas
// cannot both see room for the last request. KEYS[i] is a counter; ARGV[3i-2], ARGV[3i-1], ARGV[3i] its amount,
// limit and seconds to live. Returns { applied (1 or 0), value of KEYS[1], value of KEYS[2], ... }.
const CONSUME = `
local values = {}
local fits = 1
for i = 1, #KEYS do
  local value = tonumber(redis.call("GET", KEYS[i]) or "0")
  values[i] = value
  if value + tonumber(ARGV[3 * i - 2]) > tonumber(ARGV[3 * i - 1]) then fits = 0 end
end
if fits == 1 then
  for i = 1, #KEYS do
    values[i] = redis.call("INCRBY", KEYS[i], ARGV[3 * i - 2])
    redis.call("EXPIRE", KEYS[i], ARGV[3 * i])
  end
end
table.insert(values, 1, fits)
return values
`;

// Adds ARGV[1] to KEYS[1] if it still exists (keeping its expiry), never below zero.
const ADJUST = `
if redis.call("EXISTS", KEYS[1]) == 0 then return 0 end
if redis.call("INCRBY", KEYS[1], ARGV[1]) < 0 then redis.call("SET", KEYS[1], 0, "KEEPTTL") end
return 1
`;

const SHA1 = new Map([CONSUME, ADJUST].map((script) => [script, createHash("sha1").update(script).digest("hex")]));

export interface RedisQuotaStoreOptions {
  /** Prefix of every key (default `commons:quota:`); several deployments can share one Redis with different ones. */
  keyPrefix?: string;
}

/**
 * Counters in Redis (REDIS_URL), shared by every replica: each check-and-add is one Lua script, so the replicas
 * together enforce one limit. Every key expires when its window ends. Needs Redis 6 or later.
 */
export class RedisQuotaStore implements QuotaStore {
  readonly #logger = new Logger("QuotaStore");
  readonly #prefix: string;

  private constructor(
    private readonly redis: Redis,
    options: RedisQuotaStoreOptions,
  ) {
    this.#prefix = options.keyPrefix ?? "commons:quota:";
    let lastError = "";
    redis.on("error", (error: Error) => {
      // ioredis reconnects by itself; say so once per distinct problem rather than on every retry.
      if (error.message === lastError) return;
      lastError = error.message;
      this.#logger.warn({ message: "Redis connection problem; reconnecting", error: error.message });
    });
    redis.on("ready", () => {
      lastError = "";
    });
  }

  /** Connects to `url` and checks it answers; fails with the URL (without its password) and the reason. */
  static async connect(url: string, options: RedisQuotaStoreOptions = {}): Promise<RedisQuotaStore> {
    let connected = false;
    const redis = new Redis(url, {
      lazyConnect: true,
      connectTimeout: 5_000,
      // A request fails fast with the reason when Redis is down, instead of queueing for a long time.
      maxRetriesPerRequest: 1,
      // Reconnect with backoff once it has worked; at startup, fail at once with the reason.
      retryStrategy: (attempt) => (connected ? Math.min(attempt * 200, 2_000) : null),
    });
    // While connecting, the first error is the reason (ioredis then rejects with a generic "Connection is closed").
    let reason: string | undefined;
    redis.on("error", (error: Error) => {
      reason ??= error.message;
    });
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      // (disconnect() on a connection already ended leaves a 2 s timer behind.)
      if (redis.status !== "end") redis.disconnect();
      throw new Error(`cannot connect to REDIS_URL (${redactUrl(url)}): ${reason ?? (error as Error).message}`);
    }
    connected = true;
    redis.removeAllListeners("error");
    return new RedisQuotaStore(redis, options);
  }

  async consume(counters: readonly QuotaCounter[]): Promise<ConsumeResult> {
    if (counters.length === 0) return { applied: true, values: [] };
    const keys = counters.map((c) => this.#prefix + c.key);
    const args = counters.flatMap((c) => [
      String(c.amount),
      String(c.limit),
      String(Math.max(1, Math.ceil(c.ttlSeconds))),
    ]);
    const [applied, ...values] = (await this.#run(CONSUME, keys, args)) as number[];
    return { applied: applied === 1, values };
  }

  async adjust(key: string, delta: number): Promise<void> {
    if (delta === 0) return;
    await this.#run(ADJUST, [this.#prefix + key], [String(Math.trunc(delta))]);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** EVALSHA, loading the script with EVAL the first time a server has not seen it. */
  async #run(script: string, keys: string[], args: string[]): Promise<unknown> {
    try {
      return await this.redis.evalsha(SHA1.get(script) ?? "", keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error as Error).message.startsWith("NOSCRIPT")) throw error;
      return this.redis.eval(script, keys.length, ...keys, ...args);
    }
  }
}
