import path from "node:path";
import { type Env, readBoolean, readInteger } from "./env-values.js";
import { readTrustProxy, type TrustProxy } from "./trust-proxy.js";

/** The backend's configuration, read once from the environment at startup. */
export interface AppConfig {
  /** HTTP port; 0 picks a free one. */
  port: number;
  host: string;
  /** JSON-RPC endpoint of the chain to follow. */
  rpcUrl: string;
  /** Chain id the RPC endpoint must report, and whose deployment file is read. */
  chainId: number;
  /** Folder with `deployments/<chainId>.json`. */
  deploymentsDir: string;
  /** PostgreSQL URL; absent means the embedded database. */
  databaseUrl: string | undefined;
  /** Where the embedded database keeps its files (DATA_DIR, default .data); `memory://` keeps nothing. */
  dataDir: string;
  indexer: IndexerConfig;
  graphql: GraphqlConfig;
  /** `json` (default): one JSON object per line; `text`: Nest's coloured lines, for a terminal. */
  logFormat: "json" | "text";
  /** TRUST_PROXY: reverse proxies whose X-Forwarded-For names the client (per-client limits count it). */
  trustProxy: TrustProxy;
  auth: AuthConfig;
}

export interface IndexerConfig {
  /** INDEXER_ENABLED (default true): false serves what is indexed without following the chain. */
  enabled: boolean;
  /** INDEXER_BATCH_BLOCKS: blocks per eth_getLogs call during a backfill. */
  batchBlocks: number;
  /** INDEXER_POLL_INTERVAL_MS: how often to look for new blocks once caught up. */
  pollIntervalMs: number;
  /** INDEXER_REORG_DEPTH: how many recent blocks can be rolled back after a reorganisation. */
  reorgDepth: number;
}

export interface GraphqlConfig {
  /** GRAPHQL_INTROSPECTION and GRAPHQL_SANDBOX: default on, off when NODE_ENV=production. */
  introspection: boolean;
  sandbox: boolean;
  /** GRAPHQL_MAX_DEPTH: deepest selection nesting accepted. */
  maxDepth: number;
  /** GRAPHQL_MAX_COMPLEXITY: most entities a query may ask for (list fields count `first` times). */
  maxComplexity: number;
  /** GRAPHQL_MAX_PAGE_SIZE: largest `first`. */
  maxPageSize: number;
  /** GRAPHQL_MAX_BODY_BYTES: largest request body. */
  maxBodyBytes: number;
}

/** Startup error: one line per bad variable, each saying what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * Reads and validates the configuration. Every problem is reported at once, so a misconfigured deployment is fixed
 * in one go. Defaults suit `npm start`'s local chain.
 */
export function loadAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const port = readInteger(env, "PORT", 4000, 0, 65_535, problems);
  const chainId = readInteger(env, "CHAIN_ID", 31_337, 1, Number.MAX_SAFE_INTEGER, problems);
  const rpcUrl = env.RPC_URL || "http://127.0.0.1:8545";
  try {
    const url = new URL(rpcUrl);
    if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) throw new Error("protocol");
  } catch {
    problems.push(
      `RPC_URL=${rpcUrl} must be an http(s) or ws(s) URL of a JSON-RPC endpoint, e.g. http://127.0.0.1:8545`,
    );
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push("DATABASE_URL must be a postgres:// URL, or unset for the embedded database");
  }
  const deploymentsDir = path.resolve(env.COMMONS_DEPLOYMENTS_DIR || "deployments");
  const production = env.NODE_ENV === "production";
  const indexer: IndexerConfig = {
    enabled: readBoolean(env, "INDEXER_ENABLED", true, problems),
    batchBlocks: readInteger(env, "INDEXER_BATCH_BLOCKS", 2_000, 1, 1_000_000, problems),
    pollIntervalMs: readInteger(env, "INDEXER_POLL_INTERVAL_MS", 250, 10, 600_000, problems),
    reorgDepth: readInteger(env, "INDEXER_REORG_DEPTH", 64, 1, 100_000, problems),
  };
  const graphql: GraphqlConfig = {
    introspection: readBoolean(env, "GRAPHQL_INTROSPECTION", !production, problems),
    sandbox: readBoolean(env, "GRAPHQL_SANDBOX", !production, problems),
    maxDepth: readInteger(env, "GRAPHQL_MAX_DEPTH", 8, 2, 100, problems),
    maxComplexity: readInteger(env, "GRAPHQL_MAX_COMPLEXITY", 20_000, 10, 10_000_000, problems),
    maxPageSize: readInteger(env, "GRAPHQL_MAX_PAGE_SIZE", 1_000, 1, 100_000, problems),
    maxBodyBytes: readInteger(env, "GRAPHQL_MAX_BODY_BYTES", 100_000, 1_000, 100_000_000, problems),
  };
  const logFormat = env.LOG_FORMAT || "json";
  if (logFormat !== "json" && logFormat !== "text") problems.push(`LOG_FORMAT=${logFormat} must be json or text`);
  const trustProxy = readTrustProxy(env.TRUST_PROXY, problems);
  const auth = authConfig(env, port, production, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = env.DATA_DIR === "memory://" ? "memory://" : path.resolve(env.DATA_DIR || ".data");
  return {
    port,
    host: env.HOST || "127.0.0.1",
    rpcUrl,
    chainId,
    deploymentsDir,
    databaseUrl,
    dataDir,
    indexer,
    graphql,
    logFormat: logFormat as AppConfig["logFormat"],
    trustProxy,
    auth,
  };
}

