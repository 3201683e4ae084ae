import {
  GraphQLBoolean,
  GraphQLEnumType,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  GraphQLFloat,
  GraphQLID,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  Kind,
} from "graphql";
import type { EntityData } from "../indexer/entity-store.js";
import type { EntityLoader } from "./entity-loader.js";
import type { EntityModel, FieldModel, SchemaModel } from "./entity-model.js";
import { queryFieldNames } from "./entity-model.js";
import { badInput, type EntityQueries, filterSuffixes, type ListArgs } from "./entity-queries.js";

/** What the schema's resolvers need from the rest of the backend. */
export interface EntitySchemaSources {
  model: SchemaModel;
  queries: EntityQueries;
  loader: EntityLoader;
  /** `_meta` and `indexerStatus`. */
  status: () => IndexerStatusView;
  /** Subscriptions: entity ids of each announcement, as async iterables that end when `signal` aborts. */
  subscriptions: Record<SubscriptionName, (signal: AbortSignal) => AsyncIterable<EntityData>>;
  /** Fields other domains add to the roots (chat, receipts, the vote relay): they must not clash with entity fields. */
  extensions?: SchemaExtensions;
}

export interface SchemaExtensions {
  query?: GraphQLFieldConfigMap<unknown, unknown>;
  mutation?: GraphQLFieldConfigMap<unknown, unknown>;
  subscription?: GraphQLFieldConfigMap<unknown, unknown>;
}

export interface IndexerStatusView {
  chainId: number;
  deployment: string;
  headBlock: bigint | null;
  headHash: string | null;
  headTimestamp: bigint | null;
  chainHeadBlock: bigint | null;
  lag: bigint | null;
  backfilling: boolean;
  error: string | null;
}

export const SUBSCRIPTIONS = {
  proposalCreated: { type: "Proposal", description: "A proposal was created." },
  proposalUpdated: {
    type: "Proposal",
    description: "A proposal changed: a vote, queueing, execution, cancellation, or its state moving with time.",
  },
  voteCast: { type: "Vote", description: "A vote was cast." },
  modelVersionChanged: { type: "ModelVersion", description: "A model version was approved or changed status." },
  policyChanged: { type: "UsagePolicy", description: "A policy was published, or became active or inactive." },
} as const;
export type SubscriptionName = keyof typeof SUBSCRIPTIONS;

function stringScalar(name: string, description: string, check: (value: string) => string): GraphQLScalarType {
  const parse = (value: unknown) => {
    if (typeof value === "number" && Number.isInteger(value)) return check(String(value));
    if (typeof value !== "string") throw badInput(`${name} must be given as a string`);
    return check(value);
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind === Kind.STRING || ast.kind === Kind.INT)
        return parse(ast.kind === Kind.INT ? Number(ast.value) : ast.value);
      throw badInput(`${name} must be given as a string`);
    },
  });
}

const integerText = (name: string) => (value: string) => {
  if (!/^-?\d+$/.test(value)) throw badInput(`${name} must be an integer in decimal, e.g. "1000000000000000000"`);
  return value;
};

/** The Graph's scalars, encoded as The Graph encodes them. */
const SCALARS: Record<string, GraphQLScalarType> = {
  BigInt: stringScalar("BigInt", "An integer of any size, as a decimal string.", integerText("BigInt")),
  Int8: stringScalar("Int8", "A 64-bit integer, as a decimal string.", integerText("Int8")),
  Timestamp: stringScalar("Timestamp", "Microseconds since the epoch, as a decimal string.", integerText("Timestamp")),
  BigDecimal: stringScalar("BigDecimal", "A decimal number of any precision, as a string.", (value) => {
    if (!/^-?\d+(\.\d+)?$/.test(value)) throw badInput(`BigDecimal must be a decimal number, e.g. "1.5"`);
    return value;
  }),
  Bytes: stringScalar("Bytes", "Bytes as 0x-prefixed hex, e.g. an address or a hash.", (value) => {
    if (!/^0x([0-9a-fA-F]{2})*$/.test(value)) throw badInput(`Bytes must be 0x-prefixed hex with an even length`);
    return value.toLowerCase();
  }),
};

const BUILT_IN: Record<string, GraphQLScalarType> = {
  ID: GraphQLID,
  String: GraphQLString,
  Int: GraphQLInt,
  Float: GraphQLFloat,
  Boolean: GraphQLBoolean,
};

const OrderDirection = new GraphQLEnumType({
  name: "OrderDirection",
  values: { asc: { value: "asc" }, desc: { value: "desc" } },
});

/**
 * Builds the backend's GraphQL schema from the subgraph's entity schema, with The Graph's query conventions: for each
 * entity `proposal(id)` and `proposals(first, skip, orderBy, orderDirection, where)`, `Proposal_filter` and
 * `Proposal_orderBy`, derived fields with the same list arguments, and `_meta`. The backend adds `after` (keyset
 * paging), `indexerStatus` and subscriptions. docs/API.md lists the differences from a graph-node endpoint.
 */
