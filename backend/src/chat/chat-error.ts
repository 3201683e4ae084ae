/** Stable codes of chat refusals; docs/API.md lists them with what the member can do. */
export type ChatErrorCode =
  | "AUTH_REQUIRED"
  | "NO_ACTIVE_POLICY"
  | "MEMBERSHIP_REQUIRED"
  | "MODEL_NOT_ALLOWED"
  | "MODEL_NOT_APPROVED"
  | "MODEL_NOT_LOADED"
  | "MODEL_REVOKED"
  | "INPUT_TOO_LONG"
  | "OUTPUT_LIMIT"
  | "PROMPT_INJECTION_REFUSED"
  | "QUOTA_EXCEEDED"
  | "RATE_LIMITED"
  | "BAD_REQUEST";

const STATUS: Record<ChatErrorCode, number> = {
  AUTH_REQUIRED: 401,
  NO_ACTIVE_POLICY: 503,
  MEMBERSHIP_REQUIRED: 403,
  MODEL_NOT_ALLOWED: 403,
  MODEL_NOT_APPROVED: 404,
  MODEL_NOT_LOADED: 503,
  MODEL_REVOKED: 410,
  INPUT_TOO_LONG: 400,
  OUTPUT_LIMIT: 400,
  PROMPT_INJECTION_REFUSED: 400,
  QUOTA_EXCEEDED: 429,
  RATE_LIMITED: 429,
  BAD_REQUEST: 400,
};

/**
 * A chat request refused or ended, with the rule that decided it and what the member can do about it. Its message
 * never contains anything of the conversation.
 */
export class ChatError extends Error {
  override name = "ChatError";
  readonly status: number;

  constructor(
    readonly code: ChatErrorCode,
    message: string,
    readonly details: { rule?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
