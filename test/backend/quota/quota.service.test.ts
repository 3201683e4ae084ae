// Quotas and rate limits per member: the active policy's request and token quotas and the burst limit hold exactly,
// tokens are held at their maximum and refunded after, windows reset, and two replicas sharing Redis enforce one
// combined limit. Every test runs on both stores.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "@jest/globals";
import { Test } from "@nestjs/testing";
import { Redis } from "ioredis";
import { ConfigError } from "../../../backend/src/config/app-config.js";
import { MemoryQuotaStore } from "../../../backend/src/quota/memory-quota-store.js";
import { QuotaModule } from "../../../backend/src/quota/quota.module.js";
import { type QuotaPolicy, type QuotaRefusal, QuotaService } from "../../../backend/src/quota/quota.service.js";
import { loadQuotaConfig } from "../../../backend/src/quota/quota-config.js";
import { QuotaExceededException, setRetryAfter } from "../../../backend/src/quota/quota-exceeded.exception.js";
import { QUOTA_STORE, type QuotaStore } from "../../../backend/src/quota/quota-store.js";
import { RedisQuotaStore } from "../../../backend/src/quota/redis-quota-store.js";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
/** Every key these tests write starts with this, and is deleted afterwards. */
const PREFIX = `commons:test:quota:${randomUUID()}:`;

const DAY = 86_400;
/** 2024-01-01T01:00:00Z: one hour into a daily window, so the window ends in 23 h (82 800 s). */
const START = Date.UTC(2024, 0, 1, 1, 0, 0);
/** A member no other test uses (tests share one Redis). */
const fresh = () => `0x${randomUUID().replaceAll("-", "").padEnd(40, "0")}`;

interface StoreKind {
  name: string;
  open(): Promise<QuotaStore>;
}

const kinds: StoreKind[] = [
  { name: "MemoryQuotaStore", open: async () => new MemoryQuotaStore() },
  { name: "RedisQuotaStore", open: () => RedisQuotaStore.connect(REDIS_URL, { keyPrefix: PREFIX }) },
];

const opened: QuotaStore[] = [];