export const APP_CONFIG = Symbol("APP_CONFIG");

/** Sign-In with Ethereum, sessions and API keys (backend/src/auth/). */
export interface AuthConfig {
  /**
   * AUTH_DOMAIN: the domains (`host[:port]`, comma-separated) a sign-in message may name: where the web app is
   * served. Default `localhost:<PORT>`; required when NODE_ENV=production.
   */
  domains: string[];
  /** AUTH_NONCE_TTL_SECONDS (300): how long a nonce from POST /auth/nonce can be used. */
  nonceTtlSeconds: number;
  /**
   * AUTH_NONCE_RATE_LIMIT_PER_MINUTE (30): nonces one client address (an IPv6 client's /64) may get from
   * POST /auth/nonce per minute; counted in Redis with REDIS_URL, so across replicas.
   */
  nonceRateLimitPerMinute: number;
  /** AUTH_CLOCK_SKEW_SECONDS (60): how far in the future a message's `Issued At` or `Not Before` may be. */
  clockSkewSeconds: number;
  /** SESSION_TTL_SECONDS (3600): how long a session lasts (never longer than the message's `Expiration Time`). */
  sessionTtlSeconds: number;
  /** SESSION_SECRET (at least 32 characters): key of the sessions' signatures; unset: random at each start. */
  sessionSecret: string | undefined;
  /** SESSION_COOKIE_SECURE: mark the session cookie Secure on every response (default in production), not only over https. */
  cookieSecure: boolean;
}

function authConfig(env: Env, port: number, production: boolean, problems: string[]): AuthConfig {
  const domains = (env.AUTH_DOMAIN || `localhost:${port}`)
    .split(",")
    .map((domain) => domain.trim())
    .filter((domain) => domain !== "");
  if (production && !env.AUTH_DOMAIN) {
    problems.push("AUTH_DOMAIN must be set in production: the host[:port] of the web app, e.g. commons.example.org");
  }
  for (const domain of domains) {
    if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(domain) && !/^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(domain)) {
      problems.push(
        `AUTH_DOMAIN=${env.AUTH_DOMAIN} must list host[:port] values without a scheme, e.g. localhost:4000`,
      );
      break;
    }
  }
  const sessionSecret = env.SESSION_SECRET || undefined;
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push("SESSION_SECRET must be at least 32 characters, e.g. the output of `openssl rand -base64 32`");
  }
  return {
    domains: domains.map((domain) => domain.toLowerCase()),
    nonceTtlSeconds: readInteger(env, "AUTH_NONCE_TTL_SECONDS", 300, 10, 3_600, problems),
    nonceRateLimitPerMinute: readInteger(env, "AUTH_NONCE_RATE_LIMIT_PER_MINUTE", 30, 1, 1_000_000, problems),
    clockSkewSeconds: readInteger(env, "AUTH_CLOCK_SKEW_SECONDS", 60, 0, 600, problems),
    sessionTtlSeconds: readInteger(env, "SESSION_TTL_SECONDS", 3_600, 1, 604_800, problems),
    sessionSecret,
    cookieSecure: readBoolean(env, "SESSION_COOKIE_SECURE", production, problems),
  };
}
