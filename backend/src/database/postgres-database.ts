import pg from "pg";
import { redactUrl } from "../config/redact-url.js";
import type { Database, Queryable } from "./database.js";

/** A PostgreSQL server at `url` (DATABASE_URL), through a connection pool. */
export async function openPostgresDatabase(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Fail at startup, with the reason, rather than at the first request.
  await pool.query("select 1").catch(async (error: Error) => {
    await pool.end();
    throw new Error(`cannot connect to DATABASE_URL (${redactUrl(url)}): ${error.message}`);
  });
  const query = async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await pool.query<Row>(sql, params)).rows;
  return {
    engine: "postgres",
    query,
    // Without parameters pg uses the simple query protocol, which accepts several statements.
    exec: async (sql: string) => {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn({
          query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
            (await client.query<Row>(sql, params)).rows,
          exec: async (sql: string) => {
            await client.query(sql);
          },
        });
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback");
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
