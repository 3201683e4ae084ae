// Developer API keys against the real app, on both storage engines: created by a signed-in member and shown once,
// listed without the key, used as `Authorization: Bearer cai_...`, revoked by their owner only.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { DATABASE, type Database } from "../../../backend/src/database/database.js";
import {
  call,
  devAccount,
  KeepingLogger,
  postgresSchema,
  type SignedIn,
  signIn,
  startAuthBackend,
  startTestChain,
  type TestChain,
} from "./helpers/auth-fixture.js";

const alice = devAccount(1);
const bob = devAccount(2);

interface CreatedKey {
  id: string;
  key: string;
  name: string;
  createdAt: string;
}
interface ListedKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

let chain: TestChain;
const cleanups: (() => Promise<void>)[] = [];
const logger = new KeepingLogger();
const keys: string[] = [];

beforeAll(async () => {
  chain = await startTestChain();
}, 300_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  chain?.stop();
});

describe.each([
  ["embedded PGlite", async () => ({})],
  [
    "PostgreSQL",
    async () => {
      const schema = await postgresSchema();
      cleanups.push(schema.drop);
      return { DATABASE_URL: schema.url };
    },
  ],
])("API keys (%s)", (engine, engineEnv) => {
  let app: NestExpressApplication;
  let aliceSession: SignedIn;
  let bobSession: SignedIn;

  beforeAll(async () => {
    app = await startAuthBackend(chain, await engineEnv(), engine === "embedded PGlite" ? logger : undefined);
    cleanups.push(() => app.close());
    aliceSession = await signIn(app, alice);
    bobSession = await signIn(app, bob);
  }, 60_000);

  async function create(session: SignedIn, name: string): Promise<CreatedKey> {
    const reply = await call<CreatedKey>(app, "POST", "/auth/api-keys", { cookie: session.cookie, body: { name } });
    expect(reply.status).toBe(201);
    keys.push(reply.body.key);
    return reply.body;
  }

  const list = async (session: SignedIn) =>
    (await call<{ keys: ListedKey[] }>(app, "GET", "/auth/api-keys", { bearer: session.token })).body.keys;

  it("creates a key once, lists it without the key, and authenticates its owner with it", async () => {
    const created = await create(aliceSession, "  notebook  ");
    expect(created).toEqual({
      id: expect.any(String),
      key: expect.any(String),
      name: "notebook",
      createdAt: expect.any(String),
    });
    expect(created.key).toMatch(/^cai_[0-9A-Za-z]{40}$/);

    const listReply = await call(app, "GET", "/auth/api-keys", { cookie: aliceSession.cookie });
    expect(listReply.status).toBe(200);
    expect(JSON.stringify(listReply.body)).not.toContain(created.key.slice(8));
    const [listed] = await list(aliceSession);
    expect(listed).toEqual({
      id: created.id,
      name: "notebook",
      prefix: created.key.slice(0, 8),
      createdAt: created.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });

    const me = await call(app, "GET", "/auth/session", { bearer: created.key });
    expect(me).toMatchObject({
      status: 200,
      body: { address: alice.address, via: "apiKey", keyId: created.id, expiresAt: null },
    });
    const [used] = await list(aliceSession);
    expect(Date.now() - Date.parse(used?.lastUsedAt ?? "")).toBeLessThan(10_000);
  });

  it("stores only a hash of the key", async () => {
    const created = await create(aliceSession, "hashed");
    const rows = await app.get<Database>(DATABASE).query<Record<string, unknown>>("select * from auth_api_key");
    expect(JSON.stringify(rows)).not.toContain(created.key);
    expect(JSON.stringify(rows)).not.toContain(created.key.slice(8));
  });

  it("records the last use at most once a minute", async () => {
    const created = await create(aliceSession, "busy");
    const db = app.get<Database>(DATABASE);
    await call(app, "GET", "/auth/session", { bearer: created.key });
    const first = (await list(aliceSession)).find((k) => k.id === created.id)?.lastUsedAt;
    expect(first).not.toBeNull();
    await call(app, "GET", "/auth/session", { bearer: created.key });
    expect((await list(aliceSession)).find((k) => k.id === created.id)?.lastUsedAt).toBe(first);
    const longAgo = new Date(Date.now() - 61_000).toISOString();
    await db.query("update auth_api_key set last_used_at = $2::timestamptz where id = $1", [created.id, longAgo]);
    await call(app, "GET", "/auth/session", { bearer: created.key });
    const later = (await list(aliceSession)).find((k) => k.id === created.id)?.lastUsedAt ?? "";
    expect(Date.parse(later)).toBeGreaterThan(Date.parse(longAgo) + 60_000);
  });

  it("refuses a revoked key, and keeps it listed with its revocation time", async () => {
    const created = await create(aliceSession, "to revoke");
    expect((await call(app, "GET", "/auth/session", { bearer: created.key })).status).toBe(200);
    const revoke = await call(app, "DELETE", `/auth/api-keys/${created.id}`, { cookie: aliceSession.cookie });
    expect(revoke.status).toBe(204);
    const refused = await call(app, "GET", "/auth/session", { bearer: created.key });
    expect(refused).toMatchObject({ status: 401, body: { statusCode: 401, code: "INVALID_API_KEY" } });
    expect(refused.body.message).toMatch(/revoked/);
    const listed = (await list(aliceSession)).find((k) => k.id === created.id);
    expect(listed?.revokedAt).not.toBeNull();
    // Revoking again changes nothing.
    expect((await call(app, "DELETE", `/auth/api-keys/${created.id}`, { cookie: aliceSession.cookie })).status).toBe(
      204,
    );
    expect((await list(aliceSession)).find((k) => k.id === created.id)?.revokedAt).toBe(listed?.revokedAt);
  });

  it("does not let a member see or revoke another member's keys", async () => {
    const created = await create(aliceSession, "alice only");
    expect((await list(bobSession)).map((k) => k.id)).not.toContain(created.id);
    const attempt = await call(app, "DELETE", `/auth/api-keys/${created.id}`, { cookie: bobSession.cookie });
    expect(attempt).toMatchObject({ status: 404, body: { code: "API_KEY_NOT_FOUND" } });
    expect(await call(app, "GET", "/auth/session", { bearer: created.key })).toMatchObject({
      status: 200,
      body: { address: alice.address },
    });
    const unknown = await call(app, "DELETE", "/auth/api-keys/no-such-key", { cookie: aliceSession.cookie });
    expect(unknown).toMatchObject({ status: 404, body: { code: "API_KEY_NOT_FOUND" } });
  });

  it("needs a session to manage keys: not an API key, not nothing", async () => {
    const created = await create(aliceSession, "script");
    for (const [method, route, body] of [
      ["POST", "/auth/api-keys", { name: "minted by a key" }],
      ["GET", "/auth/api-keys", undefined],
      ["DELETE", `/auth/api-keys/${created.id}`, undefined],
    ] as const) {
      expect(await call(app, method, route, { bearer: created.key, body })).toMatchObject({
        status: 403,
        body: { code: "SESSION_REQUIRED" },
      });
      expect(await call(app, method, route, { body })).toMatchObject({ status: 401, body: { code: "AUTH_REQUIRED" } });
    }
    expect(await call(app, "POST", "/auth/logout", { bearer: created.key })).toMatchObject({
      status: 403,
      body: { code: "SESSION_REQUIRED" },
    });
  });

  it("refuses unknown and malformed keys", async () => {
    const unknown = await call(app, "GET", "/auth/session", { bearer: `cai_${"A".repeat(40)}` });
    expect(unknown).toMatchObject({ status: 401, body: { code: "INVALID_API_KEY" } });
    const malformed = await call(app, "GET", "/auth/session", { bearer: "cai_short" });
    expect(malformed).toMatchObject({ status: 401, body: { code: "INVALID_API_KEY" } });
  });

  it("validates the name", async () => {
    for (const body of [{}, { name: "" }, { name: "   " }, { name: "x".repeat(101) }, { name: "a\nb" }, { name: 5 }]) {
      const reply = await call(app, "POST", "/auth/api-keys", { cookie: aliceSession.cookie, body });
      expect(reply).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
      expect(reply.body.message).toMatch(/name/);
    }
  });
});

describe("logs", () => {
  it("never contain an API key", () => {
    const logs = logger.lines.join("\n");
    expect(logs).toContain("API key created");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(logs).not.toContain(key.slice(8));
  });
});
