/**
 * The one storage interface of the backend, with two engines behind it: PGlite (PostgreSQL compiled to WebAssembly,
 * embedded, nothing to install: the default) and a real PostgreSQL server when DATABASE_URL is set. Both speak the
 * same SQL dialect, so one schema and one set of migrations serve both (docs/ARCHITECTURE.md explains the choice).
 */
export interface Database {
  /** Which engine this is, for health reports and logs. */
  readonly engine: "pglite" | "postgres";
  /** Runs one parameterised statement ($1, $2, ...) and returns its rows. */
  query<Row extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction: committed if it returns, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Queryable = Pick<Database, "query" | "exec">;

export const DATABASE = Symbol("DATABASE");
