import { Inject, Injectable, Logger } from "@nestjs/common";
import { SiweMessage } from "siwe";
import { type Address, getAddress, type Hex } from "viem";
import { ChainService } from "../chain/chain.service.js";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { AuthError } from "./auth-error.js";
import { NonceService } from "./nonce.service.js";

/** A verified sign-in: who signed, and the end the message set for itself, if any. */
export interface VerifiedSignIn {
  address: Address;
  expirationTime?: Date;
}

/**
 * Verifies Sign-In with Ethereum messages (EIP-4361): the message must be for this backend (AUTH_DOMAIN, a URI on
 * that domain, CHAIN_ID), within its validity times, carry an unused nonce of ours, and be signed by its address.
 * Signatures are checked by the chain's client, so contract wallets (ERC-1271) and not-yet-deployed ones (ERC-6492)
 * sign in as well as plain accounts.
 */
@Injectable()
export class SignInService {
  readonly #logger = new Logger("Auth");

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ChainService) private readonly chain: ChainService,
    @Inject(NonceService) private readonly nonces: NonceService,
  ) {}

  /**
   * Checks `message` and `signature`, cheapest first: the text, the domain, URI, chain and times, then the nonce
   * (used up from here on, whatever follows), then the signature.
   */
  async verify(message: string, signature: Hex): Promise<VerifiedSignIn> {
    const siwe = parse(message);
    this.#checkAudience(siwe);
    const expirationTime = this.#checkTimes(siwe);
    await this.nonces.consume(siwe.nonce);
    const address = getAddress(siwe.address);
    let valid: boolean;
    try {
      valid = await this.chain.client.verifyMessage({ address, message, signature });
    } catch (error) {
      // Not the error's message: viem's call errors quote the call data, which holds the signature.
      this.#logger.error({ message: "cannot verify a sign-in signature", error: (error as Error).name });
      throw new AuthError(
        "CHAIN_UNAVAILABLE",
        "the signature could not be checked because the chain is unreachable; try again shortly with a new nonce",
      );
    }
    if (!valid) {
      throw new AuthError(
        "BAD_SIGNATURE",
        `the signature is not ${address}'s signature of this message (signed by another account, or of other text); sign the exact message with the account it names, using a new nonce`,
      );
    }
    return { address, expirationTime };
  }

  #checkAudience(siwe: SiweMessage): void {
    const { domains } = this.config.auth;
    const domain = siwe.domain.toLowerCase();
    if (!domains.includes(domain)) {
      throw new AuthError(
        "WRONG_DOMAIN",
        `the message is for ${siwe.domain}, but this backend accepts sign-ins for ${domains.join(", ")} (AUTH_DOMAIN); sign a message for ${domains[0]}`,
      );
    }
    let uri: URL | undefined;
    try {
      uri = new URL(siwe.uri);
    } catch {
      uri = undefined;
    }
    const scheme = uri?.protocol.slice(0, -1);
    if (!uri || (scheme !== "http" && scheme !== "https") || uri.host.toLowerCase() !== domain) {
      throw new AuthError(
        "WRONG_URI",
        `the message's URI must be an http(s) URL on its domain ${siwe.domain}, e.g. https://${siwe.domain}/`,
      );
    }
    if (siwe.scheme !== undefined && siwe.scheme !== scheme) {
      throw new AuthError(
        "WRONG_URI",
        `the message's scheme (${siwe.scheme}) differs from its URI's (${scheme}); use the same in both`,
      );
    }
    if (siwe.chainId !== this.config.chainId) {
      throw new AuthError(
        "WRONG_CHAIN",
        `the message is for chain ${siwe.chainId}, but this backend serves chain ${this.config.chainId}; switch the wallet to chain ${this.config.chainId} and sign again`,
      );
    }
  }

  /** Checks Issued At, Not Before and Expiration Time against the clock (with AUTH_CLOCK_SKEW_SECONDS of slack). */
  #checkTimes(siwe: SiweMessage): Date | undefined {
    const now = Date.now();
    const skew = this.config.auth.clockSkewSeconds * 1000;
    const issuedAt = siwe.issuedAt ? Date.parse(siwe.issuedAt) : Number.NaN;
    if (Number.isNaN(issuedAt)) throw new AuthError("BAD_MESSAGE", "the message needs a valid Issued At time");
    if (issuedAt > now + skew) {
      throw new AuthError(
        "MESSAGE_NOT_YET_VALID",
        "the message's Issued At is in the future; check the device's clock and sign a new message",
      );
    }
    if (siwe.notBefore !== undefined && Date.parse(siwe.notBefore) > now + skew) {
      throw new AuthError(
        "MESSAGE_NOT_YET_VALID",
        `the message is not valid before ${siwe.notBefore}; sign in from then, or sign a message without Not Before`,
      );
    }
    if (siwe.expirationTime === undefined) return undefined;
    const expirationTime = new Date(siwe.expirationTime);
    if (expirationTime.getTime() <= now) {
      throw new AuthError(
        "MESSAGE_EXPIRED",
        `the message expired at ${siwe.expirationTime}; get a new nonce from POST /auth/nonce and sign a new message`,
      );
    }
    return expirationTime;
  }
}

/** The message as EIP-4361 defines it (siwe's ABNF parser: fields, EIP-55 address, nonce, ISO 8601 times). */
function parse(message: string): SiweMessage {
  try {
    return new SiweMessage(message);
  } catch (error) {
    // The parser's first line names the field; the rest is its internal state.
    const reason = String((error as Error).message ?? error).split("\n")[0];
    throw new AuthError(
      "BAD_MESSAGE",
      `the message is not a Sign-In with Ethereum (EIP-4361) message: ${reason}; build it with a SIWE library`,
    );
  }
}
