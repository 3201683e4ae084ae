import { createParamDecorator, type ExecutionContext } from "@nestjs/common";
import type { AuthenticatedGuard, AuthenticatedRequest } from "./authenticated.guard.js";
import type { AuthenticatedMember } from "./authenticated-member.js";

/** The {@link AuthenticatedMember} of the request, as {@link AuthenticatedGuard} found it (the guard must run first). */
export const CurrentMember = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedMember => {
  const member = context.switchToHttp().getRequest<AuthenticatedRequest>().member;
  if (!member) throw new Error("@CurrentMember() needs @UseGuards(AuthenticatedGuard) on the route or controller");
  return member;
});
