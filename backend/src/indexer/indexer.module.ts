import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.js";
import { IndexerService } from "./indexer.service.js";
import { IndexerEvents } from "./indexer-events.js";

/** The embedded indexer: follows the chain and keeps the governance entities in the database. */
@Module({
  imports: [ChainModule],
  providers: [IndexerService, IndexerEvents],
  exports: [IndexerService, IndexerEvents],
})
export class IndexerModule {}
