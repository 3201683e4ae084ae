import { Module } from "@nestjs/common";
import { AuthModule } from "../auth/auth.module.js";
import { AuthService } from "../auth/auth.service.js";
import { ChainModule } from "../chain/chain.module.js";
import { QuotaModule } from "../quota/quota.module.js";
import { RelayController } from "./relay.controller.js";
import { RelayService } from "./relay.service.js";
import { loadRelayConfig, RELAY_CONFIG } from "./relay-config.js";
import { type MemberRequest, RELAY_MEMBER_RESOLVER, type RelayMemberResolver } from "./relay-member-resolver.js";

/**
 * Gasless votes: {@link RelayService} submits members' signed ballots with `castVoteBySig`; `POST /relay/vote`.
 * The member is whoever the request's session or API key belongs to (AuthService); anonymous requests get 401.
 */
@Module({
  imports: [AuthModule, ChainModule, QuotaModule],
  controllers: [RelayController],
  providers: [
    RelayService,
    { provide: RELAY_CONFIG, useFactory: () => loadRelayConfig() },
    {
      provide: RELAY_MEMBER_RESOLVER,
      inject: [AuthService],
      useFactory:
        (auth: AuthService): RelayMemberResolver =>
        (request: MemberRequest) =>
          auth.resolve(request.headers),
    },
  ],
  exports: [RelayService],
})
export class RelayModule {}
