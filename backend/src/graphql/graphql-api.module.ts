import { ApolloDriver, type ApolloDriverConfig } from "@nestjs/apollo";
import { Module } from "@nestjs/common";
import { GraphQLModule } from "@nestjs/graphql";
import { ChainModule } from "../chain/chain.module.js";
import { ChainService } from "../chain/chain.service.js";
import { ChatModule } from "../chat/chat.module.js";
import { ChatService } from "../chat/chat.service.js";
import { type ChatContext, chatSchemaExtensions } from "../chat/chat-graphql.js";
import { ConversationStore } from "../chat/conversation-store.js";
import { conversationSchemaExtensions } from "../chat/conversations-graphql.js";
import { MEMBER_RESOLVER, type MemberResolver } from "../chat/member-resolver.js";
import { UsageRecorder } from "../chat/usage-recorder.js";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { DATABASE, type Database } from "../database/database.js";
import { IndexerModule } from "../indexer/indexer.module.js";
import { IndexerService } from "../indexer/indexer.service.js";
import { IndexerEvents } from "../indexer/indexer-events.js";
import { MetricsService } from "../metrics/metrics.service.js";
import { ReceiptVerifier } from "../receipts/receipt-verifier.js";
import { ReceiptsModule } from "../receipts/receipts.module.js";
import { receiptSchemaExtensions } from "../receipts/receipts-graphql.js";
import { RelayModule } from "../relay/relay.module.js";
import { RelayService } from "../relay/relay.service.js";
import { relaySchemaExtensions } from "../relay/relay-graphql.js";
import { buildEntitySchema } from "./entity-graphql-schema.js";
import { EntityLoader } from "./entity-loader.js";
import { readSubgraphSchema } from "./entity-model.js";
import { EntityQueries } from "./entity-queries.js";
import { entitySubscriptions } from "./entity-subscriptions.js";
import { metricsPlugin, queryLimitsPlugin } from "./graphql-plugins.js";

/** The most entities `skip` may pass over (graph-node's limit): deeper pages use `after`. */
const MAX_SKIP = 5_000;

type Headers = Record<string, string | string[] | undefined>;

/** Where a GraphQL operation's credentials are: the HTTP request, or a graphql-ws connection (upgrade request, params). */
interface ContextInput {
  req?: { headers: Headers };
  connectionParams?: Record<string, unknown>;
  extra?: { request?: { headers: Headers } };
}

function credentialsOf(input: ContextInput): Headers {
  if (input.req) return input.req.headers;
  const headers: Headers = { ...(input.extra?.request?.headers ?? {}) };
  const authorization = input.connectionParams?.authorization ?? input.connectionParams?.Authorization;
  if (typeof authorization === "string") headers.authorization = authorization;
  return headers;
}

function apolloOptions(
  config: AppConfig,
  db: Database,
  chain: ChainService,
  indexer: IndexerService,
  events: IndexerEvents,
  metrics: MetricsService,
  chat: ChatService,
  usage: UsageRecorder,
  members: MemberResolver,
  receipts: ReceiptVerifier,
  relay: RelayService,
  conversations: ConversationStore,
): ApolloDriverConfig {
  const chatFields = chatSchemaExtensions(chat, usage);
  const conversationFields = conversationSchemaExtensions(conversations);
  const receiptFields = receiptSchemaExtensions(receipts);
  const relayFields = relaySchemaExtensions(relay);
  const model = readSubgraphSchema();
  const queries = new EntityQueries(db, model, () => indexer.status().head?.timestamp, {
    maxPageSize: config.graphql.maxPageSize,
    maxSkip: MAX_SKIP,
  });
  const schema = buildEntitySchema({
    model,
    queries,
    loader: new EntityLoader(queries),
    subscriptions: entitySubscriptions(events, queries),
    status: () => {
      const s = indexer.status();
      return {
        chainId: config.chainId,
        deployment: `commons-ai/${config.chainId}/${chain.deployment.contracts.CommonsGovernor.toLowerCase()}`,
        headBlock: s.head?.number ?? null,
        headHash: s.head?.hash ?? null,
        headTimestamp: s.head?.timestamp ?? null,
        chainHeadBlock: s.chainHead,
        lag: s.lag,
        backfilling: s.backfilling,
        error: s.error,
      };
    },
    extensions: {
      query: { ...chatFields.query, ...conversationFields.query, ...receiptFields.query },
      mutation: { ...chatFields.mutation, ...conversationFields.mutation, ...relayFields.mutation },
      subscription: chatFields.subscription,
    },
  });
  return {
    driver: ApolloDriver,
    schema,
    path: "/graphql",
    introspection: config.graphql.introspection,
    graphiql: config.graphql.sandbox,
    subscriptions: { "graphql-ws": { path: "/graphql" } },
    // The member is resolved lazily, once per operation, and only by fields that need one.
    context: (input: ContextInput): ChatContext => {
      let member: ReturnType<MemberResolver["resolve"]> | undefined;
      const headers = credentialsOf(input);
      return { member: () => (member ??= members.resolve(headers)) };
    },
    plugins: [
      queryLimitsPlugin({
        maxDepth: config.graphql.maxDepth,
        maxComplexity: config.graphql.maxComplexity,
        maxPageSize: config.graphql.maxPageSize,
      }),
      metricsPlugin(metrics),
    ],
    // Stack traces and internal messages stay in the logs; clients get the message and its code.
    includeStacktraceInErrorResponses: false,
  };
}

/**
 * The GraphQL API (Apollo through @nestjs/apollo): the subgraph's entities with The Graph's query conventions, read
 * from the embedded indexer's database, plus subscriptions over graphql-ws on the same path.
 */
@Module({
  imports: [
    IndexerModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [IndexerModule, ChainModule, ChatModule, ReceiptsModule, RelayModule],
      inject: [
        APP_CONFIG,
        DATABASE,
        ChainService,
        IndexerService,
        IndexerEvents,
        MetricsService,
        ChatService,
        UsageRecorder,
        MEMBER_RESOLVER,
        ReceiptVerifier,
        RelayService,
        ConversationStore,
      ],
      useFactory: apolloOptions,
    }),
  ],
})
export class GraphqlApiModule {}
