// Parity between the subgraph and the backend: the backend's GraphQL types for the subgraph's entities have the same
// names, fields and types, and the query fields graph-node generates. The only differences allowed are the ones
// docs/API.md lists, on purpose.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "@jest/globals";
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type TypeNode,
} from "graphql";
import type { Database } from "../../backend/src/database/database.js";
import { buildEntitySchema, SUBSCRIPTIONS } from "../../backend/src/graphql/entity-graphql-schema.js";
import { EntityLoader } from "../../backend/src/graphql/entity-loader.js";
import { queryFieldNames, readSubgraphSchema } from "../../backend/src/graphql/entity-model.js";
import { EntityQueries } from "../../backend/src/graphql/entity-queries.js";

const root = path.resolve(import.meta.dirname, "../..");
const subgraphDocument = parse(readFileSync(path.join(root, "subgraph/schema.graphql"), "utf8"));

/** The backend's schema, built as the app builds it (no database behind it: nothing here runs a query). */
function backendSchema() {
  const model = readSubgraphSchema();
  const queries = new EntityQueries({} as Database, model, () => undefined, { maxPageSize: 1000, maxSkip: 5000 });
  return buildEntitySchema({
    model,
    queries,
    loader: new EntityLoader(queries),
    status: () => ({
      chainId: 1,
      deployment: "",
      headBlock: null,
      headHash: null,
      headTimestamp: null,
      chainHeadBlock: null,
      lag: null,
      backfilling: false,
      error: null,
    }),
    subscriptions: Object.fromEntries(
      Object.keys(SUBSCRIPTIONS).map((name) => [name, async function* () {}]),
    ) as unknown as Parameters<typeof buildEntitySchema>[0]["subscriptions"],
  });
}

/** A field type as the subgraph's SDL writes it, e.g. `[Bytes!]!`. */
function printTypeNode(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${printTypeNode(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${printTypeNode(type.type)}]`;
  return type.name.value;
}

function printType(type: GraphQLField<unknown, unknown>["type"]): string {
  if (isNonNullType(type)) return `${printType(type.ofType)}!`;
  if (isListType(type)) return `[${printType(type.ofType)}]`;
  return (type as GraphQLNamedType).name;
}

const entityDefinitions = subgraphDocument.definitions.filter(
  (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.directives?.some((x) => x.name.value === "entity"),
);
const enumDefinitions = subgraphDocument.definitions.filter((d) => d.kind === Kind.ENUM_TYPE_DEFINITION);

/** graph-node's arguments on plural query fields and derived list fields; the backend adds `after` (docs/API.md). */
const LIST_ARGUMENTS = ["skip", "first", "orderBy", "orderDirection", "where"];
const BACKEND_ONLY_ARGUMENTS = ["after"];

describe("backend GraphQL vs subgraph schema", () => {
  const schema = backendSchema();

  it("covers every entity of the subgraph", () => {
    expect(entityDefinitions.length).toBeGreaterThan(10);
    for (const definition of entityDefinitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      expect({ entity: definition.name.value, present: isObjectType(schema.getType(definition.name.value)) }).toEqual({
        entity: definition.name.value,
        present: true,
      });
    }
  });

  describe.each(
    entityDefinitions
      .map((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION ? d : undefined))
      .filter((d) => d !== undefined),
  )("$name.value", (definition) => {
    it("has the same fields with the same types", () => {
      const type = schema.getType(definition.name.value) as GraphQLObjectType;
      const expected = Object.fromEntries((definition.fields ?? []).map((f) => [f.name.value, printTypeNode(f.type)]));
      const actual = Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, printType(f.type)]));
      expect(actual).toEqual(expected);
    });

    it("has graph-node's query fields, filter and order types", () => {
      const { single, plural } = queryFieldNames(definition.name.value);
      const query = schema.getQueryType()?.getFields() ?? {};
      expect(query[single]?.args.map((a) => a.name)).toEqual(["id"]);
      expect(query[plural]?.args.map((a) => a.name)).toEqual([...LIST_ARGUMENTS, ...BACKEND_ONLY_ARGUMENTS]);
      expect(isInputObjectType(schema.getType(`${definition.name.value}_filter`))).toBe(true);
      expect(isEnumType(schema.getType(`${definition.name.value}_orderBy`))).toBe(true);
    });

    it("takes graph-node's list arguments on derived lists", () => {
      const type = schema.getType(definition.name.value) as GraphQLObjectType;
      for (const field of definition.fields ?? []) {
        const derived = field.directives?.some((d) => d.name.value === "derivedFrom");
        if (!derived || !printTypeNode(field.type).startsWith("[")) continue;
        expect({ field: field.name.value, args: type.getFields()[field.name.value]?.args.map((a) => a.name) }).toEqual({
          field: field.name.value,
          args: [...LIST_ARGUMENTS, ...BACKEND_ONLY_ARGUMENTS],
        });
      }
    });
  });

  it("has every enum with the same values", () => {
    for (const definition of enumDefinitions) {
      if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
      const type = schema.getType(definition.name.value);
      expect(isEnumType(type)).toBe(true);
      if (!isEnumType(type)) continue;
      expect(type.getValues().map((v) => v.name)).toEqual((definition.values ?? []).map((v) => v.name.value));
    }
  });

  it("adds nothing at the root but _meta, indexerStatus and the subscriptions", () => {
    const entityNames = new Set(
      entityDefinitions.map((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION ? d.name.value : "")),
    );
    const expectedRoot = [...entityNames].flatMap((name) => {
      const { single, plural } = queryFieldNames(name);
      return [single, plural];
    });
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).sort()).toEqual(
      [...expectedRoot, "_meta", "indexerStatus"].sort(),
    );
    const subscriptions = schema.getSubscriptionType()?.getFields() ?? {};
    for (const [name, { type }] of Object.entries(SUBSCRIPTIONS)) {
      expect(getNamedType(subscriptions[name]?.type)?.name).toBe(type);
    }
  });
});
