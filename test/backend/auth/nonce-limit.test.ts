// POST /auth/nonce is rate limited per client address, so that nobody can fill the nonce table: 429 with Retry-After
// and a JSON error saying what to do; in memory with a bounded number of addresses, or in Redis shared by replicas.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { Redis } from "ioredis";
import { clientAddress } from "../../../backend/src/auth/client-address.js";
import { ConfigError, loadAppConfig } from "../../../backend/src/config/app-config.js";
import { DATABASE, type Database } from "../../../backend/src/database/database.js";
import { MemoryQuotaStore } from "../../../backend/src/quota/memory-quota-store.js";
import { loadQuotaConfig } from "../../../backend/src/quota/quota-config.js";
import { type RunningChain, startLocalChain } from "../../helpers/local-chain.js";
import { call, devAccount, siweText, startAuthBackend, type TestChain } from "./helpers/auth-fixture.js";

const REDIS_URL = process.env.REDIS_TEST_URL ?? "redis://127.0.0.1:6379";
/** Keys of this run only: runs in the same minute, or on the same Redis, never see each other's counts. */
const REDIS_KEY_PREFIX = `commons-test:nonce-limit:${randomUUID()}:`;

let running: RunningChain;
let chain: TestChain;
const apps: NestExpressApplication[] = [];

beforeAll(async () => {
  const port = 35_545 + Math.floor(Math.random() * 1000);
  const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-nonce-limit-"));
  running = await startLocalChain(port, deploymentsDir);
  chain = {
    rpcUrl: `http://127.0.0.1:${port}`,
    deploymentsDir,
    stop: () => {
      running.signal("SIGINT");
      rmSync(deploymentsDir, { recursive: true, force: true });
    },
  };
}, 300_000);

afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  chain?.stop();
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${REDIS_KEY_PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function backend(env: Record<string, string>): Promise<NestExpressApplication> {
  const app = await startAuthBackend(chain, env);
  apps.push(app);
  return app;
}

interface NonceReply {
  status: number;
  retryAfter: string | undefined;
  body: Record<string, unknown>;
}

/**
 * POST /auth/nonce from the local address `from` (any 127.x.y.z reaches the app on Linux's loopback), optionally as
 * a proxy would send it, with X-Forwarded-For.
 */
async function askNonce(app: NestExpressApplication, from = "127.0.0.1", forwardedFor?: string): Promise<NonceReply> {
  const { port } = new URL(await app.getUrl());
  const headers = forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
  return new Promise((resolve, reject) => {
    const options = { host: "127.0.0.1", port, method: "POST", path: "/auth/nonce", localAddress: from, headers };
    const req = request(options, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        const retryAfter = res.headers["retry-after"];
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
          body: JSON.parse(text) as Record<string, unknown>,
        });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** The limit counts in windows aligned to the minute: start a sequence that must fall in one window well inside it. */
async function awayFromMinuteBoundary(): Promise<void> {
  const left = 60 - ((Date.now() / 1000) % 60);
  if (left < 6) await new Promise((r) => setTimeout(r, left * 1000 + 100));
}

describe("configuration", () => {
  it("allows 30 nonces per address and minute by default, AUTH_NONCE_RATE_LIMIT_PER_MINUTE otherwise", () => {
    expect(loadAppConfig({}).auth.nonceRateLimitPerMinute).toBe(30);
    expect(loadAppConfig({ AUTH_NONCE_RATE_LIMIT_PER_MINUTE: "5" }).auth.nonceRateLimitPerMinute).toBe(5);
  });

  it("refuses a limit that is not a positive integer, and a bad REDIS_KEY_PREFIX, saying what to set", () => {
    expect(() => loadAppConfig({ AUTH_NONCE_RATE_LIMIT_PER_MINUTE: "0" })).toThrow(
      new ConfigError(["AUTH_NONCE_RATE_LIMIT_PER_MINUTE=0 must be an integer from 1 to 1000000"]),
    );
    expect(() => loadQuotaConfig({ REDIS_KEY_PREFIX: "has space" })).toThrow(/REDIS_KEY_PREFIX must be 1 to 64/);
    expect(loadQuotaConfig({ REDIS_KEY_PREFIX: "staging:" }).redisKeyPrefix).toBe("staging:");
  });
});

describe("client addresses", () => {
  it("counts an IPv4 client by its address, written plain or IPv4-mapped", () => {
    expect(clientAddress({ ip: "203.0.113.7" })).toBe("203.0.113.7");
    expect(clientAddress({ ip: "::ffff:203.0.113.7" })).toBe("203.0.113.7");
    expect(clientAddress({ socket: { remoteAddress: "198.51.100.1" } })).toBe("198.51.100.1");
  });

  it("counts an IPv6 client by its /64, however the address is written", () => {
    const network = "2001:db8:a:b::/64";
    expect(clientAddress({ ip: "2001:db8:a:b:1:2:3:4" })).toBe(network);
    expect(clientAddress({ ip: "2001:0DB8:000a:000b::9" })).toBe(network);
    expect(clientAddress({ ip: "2001:db8:a:b::1.2.3.4" })).toBe(network);
    expect(clientAddress({ ip: "fe80::1%eth0" })).toBe("fe80:0:0:0::/64");
    expect(clientAddress({ ip: "2001:db8:a:c::1" })).not.toBe(network);
    expect(clientAddress({})).toBe("unknown");
  });
});

describe("without REDIS_URL (one replica)", () => {
  let app: NestExpressApplication;
  const issued: string[] = [];

  beforeAll(async () => {
    app = await backend({ AUTH_NONCE_RATE_LIMIT_PER_MINUTE: "3", REDIS_URL: "" });
  });

  it("answers 429 with Retry-After and what to do once an address has had its nonces for the minute", async () => {
    await awayFromMinuteBoundary();
    for (let i = 0; i < 3; i++) {
      const reply = await askNonce(app);
      expect(reply.status).toBe(201);
      issued.push(String(reply.body.nonce));
    }
    const refused = await askNonce(app);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.retryAfter);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      code: "RATE_LIMITED",
      rule: "rateLimit",
      retryAfterSeconds: retryAfter,
      message: `too many sign-in nonces from your address (at most 3 per minute); sign in with a nonce you already have (each lasts 300 s), or ask again in ${retryAfter} s`,
    });
    const db = app.get<Database>(DATABASE);
    expect(await db.query("select nonce from auth_nonce")).toHaveLength(3);
  });

  it("counts every address on its own", async () => {
    expect((await askNonce(app, "127.0.0.2")).status).toBe(201);
    expect((await askNonce(app)).status).toBe(429);
  });

  it("still signs in with a nonce issued before the limit was reached", async () => {
    const account = devAccount(1);
    const message = siweText(account.address, issued[0] ?? "");
    const reply = await call(app, "POST", "/auth/verify", {
      body: { message, signature: await account.signMessage({ message }) },
    });
    expect(reply.status).toBe(200);
  });

  it("holds a bounded number of addresses: beyond it the oldest counter goes", async () => {
    const store = new MemoryQuotaStore({ maxKeys: 2 });
    const take = (key: string) => store.consume([{ key, amount: 1, limit: 1, ttlSeconds: 60 }]);
    expect((await take("a")).applied).toBe(true);
    expect((await take("b")).applied).toBe(true);
    expect((await take("a")).applied).toBe(false);
    expect((await take("c")).applied).toBe(true); // "a", the oldest, is dropped to make room
    expect((await take("b")).applied).toBe(false);
    expect((await take("a")).applied).toBe(true);
    await store.close();
  });
});

