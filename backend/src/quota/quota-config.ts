import { ConfigError } from "../config/app-config.js";
import { readInteger } from "../config/env-values.js";

/** Where quotas and rate limits are counted, and the burst limit (environment variables in docs/API.md). */
export interface QuotaConfig {
  /** REDIS_URL: a `redis://` or `rediss://` URL shared by every replica; absent: counted in this process's memory. */
  redisUrl: string | undefined;
  /**
   * REDIS_KEY_PREFIX (default `commons:quota:`): prefix of every key in Redis, so that several deployments can share
   * one Redis. Replicas of one deployment must use the same.
   */
  redisKeyPrefix?: string;
  /** CHAT_RATE_LIMIT_PER_MINUTE (default 60): chat requests one member may start per minute, whatever the policy. */
  chatRateLimitPerMinute: number;
}

export const QUOTA_CONFIG = Symbol("QUOTA_CONFIG");

export function loadQuotaConfig(env: Record<string, string | undefined> = process.env): QuotaConfig {
  const problems: string[] = [];
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\/[^/]/.test(redisUrl)) {
    problems.push(
      "REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379), or unset to count in memory",
    );
  }
  const redisKeyPrefix = env.REDIS_KEY_PREFIX || undefined;
  if (redisKeyPrefix !== undefined && !/^[\x21-\x7e]{1,64}$/.test(redisKeyPrefix)) {
    problems.push("REDIS_KEY_PREFIX must be 1 to 64 printable characters without spaces, e.g. commons-staging:quota:");
  }
  const chatRateLimitPerMinute = readInteger(env, "CHAT_RATE_LIMIT_PER_MINUTE", 60, 1, 1_000_000, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { redisUrl, chatRateLimitPerMinute, ...(redisKeyPrefix ? { redisKeyPrefix } : {}) };
}
