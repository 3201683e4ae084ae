import { afterAll, describe, expect, it } from "@jest/globals";
import type { Database } from "../../backend/src/database/database.js";
import { MIGRATIONS, type Migration, migrate } from "../../backend/src/database/migrations.js";
import { openPgliteDatabase } from "../../backend/src/database/pglite-database.js";
import { openPostgresDatabase } from "../../backend/src/database/postgres-database.js";
import { POSTGRES_TEST_URL, postgresSchema } from "../helpers/postgres-schema.js";

// The same tests run on both engines. PostgreSQL: the server CI provides (POSTGRES_TEST_URL, default the local one),
// in a schema of its own that is dropped afterwards.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function freshPostgres(): Promise<Database> {
  const schema = await postgresSchema("commons_test");
  cleanups.push(schema.drop);
  const db = await openPostgresDatabase(schema.url);
  cleanups.push(() => db.close());
  return db;
}

async function freshPglite(): Promise<Database> {
  const db = await openPgliteDatabase("memory://");
  cleanups.push(() => db.close());
  return db;
}

describe.each([
  ["embedded PGlite", freshPglite],
  ["PostgreSQL", freshPostgres],
])("%s", (_engine, open) => {
  it("applies the migrations once, in order, and records them", async () => {
    const db = await open();
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ id: number; name: string }>("select id, name from schema_migrations order by id");
    expect(rows.map((r) => Number(r.id))).toEqual(MIGRATIONS.map((m) => m.id));
    await db.query("insert into indexer_cursor (chain_id, block_number, block_hash) values ($1, $2, $3)", [
      31337,
      5,
      "0xab",
    ]);
    expect(await db.query("select chain_id, block_number, block_hash from indexer_cursor")).toEqual([
      { chain_id: expect.anything(), block_number: expect.anything(), block_hash: "0xab" },
    ]);
  });

  it("refuses to start when an applied migration was edited", async () => {
    const db = await open();
    await migrate(db);
    const edited: Migration[] = MIGRATIONS.map((m) => (m.id === 1 ? { ...m, sql: `${m.sql} -- edited` } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/migration 1 \(indexer cursor\) changed after it was applied/);
  });

  it("rolls a failed migration back entirely", async () => {
    const db = await open();
    await migrate(db);
    const broken: Migration[] = [
      ...MIGRATIONS,
      { id: 999, name: "broken", sql: "create table half_done (x int); select * from no_such_table" },
    ];
    await expect(migrate(db, broken)).rejects.toThrow(/no_such_table/);
    expect(await db.query("select id from schema_migrations where id = 999")).toEqual([]);
    await expect(db.query("select * from half_done")).rejects.toThrow(/half_done/);
  });

  it("commits a transaction that returns and rolls back one that throws", async () => {
    const db = await open();
    await db.query("create table t (x int)");
    await db.transaction(async (tx) => {
      await tx.query("insert into t values ($1)", [1]);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into t values ($1)", [2]);
        throw new Error("nope");
      }),
    ).rejects.toThrow("nope");
    expect((await db.query<{ x: number }>("select x from t")).map((r) => r.x)).toEqual([1]);
  });
});

it("applies the migrations once when two replicas start on one PostgreSQL at the same time", async () => {
  const first = await freshPostgres();
  const url = new URL(POSTGRES_TEST_URL);
  const [path] = await first.query<{ search_path: string }>("show search_path");
  url.searchParams.set("options", `-c search_path=${path?.search_path}`);
  const second = await openPostgresDatabase(url.toString());
  cleanups.push(() => second.close());
  const applied = await Promise.all([migrate(first), migrate(second)]);
  expect(applied.flat().sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.id));
});

it("says why it cannot connect to DATABASE_URL, without the password", async () => {
  await expect(openPostgresDatabase("postgres://user:secret@127.0.0.1:9/db")).rejects.toThrow(
    /cannot connect to DATABASE_URL \(postgres:\/\/user:\*\*\*@127\.0\.0\.1:9\/db\)/,
  );
});
