/**
 * Entities as the indexer stores them and the GraphQL API returns them. The entity types and their fields are those of
 * `subgraph/schema.graphql` (the one definition both the subgraph and the backend follow), encoded as The Graph's
 * GraphQL encodes them, so a stored entity can be returned as it is:
 * - `BigInt` (and `BigDecimal`): a decimal string, `"1000000000000000000"`;
 * - `Bytes`: lowercase 0x-hex, `"0xab12..."`;
 * - `Int`: a number; `Boolean`, `String`: as they are; `ID`: a string;
 * - a reference to another entity: that entity's id (a string); lists of either: arrays;
 * - an unset optional field: absent or `null`. `@derivedFrom` fields are never stored.
 */
export type EntityValue = string | number | boolean | null | EntityValue[];

/** One entity: `id` plus its fields. */
export type EntityData = { id: string } & { [field: string]: EntityValue | undefined };

/** The name of an entity type of `subgraph/schema.graphql`, e.g. `"Proposal"`. */
export type EntityType = string;

/**
 * What the indexer's handlers read and write. Writes are buffered for the block being indexed and committed with the
 * indexer's cursor in one transaction, so a crash never leaves half a block; every change is journalled per block so
 * that a reorganisation can be rolled back.
 */
export interface EntityStore {
  /** The entity as the latest write left it (including writes of the block being indexed), or undefined. */
  get(type: EntityType, id: string): Promise<EntityData | undefined>;
  /** Creates or replaces the whole entity (like graph-ts `entity.save()`). */
  set(type: EntityType, data: EntityData): Promise<void>;
}
