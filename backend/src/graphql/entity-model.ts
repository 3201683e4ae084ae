import { readFileSync } from "node:fs";
import path from "node:path";
import { type ConstDirectiveNode, type DocumentNode, Kind, parse, type StringValueNode, type TypeNode } from "graphql";

/** The entity schema both the subgraph and the backend serve: the one definition of every entity and field. */
export const SUBGRAPH_SCHEMA_FILE = path.resolve(import.meta.dirname, "../../../subgraph/schema.graphql");

/** The Graph's scalars and how the backend stores them (backend/src/indexer/entity-store.ts). */
export const GRAPH_SCALARS = ["BigInt", "BigDecimal", "Bytes", "Int8", "Timestamp"] as const;

export type FieldKind = "scalar" | "enum" | "entity";

export interface FieldModel {
  name: string;
  description?: string;
  kind: FieldKind;
  /** Scalar, enum or entity type name. */
  typeName: string;
  list: boolean;
  nonNull: boolean;
  /** For lists: the items are non-null. */
  itemsNonNull: boolean;
  /** `@derivedFrom(field:)`: the field of `typeName` that points back here; never stored. */
  derivedFrom?: string;
}

export interface EntityModel {
  name: string;
  description?: string;
  immutable: boolean;
  fields: FieldModel[];
  field: Map<string, FieldModel>;
}

export interface EnumModel {
  name: string;
  description?: string;
  values: { name: string; description?: string }[];
}

export interface SchemaModel {
  entities: Map<string, EntityModel>;
  enums: Map<string, EnumModel>;
}

function unwrap(type: TypeNode): { name: string; list: boolean; nonNull: boolean; itemsNonNull: boolean } {
  let nonNull = false;
  let node = type;
  if (node.kind === Kind.NON_NULL_TYPE) {
    nonNull = true;
    node = node.type;
  }
  if (node.kind === Kind.LIST_TYPE) {
    let item = node.type;
    let itemsNonNull = false;
    if (item.kind === Kind.NON_NULL_TYPE) {
      itemsNonNull = true;
      item = item.type;
    }
    if (item.kind !== Kind.NAMED_TYPE) throw new Error("nested lists are not supported in entity schemas");
    return { name: item.name.value, list: true, nonNull, itemsNonNull };
  }
  if (node.kind !== Kind.NAMED_TYPE) throw new Error("unexpected type");
  return { name: node.name.value, list: false, nonNull, itemsNonNull: false };
}

function directiveArgument(directives: readonly ConstDirectiveNode[] | undefined, name: string, argument: string) {
  const directive = directives?.find((d) => d.name.value === name);
  const value = directive?.arguments?.find((a) => a.name.value === argument)?.value;
  if (!directive) return undefined;
  if (!value) return null;
  if (value.kind === Kind.BOOLEAN) return value.value;
  return (value as StringValueNode).value;
}

/** Reads an entity schema in The Graph's dialect (`@entity`, `@derivedFrom`, BigInt, Bytes, ...). */
export function readEntitySchema(document: DocumentNode): SchemaModel {
  const enums = new Map<string, EnumModel>();
  const objects = document.definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION) continue;
    enums.set(definition.name.value, {
      name: definition.name.value,
      description: definition.description?.value,
      values: (definition.values ?? []).map((v) => ({ name: v.name.value, description: v.description?.value })),
    });
  }
  const entityNames = new Set(objects.map((o) => o.name.value));
  const entities = new Map<string, EntityModel>();
  for (const object of objects) {
    const fields = (object.fields ?? []).map((definition): FieldModel => {
      const type = unwrap(definition.type);
      const derived = directiveArgument(definition.directives, "derivedFrom", "field");
      const kind: FieldKind = entityNames.has(type.name) ? "entity" : enums.has(type.name) ? "enum" : "scalar";
      return {
        name: definition.name.value,
        description: definition.description?.value,
        kind,
        typeName: type.name,
        list: type.list,
        nonNull: type.nonNull,
        itemsNonNull: type.itemsNonNull,
        ...(typeof derived === "string" ? { derivedFrom: derived } : {}),
      };
    });
    entities.set(object.name.value, {
      name: object.name.value,
      description: object.description?.value,
      immutable: directiveArgument(object.directives, "entity", "immutable") === true,
      fields,
      field: new Map(fields.map((f) => [f.name, f])),
    });
  }
  return { entities, enums };
}

/** subgraph/schema.graphql, read. */
export function readSubgraphSchema(file = SUBGRAPH_SCHEMA_FILE): SchemaModel {
  return readEntitySchema(parse(readFileSync(file, "utf8")));
}

/** graph-node's names for an entity's two query fields: `proposal` and `proposals`, `usagePolicies`, ... */
export function queryFieldNames(entity: string): { single: string; plural: string } {
  const single = entity.charAt(0).toLowerCase() + entity.slice(1);
  let plural: string;
  if (/[^aeiou]y$/.test(single)) plural = `${single.slice(0, -1)}ies`;
  else if (/(s|x|z|ch|sh)$/.test(single)) plural = `${single}es`;
  else plural = `${single}s`;
  return { single, plural };
}
