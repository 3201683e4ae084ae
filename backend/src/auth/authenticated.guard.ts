import { type CanActivate, type ExecutionContext, Inject, Injectable } from "@nestjs/common";
import { Reflector } from "@nestjs/core";
import { AuthService } from "./auth.service.js";
import { AuthError } from "./auth-error.js";
import type { AuthenticatedMember } from "./authenticated-member.js";
import type { RequestHeaders } from "./credentials.js";
import { REQUIRE_SESSION } from "./require-session.decorator.js";

/** The request as the guard sees it; it leaves the member at `member` for {@link CurrentMember}. */
export interface AuthenticatedRequest {
  headers: RequestHeaders;
  member?: AuthenticatedMember;
}

/**
 * Lets a REST request through only with a valid credential (session cookie, session token or API key), otherwise
 * answers 401 with the reason's code. With {@link RequireSession}, only a session.
 *
 * ```ts
 * @UseGuards(AuthenticatedGuard)
 * @Get("mine")
 * mine(@CurrentMember() member: AuthenticatedMember) { ... }
 * ```
 */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const member = await this.auth.authenticate(request.headers);
    const sessionOnly = this.reflector.getAllAndOverride<boolean | undefined>(REQUIRE_SESSION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (sessionOnly && member.via !== "session") {
      throw new AuthError(
        "SESSION_REQUIRED",
        "API keys cannot manage API keys or sessions; sign in with Ethereum (POST /auth/verify) and use the session",
      );
    }
    request.member = member;
    return true;
  }
}
