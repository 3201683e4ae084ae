import type { Hex } from "viem";
import { ConfigError } from "../config/app-config.js";

/** How the backend relays gasless votes (environment variables in docs/API.md). */
export interface RelayConfig {
  /**
   * RELAYER_PRIVATE_KEY: the funded account that sends `castVoteBySig` and pays its gas. Unset: Hardhat's dev
   * account #19 on chain 31337, relaying disabled on any other chain.
   */
  relayerPrivateKey: Hex | undefined;
  /** RELAY_RATE_LIMIT_PER_HOUR (default 20): relay requests one member may make per hour. */
  rateLimitPerHour: number;
}

export const RELAY_CONFIG = Symbol("RELAY_CONFIG");

export function loadRelayConfig(env: Record<string, string | undefined> = process.env): RelayConfig {
  const problems: string[] = [];
  const key = env.RELAYER_PRIVATE_KEY || undefined;
  if (key !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(key)) {
    // The value itself is never repeated: it is a secret, even when malformed.
    problems.push("RELAYER_PRIVATE_KEY must be 0x followed by 64 hex digits (a private key), or unset");
  }
  const raw = env.RELAY_RATE_LIMIT_PER_HOUR;
  let rateLimitPerHour = 20;
  if (raw !== undefined && raw !== "") {
    rateLimitPerHour = Number(raw);
    if (!Number.isInteger(rateLimitPerHour) || rateLimitPerHour < 1 || rateLimitPerHour > 1_000_000) {
      problems.push(`RELAY_RATE_LIMIT_PER_HOUR=${raw} must be an integer from 1 to 1000000`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { relayerPrivateKey: key as Hex | undefined, rateLimitPerHour };
}
