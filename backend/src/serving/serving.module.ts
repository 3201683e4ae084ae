import { Module } from "@nestjs/common";
import { IndexerModule } from "../indexer/indexer.module.js";
import { RegistryModule } from "../registry/registry.module.js";
import { ModelServingService } from "./model-serving.service.js";
import { loadServingConfig, SERVING_CONFIG } from "./serving-config.js";

/** Loads and unloads model versions as the ModelRegistry approves and revokes them. */
@Module({
  imports: [RegistryModule, IndexerModule],
  providers: [ModelServingService, { provide: SERVING_CONFIG, useFactory: () => loadServingConfig() }],
  exports: [ModelServingService],
})
export class ServingModule {}
