import { IsString, Matches, MaxLength } from "class-validator";

/** POST /auth/verify: a Sign-In with Ethereum message and its signature. */
export class VerifySignInDto {
  /** The EIP-4361 message exactly as signed. */
  @IsString()
  @MaxLength(8_192)
  message!: string;

  /** The signature, 0x-hex: 65 bytes for an account, any length a contract wallet (ERC-1271, ERC-6492) accepts. */
  @IsString()
  @MaxLength(32_768)
  @Matches(/^0x(?:[0-9a-fA-F]{2})+$/, { message: "signature must be 0x-prefixed hex bytes" })
  signature!: `0x${string}`;
}
