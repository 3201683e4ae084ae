import { ConfigError } from "../config/app-config.js";

/** Where quotas and rate limits are counted, and the burst limit (environment variables in docs/API.md). */
export interface QuotaConfig {
  /** REDIS_URL: a `redis://` or `rediss://` URL shared by every replica; absent: counted in this process's memory. */
  redisUrl: string | undefined;
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
  const raw = env.CHAT_RATE_LIMIT_PER_MINUTE;
  let chatRateLimitPerMinute = 60;
  if (raw !== undefined && raw !== "") {
    chatRateLimitPerMinute = Number(raw);
    if (!Number.isInteger(chatRateLimitPerMinute) || chatRateLimitPerMinute < 1 || chatRateLimitPerMinute > 1_000_000) {
      problems.push(`CHAT_RATE_LIMIT_PER_MINUTE=${raw} must be an integer from 1 to 1000000`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { redisUrl, chatRateLimitPerMinute };
}