afterAll(async () => {
  for (const store of opened) await store.close();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

/** A QuotaService on `store` whose clock the test moves; each call gets members of its own. */
function service(store: QuotaStore, clock: { now: number }, chatRateLimitPerMinute = 1_000) {
  return new QuotaService(store, { redisUrl: undefined, chatRateLimitPerMinute }, () => clock.now);
}

function refused(admission: Awaited<ReturnType<QuotaService["reserve"]>>): QuotaRefusal {
  if (admission.ok) throw new Error("expected a refusal");
  return admission;
}

describe.each(kinds)("$name", (kind) => {
  let store: QuotaStore;
  let who: string;

  const open = async () => {
    const s = await kind.open();
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    store ??= await open();
    who = fresh();
  });

  it("admits exactly requestQuota requests per period, then refuses with the rule and when it resets", async () => {
    const clock = { now: START };
    const quota = service(store, clock);
    const policy: QuotaPolicy = { quotaPeriod: DAY, requestQuota: 3, tokenQuota: 1_000_000 };
    for (let i = 0; i < 3; i++) expect((await quota.reserve(who, policy, { requested: 10 })).ok).toBe(true);
    const refusal = refused(await quota.reserve(who, policy, { requested: 10 }));
    expect(refusal).toEqual({
      ok: false,
      rule: "requestQuota",
      retryAfterSeconds: 82_800,
      message: "request quota of 3 per 86400 s used up; try again in 82800 s",
    });
    // A refused request counts nothing: still refused, not further behind.
    expect(refused(await quota.reserve(who, policy, { requested: 10 })).rule).toBe("requestQuota");
    // Another member has a quota of their own.
    expect((await quota.reserve(fresh(), policy, { requested: 10 })).ok).toBe(true);
  });

  it("holds a request's maximum tokens and refunds what it did not use when settled", async () => {
    const clock = { now: START };
    const quota = service(store, clock);
    const policy: QuotaPolicy = { quotaPeriod: DAY, requestQuota: 100, tokenQuota: 1_000 };
    const first = await quota.reserve(who, policy, { requested: 600 });
    if (!first.ok) throw new Error(first.message);
    // 600 held: a second request that might use 600 does not fit, although nothing is used yet.
    const refusal = refused(await quota.reserve(who, policy, { requested: 600 }));
    expect(refusal.rule).toBe("tokenQuota");
    expect(refusal.retryAfterSeconds).toBe(82_800);
    expect(refusal.message).toBe(
      "token quota of 1000 per 86400 s used up (600 used or held, this request may use up to 600); ask for fewer output tokens or try again in 82800 s",
    );
    await quota.settle(first.reservation, 100);
    await quota.settle(first.reservation, 0); // Once only: a second settle refunds nothing more.
    expect((await quota.reserve(who, policy, { requested: 600 })).ok).toBe(true); // 700
    expect(refused(await quota.reserve(who, policy, { requested: 301 })).rule).toBe("tokenQuota");
    expect((await quota.reserve(who, policy, { requested: 300 })).ok).toBe(true); // exactly 1000
    expect(refused(await quota.reserve(who, policy, { requested: 1 })).rule).toBe("tokenQuota");
  });

  it("says when a single request may use more than the whole token quota", async () => {
    const quota = service(store, { now: START });
    const refusal = refused(
      await quota.reserve(who, { quotaPeriod: DAY, requestQuota: 5, tokenQuota: 100 }, { requested: 101 }),
    );
    expect(refusal.rule).toBe("tokenQuota");
    expect(refusal.message).toMatch(/more than the whole token quota of 100 per 86400 s; ask for fewer output tokens/);
  });

  it("starts over when the window ends, and Retry-After counts down to that moment", async () => {
    const clock = { now: START };
    const quota = service(store, clock);
    const policy: QuotaPolicy = { quotaPeriod: 3_600, requestQuota: 2, tokenQuota: 1_000 };
    const hour = Math.floor(START / 3_600_000) * 3_600_000;
    clock.now = hour + 1_000_000; // 1000 s into the hour
    await quota.reserve(who, policy, { requested: 1 });
    await quota.reserve(who, policy, { requested: 1 });
    expect(refused(await quota.reserve(who, policy, { requested: 1 })).retryAfterSeconds).toBe(2_600);
    clock.now = hour + 3_599_500; // half a second before the end: rounded up, never 0
    expect(refused(await quota.reserve(who, policy, { requested: 1 })).retryAfterSeconds).toBe(1);
    clock.now = hour + 3_600_000; // the next window
    expect((await quota.reserve(who, policy, { requested: 1 })).ok).toBe(true);
    expect((await quota.reserve(who, policy, { requested: 1 })).ok).toBe(true);
    expect(refused(await quota.reserve(who, policy, { requested: 1 })).retryAfterSeconds).toBe(3_600);
  });

  it("limits bursts per minute whatever the policy allows, and reports the rule that lifts last", async () => {
    const clock = { now: START + 45_000 }; // 45 s into a minute, 1 h 45 s into the day
    const quota = service(store, clock, 5);
    const generous: QuotaPolicy = { quotaPeriod: DAY, requestQuota: 100, tokenQuota: 1_000 };
    for (let i = 0; i < 5; i++) expect((await quota.reserve(who, generous, { requested: 1 })).ok).toBe(true);
    expect(refused(await quota.reserve(who, generous, { requested: 1 }))).toEqual({
      ok: false,
      rule: "rateLimit",
      retryAfterSeconds: 15,
      message: "rate limit of 5 chat requests per 60 s reached; try again in 15 s",
    });
    clock.now += 15_000; // the next minute
    expect((await quota.reserve(who, generous, { requested: 1 })).ok).toBe(true);

    // Both the daily quota and the burst limit refuse: the daily quota is what the member has to wait for.
    const tight: QuotaPolicy = { quotaPeriod: DAY, requestQuota: 5, tokenQuota: 1_000 };
    const member = fresh();
    for (let i = 0; i < 5; i++) expect((await quota.reserve(member, tight, { requested: 1 })).ok).toBe(true);
    const refusal = refused(await quota.reserve(member, tight, { requested: 1 }));
    expect(refusal.rule).toBe("requestQuota");
    expect(refusal.retryAfterSeconds).toBe(DAY - 3_660);
  });

  it("counts a separate rate limit, such as relayed votes per hour", async () => {
    const clock = { now: START + 600_000 };
    const quota = service(store, clock);
    const rule = { name: "relay", limit: 2, windowSeconds: 3_600, what: "relayed votes" };
    expect(await quota.limit(who, rule)).toEqual({ ok: true });
    expect(await quota.limit(who.toUpperCase().replace("0X", "0x"), rule)).toEqual({ ok: true }); // any case
    expect(await quota.limit(who, rule)).toEqual({
      ok: false,
      rule: "rateLimit",
      retryAfterSeconds: 3_000,
      message: "rate limit of 2 relayed votes per 3600 s reached; try again in 3000 s",
    });
    // Chat quotas are separate counters.
    expect((await quota.reserve(who, { quotaPeriod: DAY, requestQuota: 1, tokenQuota: 10 }, { requested: 1 })).ok).toBe(
      true,
    );
  });

  it("lets two replicas together admit exactly the quota under concurrent requests", async () => {
    // Two services, each on its own store (its own connection, for Redis): two backend replicas.
    const other = kind.name === "RedisQuotaStore" ? await open() : store;
    const clock = { now: START };
    const replicas = [service(store, clock), service(other, clock)];
    const policy: QuotaPolicy = { quotaPeriod: DAY, requestQuota: 20, tokenQuota: 1_000_000 };
    const admissions = await Promise.all(
      Array.from({ length: 50 }, (_, i) => replicas[i % 2]?.reserve(who, policy, { requested: 100 })),
    );
    expect(admissions.filter((a) => a?.ok).length).toBe(20);
    expect(new Set(admissions.filter((a) => a && !a.ok).map((a) => a && !a.ok && a.rule))).toEqual(
      new Set(["requestQuota"]),
    );

    // Tokens too: 50 requests of up to 100 tokens against 2 000 tokens.
    const tokenPolicy: QuotaPolicy = { quotaPeriod: DAY, requestQuota: 1_000, tokenQuota: 2_000 };
    const member = fresh();
    const tokens = await Promise.all(
      Array.from({ length: 50 }, (_, i) => replicas[i % 2]?.reserve(member, tokenPolicy, { requested: 100 })),
    );
    expect(tokens.filter((a) => a?.ok).length).toBe(20);
    // Settling on one replica makes room on the other.
    const admitted = tokens.find((a) => a?.ok);
    if (!admitted?.ok) throw new Error("none admitted");
    await replicas[1]?.settle(admitted.reservation, 0);
    expect((await replicas[0]?.reserve(member, tokenPolicy, { requested: 100 }))?.ok).toBe(true);
    expect((await replicas[0]?.reserve(member, tokenPolicy, { requested: 100 }))?.ok).toBe(false);
  });
});

describe("RedisQuotaStore", () => {
  it("lets every key expire when its window ends", async () => {
    const store = await RedisQuotaStore.connect(REDIS_URL, { keyPrefix: PREFIX });
    opened.push(store);
    const who = `0x${randomUUID().replaceAll("-", "").padEnd(40, "1")}`;
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const quota = service(store, { now: hour + 600_000 }); // 3000 s before the hour ends
    await quota.reserve(who, { quotaPeriod: 3_600, requestQuota: 5, tokenQuota: 500 }, { requested: 5 });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${PREFIX}{${who}}*`);
    const ttls = await Promise.all(keys.map((key) => redis.ttl(key)));
    await redis.quit();
    expect(keys).toHaveLength(3);
    // The quota counters live 3000 s (the rest of the hour); the burst counter the rest of its minute (60 s).
    const [burst = 0, ...quotas] = ttls.sort((a, b) => a - b);
    expect(burst).toBeGreaterThan(55);
    expect(burst).toBeLessThanOrEqual(60);
    for (const ttl of quotas) {
      expect(ttl).toBeGreaterThan(2_995);
      expect(ttl).toBeLessThanOrEqual(3_000);
    }
  });

  it("says why it cannot connect, naming the URL without its password", async () => {
    await expect(RedisQuotaStore.connect("redis://user:secret@127.0.0.1:9/0")).rejects.toThrow(
      /^cannot connect to REDIS_URL \(redis:\/\/user:\*\*\*@127\.0\.0\.1:9\/0\): .*ECONNREFUSED/,
    );
  });
});

describe("QuotaModule", () => {
  it("counts in memory without REDIS_URL", async () => {
    const moduleRef = await withEnv({ REDIS_URL: "" }, () =>
      Test.createTestingModule({ imports: [QuotaModule] }).compile(),
    );
    expect(moduleRef.get(QUOTA_STORE)).toBeInstanceOf(MemoryQuotaStore);
    await moduleRef.close();
  });

  it("counts in Redis with REDIS_URL, and closes the connection on shutdown", async () => {
    const moduleRef = await withEnv({ REDIS_URL }, () =>
      Test.createTestingModule({ imports: [QuotaModule] }).compile(),
    );
    const store = moduleRef.get<QuotaStore>(QUOTA_STORE);
    expect(store).toBeInstanceOf(RedisQuotaStore);
    const quota = moduleRef.get(QuotaService);
    const who = `0x${randomUUID().replaceAll("-", "").padEnd(40, "2")}`;
    expect((await quota.limit(who, { name: "test", limit: 1, windowSeconds: 60, what: "tests" })).ok).toBe(true);
    await moduleRef.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`commons:quota:{${who}}:*`); // the default prefix
    expect(keys).toHaveLength(1);
    await redis.del(...keys);
    await redis.quit();
    await expect(store.consume([{ key: "x", amount: 1, limit: 1, ttlSeconds: 1 }])).rejects.toThrow(/closed/i);
  });

  it("refuses to start with a bad REDIS_URL or rate limit, saying what to set", () => {
    expect(() => loadQuotaConfig({ REDIS_URL: "localhost:6379", CHAT_RATE_LIMIT_PER_MINUTE: "0" })).toThrow(
      ConfigError,
    );
    try {
      loadQuotaConfig({ REDIS_URL: "localhost:6379", CHAT_RATE_LIMIT_PER_MINUTE: "0" });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        "REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379), or unset to count in memory",
        "CHAT_RATE_LIMIT_PER_MINUTE=0 must be an integer from 1 to 1000000",
      ]);
    }
    expect(loadQuotaConfig({})).toEqual({ redisUrl: undefined, chatRateLimitPerMinute: 60 });
  });
});

describe("QuotaExceededException", () => {
  it("is a 429 with the rule, the stable code and Retry-After", () => {
    const exception = new QuotaExceededException({
      rule: "tokenQuota",
      retryAfterSeconds: 3_600,
      message: "token quota of 200000 per 86400 s used up; try again in 3600 s",
    });
    expect(exception.getStatus()).toBe(429);
    expect(exception.getResponse()).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      message: "token quota of 200000 per 86400 s used up; try again in 3600 s",
      code: "QUOTA_EXCEEDED",
      rule: "tokenQuota",
      retryAfterSeconds: 3_600,
    });
    const headers: Record<string, string> = {};
    setRetryAfter({ setHeader: (name, value) => (headers[name] = value) }, exception);
    expect(headers).toEqual({ "Retry-After": "3600" });
    expect(new QuotaExceededException({ rule: "rateLimit", retryAfterSeconds: 5, message: "m" }).code).toBe(
      "RATE_LIMITED",
    );
  });
});

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    process.env = saved;
  }
}
