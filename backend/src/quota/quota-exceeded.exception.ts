import { HttpException, HttpStatus } from "@nestjs/common";
import type { QuotaRefusal, QuotaRule } from "./quota.service.js";

/** `QUOTA_EXCEEDED` for the policy's quotas, `RATE_LIMITED` for burst limits. */
export type QuotaErrorCode = "QUOTA_EXCEEDED" | "RATE_LIMITED";

/** The JSON body of a 429. */
export interface QuotaExceededBody {
  statusCode: 429;
  error: "Too Many Requests";
  message: string;
  code: QuotaErrorCode;
  rule: QuotaRule;
  retryAfterSeconds: number;
}

/**
 * 429 Too Many Requests for a {@link QuotaRefusal}: the body names the rule and when it resets. An exception cannot
 * set headers; call {@link setRetryAfter} on the response before throwing it (or answer with {@link body} yourself).
 */
export class QuotaExceededException extends HttpException {
  readonly code: QuotaErrorCode;
  readonly rule: QuotaRule;
  readonly retryAfterSeconds: number;

  constructor(refusal: Pick<QuotaRefusal, "rule" | "retryAfterSeconds" | "message">) {
    const code: QuotaErrorCode = refusal.rule === "rateLimit" ? "RATE_LIMITED" : "QUOTA_EXCEEDED";
    const body: QuotaExceededBody = {
      statusCode: HttpStatus.TOO_MANY_REQUESTS,
      error: "Too Many Requests",
      message: refusal.message,
      code,
      rule: refusal.rule,
      retryAfterSeconds: refusal.retryAfterSeconds,
    };
    super(body, HttpStatus.TOO_MANY_REQUESTS);
    this.code = code;
    this.rule = refusal.rule;
    this.retryAfterSeconds = refusal.retryAfterSeconds;
  }

  /** The Retry-After header's value: whole seconds. */
  get retryAfter(): string {
    return String(this.retryAfterSeconds);
  }

  get body(): QuotaExceededBody {
    return this.getResponse() as QuotaExceededBody;
  }
}

/** The part of a response {@link setRetryAfter} uses (express's and Fastify's replies both have it). */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/**
 * Sets `Retry-After` on `response` from a {@link QuotaExceededException}; for a controller with
 * `@Res({ passthrough: true })`, before it throws the exception for Nest to answer.
 */
export function setRetryAfter(response: HeaderSink, exception: QuotaExceededException): void {
  response.setHeader("Retry-After", exception.retryAfter);
}
