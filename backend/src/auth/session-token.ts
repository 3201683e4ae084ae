import { createHmac, timingSafeEqual } from "node:crypto";

/** What a session token says: whose session, which one, and for how long (seconds since the epoch). */
export interface SessionClaims {
  /** The member's address, EIP-55 checksummed. */
  sub: string;
  /** The session's id in `auth_session`, which logout revokes. */
  sid: string;
  iat: number;
  exp: number;
}

// The only header accepted: a token naming another algorithm ("none", RS256, ...) is refused before anything else.
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

function sign(input: string, secret: Buffer): Buffer {
  return createHmac("sha256", secret).update(input).digest();
}

/** A JSON Web Token (RFC 7519) signed with HMAC-SHA256 under `secret`. */
export function signSessionToken(claims: SessionClaims, secret: Buffer): string {
  const input = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${input}.${sign(input, secret).toString("base64url")}`;
}

/**
 * The claims of a token signed by {@link signSessionToken} under `secret`, or undefined if it was not (malformed,
 * another algorithm, another secret, altered). Expiry is the caller's to check.
 */
export function readSessionToken(token: string, secret: Buffer): SessionClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  if (header !== HEADER) return undefined;
  const expected = sign(`${header}.${payload}`, secret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<SessionClaims>;
    if (
      typeof claims.sub !== "string" ||
      typeof claims.sid !== "string" ||
      !Number.isInteger(claims.iat) ||
      !Number.isInteger(claims.exp)
    ) {
      return undefined;
    }
    return claims as SessionClaims;
  } catch {
    return undefined;
  }
}
