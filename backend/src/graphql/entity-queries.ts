import { GraphQLError } from "graphql";
import type { Database } from "../database/database.js";
import { proposalStateSql } from "../governance/proposal-state.js";
import type { EntityData } from "../indexer/entity-store.js";
import type { EntityModel, FieldModel, SchemaModel } from "./entity-model.js";

/** A `where` argument: `{ field: v, field_gt: v, and: [...], or: [...] }`, as The Graph takes it. */
export type Filter = { [key: string]: unknown };

/** The list arguments of every plural query field and every derived field. */
export interface ListArgs {
  first?: number;
  skip?: number;
  orderBy?: string;
  orderDirection?: "asc" | "desc";
  where?: Filter | null;
  /** The id of the last entity of the previous page: the page starts after it, in the same order (keyset paging). */
  after?: string | null;
}

export interface ListLimits {
  maxPageSize: number;
  maxSkip: number;
}

const NUMERIC = new Set(["BigInt", "BigDecimal", "Int", "Int8", "Timestamp", "Float"]);

/** Filter operators, by suffix, and the field kinds they apply to (graph-node's names). */
const OPERATORS = {
  "": "=",
  _not: "<>",
  _gt: ">",
  _lt: "<",
  _gte: ">=",
  _lte: "<=",
} as const;

const TEXT_OPERATORS = ["_contains", "_not_contains", "_contains_nocase", "_starts_with", "_ends_with"] as const;

/** Raised for arguments the API refuses; the message says what to change. */
export function badInput(message: string, code = "BAD_USER_INPUT"): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** Builds and runs the SQL behind entity queries, over the `entity` table of JSON documents. */
export class EntityQueries {
  constructor(
    private readonly db: Database,
    private readonly model: SchemaModel,
    /** Timestamp of the indexed head, for Proposal.state; undefined before anything is indexed. */
    private readonly now: () => bigint | undefined,
    private readonly limits: ListLimits,
  ) {}

  /** The entities of `type` with these ids (missing ones are absent from the map). */
  async byIds(type: string, ids: readonly string[]): Promise<Map<string, EntityData>> {
    const params: unknown[] = [type, ids];
    const rows = await this.db.query<{ id: string; data: EntityData; live_state?: string }>(
      `select id, data${this.#liveState(type, params)} from entity where type = $1 and id = any($2::text[])`,
      params,
    );
    return new Map(rows.map((row) => [row.id, withLiveState(row)]));
  }

  /** A page of entities of `type`; `parent` restricts it to those whose `field` is that id (derived fields). */
  async list(type: string, args: ListArgs, parent?: { field: string; id: string }): Promise<EntityData[]> {
    const entity = this.#entity(type);
    const first = args.first ?? 100;
    const skip = args.skip ?? 0;
    if (!Number.isInteger(first) || first < 0 || first > this.limits.maxPageSize) {
      throw badInput(
        `first must be from 0 to ${this.limits.maxPageSize}; fetch more with several pages (after: the id of the last entity received)`,
        "PAGE_SIZE_TOO_LARGE",
      );
    }
    if (!Number.isInteger(skip) || skip < 0 || skip > this.limits.maxSkip) {
      throw badInput(
        `skip must be from 0 to ${this.limits.maxSkip}; page with after: the id of the last entity received`,
        "SKIP_TOO_LARGE",
      );
    }
    const params: unknown[] = [type];
    const conditions = ["type = $1"];
    if (parent) {
      params.push(parent.id);
      conditions.push(`data->>'${parent.field}' = $${params.length}`);
    }
    if (args.where) conditions.push(this.#filter(entity, args.where, params));
    const orderField = args.orderBy ?? "id";
    const direction = args.orderDirection === "desc" ? "desc" : "asc";
    const order = this.#orderExpression(entity, orderField, params);
    if (args.after) {
      params.push(args.after);
      const afterParam = `$${params.length}`;
      const key = `(select ${order} from entity where type = $1 and id = ${afterParam})`;
      const cmp = direction === "asc" ? ">" : "<";
      conditions.push(`exists (select 1 from entity where type = $1 and id = ${afterParam})`);
      conditions.push(`(${order}, id) ${cmp} (${key}, ${afterParam})`);
    }
    const liveState = this.#liveState(type, params);
    params.push(first, skip);
    const sql = `select id, data${liveState} from entity where ${conditions.join(" and ")}
      order by ${order} ${direction}, id ${direction} limit $${params.length - 1} offset $${params.length}`;
    const rows = await this.db.query<{ id: string; data: EntityData; live_state?: string }>(sql, params);
    if (args.after && rows.length === 0) await this.#checkAfter(type, args.after);
    return rows.map(withLiveState);
  }

  async #checkAfter(type: string, after: string): Promise<void> {
    const [row] = await this.db.query("select 1 from entity where type = $1 and id = $2", [type, after]);
    if (!row) throw badInput(`after: no ${type} has the id ${after}; pass the id of the last entity you received`);
  }

