import { Module } from "@nestjs/common";
import { ChainModule } from "../chain/chain.module.js";
import { HealthController } from "./health.controller.js";

@Module({ imports: [ChainModule], controllers: [HealthController] })
export class HealthModule {}
