import {
  GraphQLError,
  type GraphQLFieldConfigMap,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
} from "graphql";
import { getAddress, type Hex } from "viem";
import type { ChatContext } from "../chat/chat-graphql.js";
import type { RelayService } from "./relay.service.js";
import { RelayError } from "./relay-error.js";

const text = new GraphQLNonNull(GraphQLString);

const RelayedVote = new GraphQLObjectType({
  name: "RelayedVote",
  fields: { transactionHash: { type: text }, blockNumber: { type: text } },
});

interface RelayArgs {
  proposalId: string;
  support: number;
  voter: string;
  signature: string;
  reason?: string | null;
  params?: string | null;
}

/** `relayVote(...)`: the GraphQL twin of `POST /relay/vote` (the signed-in member's own signed ballot). */
export function relaySchemaExtensions(relay: RelayService): { mutation: GraphQLFieldConfigMap<unknown, unknown> } {
  const mutation: GraphQLFieldConfigMap<unknown, ChatContext> = {
    relayVote: {
      type: new GraphQLNonNull(RelayedVote),
      description:
        "Sends the member's EIP-712 Ballot with castVoteBySig; answers once mined. docs/API.md has the errors.",
      args: {
        proposalId: { type: text, description: "Decimal." },
        support: { type: new GraphQLNonNull(GraphQLInt), description: "0 Against, 1 For, 2 Abstain." },
        voter: { type: text },
        signature: { type: text },
        reason: { type: GraphQLString },
        params: { type: GraphQLString },
      },
      resolve: async (_root, args: RelayArgs, context) => {
        const member = await context.member();
        if (!member) {
          throw new GraphQLError("sign in first: a member relays their own vote", {
            extensions: { code: "AUTH_REQUIRED" },
          });
        }
        try {
          if (!/^\d+$/.test(args.proposalId))
            throw new RelayError("BAD_REQUEST", "proposalId must be a decimal integer");
          if (getAddress(args.voter) !== getAddress(member.address)) {
            throw new RelayError("VOTER_MISMATCH", "the ballot's voter must be the signed-in member");
          }
          const relayed = await relay.relay({
            proposalId: BigInt(args.proposalId),
            support: args.support,
            voter: getAddress(args.voter),
            signature: args.signature as Hex,
            ...(args.reason != null ? { reason: args.reason } : {}),
            ...(args.params != null ? { params: args.params as Hex } : {}),
          });
          return { transactionHash: relayed.transactionHash, blockNumber: relayed.blockNumber.toString() };
        } catch (error) {
          if (error instanceof RelayError) {
            throw new GraphQLError(error.message, {
              extensions: {
                code: error.code,
                ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
              },
            });
          }
          throw error;
        }
      },
    },
  };
  return { mutation: mutation as GraphQLFieldConfigMap<unknown, unknown> };
}
