import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.js";
import { IndexerModule } from "../indexer/indexer.module.js";
import { ServingModule } from "../serving/serving.module.js";
import { HealthController } from "./health.controller.js";

@Module({ imports: [ChainModule, IndexerModule, ServingModule], controllers: [HealthController] })
export class HealthModule {}
