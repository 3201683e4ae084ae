import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database.js";

/** The embedded engine: PGlite in a data directory, or in memory for `memory://`. */
export async function openPgliteDatabase(dataDir: string): Promise<Database> {
  const db = await PGlite.create(dataDir === "memory://" ? undefined : dataDir);
  const query = async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await db.query<Row>(sql, params)).rows;
  return {
    engine: "pglite",
    query,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) =>
      db.transaction((tx) =>
        fn({
          query: async <Row extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
            (await tx.query<Row>(sql, params)).rows,
          exec: async (sql: string) => {
            await tx.exec(sql);
          },
        }),
      ),
    close: () => db.close(),
  };
}