export function buildEntitySchema(sources: EntitySchemaSources): GraphQLSchema {
  const { model } = sources;
  const enums = new Map<string, GraphQLEnumType>();
  for (const e of model.enums.values()) {
    enums.set(
      e.name,
      new GraphQLEnumType({
        name: e.name,
        description: e.description,
        values: Object.fromEntries(e.values.map((v) => [v.name, { value: v.name, description: v.description }])),
      }),
    );
  }
  const scalar = (name: string): GraphQLScalarType => {
    const found = SCALARS[name] ?? BUILT_IN[name];
    if (!found) throw new Error(`the entity schema uses an unknown scalar ${name}`);
    return found;
  };
  const leafType = (field: FieldModel) => {
    if (field.kind === "enum") {
      const e = enums.get(field.typeName);
      if (!e) throw new Error(`unknown enum ${field.typeName}`);
      return e;
    }
    return field.kind === "entity" ? GraphQLString : scalar(field.typeName);
  };

  const filters = new Map<string, GraphQLInputObjectType>();
  const orderBys = new Map<string, GraphQLEnumType>();
  const objects = new Map<string, GraphQLObjectType>();
  for (const entity of model.entities.values()) {
    filters.set(entity.name, filterType(entity, leafType, filters));
    orderBys.set(entity.name, orderByType(entity));
  }

  const listArgs = (type: string): GraphQLFieldConfigArgumentMap => ({
    skip: { type: GraphQLInt, defaultValue: 0 },
    first: { type: GraphQLInt, defaultValue: 100 },
    orderBy: { type: orderBys.get(type) as GraphQLEnumType },
    orderDirection: { type: OrderDirection },
    where: { type: filters.get(type) as GraphQLInputObjectType },
    after: {
      type: GraphQLID,
      description: "Backend only: start after the entity with this id, in the same order (keyset paging).",
    },
  });

  for (const entity of model.entities.values()) {
    objects.set(
      entity.name,
      new GraphQLObjectType({
        name: entity.name,
        description: entity.description,
        fields: () => entityFields(entity),
      }),
    );
  }

  function wrap(field: FieldModel, inner: GraphQLOutputType): GraphQLOutputType {
    let type: GraphQLOutputType = inner;
    if (field.list) {
      type = new GraphQLList(field.itemsNonNull ? new GraphQLNonNull(type) : type);
    }
    return field.nonNull ? new GraphQLNonNull(type) : type;
  }

  function entityFields(entity: EntityModel): GraphQLFieldConfigMap<EntityData, unknown> {
    const fields: GraphQLFieldConfigMap<EntityData, unknown> = {};
    for (const field of entity.fields) {
      if (field.kind !== "entity") {
        fields[field.name] = { type: wrap(field, leafType(field)), description: field.description };
        continue;
      }
      const target = objects.get(field.typeName) as GraphQLObjectType;
      if (field.derivedFrom) {
        const back = field.derivedFrom;
        fields[field.name] = {
          type: wrap(field, target),
          description: field.description,
          args: field.list ? listArgs(field.typeName) : {},
          resolve: async (parent, args: ListArgs) => {
            const rows = await sources.queries.list(field.typeName, field.list ? args : { first: 1 }, {
              field: back,
              id: parent.id,
            });
            return field.list ? rows : (rows[0] ?? null);
          },
        };
        continue;
      }
      fields[field.name] = {
        type: wrap(field, target),
        description: field.description,
        resolve: async (parent) => {
          const value = parent[field.name];
          if (value === undefined || value === null) return null;
          if (Array.isArray(value)) {
            const loaded = await Promise.all(value.map((id) => sources.loader.load(field.typeName, String(id))));
            return loaded.filter((e) => e !== null);
          }
          return sources.loader.load(field.typeName, String(value));
        },
      };
    }
    return fields;
  }

  const query: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const entity of model.entities.values()) {
    const { single, plural } = queryFieldNames(entity.name);
    const type = objects.get(entity.name) as GraphQLObjectType;
    query[single] = {
      type,
      description: entity.description,
      args: { id: { type: new GraphQLNonNull(GraphQLID) } },
      resolve: (_root, args: { id: string }) => sources.loader.load(entity.name, normaliseId(entity, args.id)),
    };
    query[plural] = {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type))),
      args: listArgs(entity.name),
      resolve: (_root, args: ListArgs) => sources.queries.list(entity.name, args),
    };
  }
  const { meta, status } = statusTypes(sources);
  query._meta = meta;
  query.indexerStatus = status;

  const subscription: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const [name, { type, description }] of Object.entries(SUBSCRIPTIONS)) {
    const subscribe = sources.subscriptions[name as SubscriptionName];
    subscription[name] = {
      type: new GraphQLNonNull(objects.get(type) as GraphQLObjectType),
      description,
      subscribe: (): AsyncIterableIterator<EntityData> => {
        // Ending a subscription aborts its listeners at once, even while they wait for the next announcement.
        const controller = new AbortController();
        const iterator = subscribe(controller.signal)[Symbol.asyncIterator]();
        const finish = async (): Promise<IteratorResult<EntityData>> => {
          controller.abort();
          await iterator.return?.();
          return { done: true, value: undefined };
        };
        return {
          next: () => iterator.next(),
          return: finish,
          throw: finish,
          [Symbol.asyncIterator]() {
            return this;
          },
        };
      },
      resolve: (payload: unknown) => payload,
    };
  }

  const extensions = sources.extensions ?? {};
  for (const [root, fields] of [
    [query, extensions.query],
    [subscription, extensions.subscription],
  ] as const) {
    for (const [name, field] of Object.entries(fields ?? {})) {
      if (root[name]) throw new Error(`schema extension ${name} clashes with an existing field`);
      root[name] = field;
    }
  }
  const mutation = extensions.mutation && Object.keys(extensions.mutation).length > 0 ? extensions.mutation : undefined;
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: query }),
    ...(mutation ? { mutation: new GraphQLObjectType({ name: "Mutation", fields: mutation }) } : {}),
    subscription: new GraphQLObjectType({ name: "Subscription", fields: subscription }),
  });
}

