// What the auth tests share: a local chain, the backend with AuthModule, Sign-In with Ethereum messages signed by
// Hardhat's dev accounts, and HTTP calls that return status, body and Set-Cookie.
import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoggerService } from "@nestjs/common";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { Test } from "@nestjs/testing";
import { SiweMessage } from "siwe";
import type { Address, LocalAccount } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { AppModule } from "../../../../backend/src/app.module.js";
import { AuthModule } from "../../../../backend/src/auth/auth.module.js";
import { APP_CONFIG, type AppConfig } from "../../../../backend/src/config/app-config.js";
import { configureApp } from "../../../../backend/src/http/configure-app.js";
import { type RunningChain, startLocalChain } from "../../../helpers/local-chain.js";
import { postgresSchema as createPostgresSchema } from "../../../helpers/postgres-schema.js";

export const DOMAIN = "commons.test";
export const CHAIN_ID = 31_337;
const MNEMONIC = "test test test test test test test test test test test junk";

/** Hardhat's dev account `index` (the local chain funds and unlocks the same ones). */
export const devAccount = (index: number): LocalAccount => mnemonicToAccount(MNEMONIC, { addressIndex: index });

export interface TestChain {
  rpcUrl: string;
  deploymentsDir: string;
  stop(): void;
}

/** `npm start`'s chain on a free port, with its deployment file in a folder of its own. */
export async function startTestChain(): Promise<TestChain> {
  const port = 23_545 + Math.floor(Math.random() * 1000);
  const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-auth-"));
  let chain: RunningChain | undefined;
  try {
    chain = await startLocalChain(port, deploymentsDir);
  } catch (error) {
    rmSync(deploymentsDir, { recursive: true, force: true });
    throw error;
  }
  return {
    rpcUrl: `http://127.0.0.1:${port}`,
    deploymentsDir,
    stop: () => {
      chain?.signal("SIGINT");
      rmSync(deploymentsDir, { recursive: true, force: true });
    },
  };
}

/**
 * The backend as main.ts starts it, with AuthModule (imported beside AppModule until app.module.ts lists it), on a
 * free port, without the indexer (sign-in does not need it), signing in for {@link DOMAIN}, with a nonce rate limit
 * high enough for any test.
 */
export async function startAuthBackend(
  chain: TestChain,
  env: Record<string, string> = {},
  logger?: LoggerService,
): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATA_DIR: "memory://",
    LOG_FORMAT: "json",
    RPC_URL: chain.rpcUrl,
    COMMONS_DEPLOYMENTS_DIR: chain.deploymentsDir,
    INDEXER_ENABLED: "false",
    AUTH_DOMAIN: DOMAIN,
    // The tests ask for many nonces from one address; test/backend/auth/nonce-limit.test.ts tests the limit itself.
    AUTH_NONCE_RATE_LIMIT_PER_MINUTE: "1000",
    ...env,
  });
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule, AuthModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: logger ?? false, bodyParser: false });
    configureApp(app, app.get<AppConfig>(APP_CONFIG));
    await app.listen(0, "127.0.0.1");
    return app;
  } finally {
    process.env = saved;
  }
}

/** A PostgreSQL schema of its own, as a DATABASE_URL; `drop()` removes it. */
export const postgresSchema = () => createPostgresSchema("commons_auth");

export interface Reply<Body = Record<string, unknown>> {
  status: number;
  body: Body;
  setCookie: string[];
}

export interface CallOptions {
  body?: unknown;
  /** Sent as `Authorization: Bearer <bearer>`. */
  bearer?: string;
  /** Sent as the `Cookie` header. */
  cookie?: string;
  headers?: Record<string, string>;
}

/** One HTTP request to the app. */
export async function call<Body = Record<string, unknown>>(
  app: NestExpressApplication,
  method: string,
  route: string,
  options: CallOptions = {},
): Promise<Reply<Body>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  const response = await fetch(`${await app.getUrl()}${route}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Body,
    setCookie: response.headers.getSetCookie(),
  };
}

/** A fresh nonce from the app. */
export async function nonce(app: NestExpressApplication): Promise<string> {
  const reply = await call<{ nonce: string }>(app, "POST", "/auth/nonce");
  if (reply.status !== 201) throw new Error(`POST /auth/nonce answered ${reply.status}`);
  return reply.body.nonce;
}

/** The text of a sign-in message for `address`, valid for this backend unless `fields` say otherwise. */
export function siweText(address: Address, nonceValue: string, fields: Partial<SiweMessage> = {}): string {
  return new SiweMessage({
    domain: DOMAIN,
    address,
    statement: "Sign in to Commons AI.",
    uri: `https://${DOMAIN}/`,
    version: "1",
    chainId: CHAIN_ID,
    nonce: nonceValue,
    issuedAt: new Date().toISOString(),
    ...fields,
  }).prepareMessage();
}

/** A message for `account` with a new nonce, and `account`'s signature of it. */
export async function signedMessage(
  app: NestExpressApplication,
  account: LocalAccount,
  fields: Partial<SiweMessage> = {},
): Promise<{ message: string; signature: `0x${string}` }> {
  const message = siweText(account.address, await nonce(app), fields);
  return { message, signature: await account.signMessage({ message }) };
}

export interface SignedIn {
  token: string;
  /** The `Cookie` header that sends the session cookie back. */
  cookie: string;
  expiresAt: string;
}

/** Signs `account` in; fails the test if that does not work. */
export async function signIn(app: NestExpressApplication, account: LocalAccount): Promise<SignedIn> {
  const reply = await call<{ token: string; expiresAt: string }>(app, "POST", "/auth/verify", {
    body: await signedMessage(app, account),
  });
  if (reply.status !== 200) throw new Error(`sign-in failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const cookie = reply.setCookie.find((c) => c.startsWith("commons_session="))?.split(";")[0];
  if (!cookie) throw new Error("sign-in set no session cookie");
  return { token: reply.body.token, cookie, expiresAt: reply.body.expiresAt };
}

/** A Nest logger that keeps every line, to check that no credential is ever logged. */
export class KeepingLogger implements LoggerService {
  readonly lines: string[] = [];
  #keep =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) => {
      this.lines.push(JSON.stringify({ level, message, rest }));
    };
  log = this.#keep("log");
  error = this.#keep("error");
  warn = this.#keep("warn");
  debug = this.#keep("debug");
  verbose = this.#keep("verbose");
}
