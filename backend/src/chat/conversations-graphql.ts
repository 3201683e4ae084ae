import { GraphQLBoolean, type GraphQLFieldConfigMap, GraphQLInt, GraphQLObjectType, GraphQLString } from "graphql";
import type { SchemaExtensions } from "../graphql/entity-graphql-schema.js";
import { list, nonNull } from "../graphql/type-builders.js";
import { type ChatContext, requireMember } from "./chat-graphql.js";
import type { ConversationRecord, ConversationStore } from "./conversation-store.js";

/** The most conversations one `myConversations` call returns. */
export const MAX_CONVERSATIONS_PAGE = 100;

const StoredMessage = new GraphQLObjectType({
  name: "StoredMessage",
  fields: { role: { type: nonNull(GraphQLString) }, content: { type: nonNull(GraphQLString) } },
});

const ConversationType = new GraphQLObjectType<ConversationRecord>({
  name: "Conversation",
  description:
    "A conversation kept under a policy with retention above 0: what the model saw (redacted) and its answer, until `expiresAt`.",
  fields: {
    id: { type: nonNull(GraphQLString) },
    createdAt: { type: nonNull(GraphQLString), resolve: (c) => c.createdAt.toISOString() },
    expiresAt: { type: nonNull(GraphQLString), resolve: (c) => c.expiresAt.toISOString() },
    modelId: { type: nonNull(GraphQLString) },
    modelVersion: { type: nonNull(GraphQLString) },
    messages: { type: list(StoredMessage) },
    answer: { type: nonNull(GraphQLString) },
  },
});

/**
 * The signed-in member's stored conversations: `myConversations`, `myConversation` (queries),
 * `deleteMyConversation`, `deleteMyConversations` (mutations). Nobody else's are ever reachable.
 */
export function conversationSchemaExtensions(
  store: ConversationStore,
): Pick<Required<SchemaExtensions>, "query" | "mutation"> {
  const query: GraphQLFieldConfigMap<unknown, ChatContext> = {
    myConversations: {
      type: list(ConversationType),
      description: `The signed-in member's stored conversations, newest first (\`first\`: 1 to ${MAX_CONVERSATIONS_PAGE}).`,
      args: { first: { type: GraphQLInt, defaultValue: 20 } },
      resolve: async (_root, args: { first: number }, context) => {
        const member = await requireMember(context);
        return store.list(member.address, Math.min(Math.max(args.first, 1), MAX_CONVERSATIONS_PAGE));
      },
    },
    myConversation: {
      type: ConversationType,
      description:
        "One stored conversation of the signed-in member; null when it expired, was deleted or is not theirs.",
      args: { id: { type: nonNull(GraphQLString) } },
      resolve: async (_root, args: { id: string }, context) => {
        const member = await requireMember(context);
        return (await store.find(member.address, args.id)) ?? null;
      },
    },
  };
  const mutation: GraphQLFieldConfigMap<unknown, ChatContext> = {
    deleteMyConversation: {
      type: nonNull(GraphQLBoolean),
      description:
        "Deletes one of the signed-in member's stored conversations now; false when there is none by that id.",
      args: { id: { type: nonNull(GraphQLString) } },
      resolve: async (_root, args: { id: string }, context) => {
        const member = await requireMember(context);
        return store.delete(member.address, args.id);
      },
    },
    deleteMyConversations: {
      type: nonNull(GraphQLInt),
      description: "Deletes every stored conversation of the signed-in member now; returns how many.",
      resolve: async (_root, _args, context) => {
        const member = await requireMember(context);
        return store.deleteAll(member.address);
      },
    },
  };
  return {
    query: query as GraphQLFieldConfigMap<unknown, unknown>,
    mutation: mutation as GraphQLFieldConfigMap<unknown, unknown>,
  };
}
