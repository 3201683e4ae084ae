import { STATUS_CODES } from "node:http";
import { Body, Controller, HttpCode, HttpException, Inject, Post, Req, Res } from "@nestjs/common";
import { isAddressEqual } from "viem";
import { type HeaderSink, QuotaExceededException, setRetryAfter } from "../quota/quota-exceeded.exception.js";
import { parseRelayVote } from "./dto/relay-vote.dto.js";
import { RelayService } from "./relay.service.js";
import { RelayError } from "./relay-error.js";
import { type MemberRequest, RELAY_MEMBER_RESOLVER, type RelayMemberResolver } from "./relay-member-resolver.js";

/** `POST /relay/vote`'s answer: the mined transaction (block number as a decimal string). */
export interface RelayVoteResponse {
  transactionHash: string;
  blockNumber: string;
}

/**
 * `POST /relay/vote`: a signed-in member sends their signed ballot, the backend submits it and answers once it is
 * mined. Errors are `{ statusCode, error, message, code }` (docs/API.md); a rate limit adds Retry-After.
 */
@Controller("relay")
export class RelayController {
  constructor(
    @Inject(RelayService) private readonly relay: RelayService,
    @Inject(RELAY_MEMBER_RESOLVER) private readonly resolveMember: RelayMemberResolver,
  ) {}

  @Post("vote")
  @HttpCode(200)
  async vote(
    @Body() body: unknown,
    @Req() request: MemberRequest,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<RelayVoteResponse> {
    try {
      const member = await this.resolveMember(request);
      if (!member) throw new RelayError("AUTH_REQUIRED", "sign in first: a signed-in member relays their own vote");
      const vote = await parseRelayVote(body);
      if (!isAddressEqual(member.address, vote.voter)) {
        throw new RelayError(
          "VOTER_MISMATCH",
          `you are signed in as ${member.address}, but the ballot is ${vote.voter}'s; a member relays their own vote only`,
        );
      }
      const { transactionHash, blockNumber } = await this.relay.relay(vote);
      return { transactionHash, blockNumber: blockNumber.toString() };
    } catch (error) {
      if (!(error instanceof RelayError)) throw error;
      if (error.code === "RATE_LIMITED") {
        const exception = new QuotaExceededException({
          rule: "rateLimit",
          retryAfterSeconds: error.retryAfterSeconds ?? 1,
          message: error.message,
        });
        setRetryAfter(response, exception);
        throw exception;
      }
      throw new HttpException(
        { statusCode: error.status, error: STATUS_CODES[error.status], message: error.message, code: error.code },
        error.status,
      );
    }
  }
}
