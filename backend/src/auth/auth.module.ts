import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.js";
import { QuotaModule } from "../quota/quota.module.js";
import { ApiKeyService } from "./api-key.service.js";
import { ApiKeysController } from "./api-keys.controller.js";
import { AuthController } from "./auth.controller.js";
import { AuthService } from "./auth.service.js";
import { AuthenticatedGuard } from "./authenticated.guard.js";
import { NonceService } from "./nonce.service.js";
import { NonceRateLimit } from "./nonce-rate-limit.js";
import { SessionService } from "./session.service.js";
import { SignInService } from "./sign-in.service.js";

/**
 * Who may call the API: Sign-In with Ethereum sessions and developer API keys (`/auth/...`). Other modules import it
 * for {@link AuthService} (`authenticate(headers)`), {@link AuthenticatedGuard} and `@CurrentMember()`.
 */
@Module({
  imports: [ChainModule, QuotaModule],
  controllers: [AuthController, ApiKeysController],
  providers: [
    NonceService,
    NonceRateLimit,
    SignInService,
    SessionService,
    ApiKeyService,
    AuthService,
    AuthenticatedGuard,
  ],
  exports: [AuthService, AuthenticatedGuard],
})
export class AuthModule {}
