import { Inject, Injectable } from "@nestjs/common";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { DATABASE, type Database } from "../database/database.js";
import { AuthError } from "./auth-error.js";
import { randomBase62 } from "./random-base62.js";

/** A nonce to put in a Sign-In with Ethereum message, and until when it can be used. */
export interface IssuedNonce {
  nonce: string;
  expiresAt: Date;
}

/** Used and expired nonces are kept this long after their expiry, so that a late replay is told why it fails. */
const KEEP_EXPIRED_MS = 3_600_000;

/**
 * Single-use nonces for Sign-In with Ethereum (the replay protection of EIP-4361), kept in `auth_nonce` so that any
 * replica can check one another issued.
 */
@Injectable()
export class NonceService {
  #prunedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  /** A new random nonce (24 base62 characters, about 143 bits), usable once within AUTH_NONCE_TTL_SECONDS. */
  async issue(): Promise<IssuedNonce> {
    const now = Date.now();
    await this.#prune(now);
    const nonce = randomBase62(24);
    const expiresAt = new Date(now + this.config.auth.nonceTtlSeconds * 1000);
    await this.db.query("insert into auth_nonce (nonce, expires_at) values ($1, $2::timestamptz)", [
      nonce,
      expiresAt.toISOString(),
    ]);
    return { nonce, expiresAt };
  }

  /**
   * Marks `nonce` used, or throws NONCE_INVALID, NONCE_USED or NONCE_EXPIRED. One conditional update does both the
   * check and the marking, so of two requests racing with the same nonce exactly one succeeds, on either engine.
   */
  async consume(nonce: string): Promise<void> {
    const now = new Date().toISOString();
    const used = await this.db.query(
      `update auth_nonce set used_at = $2::timestamptz
       where nonce = $1 and used_at is null and expires_at > $2::timestamptz
       returning nonce`,
      [nonce, now],
    );
    if (used.length === 1) return;
    const [row] = await this.db.query<{ used_at: Date | string | null }>(
      "select used_at from auth_nonce where nonce = $1",
      [nonce],
    );
    if (!row) {
      throw new AuthError(
        "NONCE_INVALID",
        "the message's nonce was not issued by this backend (or is long expired); get one from POST /auth/nonce and sign a new message",
      );
    }
    if (row.used_at !== null) {
      throw new AuthError(
        "NONCE_USED",
        "the message's nonce was already used: each nonce signs in once; get a new one from POST /auth/nonce",
      );
    }
    throw new AuthError(
      "NONCE_EXPIRED",
      `the message's nonce has expired (nonces last ${this.config.auth.nonceTtlSeconds} s); get a new one from POST /auth/nonce`,
    );
  }

  async #prune(now: number): Promise<void> {
    if (now - this.#prunedAt < 60_000) return;
    this.#prunedAt = now;
    await this.db.query("delete from auth_nonce where expires_at < $1::timestamptz", [
      new Date(now - KEEP_EXPIRED_MS).toISOString(),
    ]);
  }
}
