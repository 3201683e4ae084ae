import { Inject, Injectable, Logger, Optional } from "@nestjs/common";
import { QUOTA_CONFIG, type QuotaConfig } from "./quota-config.js";
import { QUOTA_STORE, type QuotaCounter, type QuotaStore } from "./quota-store.js";

/** The quota fields of the active UsagePolicy (subgraph/schema.graphql `UsagePolicy`). */
export interface QuotaPolicy {
  /** Seconds per quota period. */
  quotaPeriod: number;
  /** Requests one member may make per period. */
  requestQuota: number;
  /** Tokens (prompt plus completion) one member may use per period. */
  tokenQuota: number;
}

/** The rule that refused a request: the policy's two quotas, or a burst rate limit. */
export type QuotaRule = "requestQuota" | "tokenQuota" | "rateLimit";

/** A refusal: the rule, when it resets and a message saying both. */
export interface QuotaRefusal {
  ok: false;
  rule: QuotaRule;
  /** Seconds until the rule's window ends (at least 1): the Retry-After value. */
  retryAfterSeconds: number;
  message: string;
}

/** Tokens held for one request until {@link QuotaService.settle} says how many it used. */
export interface QuotaReservation {
  readonly member: string;
  /** Tokens held: the request's maximum (input plus the most output it may generate). */
  readonly reserved: number;
  /** The token counter the reservation was taken from. */
  readonly tokenKey: string;
}

export type QuotaAdmission = { ok: true; reservation: QuotaReservation } | QuotaRefusal;

/** A burst limit that is not part of the policy, e.g. relayed votes per hour. */
export interface RateLimit {
  /** Names the limit's counters (`relay`, ...); limits with different names count separately. */
  name: string;
  /** Most actions per window. */
  limit: number;
  windowSeconds: number;
  /** What is counted, in the plural, for the message ("relayed votes"). */
  what: string;
}

/** Milliseconds since the epoch; tests inject their own. */
export type Clock = () => number;

/** Optional provider of a {@link Clock} (default Date.now). */
export const QUOTA_CLOCK = Symbol("QUOTA_CLOCK");

/** The window `now` falls in: fixed windows aligned to multiples of the window length since the epoch. */
function windowOf(nowMs: number, seconds: number): { index: number; secondsLeft: number } {
  const index = Math.floor(nowMs / 1000 / seconds);
  return { index, secondsLeft: (index + 1) * seconds - nowMs / 1000 };
}

/**
 * Per-member quotas and rate limits, counted in the {@link QuotaStore} so that every replica sharing it enforces one
 * limit. Windows are fixed and aligned to `floor(now / length)`: a daily quota resets at 00:00 UTC for everybody, and
 * a member may use up to twice a limit across a window boundary (a sliding window would prevent that, at more cost
 * per request).
 *
 * Tokens are reserved at their maximum before generating and {@link settle}d to what was used afterwards, so requests
 * running at the same time can never use more than the token quota together.
 */
@Injectable()
export class QuotaService {
  readonly #logger = new Logger("Quota");
  readonly #clock: Clock;
  readonly #settled = new WeakSet<QuotaReservation>();

  constructor(
    @Inject(QUOTA_STORE) private readonly store: QuotaStore,
    @Inject(QUOTA_CONFIG) private readonly config: QuotaConfig,
    @Optional() @Inject(QUOTA_CLOCK) clock?: Clock,
  ) {
    this.#clock = clock ?? Date.now;
  }

