import { Module } from "@nestjs/common";
import { AuthModule } from "./auth/auth.module.js";
import { ChainModule } from "./chain/chain.module.js";
import { ChatModule } from "./chat/chat.module.js";
import { ConfigModule } from "./config/config.module.js";
import { DatabaseModule } from "./database/database.module.js";
import { GraphqlApiModule } from "./graphql/graphql-api.module.js";
import { HealthModule } from "./health/health.module.js";
import { IndexerModule } from "./indexer/indexer.module.js";
import { MetricsModule } from "./metrics/metrics.module.js";
import { QuotaModule } from "./quota/quota.module.js";
import { ReceiptsModule } from "./receipts/receipts.module.js";
import { RegistryModule } from "./registry/registry.module.js";
import { RelayModule } from "./relay/relay.module.js";
import { ServingModule } from "./serving/serving.module.js";

/** The Commons AI backend. */
@Module({
  imports: [
    ConfigModule,
    MetricsModule,
    DatabaseModule,
    ChainModule,
    IndexerModule,
    GraphqlApiModule,
    RegistryModule,
    ServingModule,
    AuthModule,
    QuotaModule,
    ReceiptsModule,
    ChatModule,
    RelayModule,
    HealthModule,
  ],
})
export class AppModule {}
