import { randomBytes, randomUUID } from "node:crypto";
import { Inject, Injectable, Logger } from "@nestjs/common";
import { type Address, getAddress } from "viem";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { DATABASE, type Database } from "../database/database.js";
import { AuthError } from "./auth-error.js";
import type { AuthenticatedMember } from "./authenticated-member.js";
import { readSessionToken, signSessionToken } from "./session-token.js";

/** A new session: the token to hand to the member (cookie or bearer), and when it ends. */
export interface CreatedSession {
  token: string;
  sessionId: string;
  address: Address;
  expiresAt: Date;
}

/** Expired sessions are deleted this long after their end (at most once a minute). */
const PRUNE_AFTER_MS = 24 * 3_600_000;

/**
 * Short-lived sessions after a sign-in: a signed token (HMAC-SHA256, SESSION_SECRET) that names a row of
 * `auth_session`, so logging out revokes it at once on every replica. Each request checks the signature, the expiry
 * and the row (a primary-key lookup; not cached, so a logout is never late).
 */
@Injectable()
export class SessionService {
  readonly #logger = new Logger("Auth");
  readonly #secret: Buffer;
  #prunedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
  ) {
    if (config.auth.sessionSecret) {
      this.#secret = Buffer.from(config.auth.sessionSecret, "utf8");
    } else {
      this.#secret = randomBytes(32);
      this.#logger.warn(
        "SESSION_SECRET is not set: sessions are signed with a random key, so they end when the backend restarts and are not accepted by other replicas; set SESSION_SECRET (32+ characters) to keep them",
      );
    }
  }

  /** Opens a session for `address`, ending after SESSION_TTL_SECONDS or at `notAfter`, whichever is sooner. */
  async create(address: Address, notAfter?: Date): Promise<CreatedSession> {
    const now = Date.now();
    const end = Math.min(
      now + this.config.auth.sessionTtlSeconds * 1000,
      notAfter?.getTime() ?? Number.POSITIVE_INFINITY,
    );
    // Whole seconds, as in the token, so that the row and the token agree.
    const expiresAt = new Date(Math.floor(end / 1000) * 1000);
    const sessionId = randomUUID();
    await this.#prune(now);
    await this.db.query(
      "insert into auth_session (id, address, created_at, expires_at) values ($1, $2, $3::timestamptz, $4::timestamptz)",
      [sessionId, address.toLowerCase(), new Date(now).toISOString(), expiresAt.toISOString()],
    );
    const token = signSessionToken(
      { sub: getAddress(address), sid: sessionId, iat: Math.floor(now / 1000), exp: expiresAt.getTime() / 1000 },
      this.#secret,
    );
    this.#logger.log({ message: "session opened", sessionId, address: getAddress(address) });
    return { token, sessionId, address: getAddress(address), expiresAt };
  }

  /** The member of a session token; throws INVALID_SESSION, SESSION_EXPIRED or SESSION_REVOKED. */
  async authenticate(token: string): Promise<AuthenticatedMember> {
    const claims = readSessionToken(token, this.#secret);
    if (!claims) {
      throw new AuthError(
        "INVALID_SESSION",
        "the session token is not valid here (altered, or signed before the backend's SESSION_SECRET changed); sign in again at POST /auth/verify",
      );
    }
    if (claims.exp * 1000 <= Date.now()) throw sessionExpired();
    const [row] = await this.db.query<{ address: string; expires_at: Date | string; revoked_at: Date | string | null }>(
      "select address, expires_at, revoked_at from auth_session where id = $1",
      [claims.sid],
    );
    if (!row || row.address !== claims.sub.toLowerCase()) {
      throw new AuthError(
        "INVALID_SESSION",
        "this session does not exist (any more); sign in again at POST /auth/verify",
      );
    }
    if (row.revoked_at !== null) {
      throw new AuthError("SESSION_REVOKED", "this session was logged out; sign in again at POST /auth/verify");
    }
    const expiresAt = new Date(row.expires_at);
    if (expiresAt.getTime() <= Date.now()) throw sessionExpired();
    return { address: getAddress(claims.sub), via: "session", sessionId: claims.sid, expiresAt };
  }

  /** Ends a session before its expiry (logout). Revoking it again changes nothing. */
  async revoke(sessionId: string): Promise<void> {
    await this.db.query("update auth_session set revoked_at = $2::timestamptz where id = $1 and revoked_at is null", [
      sessionId,
      new Date().toISOString(),
    ]);
    this.#logger.log({ message: "session closed", sessionId });
  }

  /** Deletes sessions that ended a day ago or more; expired tokens are refused from their claims alone. */
  async #prune(now: number): Promise<void> {
    if (now - this.#prunedAt < 60_000) return;
    this.#prunedAt = now;
    await this.db.query("delete from auth_session where expires_at < $1::timestamptz", [
      new Date(now - PRUNE_AFTER_MS).toISOString(),
    ]);
  }
}

function sessionExpired(): AuthError {
  return new AuthError(
    "SESSION_EXPIRED",
    "the session has expired; sign in again at POST /auth/nonce and /auth/verify",
  );
}
