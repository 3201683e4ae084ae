import path from "node:path";

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
}

/** Startup error: one line per bad variable, each saying what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name}=${raw} must be an integer from ${min} to ${max}`);
    return fallback;
  }
  return value;
}

/**
 * Reads and validates the configuration. Every problem is reported at once, so a misconfigured deployment is fixed
 * in one go. Defaults suit `npm start`'s local chain.
 */
export function loadAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const port = integer(env, "PORT", 4000, 0, 65_535, problems);
  const chainId = integer(env, "CHAIN_ID", 31_337, 1, Number.MAX_SAFE_INTEGER, problems);
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
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = env.DATA_DIR === "memory://" ? "memory://" : path.resolve(env.DATA_DIR || ".data");
  return { port, host: env.HOST || "127.0.0.1", rpcUrl, chainId, deploymentsDir, databaseUrl, dataDir };
}

export const APP_CONFIG = Symbol("APP_CONFIG");
