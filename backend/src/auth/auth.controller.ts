import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from "@nestjs/common";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { QuotaExceededException, setRetryAfter } from "../quota/quota-exceeded.exception.js";
import { AuthenticatedGuard, type AuthenticatedRequest } from "./authenticated.guard.js";
import type { AuthenticatedMember } from "./authenticated-member.js";
import { type ClientRequest, clientAddress } from "./client-address.js";
import { CurrentMember } from "./current-member.decorator.js";
import { VerifySignInDto } from "./dto/verify-sign-in.dto.js";
import { NonceService } from "./nonce.service.js";
import { NonceRateLimit } from "./nonce-rate-limit.js";
import { RequireSession } from "./require-session.decorator.js";
import { SessionService } from "./session.service.js";
import { clearedSessionCookie, sessionCookie } from "./session-cookie.js";
import { SignInService } from "./sign-in.service.js";
import { validatedBody } from "./validated-body.js";

/** The parts of express's request and response these routes use. */
interface HttpRequest extends AuthenticatedRequest, ClientRequest {
  secure?: boolean;
}
interface HttpResponse {
  append(name: string, value: string): void;
  setHeader(name: string, value: string): unknown;
}

/**
 * Sign-In with Ethereum: `POST /auth/nonce`, sign a message with it, `POST /auth/verify` → a session (an httpOnly
 * cookie for the web app, and the same token in the body for scripts); `GET /auth/session`, `POST /auth/logout`.
 */
@Controller("auth")
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(NonceService) private readonly nonces: NonceService,
    @Inject(NonceRateLimit) private readonly nonceLimit: NonceRateLimit,
    @Inject(SignInService) private readonly signIn: SignInService,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  /** A single-use nonce for the next sign-in message; 429 with Retry-After beyond the per-address rate limit. */
  @Post("nonce")
  @HttpCode(201)
  async nonce(
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<{ nonce: string; expiresAt: string }> {
    try {
      await this.nonceLimit.admit(clientAddress(req));
    } catch (error) {
      if (error instanceof QuotaExceededException) setRetryAfter(res, error);
      throw error;
    }
    const { nonce, expiresAt } = await this.nonces.issue();
    return { nonce, expiresAt: expiresAt.toISOString() };
  }

  /** Verifies a signed message and opens a session. */
  @Post("verify")
  @HttpCode(200)
  async verify(
    @Body(validatedBody(VerifySignInDto)) body: VerifySignInDto,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<{ address: string; token: string; expiresAt: string }> {
    const { address, expirationTime } = await this.signIn.verify(body.message, body.signature);
    const session = await this.sessions.create(address, expirationTime);
    const maxAge = Math.ceil((session.expiresAt.getTime() - Date.now()) / 1000);
    res.append("Set-Cookie", sessionCookie(session.token, maxAge, this.#secure(req)));
    return { address: session.address, token: session.token, expiresAt: session.expiresAt.toISOString() };
  }

  /** Who is signed in: the address, the credential, and for a session when it ends. */
  @Get("session")
  @UseGuards(AuthenticatedGuard)
  session(@CurrentMember() member: AuthenticatedMember) {
    return {
      address: member.address,
      via: member.via,
      expiresAt: member.expiresAt?.toISOString() ?? null,
      ...(member.keyId ? { keyId: member.keyId } : {}),
    };
  }

  /** Ends the session at once, everywhere, and clears the cookie. */
  @Post("logout")
  @HttpCode(204)
  @UseGuards(AuthenticatedGuard)
  @RequireSession()
  async logout(
    @CurrentMember() member: AuthenticatedMember,
    @Req() req: HttpRequest,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<void> {
    if (member.sessionId) await this.sessions.revoke(member.sessionId);
    res.append("Set-Cookie", clearedSessionCookie(this.#secure(req)));
  }

  #secure(req: HttpRequest): boolean {
    return this.config.auth.cookieSecure || req.secure === true;
  }
}
