import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, UseGuards } from "@nestjs/common";
import { ApiKeyService } from "./api-key.service.js";
import { AuthenticatedGuard } from "./authenticated.guard.js";
import type { AuthenticatedMember } from "./authenticated-member.js";
import { CurrentMember } from "./current-member.decorator.js";
import { CreateApiKeyDto } from "./dto/create-api-key.dto.js";
import { RequireSession } from "./require-session.decorator.js";
import { validatedBody } from "./validated-body.js";

/** Developer API keys of the signed-in member: create (the key is shown once), list, revoke. Sessions only. */
@Controller("auth/api-keys")
@UseGuards(AuthenticatedGuard)
@RequireSession()
export class ApiKeysController {
  constructor(@Inject(ApiKeyService) private readonly apiKeys: ApiKeyService) {}

  @Post()
  @HttpCode(201)
  async create(
    @CurrentMember() member: AuthenticatedMember,
    @Body(validatedBody(CreateApiKeyDto)) body: CreateApiKeyDto,
  ) {
    const created = await this.apiKeys.create(member.address, body.name);
    return { ...created, createdAt: created.createdAt.toISOString() };
  }

  @Get()
  async list(@CurrentMember() member: AuthenticatedMember) {
    const keys = await this.apiKeys.list(member.address);
    return {
      keys: keys.map((key) => ({
        ...key,
        createdAt: key.createdAt.toISOString(),
        lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
        revokedAt: key.revokedAt?.toISOString() ?? null,
      })),
    };
  }

  @Delete(":id")
  @HttpCode(204)
  async revoke(@CurrentMember() member: AuthenticatedMember, @Param("id") id: string): Promise<void> {
    await this.apiKeys.revoke(member.address, id);
  }
}
