import { randomBytes } from "node:crypto";
import pg from "pg";

/** The PostgreSQL the tests use: POSTGRES_TEST_URL, default the server CI machines run. */
export const POSTGRES_TEST_URL = process.env.POSTGRES_TEST_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * A PostgreSQL schema of its own (named `<prefix>_<random>`), as a DATABASE_URL whose search_path points at it;
 * `drop()` removes it and everything in it.
 */
export async function postgresSchema(
  prefix = "commons_test",
  server = POSTGRES_TEST_URL,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  const schema = `${prefix}_${randomBytes(4).toString("hex")}`;
  await admin.query(`create schema ${schema}`);
  const url = new URL(server);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}
