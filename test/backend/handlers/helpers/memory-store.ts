// An in-memory EntityStore that checks every entity written against subgraph/schema.graphql, encoded as
// backend/src/indexer/entity-store.ts says: the handlers can write nothing the subgraph could not.

import {
  type EntityModel,
  type FieldModel,
  readSubgraphSchema,
  type SchemaModel,
} from "../../../../backend/src/graphql/entity-model.js";
import type { EntityData, EntityStore, EntityValue } from "../../../../backend/src/indexer/entity-store.js";

export const schema: SchemaModel = readSubgraphSchema();

const INT32 = 2 ** 31;

/** Why `value` is not a valid stored value of one item of `field`, or undefined when it is. */
function itemProblem(field: FieldModel, value: EntityValue): string | undefined {
  if (field.kind === "enum") {
    const values = schema.enums.get(field.typeName)?.values.map((v) => v.name) ?? [];
    return typeof value === "string" && values.includes(value) ? undefined : `not a ${field.typeName}`;
  }
  const typeName = field.kind === "entity" ? idType(field.typeName) : field.typeName;
  switch (typeName) {
    case "BigInt":
      return typeof value === "string" && /^-?(0|[1-9]\d*)$/.test(value) ? undefined : "not a decimal string";
    case "Bytes":
      return typeof value === "string" && /^0x([0-9a-f]{2})*$/.test(value) ? undefined : "not lowercase 0x-hex";
    case "Int":
      return Number.isInteger(value) && Math.abs(value as number) <= INT32 ? undefined : "not an Int";
    case "Boolean":
      return typeof value === "boolean" ? undefined : "not a Boolean";
    case "String":
    case "ID":
      if (typeof value !== "string") return "not a string";
      return value.includes("\0") ? "holds NUL" : undefined;
    default:
      return `unexpected type ${typeName}`;
  }
}

/** The type of an entity's id: ID (a string) or Bytes. */
function idType(entity: string): string {
  return schema.entities.get(entity)?.field.get("id")?.typeName ?? "?";
}

/** Every problem of `data` as an entity of `model`. */
export function entityProblems(model: EntityModel, data: EntityData): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(data)) {
    const field = model.field.get(name);
    if (!field) problems.push(`${name}: not a field of ${model.name}`);
    else if (field.derivedFrom) problems.push(`${name}: @derivedFrom, never stored`);
    else if (value === undefined || value === null) {
      if (field.nonNull) problems.push(`${name}: null`);
    } else if (field.list) {
      if (!Array.isArray(value)) problems.push(`${name}: not a list`);
      else
        for (const item of value) {
          const problem = itemProblem(field, item);
          if (problem) problems.push(`${name}[]: ${problem} (${JSON.stringify(item)})`);
        }
    } else {
      const problem = itemProblem(field, value);
      if (problem) problems.push(`${name}: ${problem} (${JSON.stringify(value)})`);
    }
  }
  for (const field of model.fields) {
    if (field.nonNull && !field.derivedFrom && (data[field.name] === undefined || data[field.name] === null)) {
      problems.push(`${field.name}: missing`);
    }
  }
  return problems;
}

/** Entities without their unset optional fields: absent and null mean the same. */
export function withoutNulls(data: EntityData | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined && value !== null));
}

export class MemoryStore implements EntityStore {
  readonly entities = new Map<string, Map<string, EntityData>>();
  reads = 0;
  writes = 0;

  async get(type: string, id: string): Promise<EntityData | undefined> {
    this.reads++;
    const found = this.entities.get(type)?.get(id);
    return found === undefined ? undefined : structuredClone(found);
  }

  async set(type: string, data: EntityData): Promise<void> {
    this.writes++;
    const model = schema.entities.get(type);
    if (!model) throw new Error(`${type} is not an entity type of the schema`);
    const problems = entityProblems(model, data);
    if (problems.length > 0) throw new Error(`${type} ${data.id}: ${problems.join("; ")}`);
    const existing = this.entities.get(type)?.get(data.id);
    if (existing && model.immutable) throw new Error(`${type} ${data.id} is immutable and exists already`);
    let byId = this.entities.get(type);
    if (!byId) {
      byId = new Map();
      this.entities.set(type, byId);
    }
    byId.set(data.id, structuredClone(data));
  }

  /** An entity as stored, without unset optional fields; undefined when absent. */
  entity(type: string, id: string): Record<string, unknown> | undefined {
    return withoutNulls(this.entities.get(type)?.get(id));
  }

  /** Every entity of a type, without unset optional fields. */
  all(type: string): Record<string, unknown>[] {
    return [...(this.entities.get(type)?.values() ?? [])].map((e) => withoutNulls(e) ?? {});
  }
}
