import type { Hex } from "viem";
import { ConfigError } from "../config/app-config.js";
import { readInteger } from "../config/env-values.js";

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
  const rateLimitPerHour = readInteger(env, "RELAY_RATE_LIMIT_PER_HOUR", 20, 1, 1_000_000, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { relayerPrivateKey: key as Hex | undefined, rateLimitPerHour };
}
