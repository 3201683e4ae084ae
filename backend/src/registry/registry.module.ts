import { Module } from "@nestjs/common";
import { RegistryService } from "./registry.service.js";

/** The registries' current decisions (servable model versions, active policy), from the indexed entities. */
@Module({ providers: [RegistryService], exports: [RegistryService] })
export class RegistryModule {}
