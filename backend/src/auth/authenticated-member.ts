import type { Address } from "viem";

/** Who a request comes from, and by which credential. */
export interface AuthenticatedMember {
  /** The member's address (EIP-55 checksummed). */
  address: Address;
  /** A Sign-In with Ethereum session (cookie or bearer token), or a developer API key. */
  via: "session" | "apiKey";
  /** The API key's id, when `via` is `apiKey`. */
  keyId?: string;
  /** The session's id, when `via` is `session`. */
  sessionId?: string;
  /** When the session ends, when `via` is `session`. */
  expiresAt?: Date;
}
