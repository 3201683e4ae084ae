import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  type GraphQLFieldConfigMap,
  GraphQLFloat,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLObjectType,
  GraphQLString,
} from "graphql";
import type { SchemaExtensions } from "../graphql/entity-graphql-schema.js";
import { list, nonNull } from "../graphql/type-builders.js";
import type { ChatAnswer, ChatEvent, ChatRequest, ChatService, Member } from "./chat.service.js";
import { ChatError } from "./chat-error.js";
import type { UsageRecorder } from "./usage-recorder.js";

/** What GraphQL resolvers find in the context: the member, resolved from the request's credentials. */
export interface ChatContext {
  member: () => Promise<Member | undefined>;
}

const Role = new GraphQLEnumType({
  name: "ChatRole",
  values: { system: { value: "system" }, user: { value: "user" }, assistant: { value: "assistant" } },
});

const ChatMessageInput = new GraphQLInputObjectType({
  name: "ChatMessageInput",
  fields: { role: { type: nonNull(Role) }, content: { type: nonNull(GraphQLString) } },
});

const ChatOptionsInput = new GraphQLInputObjectType({
  name: "ChatOptionsInput",
  fields: {
    maxTokens: { type: GraphQLInt, description: "Default and ceiling: the active policy's maxOutputTokens." },
    temperature: { type: GraphQLFloat, description: "0 (default): greedy." },
    topP: { type: GraphQLFloat },
    seed: { type: GraphQLInt },
    stop: { type: new GraphQLList(nonNull(GraphQLString)) },
  },
});

const Redaction = new GraphQLObjectType({
  name: "Redaction",
  description: "How many values of a category were redacted; never the values.",
  fields: { category: { type: nonNull(GraphQLString) }, count: { type: nonNull(GraphQLInt) } },
});

const Receipt = new GraphQLObjectType({
  name: "InferenceReceipt",
  description: "Signed by the server's key; verify with `verifyReceipt` or `npm run receipts -- verify`.",
  fields: {
    json: {
      type: nonNull(GraphQLString),
      description: "The receipt as JSON, exactly as signed.",
      resolve: (r) => JSON.stringify(r),
    },
    signer: { type: nonNull(GraphQLString) },
    modelId: { type: nonNull(GraphQLString) },
    modelVersion: { type: nonNull(GraphQLString) },
    weightsHash: { type: nonNull(GraphQLString) },
    policyVersion: { type: nonNull(GraphQLString) },
    promptHash: { type: nonNull(GraphQLString) },
    outputHash: { type: nonNull(GraphQLString) },
    issuedAt: { type: nonNull(GraphQLInt) },
    signature: { type: nonNull(GraphQLString) },
  },
});

const ChatAnswerType = new GraphQLObjectType<ChatAnswer>({
  name: "ChatAnswer",
  fields: {
    id: { type: nonNull(GraphQLString) },
    text: { type: nonNull(GraphQLString) },
    finishReason: { type: nonNull(GraphQLString) },
    modelId: { type: nonNull(GraphQLString), resolve: (a) => a.model.modelId },
    modelVersion: { type: nonNull(GraphQLString), resolve: (a) => a.model.version },
    weightsHash: { type: nonNull(GraphQLString), resolve: (a) => a.model.weightsHash },
    promptTokens: { type: nonNull(GraphQLInt), resolve: (a) => a.usage.promptTokens },
    completionTokens: { type: nonNull(GraphQLInt), resolve: (a) => a.usage.completionTokens },
    promptRedactions: { type: list(Redaction), resolve: (a) => a.redactions.prompt },
    answerRedactions: { type: list(Redaction), resolve: (a) => a.redactions.answer },
    promptInjectionDetected: { type: nonNull(GraphQLBoolean), resolve: (a) => a.promptInjection.detected },
    promptInjectionRules: { type: list(GraphQLString), resolve: (a) => a.promptInjection.rules },
    policyVersion: { type: nonNull(GraphQLString) },
    conversationId: { type: GraphQLString },
    receipt: { type: nonNull(Receipt) },
  },
});

const ChatStreamEvent = new GraphQLObjectType<ChatEvent>({
  name: "ChatStreamEvent",
  description: "A piece of the answer (`token`), then one last event with `done: true` and the whole `answer`.",
  fields: {
    token: { type: GraphQLString, resolve: (e) => (e.type === "token" ? e.text : null) },
    done: { type: nonNull(GraphQLBoolean), resolve: (e) => e.type === "done" },
    answer: { type: ChatAnswerType, resolve: (e) => (e.type === "done" ? e.answer : null) },
  },
});

const UsageDayType = new GraphQLObjectType({
  name: "UsageDay",
  description: "What a member used in a UTC day: counts only.",
  fields: {
    day: { type: nonNull(GraphQLString) },
    requests: { type: nonNull(GraphQLInt) },
    promptTokens: { type: nonNull(GraphQLInt) },
    completionTokens: { type: nonNull(GraphQLInt) },
    redactions: {
      type: list(Redaction),
      resolve: (d: { redactions: Record<string, number> }) =>
        Object.entries(d.redactions).map(([category, count]) => ({ category, count })),
    },
  },
});

