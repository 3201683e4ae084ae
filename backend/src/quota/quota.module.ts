import { Inject, Logger, Module, type OnApplicationShutdown } from "@nestjs/common";
import { MemoryQuotaStore } from "./memory-quota-store.js";
import { QuotaService } from "./quota.service.js";
import { loadQuotaConfig, QUOTA_CONFIG, type QuotaConfig } from "./quota-config.js";
import { QUOTA_STORE, type QuotaStore } from "./quota-store.js";
import { RedisQuotaStore } from "./redis-quota-store.js";

/** Redis when REDIS_URL is set (checked now, so a wrong URL stops the startup with the reason), else memory. */
export async function openQuotaStore(config: QuotaConfig): Promise<QuotaStore> {
  if (!config.redisUrl) {
    new Logger("Quota").log({
      message: "quotas and rate limits counted in memory (one replica); set REDIS_URL to share them",
    });
    return new MemoryQuotaStore();
  }
  return RedisQuotaStore.connect(config.redisUrl, { keyPrefix: config.redisKeyPrefix });
}

/** Per-member quotas and rate limits ({@link QuotaService}), shared across replicas through REDIS_URL. */
@Module({
  providers: [
    { provide: QUOTA_CONFIG, useFactory: () => loadQuotaConfig() },
    { provide: QUOTA_STORE, inject: [QUOTA_CONFIG], useFactory: openQuotaStore },
    QuotaService,
  ],
  exports: [QuotaService, QUOTA_STORE, QUOTA_CONFIG],
})
export class QuotaModule implements OnApplicationShutdown {
  constructor(@Inject(QUOTA_STORE) private readonly store: QuotaStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
