import { plainToInstance } from "class-transformer";
import { IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, validate } from "class-validator";
import type { Address, Hex } from "viem";
import { MAX_PARAMS_BYTES, MAX_REASON_LENGTH, type RelayVoteInput } from "../relay.service.js";
import { RelayError } from "../relay-error.js";

/** The body of `POST /relay/vote`: a signed ballot. Unknown fields are ignored. */
export class RelayVoteDto {
  /** Decimal, as uint256 ids do not fit a JSON number. */
  @Matches(/^[0-9]{1,78}$/, { message: "proposalId must be the proposal id as a decimal string" })
  proposalId!: string;

  @IsInt({ message: "support must be 0 (Against), 1 (For) or 2 (Abstain)" })
  @IsIn([0, 1, 2], { message: "support must be 0 (Against), 1 (For) or 2 (Abstain)" })
  support!: number;

  @Matches(/^0x[0-9a-fA-F]{40}$/, { message: "voter must be an address (0x followed by 40 hex digits)" })
  voter!: string;

  @Matches(/^0x([0-9a-fA-F]{2})+$/, { message: "signature must be hex bytes (0x...)" })
  @MaxLength(20_000, { message: "signature must be at most 10000 bytes" })
  signature!: string;

  /** Given (even empty): the ballot is an ExtendedBallot. */
  @IsOptional()
  @IsString({ message: "reason must be text" })
  @MaxLength(MAX_REASON_LENGTH, { message: `reason must be at most ${MAX_REASON_LENGTH} characters` })
  reason?: string;

  @IsOptional()
  @Matches(/^0x([0-9a-fA-F]{2})*$/, { message: "params must be hex bytes (0x...)" })
  @MaxLength(2 + 2 * MAX_PARAMS_BYTES, { message: `params must be at most ${MAX_PARAMS_BYTES} bytes` })
  params?: string;
}

/** Validates a request body into a {@link RelayVoteInput}; BAD_REQUEST lists every problem. */
export async function parseRelayVote(body: unknown): Promise<RelayVoteInput> {
  const dto = plainToInstance(RelayVoteDto, typeof body === "object" && body !== null ? body : {});
  const errors = await validate(dto, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new RelayError("BAD_REQUEST", `invalid vote: ${[...new Set(problems)].join("; ")}`);
  }
  return {
    proposalId: BigInt(dto.proposalId),
    support: dto.support,
    voter: dto.voter as Address,
    signature: dto.signature as Hex,
    ...(dto.reason !== undefined ? { reason: dto.reason } : {}),
    ...(dto.params !== undefined ? { params: dto.params as Hex } : {}),
  };
}