describe("behind a reverse proxy", () => {
  it("counts the client a trusted proxy names (TRUST_PROXY), and ignores X-Forwarded-For from anyone else", async () => {
    const limited = { AUTH_NONCE_RATE_LIMIT_PER_MINUTE: "2", REDIS_URL: "" };
    const proxied = await backend({ ...limited, TRUST_PROXY: "loopback" });
    const direct = await backend(limited);
    const statuses = async (app: NestExpressApplication, forwardedFor: string[]) => {
      const seen: number[] = [];
      for (const client of forwardedFor) seen.push((await askNonce(app, "127.0.0.3", client)).status);
      return seen;
    };
    await awayFromMinuteBoundary();
    // Behind the proxy, each client has its own count; the proxy's own address is not what is counted.
    expect(await statuses(proxied, ["203.0.113.7", "203.0.113.7", "203.0.113.7", "198.51.100.9"])).toEqual([
      201, 201, 429, 201,
    ]);
    // Without TRUST_PROXY, a client cannot pick a new address for each request by sending the header itself.
    expect(await statuses(direct, ["203.0.113.7", "198.51.100.9", "192.0.2.1"])).toEqual([201, 201, 429]);
  });
});

describe("with REDIS_URL (replicas)", () => {
  it("enforces one limit across replicas sharing Redis", async () => {
    const env = { AUTH_NONCE_RATE_LIMIT_PER_MINUTE: "3", REDIS_URL, REDIS_KEY_PREFIX };
    const [first, second] = [await backend(env), await backend(env)] as const;
    await awayFromMinuteBoundary();
    const statuses: number[] = [];
    for (const app of [first, second, first, second, first]) statuses.push((await askNonce(app)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${REDIS_KEY_PREFIX}*`);
    await redis.quit();
    expect(keys).toEqual([
      expect.stringMatching(/^commons-test:nonce-limit:.*\{127\.0\.0\.1\}:auth-nonce:rate:60:\d+$/),
    ]);
  });
});
