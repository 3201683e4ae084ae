import { Inject, Injectable, Logger, type OnApplicationShutdown } from "@nestjs/common";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { MemoryQuotaStore } from "../quota/memory-quota-store.js";
import { QuotaService } from "../quota/quota.service.js";
import { QUOTA_CONFIG, type QuotaConfig } from "../quota/quota-config.js";
import { QuotaExceededException } from "../quota/quota-exceeded.exception.js";
import { QUOTA_STORE, type QuotaStore } from "../quota/quota-store.js";

/**
 * Client addresses counted at once without REDIS_URL: about 150 bytes each, so at most ~15 MB however many addresses
 * ask. Beyond it the oldest counters are dropped (see MemoryQuotaStore's maxKeys).
 */
const MAX_COUNTED_ADDRESSES = 100_000;

/** How often a failure of the counters' store is logged, at most. */
const WARN_EVERY_MS = 60_000;

/**
 * The rate limit of `POST /auth/nonce`: AUTH_NONCE_RATE_LIMIT_PER_MINUTE nonces per client address, in fixed
 * one-minute windows, so that nobody can fill the nonce table. With REDIS_URL the replicas count together in the
 * quota store they share; without it, counters are kept in this process, in a store of their own that holds a bounded
 * number of addresses (a flood of addresses must neither grow memory without end nor push members' chat quotas out).
 *
 * When the store cannot be reached (Redis down), nonces are still issued and a warning is logged: sign-in must not
 * stop with Redis.
 */
@Injectable()
export class NonceRateLimit implements OnApplicationShutdown {
  readonly #logger = new Logger("NonceRateLimit");
  readonly #limiter: QuotaService;
  readonly #ownStore: MemoryQuotaStore | undefined;
  readonly #limit: number;
  readonly #nonceTtlSeconds: number;
  #warnedAt = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(QUOTA_CONFIG) quotaConfig: QuotaConfig,
    @Inject(QUOTA_STORE) sharedStore: QuotaStore,
  ) {
    this.#limit = config.auth.nonceRateLimitPerMinute;
    this.#nonceTtlSeconds = config.auth.nonceTtlSeconds;
    this.#ownStore = quotaConfig.redisUrl ? undefined : new MemoryQuotaStore({ maxKeys: MAX_COUNTED_ADDRESSES });
    this.#limiter = new QuotaService(this.#ownStore ?? sharedStore, quotaConfig);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.#ownStore?.close();
  }

  /**
   * Counts one nonce for `address` (see clientAddress); throws a {@link QuotaExceededException} (429, code
   * RATE_LIMITED, with when to retry) once the address has had its nonces for this minute.
   */
  async admit(address: string): Promise<void> {
    let admission: Awaited<ReturnType<QuotaService["limit"]>>;
    try {
      admission = await this.#limiter.limit(address, {
        name: "auth-nonce",
        limit: this.#limit,
        windowSeconds: 60,
        what: "sign-in nonces",
      });
    } catch (error) {
      const now = Date.now();
      if (now - this.#warnedAt >= WARN_EVERY_MS) {
        this.#warnedAt = now;
        this.#logger.warn({
          message: "cannot count sign-in nonces; issuing them without the rate limit",
          error: (error as Error).message,
        });
      }
      return;
    }
    if (admission.ok) return;
    throw new QuotaExceededException({
      rule: "rateLimit",
      retryAfterSeconds: admission.retryAfterSeconds,
      message: `too many sign-in nonces from your address (at most ${this.#limit} per minute); sign in with a nonce you already have (each lasts ${this.#nonceTtlSeconds} s), or ask again in ${admission.retryAfterSeconds} s`,
    });
  }
}
