import { createHash, randomUUID } from "node:crypto";
import { Inject, Injectable, Logger } from "@nestjs/common";
import { type Address, getAddress } from "viem";
import { DATABASE, type Database } from "../database/database.js";
import { AuthError } from "./auth-error.js";
import type { AuthenticatedMember } from "./authenticated-member.js";
import { API_KEY_PREFIX } from "./credentials.js";
import { randomBase62 } from "./random-base62.js";

/** An API key as listed: never the key itself, which only its creator saw, once. */
export interface ApiKeySummary {
  id: string;
  name: string;
  /** The key's first 8 characters (`cai_` and 4 more), to tell keys apart. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A key just created: the only time `key` is given out. */
export interface CreatedApiKey {
  id: string;
  key: string;
  name: string;
  createdAt: Date;
}

/** Characters after `cai_`: 40 base62 characters, about 238 bits. */
const KEY_LENGTH = 40;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${KEY_LENGTH}}$`);
/** Most keys a member may have that are not revoked: enough for every script, and a bound on what one member stores. */
export const MAX_ACTIVE_API_KEYS = 100;
/** `last_used_at` is written at most this often per key, so that busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

interface ApiKeyRow extends Record<string, unknown> {
  id: string;
  owner: string;
  name: string;
  prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

function hash(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/**
 * Developer API keys: created by a signed-in member and bound to their address, stored as SHA-256 hashes (the keys
 * are random, so a fast hash is enough and lookups stay one index probe), listed with their last use, revocable.
 */
@Injectable()
export class ApiKeyService {
  readonly #logger = new Logger("Auth");

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** A new key for `owner`, named `name`; throws API_KEY_LIMIT when they have {@link MAX_ACTIVE_API_KEYS} already. */
  async create(owner: Address, name: string): Promise<CreatedApiKey> {
    const [{ count } = { count: 0 }] = await this.db.query<{ count: number | string }>(
      "select count(*) as count from auth_api_key where owner = $1 and revoked_at is null",
      [owner.toLowerCase()],
    );
    if (Number(count) >= MAX_ACTIVE_API_KEYS) {
      throw new AuthError(
        "API_KEY_LIMIT",
        `you have ${MAX_ACTIVE_API_KEYS} API keys already; revoke those you no longer use (DELETE /auth/api-keys/:id)`,
      );
    }
    const key = `${API_KEY_PREFIX}${randomBase62(KEY_LENGTH)}`;
    const id = randomUUID();
    const createdAt = new Date();
    await this.db.query(
      `insert into auth_api_key (id, key_hash, owner, name, prefix, created_at)
       values ($1, $2, $3, $4, $5, $6::timestamptz)`,
      [id, hash(key), owner.toLowerCase(), name, key.slice(0, 8), createdAt.toISOString()],
    );
    this.#logger.log({ message: "API key created", keyId: id, owner: getAddress(owner) });
    return { id, key, name, createdAt };
  }

  /** `owner`'s keys, newest first, revoked ones included. */
  async list(owner: Address): Promise<ApiKeySummary[]> {
    const rows = await this.db.query<ApiKeyRow>(
      `select id, owner, name, prefix, created_at, last_used_at, revoked_at from auth_api_key
       where owner = $1 order by created_at desc, id`,
      [owner.toLowerCase()],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      prefix: row.prefix,
      createdAt: new Date(row.created_at),
      lastUsedAt: date(row.last_used_at),
      revokedAt: date(row.revoked_at),
    }));
  }

  /**
   * Revokes key `id` of `owner`; throws API_KEY_NOT_FOUND when `owner` has no such key (another member's key looks
   * the same as one that does not exist). Revoking a revoked key keeps its first revocation time.
   */
  async revoke(owner: Address, id: string): Promise<void> {
    const [row] = await this.db.query<{ id: string }>(
      `update auth_api_key set revoked_at = coalesce(revoked_at, $3::timestamptz)
       where id = $1 and owner = $2 returning id`,
      [id, owner.toLowerCase(), new Date().toISOString()],
    );
    if (!row) {
      throw new AuthError("API_KEY_NOT_FOUND", "you have no API key with this id; list yours with GET /auth/api-keys");
    }
    this.#logger.log({ message: "API key revoked", keyId: id, owner: getAddress(owner) });
  }

  /** The owner of `key`; throws INVALID_API_KEY for a malformed, unknown or revoked key. Records its use. */
  async authenticate(key: string): Promise<AuthenticatedMember> {
    if (!KEY_PATTERN.test(key)) {
      throw new AuthError(
        "INVALID_API_KEY",
        `this is not an API key (they are ${API_KEY_PREFIX} and ${KEY_LENGTH} letters and digits); copy it again, or create one at POST /auth/api-keys`,
      );
    }
    const [row] = await this.db.query<ApiKeyRow>(
      "select id, owner, last_used_at, revoked_at from auth_api_key where key_hash = $1",
      [hash(key)],
    );
    if (!row) {
      throw new AuthError("INVALID_API_KEY", "unknown API key; create one at POST /auth/api-keys after signing in");
    }
    if (row.revoked_at !== null) {
      throw new AuthError("INVALID_API_KEY", "this API key was revoked; create a new one at POST /auth/api-keys");
    }
    const now = Date.now();
    const lastUsed = date(row.last_used_at)?.getTime() ?? Number.NEGATIVE_INFINITY;
    if (now - lastUsed >= LAST_USED_RESOLUTION_MS) {
      // The condition again in SQL: of concurrent requests with one key, one writes.
      await this.db.query(
        `update auth_api_key set last_used_at = $2::timestamptz
         where id = $1 and (last_used_at is null or last_used_at <= $3::timestamptz)`,
        [row.id, new Date(now).toISOString(), new Date(now - LAST_USED_RESOLUTION_MS).toISOString()],
      );
    }
    return { address: getAddress(row.owner), via: "apiKey", keyId: row.id };
  }
}
