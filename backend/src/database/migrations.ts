import { createHash } from "node:crypto";
import type { Database } from "./database.js";

export interface Migration {
  /** Applied in ascending order; never renumbered. */
  id: number;
  name: string;
  sql: string;
}

/**
 * The schema, as an append-only list. An applied migration must never change: add a new one instead (the runner
 * refuses to start when an applied migration's text differs from what it recorded).
 */
export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: "indexer cursor",
    sql: `create table indexer_cursor (
      chain_id bigint primary key,
      block_number bigint not null,
      block_hash text not null,
      updated_at timestamptz not null default now()
    )`,
  },
  {
    id: 2,
    name: "governance entities",
    // Entities of subgraph/schema.graphql as JSON documents (backend/src/indexer/entity-store.ts has the encoding),
    // the per-block journal that undoes a reorganisation, and the recent blocks whose hashes detect one.
    sql: `create table entity (
      type text not null,
      id text not null,
      data jsonb not null,
      primary key (type, id)
    );
    create index entity_proposal_created on entity (((data->>'createdAtTimestamp')::numeric), id) where type = 'Proposal';
    create index entity_proposal_proposer on entity ((data->>'proposer')) where type = 'Proposal';
    create index entity_vote_proposal on entity ((data->>'proposal'), id) where type = 'Vote';
    create index entity_vote_voter on entity ((data->>'voter'), id) where type = 'Vote';
    create index entity_delegate_power on entity (((data->>'votingPower')::numeric), id) where type = 'Delegate';
    create index entity_action_proposal on entity ((data->>'proposal'), id) where type = 'ProposalAction';
    create index entity_model_version_model on entity ((data->>'model'), id) where type = 'ModelVersion';
    create table entity_journal (
      seq bigserial primary key,
      block_number bigint not null,
      type text not null,
      id text not null,
      previous jsonb
    );
    create index entity_journal_block on entity_journal (block_number);
    create table indexed_block (
      chain_id bigint not null,
      number bigint not null,
      hash text not null,
      timestamp bigint not null,
      primary key (chain_id, number)
    )`,
  },
  {
    id: 3,
    name: "auth",
    // Sign-In with Ethereum nonces (single use), sessions (revocable before they expire) and developer API keys, of
    // which only a SHA-256 hash is kept (backend/src/auth/). Addresses are stored lowercase.
    sql: `create table auth_nonce (
      nonce text primary key,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index auth_nonce_expires on auth_nonce (expires_at);
    create table auth_session (
      id text primary key,
      address text not null check (address = lower(address)),
      created_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz
    );
    create index auth_session_expires on auth_session (expires_at);
    create table auth_api_key (
      id text primary key,
      key_hash text not null unique,
      owner text not null check (owner = lower(owner)),
      name text not null,
      prefix text not null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index auth_api_key_owner on auth_api_key (owner, created_at)`,
  },
  {
    id: 4,
    name: "chat usage and retention",
    // Usage as counts per member and UTC day (backend/src/chat/usage-recorder.ts), and the conversations a policy
    // with retention above zero keeps, encrypted, until they expire (backend/src/chat/conversation-store.ts).
    sql: `create table usage_daily (
      member text not null check (member = lower(member)),
      day date not null,
      requests integer not null,
      prompt_tokens bigint not null,
      completion_tokens bigint not null,
      redactions jsonb not null,
      primary key (member, day)
    );
    create table conversation (
      id text primary key,
      member text not null check (member = lower(member)),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      iv text not null,
      tag text not null,
      ciphertext text not null
    );
    create index conversation_expires on conversation (expires_at)`,
  },
];

function checksum(migration: Migration): string {
  return createHash("sha256").update(migration.sql).digest("hex");
}

/** Advisory lock key that serialises migrations across replicas starting at once ("common" in ASCII). */
const MIGRATION_LOCK = 0x636f6d6d6f6e;

/**
 * Applies pending migrations in order, all in one transaction under an advisory lock: replicas that start together
 * apply them once (the others wait, then find nothing to do), and a failing migration leaves nothing half done.
 * Returns the ids it applied.
 */
export async function migrate(db: Database, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.query(`create table if not exists schema_migrations (
      id integer primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`);
    const applied = new Map(
      (
        await tx.query<{ id: number; checksum: string; name: string }>(
          "select id, name, checksum from schema_migrations",
        )
      ).map((row) => [Number(row.id), row]),
    );
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      const previous = applied.get(migration.id);
      if (previous) {
        if (previous.checksum !== checksum(migration)) {
          throw new Error(
            `migration ${migration.id} (${previous.name}) changed after it was applied; add a new migration instead of editing it`,
          );
        }
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query("insert into schema_migrations (id, name, checksum) values ($1, $2, $3)", [
        migration.id,
        migration.name,
        checksum(migration),
      ]);
      done.push(migration.id);
    }
    return done;
  });
}
