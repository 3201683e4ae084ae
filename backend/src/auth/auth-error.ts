import { HttpException } from "@nestjs/common";

/** Every way sign-in or authentication can fail, with its HTTP status. The codes are stable: clients switch on them. */
const STATUS = {
  BAD_REQUEST: 400,
  BAD_MESSAGE: 400,
  AUTH_REQUIRED: 401,
  INVALID_SESSION: 401,
  SESSION_EXPIRED: 401,
  SESSION_REVOKED: 401,
  INVALID_API_KEY: 401,
  NONCE_INVALID: 401,
  NONCE_USED: 401,
  NONCE_EXPIRED: 401,
  MESSAGE_EXPIRED: 401,
  MESSAGE_NOT_YET_VALID: 401,
  WRONG_DOMAIN: 401,
  WRONG_URI: 401,
  WRONG_CHAIN: 401,
  BAD_SIGNATURE: 401,
  SESSION_REQUIRED: 403,
  API_KEY_NOT_FOUND: 404,
  API_KEY_LIMIT: 409,
  CHAIN_UNAVAILABLE: 503,
} as const;

export type AuthErrorCode = keyof typeof STATUS;

const REASON: Record<(typeof STATUS)[AuthErrorCode], string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  503: "Service Unavailable",
};

/** The JSON body of every auth error. */
export interface AuthErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: AuthErrorCode;
}

/**
 * An authentication or sign-in failure, answered as `{ statusCode, error, message, code }`. The message says what to
 * do next and never repeats a credential, a signature or a signed message.
 */
export class AuthError extends HttpException {
  override name = "AuthError";

  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    const statusCode = STATUS[code];
    super({ statusCode, error: REASON[statusCode], message, code } satisfies AuthErrorBody, statusCode);
  }
}
