import { AuthError } from "./auth-error.js";
import { readCookie, SESSION_COOKIE } from "./session-cookie.js";

/** Request headers as Node.js gives them (also what GraphQL contexts and graphql-ws connection params carry). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** The credential a request presents: an API key or a session token, from `Authorization` or the session cookie. */
export type Credential = { kind: "apiKey"; key: string } | { kind: "session"; token: string };

/** Developer API keys start with this; anything else in a bearer header is read as a session token. */
export const API_KEY_PREFIX = "cai_";

/**
 * Finds the credential in `headers`: `Authorization: Bearer <API key or session token>` first, then the
 * `commons_session` cookie. Undefined when there is none; an `Authorization` header of another scheme is an error.
 */
export function readCredential(headers: RequestHeaders): Credential | undefined {
  const authorization = first(headers.authorization ?? headers.Authorization);
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw new AuthError(
        "AUTH_REQUIRED",
        "the Authorization header must be `Bearer <session token or API key>`; sign in at POST /auth/verify, or create an API key",
      );
    }
    const value = match[1];
    return value.startsWith(API_KEY_PREFIX) ? { kind: "apiKey", key: value } : { kind: "session", token: value };
  }
  const token = readCookie(first(headers.cookie ?? headers.Cookie), SESSION_COOKIE);
  return token ? { kind: "session", token } : undefined;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