interface ChatArgs {
  messages: { role: "system" | "user" | "assistant"; content: string }[];
  model?: string | null;
  options?: { maxTokens?: number; temperature?: number; topP?: number; seed?: number; stop?: string[] } | null;
}

const chatArgs = {
  messages: { type: list(ChatMessageInput), description: "The conversation; it lives on the client." },
  model: { type: GraphQLString, description: "`modelId` (its default version) or `modelId@version`." },
  options: { type: ChatOptionsInput },
};

function toRequest(args: ChatArgs): ChatRequest {
  const o = args.options ?? {};
  return {
    messages: args.messages,
    model: args.model ?? undefined,
    maxTokens: o.maxTokens ?? undefined,
    temperature: o.temperature ?? undefined,
    topP: o.topP ?? undefined,
    seed: o.seed ?? undefined,
    stop: o.stop ?? undefined,
  };
}

/** A ChatError as a GraphQL error with its stable code (and Retry-After for quotas). */
export function graphqlChatError(error: unknown): unknown {
  if (!(error instanceof ChatError)) return error;
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.details.rule ? { rule: error.details.rule } : {}),
      ...(error.details.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.details.retryAfterSeconds } : {}),
    },
  });
}

/** The signed-in member, or a ChatError AUTH_REQUIRED saying how to sign in. */
async function memberOf(context: ChatContext): Promise<Member> {
  const member = await context.member();
  if (!member) {
    throw new ChatError(
      "AUTH_REQUIRED",
      "sign in first (Sign-In with Ethereum at POST /auth/nonce and /auth/verify), or send an API key",
    );
  }
  return member;
}

/** The signed-in member, or a GraphQL error AUTH_REQUIRED. */
export async function requireMember(context: ChatContext): Promise<Member> {
  try {
    return await memberOf(context);
  } catch (error) {
    throw graphqlChatError(error);
  }
}

/** What the chatStream source yields: the answer's events, or the refusal or error that ended it. */
type ChatStreamItem = ChatEvent | { type: "error"; error: ChatError };

/** The chat's GraphQL fields: `chat` (mutation), `chatStream` (subscription), `myUsage` (query). */
export function chatSchemaExtensions(chat: ChatService, usage: UsageRecorder): Required<SchemaExtensions> {
  const mutation: GraphQLFieldConfigMap<unknown, ChatContext> = {
    chat: {
      type: nonNull(ChatAnswerType),
      description: "Asks an approved model; the answer comes with token counts, what was redacted and a receipt.",
      args: chatArgs,
      resolve: async (_root, args: ChatArgs, context) => {
        const member = await requireMember(context);
        try {
          return await chat.chat(member, toRequest(args));
        } catch (error) {
          throw graphqlChatError(error);
        }
      },
    },
  };
  const subscription: GraphQLFieldConfigMap<unknown, ChatContext> = {
    chatStream: {
      type: nonNull(ChatStreamEvent),
      description: "The same as `chat`, streamed: tokens as they are generated (already guarded), then the answer.",
      args: chatArgs,
      // A refusal, or an end by error after tokens were sent (MODEL_REVOKED), is the last event: a GraphQL error with
      // its code (`data: null`, `errors[0].extensions.code`), after which the subscription completes. Thrown from the
      // source instead, it would reach graphql-ws as a failed stream, whose error message keeps the code only by
      // accident of the graphql version.
      subscribe: async function* (_root, args: ChatArgs, context: ChatContext): AsyncGenerator<ChatStreamItem> {
        // Ends the generation when the client unsubscribes before the answer is complete.
        const abort = new AbortController();
        try {
          yield* chat.chatStream(await memberOf(context), toRequest(args), abort.signal);
        } catch (error) {
          if (!(error instanceof ChatError)) throw error;
          yield { type: "error", error };
        } finally {
          abort.abort();
        }
      },
      resolve: (source: unknown): ChatEvent => {
        const item = source as ChatStreamItem;
        if (item.type === "error") throw graphqlChatError(item.error);
        return item;
      },
    },
  };
  const query: GraphQLFieldConfigMap<unknown, ChatContext> = {
    myUsage: {
      type: list(UsageDayType),
      description: "The signed-in member's usage per day (counts only), newest first.",
      args: { days: { type: GraphQLInt, defaultValue: 30 } },
      resolve: async (_root, args: { days: number }, context) => {
        const member = await requireMember(context);
        return usage.forMember(member.address, Math.min(Math.max(args.days, 1), 366));
      },
    },
  };
  return {
    query: query as GraphQLFieldConfigMap<unknown, unknown>,
    mutation: mutation as GraphQLFieldConfigMap<unknown, unknown>,
    subscription: subscription as GraphQLFieldConfigMap<unknown, unknown>,
  };
}
