import { Module } from "@nestjs/common";
import { AuthModule } from "../auth/auth.module.js";
import { AuthService } from "../auth/auth.service.js";
import { ChainModule } from "../chain/chain.module.js";
import { IndexerModule } from "../indexer/indexer.module.js";
import { QuotaModule } from "../quota/quota.module.js";
import { ReceiptsModule } from "../receipts/receipts.module.js";
import { RegistryModule } from "../registry/registry.module.js";
import { ServingModule } from "../serving/serving.module.js";
import { ChatService } from "./chat.service.js";
import { ConversationStore } from "./conversation-store.js";
import { MEMBER_RESOLVER, type MemberResolver } from "./member-resolver.js";
import { MembershipService } from "./membership.service.js";
import { OpenAiController } from "./openai.controller.js";
import { UsageRecorder } from "./usage-recorder.js";

/** Chat with the approved models under the active policy: GraphQL (see graphql/) and the OpenAI-compatible REST API. */
@Module({
  imports: [AuthModule, ChainModule, IndexerModule, QuotaModule, ReceiptsModule, RegistryModule, ServingModule],
  controllers: [OpenAiController],
  providers: [
    ChatService,
    MembershipService,
    UsageRecorder,
    ConversationStore,
    {
      provide: MEMBER_RESOLVER,
      inject: [AuthService],
      useFactory: (auth: AuthService): MemberResolver => ({ resolve: (headers) => auth.resolve(headers) }),
    },
  ],
  exports: [ChatService, UsageRecorder, ConversationStore, MEMBER_RESOLVER],
})
export class ChatModule {}
