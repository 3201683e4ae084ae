// The one error class of receipts: raised when a receipt cannot be signed or cannot be checked at all. An invalid
// receipt is not an error: verifyReceipt reports it with `valid: false` and its problems.

/** What went wrong; see docs/API.md#inference-receipts. */
export type ReceiptErrorCode = "invalid-signing-key" | "invalid-receipt-fields" | "wrong-chain";

export class ReceiptError extends Error {
  override readonly name = "ReceiptError";
  /** Where to read more. */
  readonly docsPath = "docs/API.md#inference-receipts";

  constructor(
    readonly code: ReceiptErrorCode,
    readonly shortMessage: string,
  ) {
    super(`${shortMessage} (${code}; see docs/API.md#inference-receipts)`);
  }
}
