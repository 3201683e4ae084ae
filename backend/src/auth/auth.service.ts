import { Inject, Injectable } from "@nestjs/common";
import { ApiKeyService } from "./api-key.service.js";
import { AuthError } from "./auth-error.js";
import type { AuthenticatedMember } from "./authenticated-member.js";
import { type RequestHeaders, readCredential } from "./credentials.js";
import { SessionService } from "./session.service.js";

/**
 * Who a request comes from, for every entry point: REST controllers (through {@link AuthenticatedGuard}), GraphQL
 * contexts, graphql-ws connections and the OpenAI-compatible API. Accepts `Authorization: Bearer <session token or
 * API key>` and the `commons_session` cookie.
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(ApiKeyService) private readonly apiKeys: ApiKeyService,
  ) {}

  /**
   * The member behind `headers`' credential; throws an {@link AuthError} that says why not (AUTH_REQUIRED,
   * SESSION_EXPIRED, SESSION_REVOKED, INVALID_SESSION, INVALID_API_KEY).
   */
  async authenticate(headers: RequestHeaders): Promise<AuthenticatedMember> {
    const credential = readCredential(headers);
    if (!credential) {
      throw new AuthError(
        "AUTH_REQUIRED",
        "sign in first (Sign-In with Ethereum: POST /auth/nonce, then POST /auth/verify), or send Authorization: Bearer <API key>",
      );
    }
    return credential.kind === "apiKey"
      ? this.apiKeys.authenticate(credential.key)
      : this.sessions.authenticate(credential.token);
  }

  /**
   * The member behind `headers`, or undefined when they carry no valid credential: for callers that answer every
   * failure alike (as `MemberResolver` of the chat does). Errors other than authentication failures still throw.
   */
  async resolve(headers: RequestHeaders): Promise<AuthenticatedMember | undefined> {
    try {
      return await this.authenticate(headers);
    } catch (error) {
      if (error instanceof AuthError) return undefined;
      throw error;
    }
  }
}
