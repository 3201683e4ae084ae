import { Module } from "@nestjs/common";
import { ChainModule } from "./chain/chain.module.js";
import { ConfigModule } from "./config/config.module.js";
import { DatabaseModule } from "./database/database.module.js";
import { HealthModule } from "./health/health.module.js";

/** The Commons AI backend. More domains (indexer, governance, registry, graphql, chat) join as they are built. */
@Module({ imports: [ConfigModule, DatabaseModule, ChainModule, HealthModule] })
export class AppModule {}
