// Sign-In with Ethereum against a real local chain and the real app, on both storage engines: the happy path with a
// cookie and with a bearer token, every attack the issue lists (replayed nonce, expired message, wrong domain or
// chain, another address's signature, unknown nonce), contract wallets (ERC-1271), logout and expiry.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { type Address, createPublicClient, createWalletClient, getAddress, type Hex, http } from "viem";
import { hardhat } from "viem/chains";
import { DATABASE, type Database } from "../../../backend/src/database/database.js";
import {
  CHAIN_ID,
  call,
  DOMAIN,
  devAccount,
  KeepingLogger,
  nonce,
  postgresSchema,
  signedMessage,
  signIn,
  siweText,
  startAuthBackend,
  startTestChain,
  type TestChain,
} from "./helpers/auth-fixture.js";

const root = path.resolve(import.meta.dirname, "../../..");
const alice = devAccount(1);
const bob = devAccount(2);
const walletOwner = devAccount(3);

let chain: TestChain;
const cleanups: (() => Promise<void>)[] = [];
/** Everything the PGlite app logged, and every secret it handed out or received, checked against each other last. */
const logger = new KeepingLogger();
const secrets: string[] = [];

/** Deploys contracts/mocks/ERC1271WalletMock.sol owned by `owner`: a contract wallet that accepts its owner's signatures. */
async function deployContractWallet(owner: Address): Promise<Address> {
  const artifact = JSON.parse(
    readFileSync(path.join(root, "artifacts/contracts/mocks/ERC1271WalletMock.sol/ERC1271WalletMock.json"), "utf8"),
  ) as { abi: unknown[]; bytecode: Hex };
  const wallet = createWalletClient({ chain: hardhat, transport: http(chain.rpcUrl) });
  const client = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl) });
  const hash = await wallet.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode,
    args: [owner],
    account: devAccount(0).address,
  });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (!receipt.contractAddress) throw new Error("the wallet was not deployed");
  return getAddress(receipt.contractAddress);
}

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
])("Sign-In with Ethereum (%s)", (engine, engineEnv) => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await startAuthBackend(chain, await engineEnv(), engine === "embedded PGlite" ? logger : undefined);
    cleanups.push(() => app.close());
  }, 60_000);

  const verify = (body: unknown) => call(app, "POST", "/auth/verify", { body });

  it("issues single-use nonces that expire in five minutes", async () => {
    const reply = await call<{ nonce: string; expiresAt: string }>(app, "POST", "/auth/nonce");
    expect(reply.status).toBe(201);
    expect(reply.body.nonce).toMatch(/^[0-9A-Za-z]{24}$/);
    const ttl = Date.parse(reply.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
    expect(await nonce(app)).not.toBe(reply.body.nonce);
  });

  it("signs in and hands out a session as an httpOnly cookie and as a bearer token", async () => {
    const body = await signedMessage(app, alice);
    const reply = await verify(body);
    expect(reply.status).toBe(200);
    const { token, address, expiresAt } = reply.body as { token: string; address: string; expiresAt: string };
    secrets.push(token, body.signature, body.message);
    expect(address).toBe(alice.address);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3_500_000);
    const [cookie] = reply.setCookie;
    expect(cookie).toBe(
      `commons_session=${token}; Path=/; Max-Age=${cookie?.match(/Max-Age=(\d+)/)?.[1]}; HttpOnly; SameSite=Lax`,
    );
    expect(Number(cookie?.match(/Max-Age=(\d+)/)?.[1])).toBeGreaterThan(3_500);

    const byBearer = await call(app, "GET", "/auth/session", { bearer: token });
    expect(byBearer).toMatchObject({ status: 200, body: { address: alice.address, via: "session", expiresAt } });
    const byCookie = await call(app, "GET", "/auth/session", { cookie: `other=1; commons_session=${token}` });
    expect(byCookie).toMatchObject({ status: 200, body: { address: alice.address, via: "session", expiresAt } });
  });

  it("refuses a replayed nonce", async () => {
    const body = await signedMessage(app, alice);
    expect((await verify(body)).status).toBe(200);
    const replay = await verify(body);
    expect(replay).toMatchObject({ status: 401, body: { statusCode: 401, error: "Unauthorized", code: "NONCE_USED" } });
    expect(replay.body.message).toMatch(/POST \/auth\/nonce/);
    expect(replay.setCookie).toEqual([]);
  });

  it("lets exactly one of several concurrent requests with one nonce sign in", async () => {
    const body = await signedMessage(app, alice);
    const replies = await Promise.all(Array.from({ length: 6 }, () => verify(body)));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.body.code === "NONCE_USED")).toHaveLength(5);
  });

  it("refuses a nonce it never issued", async () => {
    const message = siweText(alice.address, "abcdefgh12345678");
    const reply = await verify({ message, signature: await alice.signMessage({ message }) });
    expect(reply).toMatchObject({ status: 401, body: { code: "NONCE_INVALID" } });
  });

  it("refuses an expired nonce", async () => {
    const n = await nonce(app);
    await app
      .get<Database>(DATABASE)
      .query("update auth_nonce set expires_at = $2::timestamptz where nonce = $1", [
        n,
        new Date(Date.now() - 1000).toISOString(),
      ]);
    const message = siweText(alice.address, n);
    const reply = await verify({ message, signature: await alice.signMessage({ message }) });
    expect(reply).toMatchObject({ status: 401, body: { code: "NONCE_EXPIRED" } });
  });

  it("refuses an expired message, and one not yet valid", async () => {
    const expired = await verify(
      await signedMessage(app, alice, {
        issuedAt: new Date(Date.now() - 120_000).toISOString(),
        expirationTime: new Date(Date.now() - 1_000).toISOString(),
      }),
    );
    expect(expired).toMatchObject({ status: 401, body: { code: "MESSAGE_EXPIRED" } });
    const notBefore = await verify(
      await signedMessage(app, alice, { notBefore: new Date(Date.now() + 600_000).toISOString() }),
    );
    expect(notBefore).toMatchObject({ status: 401, body: { code: "MESSAGE_NOT_YET_VALID" } });
    const issuedLater = await verify(
      await signedMessage(app, alice, { issuedAt: new Date(Date.now() + 600_000).toISOString() }),
    );
    expect(issuedLater).toMatchObject({ status: 401, body: { code: "MESSAGE_NOT_YET_VALID" } });
  });

  it("ends the session when the signed message expires, if that is sooner", async () => {
    const expirationTime = new Date(Date.now() + 120_000);
    const reply = await verify(await signedMessage(app, alice, { expirationTime: expirationTime.toISOString() }));
    expect(reply.status).toBe(200);
    expect(Date.parse(reply.body.expiresAt as string)).toBe(Math.floor(expirationTime.getTime() / 1000) * 1000);
  });

  it("refuses a message for another domain, or with a URI elsewhere", async () => {
    const phished = await verify(
      await signedMessage(app, alice, { domain: "commons.evil", uri: "https://commons.evil/" }),
    );
    expect(phished).toMatchObject({ status: 401, body: { code: "WRONG_DOMAIN" } });
    expect(phished.body.message).toContain(DOMAIN);
    const elsewhere = await verify(await signedMessage(app, alice, { uri: "https://commons.evil/" }));
    expect(elsewhere).toMatchObject({ status: 401, body: { code: "WRONG_URI" } });
    const scheme = await verify(await signedMessage(app, alice, { scheme: "http" }));
    expect(scheme).toMatchObject({ status: 401, body: { code: "WRONG_URI" } });
  });

  it("refuses a message for another chain", async () => {
    const reply = await verify(await signedMessage(app, alice, { chainId: 1 }));
    expect(reply).toMatchObject({ status: 401, body: { code: "WRONG_CHAIN" } });
    expect(reply.body.message).toContain(String(CHAIN_ID));
  });

  it("refuses a signature by another address, without repeating it", async () => {
    const message = siweText(alice.address, await nonce(app));
    const signature = await bob.signMessage({ message });
    const reply = await verify({ message, signature });
    expect(reply).toMatchObject({ status: 401, body: { code: "BAD_SIGNATURE" } });
    expect(reply.body.message).toContain(alice.address);
    expect(JSON.stringify(reply.body)).not.toContain(signature.slice(2, 20));
    // The nonce is spent: the right signature now needs a new one.
    const retry = await verify({ message, signature: await alice.signMessage({ message }) });
    expect(retry).toMatchObject({ status: 401, body: { code: "NONCE_USED" } });
  });

  it("refuses a signature of other text", async () => {
    const body = await signedMessage(app, alice);
    const altered = body.message.replace("Sign in to Commons AI.", "Sign in to Commons AI!");
    expect(await verify({ message: altered, signature: body.signature })).toMatchObject({
      status: 401,
      body: { code: "BAD_SIGNATURE" },
    });
  });

  it("answers malformed requests with 400 and the field at fault", async () => {
    const bad = await verify({ message: "hello", signature: "0x1234" });
    expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, code: "BAD_MESSAGE" } });
    const noSignature = await verify({ message: "hello" });
    expect(noSignature).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    expect(noSignature.body.message).toMatch(/signature/);
    const notHex = await verify({ message: "hello", signature: "signed!" });
    expect(notHex).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
    expect(notHex.body.message).not.toContain("signed!");
    const extra = await verify({ ...(await signedMessage(app, alice)), admin: true });
    expect(extra).toMatchObject({ status: 400, body: { code: "BAD_REQUEST" } });
  });

  it("signs in a contract wallet (ERC-1271) with its owner's signature, and not with anyone else's", async () => {
    const wallet = await deployContractWallet(walletOwner.address);
    const message = siweText(wallet, await nonce(app));
    const reply = await verify({ message, signature: await walletOwner.signMessage({ message }) });
    expect(reply).toMatchObject({ status: 200, body: { address: wallet } });
    const session = await call(app, "GET", "/auth/session", { bearer: reply.body.token as string });
    expect(session.body).toMatchObject({ address: wallet, via: "session" });

    const other = siweText(wallet, await nonce(app));
    const refused = await verify({ message: other, signature: await bob.signMessage({ message: other }) });
    expect(refused).toMatchObject({ status: 401, body: { code: "BAD_SIGNATURE" } });
  });

  it("asks for credentials, and refuses altered or unknown ones", async () => {
    const none = await call(app, "GET", "/auth/session");
    expect(none).toMatchObject({ status: 401, body: { code: "AUTH_REQUIRED" } });
    expect(none.body.message).toMatch(/\/auth\/nonce/);
    const basic = await call(app, "GET", "/auth/session", { headers: { authorization: "Basic YWxpY2U6cHc=" } });
    expect(basic).toMatchObject({ status: 401, body: { code: "AUTH_REQUIRED" } });
    const { token } = await signIn(app, alice);
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: bob.address })).toString("base64url")}.${signature}`;
    expect(await call(app, "GET", "/auth/session", { bearer: forged })).toMatchObject({
      status: 401,
      body: { code: "INVALID_SESSION" },
    });
    const none256 = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
    expect(await call(app, "GET", "/auth/session", { bearer: none256 })).toMatchObject({
      status: 401,
      body: { code: "INVALID_SESSION" },
    });
  });

  it("logs out: the session is refused afterwards, by cookie and by bearer, and the cookie is cleared", async () => {
    const { token, cookie } = await signIn(app, alice);
    const other = await signIn(app, alice);
    const logout = await call(app, "POST", "/auth/logout", { cookie });
    expect(logout.status).toBe(204);
    expect(logout.setCookie).toEqual(["commons_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"]);
    for (const credential of [{ cookie }, { bearer: token }]) {
      expect(await call(app, "GET", "/auth/session", credential)).toMatchObject({
        status: 401,
        body: { code: "SESSION_REVOKED" },
      });
    }
    // Only that session: another sign-in of the same member is still open.
    expect((await call(app, "GET", "/auth/session", { bearer: other.token })).status).toBe(200);
    expect(await call(app, "POST", "/auth/logout")).toMatchObject({ status: 401, body: { code: "AUTH_REQUIRED" } });
  });
});

describe("sessions", () => {
  let shortLived: NestExpressApplication;
  let secure: NestExpressApplication;

  beforeAll(async () => {
    shortLived = await startAuthBackend(chain, { SESSION_TTL_SECONDS: "1", SESSION_SECRET: "s".repeat(32) });
    cleanups.push(() => shortLived.close());
    secure = await startAuthBackend(chain, { SESSION_COOKIE_SECURE: "true", SESSION_SECRET: "t".repeat(32) });
    cleanups.push(() => secure.close());
  }, 60_000);

  it("refuses an expired session with SESSION_EXPIRED", async () => {
    const { token, cookie, expiresAt } = await signIn(shortLived, alice);
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(1_000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expiresAt) - Date.now()) + 50));
    for (const credential of [{ cookie }, { bearer: token }]) {
      const reply = await call(shortLived, "GET", "/auth/session", credential);
      expect(reply).toMatchObject({ status: 401, body: { code: "SESSION_EXPIRED" } });
      expect(reply.body.message).toMatch(/sign in again/);
    }
  });

  it("refuses a session signed with another SESSION_SECRET", async () => {
    const { token } = await signIn(shortLived, alice);
    expect(await call(secure, "GET", "/auth/session", { bearer: token })).toMatchObject({
      status: 401,
      body: { code: "INVALID_SESSION" },
    });
  });

  it("marks the cookie Secure when SESSION_COOKIE_SECURE is set", async () => {
    const reply = await call(secure, "POST", "/auth/verify", { body: await signedMessage(secure, alice) });
    expect(reply.setCookie[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
  });
});

describe("logs", () => {
  it("never contain a session token, a signature or a signed message", () => {
    const logs = logger.lines.join("\n");
    expect(logs).toContain("session opened");
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(logs).not.toContain(secret.slice(0, 40));
    }
    expect(logs).not.toMatch(/eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9\.[A-Za-z0-9_-]+\./);
    expect(logs).not.toContain("wants you to sign in");
  });
});
