// The one error class of the privacy library. Its messages and details never hold any text that was scanned: only
// option values a caller passed (a category mask, a name), so an error can be logged as is.

/** What went wrong; see docs/PRIVACY.md#errors. */
export type PrivacyErrorCode = "unknown-categories" | "invalid-option" | "stream-ended" | "session-disposed";

/** An error of the privacy library: a misuse by the caller, never about the content of a prompt or answer. */
export class PrivacyError extends Error {
  override readonly name = "PrivacyError";
  /** Where to read more. */
  readonly docsPath = "docs/PRIVACY.md#errors";

  constructor(
    readonly code: PrivacyErrorCode,
    readonly shortMessage: string,
  ) {
    super(`${shortMessage} (${code}; see docs/PRIVACY.md#errors)`);
  }
}