/** Ids of Bytes-keyed entities are stored in lowercase hex; accept any case. */
function normaliseId(entity: EntityModel, id: string): string {
  const type = entity.field.get("id")?.typeName;
  return type === "Bytes" ? id.toLowerCase() : id;
}

function filterType(
  entity: EntityModel,
  leafType: (field: FieldModel) => GraphQLInputType,
  filters: Map<string, GraphQLInputObjectType>,
): GraphQLInputObjectType {
  const type: GraphQLInputObjectType = new GraphQLInputObjectType({
    name: `${entity.name}_filter`,
    fields: () => {
      const fields: GraphQLInputFieldConfigMap = {};
      for (const field of entity.fields) {
        if (field.derivedFrom) continue;
        const leaf = leafType(field);
        for (const suffix of filterSuffixes(field)) {
          const many = suffix === "_in" || suffix === "_not_in" || field.list;
          fields[`${field.name}${suffix}`] = {
            type: many ? new GraphQLList(new GraphQLNonNull(leaf)) : leaf,
          };
        }
      }
      const self = filters.get(entity.name) as GraphQLInputObjectType;
      fields.and = { type: new GraphQLList(self) };
      fields.or = { type: new GraphQLList(self) };
      return fields;
    },
  });
  return type;
}

function orderByType(entity: EntityModel): GraphQLEnumType {
  const values: Record<string, { value: string }> = {};
  for (const field of entity.fields) {
    if (field.list || field.derivedFrom) continue;
    values[field.name] = { value: field.name };
  }
  return new GraphQLEnumType({ name: `${entity.name}_orderBy`, values });
}

function statusTypes(sources: EntitySchemaSources): {
  meta: GraphQLFieldConfig<unknown, unknown>;
  status: GraphQLFieldConfig<unknown, unknown>;
} {
  const Block = new GraphQLObjectType({
    name: "_Block_",
    fields: {
      hash: { type: SCALARS.Bytes as GraphQLScalarType },
      number: { type: new GraphQLNonNull(GraphQLInt) },
      timestamp: { type: GraphQLInt },
    },
  });
  const Meta = new GraphQLObjectType({
    name: "_Meta_",
    description: "The Graph's indexing metadata: the block the answers reflect.",
    fields: {
      block: { type: new GraphQLNonNull(Block) },
      deployment: { type: new GraphQLNonNull(GraphQLString) },
      hasIndexingErrors: { type: new GraphQLNonNull(GraphQLBoolean) },
    },
  });
  const big = SCALARS.BigInt as GraphQLScalarType;
  const Status = new GraphQLObjectType({
    name: "IndexerStatus",
    description: "Backend only: where the embedded indexer stands.",
    fields: {
      chainId: { type: new GraphQLNonNull(GraphQLInt) },
      headBlock: { type: big, description: "Last block whose events are indexed." },
      headHash: { type: SCALARS.Bytes as GraphQLScalarType },
      headTimestamp: { type: big },
      chainHeadBlock: { type: big, description: "Latest block of the chain, as last seen." },
      lag: { type: big, description: "Blocks the indexer is behind the chain." },
      backfilling: { type: new GraphQLNonNull(GraphQLBoolean) },
      error: { type: GraphQLString, description: "Why the last step failed, while the indexer retries." },
    },
  });
  return {
    meta: {
      type: Meta,
      resolve: () => {
        const s = sources.status();
        return {
          block: {
            hash: s.headHash,
            number: s.headBlock === null ? 0 : Number(s.headBlock),
            timestamp: s.headTimestamp === null ? null : Number(s.headTimestamp),
          },
          deployment: s.deployment,
          hasIndexingErrors: s.error !== null,
        };
      },
    },
    status: { type: new GraphQLNonNull(Status), resolve: () => sources.status() },
  };
}