  /**
   * Admits one chat request of `member` under `policy` if its request quota, its token quota (for `tokens.requested`,
   * the most the request may use) and the burst rate limit (CHAT_RATE_LIMIT_PER_MINUTE) all have room, counting it
   * against all three; otherwise counts nothing and says which rule refused and when it resets. Call {@link settle}
   * with an admitted request's actual tokens when it ends, however it ends.
   */
  async reserve(member: string, policy: QuotaPolicy, tokens: { requested: number }): Promise<QuotaAdmission> {
    const { quotaPeriod, requestQuota, tokenQuota } = policy;
    if (!Number.isSafeInteger(tokens.requested) || tokens.requested < 0) {
      throw new RangeError(`tokens.requested must be a non-negative integer, not ${tokens.requested}`);
    }
    if (!(quotaPeriod > 0 && requestQuota > 0 && tokenQuota > 0)) {
      throw new RangeError(`the policy's quotas must be above zero (${quotaPeriod} s, ${requestQuota}, ${tokenQuota})`);
    }
    const now = this.#clock();
    const id = memberTag(member);
    const period = windowOf(now, quotaPeriod);
    const minute = windowOf(now, 60);
    const counters: QuotaCounter[] = [
      {
        key: `${id}:chat:requests:${quotaPeriod}:${period.index}`,
        amount: 1,
        limit: requestQuota,
        ttlSeconds: period.secondsLeft,
      },
      {
        key: `${id}:chat:tokens:${quotaPeriod}:${period.index}`,
        amount: tokens.requested,
        limit: tokenQuota,
        ttlSeconds: period.secondsLeft,
      },
      {
        key: `${id}:chat:rate:60:${minute.index}`,
        amount: 1,
        limit: this.config.chatRateLimitPerMinute,
        ttlSeconds: minute.secondsLeft,
      },
    ];
    const [requests, tokensKey, rate] = counters as [QuotaCounter, QuotaCounter, QuotaCounter];
    const { applied, values } = await this.store.consume(counters);
    if (applied) {
      return {
        ok: true,
        reservation: { member: member.toLowerCase(), reserved: tokens.requested, tokenKey: tokensKey.key },
      };
    }
    const [usedRequests = 0, usedTokens = 0, usedRate = 0] = values;
    // When several rules refuse, report the one that lifts last: retrying when another lifts would fail again.
    const refusals: QuotaRefusal[] = [];
    if (usedRequests + requests.amount > requests.limit) {
      const after = retryAfter(period.secondsLeft);
      refusals.push({
        ok: false,
        rule: "requestQuota",
        retryAfterSeconds: after,
        message: `request quota of ${requestQuota} per ${quotaPeriod} s used up; try again in ${after} s`,
      });
    }
    if (usedTokens + tokensKey.amount > tokensKey.limit) {
      const after = retryAfter(period.secondsLeft);
      refusals.push({
        ok: false,
        rule: "tokenQuota",
        retryAfterSeconds: after,
        message:
          tokens.requested > tokenQuota
            ? `this request may use up to ${tokens.requested} tokens, more than the whole token quota of ${tokenQuota} per ${quotaPeriod} s; ask for fewer output tokens or send a shorter conversation`
            : `token quota of ${tokenQuota} per ${quotaPeriod} s used up (${usedTokens} used or held, this request may use up to ${tokens.requested}); ask for fewer output tokens or try again in ${after} s`,
      });
    }
    if (usedRate + rate.amount > rate.limit) {
      const after = retryAfter(minute.secondsLeft);
      refusals.push({
        ok: false,
        rule: "rateLimit",
        retryAfterSeconds: after,
        message: `rate limit of ${rate.limit} chat requests per 60 s reached; try again in ${after} s`,
      });
    }
    const refusal = refusals.sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)[0];
    if (!refusal) throw new Error("the quota store refused a request although every counter had room");
    return refusal;
  }

  /**
   * Settles a reservation to the tokens the request actually used: refunds the rest of what {@link reserve} held
   * (or charges the excess). Once per reservation; later calls do nothing. A failure to refund is logged, not thrown:
   * the member is then charged the reserved maximum.
   */
  async settle(reservation: QuotaReservation, actualTokens: number): Promise<void> {
    if (this.#settled.has(reservation)) return;
    this.#settled.add(reservation);
    const delta = Math.max(0, Math.round(actualTokens)) - reservation.reserved;
    if (delta === 0) return;
    try {
      await this.store.adjust(reservation.tokenKey, delta);
    } catch (error) {
      this.#logger.warn({ message: "could not settle a token reservation", error: (error as Error).message });
    }
  }

  /** Counts one action of `member` against a rate limit of its own (e.g. relayed votes per hour). */
  async limit(member: string, rule: RateLimit): Promise<{ ok: true } | QuotaRefusal> {
    const window = windowOf(this.#clock(), rule.windowSeconds);
    const counter: QuotaCounter = {
      key: `${memberTag(member)}:${rule.name}:rate:${rule.windowSeconds}:${window.index}`,
      amount: 1,
      limit: rule.limit,
      ttlSeconds: window.secondsLeft,
    };
    const { applied } = await this.store.consume([counter]);
    if (applied) return { ok: true };
    const after = retryAfter(window.secondsLeft);
    return {
      ok: false,
      rule: "rateLimit",
      retryAfterSeconds: after,
      message: `rate limit of ${rule.limit} ${rule.what} per ${rule.windowSeconds} s reached; try again in ${after} s`,
    };
  }
}

/** Whole seconds, at least 1, so that a client waiting that long finds the window over. */
function retryAfter(secondsLeft: number): number {
  return Math.max(1, Math.ceil(secondsLeft));
}

/**
 * The member's part of every key, in braces: a Redis Cluster hash tag, so all of one member's counters are on one
 * node and a script may touch them together.
 */
function memberTag(member: string): string {
  return `{${member.toLowerCase()}}`;
}