  #entity(type: string): EntityModel {
    const entity = this.model.entities.get(type);
    if (!entity) throw new Error(`unknown entity type ${type}`);
    return entity;
  }

  #liveState(type: string, params: unknown[]): string {
    if (type !== "Proposal") return "";
    params.push((this.now() ?? 0n).toString());
    return `, ${proposalStateSql("data", `$${params.length}::numeric`)} as live_state`;
  }

  /** SQL for one field's value, typed so that comparisons and ordering follow the field's type. */
  #fieldExpression(entity: EntityModel, field: FieldModel, params: unknown[]): string {
    if (field.name === "id") return "id";
    if (entity.name === "Proposal" && field.name === "state") {
      params.push((this.now() ?? 0n).toString());
      return proposalStateSql("data", `$${params.length}::numeric`);
    }
    if (field.list) return `(data->'${field.name}')`;
    if (field.kind === "scalar" && NUMERIC.has(field.typeName)) return `(data->>'${field.name}')::numeric`;
    if (field.kind === "scalar" && field.typeName === "Boolean") return `(data->>'${field.name}')::boolean`;
    return `(data->>'${field.name}')`;
  }

  #orderExpression(entity: EntityModel, name: string, params: unknown[]): string {
    const field = entity.field.get(name);
    if (!field || field.list || field.derivedFrom) {
      throw badInput(`${entity.name} cannot be ordered by ${name}`);
    }
    return this.#fieldExpression(entity, field, params);
  }

  #filter(entity: EntityModel, where: Filter, params: unknown[]): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (key === "and" || key === "or") {
        const nested = (value as Filter[]).map((f) => `(${this.#filter(entity, f, params)})`);
        if (nested.length > 0) parts.push(`(${nested.join(key === "and" ? " and " : " or ")})`);
        continue;
      }
      parts.push(this.#condition(entity, key, value, params));
    }
    return parts.length > 0 ? parts.join(" and ") : "true";
  }

  #condition(entity: EntityModel, key: string, value: unknown, params: unknown[]): string {
    const { field, operator } = splitFilterKey(entity, key);
    const expression = this.#fieldExpression(entity, field, params);
    const cast = castOf(field);
    if (value === null) {
      if (operator === "" || operator === "_not") {
        return `${expression} is ${operator === "" ? "" : "not "}null`;
      }
      throw badInput(`${key}: null can only be compared with = or _not`);
    }
    if (field.list) {
      params.push(JSON.stringify((value as unknown[]).map((v) => normalise(field, v))));
      const p = `$${params.length}::jsonb`;
      if (operator === "_contains") return `${expression} @> ${p}`;
      if (operator === "_not_contains") return `not (${expression} @> ${p})`;
      if (operator === "") return `${expression} = ${p}`;
      if (operator === "_not") return `${expression} <> ${p}`;
      throw badInput(`${key}: list fields take =, _not, _contains and _not_contains`);
    }
    if (operator === "_in" || operator === "_not_in") {
      params.push((value as unknown[]).map((v) => normalise(field, v)));
      const p = `$${params.length}::${cast === "" ? "text" : cast.slice(2)}[]`;
      return `${operator === "_in" ? "" : "not "}(${expression} = any(${p}))`;
    }
    if ((TEXT_OPERATORS as readonly string[]).includes(operator)) {
      params.push(String(normalise(field, value)));
      const p = `$${params.length}`;
      switch (operator) {
        case "_contains":
          return `strpos(${expression}, ${p}) > 0`;
        case "_not_contains":
          return `strpos(${expression}, ${p}) = 0`;
        case "_contains_nocase":
          return `strpos(lower(${expression}), lower(${p})) > 0`;
        case "_starts_with":
          return `starts_with(${expression}, ${p})`;
        default:
          return `right(${expression}, length(${p})) = ${p}`;
      }
    }
    params.push(normalise(field, value));
    return `${expression} ${OPERATORS[operator as keyof typeof OPERATORS]} $${params.length}${cast}`;
  }
}

function withLiveState(row: { id: string; data: EntityData; live_state?: string }): EntityData {
  return row.live_state === undefined ? row.data : { ...row.data, state: row.live_state };
}

function castOf(field: FieldModel): string {
  if (field.kind === "scalar" && NUMERIC.has(field.typeName)) return "::numeric";
  if (field.kind === "scalar" && field.typeName === "Boolean") return "::boolean";
  return "";
}

/** Values as stored: Bytes and entity ids (addresses, hashes) in lowercase; numbers as decimal strings. */
function normalise(field: FieldModel, value: unknown): unknown {
  if (typeof value === "string" && (field.typeName === "Bytes" || field.kind === "entity")) return value.toLowerCase();
  if (typeof value === "bigint" || typeof value === "number") return value.toString();
  return value;
}

/** The filter operators each field kind accepts, by suffix. */
export function filterSuffixes(field: FieldModel): string[] {
  if (field.list) return ["", "_not", "_contains", "_not_contains"];
  const base = ["", "_not", "_in", "_not_in"];
  if (field.kind === "scalar" && field.typeName === "Boolean") return base;
  if (field.kind === "enum") return base;
  const ordered = [...base, "_gt", "_lt", "_gte", "_lte"];
  if (field.kind === "scalar" && (field.typeName === "String" || field.typeName === "Bytes")) {
    return [...ordered, ...TEXT_OPERATORS];
  }
  if (field.kind === "entity" || field.typeName === "ID") return [...ordered, "_starts_with"];
  return ordered;
}

function splitFilterKey(entity: EntityModel, key: string): { field: FieldModel; operator: string } {
  const direct = entity.field.get(key);
  if (direct && !direct.derivedFrom) return { field: direct, operator: "" };
  const suffixes = ["_not_contains", "_contains_nocase", "_contains", "_starts_with", "_ends_with", "_not_in", "_in"];
  for (const suffix of [...suffixes, "_not", "_gte", "_lte", "_gt", "_lt"]) {
    if (!key.endsWith(suffix)) continue;
    const field = entity.field.get(key.slice(0, -suffix.length));
    if (field && !field.derivedFrom && filterSuffixes(field).includes(suffix)) return { field, operator: suffix };
  }
  throw badInput(`${entity.name} has no filter ${key}`);
}
