/** Stable codes of relay refusals; docs/API.md lists them with what the member can do. */
export type RelayErrorCode =
  | "BAD_REQUEST"
  | "AUTH_REQUIRED"
  | "VOTER_MISMATCH"
  | "RELAY_DISABLED"
  | "RATE_LIMITED"
  | "PROPOSAL_NOT_ACTIVE"
  | "ALREADY_VOTED"
  | "BAD_SIGNATURE"
  | "NO_VOTING_POWER"
  | "RELAY_FAILED";

const STATUS: Record<RelayErrorCode, number> = {
  BAD_REQUEST: 400,
  AUTH_REQUIRED: 401,
  VOTER_MISMATCH: 403,
  RELAY_DISABLED: 503,
  RATE_LIMITED: 429,
  PROPOSAL_NOT_ACTIVE: 409,
  ALREADY_VOTED: 409,
  BAD_SIGNATURE: 400,
  NO_VOTING_POWER: 403,
  RELAY_FAILED: 502,
};

/** A vote the backend did not relay, with a stable code and a message saying what to do. */
export class RelayError extends Error {
  override name = "RelayError";
  /** The HTTP status a controller answers with. */
  readonly status: number;

  constructor(
    readonly code: RelayErrorCode,
    message: string,
    /** For RATE_LIMITED: seconds until the limit lifts (Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
