import { type Address, getAddress, type Hex, isAddress } from "viem";
import { ConfigError } from "../config/app-config.js";

/** How the backend signs and checks inference receipts (environment variables in docs/API.md). */
export interface ReceiptsConfig {
  /** RECEIPT_SIGNING_KEY: the server's 0x-prefixed secp256k1 private key; absent: a generated one in `dataDir`. */
  signingKey: Hex | undefined;
  /** RECEIPT_TRUSTED_SIGNERS (comma-separated addresses): other servers whose receipts verify here. */
  trustedSigners: Address[];
  /** DATA_DIR, as AppConfig has it: where a generated key is kept (`receipt-signing-key`); `memory://` keeps nothing. */
  dataDir: string;
}

export const RECEIPTS_CONFIG = Symbol("RECEIPTS_CONFIG");

const PRIVATE_KEY = /^0x[0-9a-fA-F]{64}$/;

/** Parses a comma-separated list of addresses; `problems` gets one line per bad entry, naming `variable`. */
export function parseSignerList(raw: string | undefined, variable: string, problems: string[]): Address[] {
  const signers: Address[] = [];
  for (const entry of (raw ?? "").split(",").map((s) => s.trim())) {
    if (entry === "") continue;
    if (!isAddress(entry, { strict: false })) {
      problems.push(`${variable}: ${entry} is not an address (0x and 40 hex digits)`);
      continue;
    }
    const address = getAddress(entry);
    if (!signers.includes(address)) signers.push(address);
  }
  return signers;
}

/** Reads and validates the receipts' configuration; `dataDir` is AppConfig's (DATA_DIR, resolved). */
export function loadReceiptsConfig(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): ReceiptsConfig {
  const problems: string[] = [];
  const key = env.RECEIPT_SIGNING_KEY || undefined;
  if (key !== undefined && !PRIVATE_KEY.test(key)) {
    // Never echo the value: it may be a key with a typo.
    problems.push("RECEIPT_SIGNING_KEY must be a 0x-prefixed 32-byte private key (64 hex digits), or unset");
  }
  const trustedSigners = parseSignerList(env.RECEIPT_TRUSTED_SIGNERS, "RECEIPT_TRUSTED_SIGNERS", problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { signingKey: key as Hex | undefined, trustedSigners, dataDir };
}
