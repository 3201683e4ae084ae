import path from "node:path";
import { Global, Inject, Module, type OnApplicationShutdown } from "@nestjs/common";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";
import { DATABASE, type Database } from "./database.js";
import { migrate } from "./migrations.js";
import { openPgliteDatabase } from "./pglite-database.js";
import { openPostgresDatabase } from "./postgres-database.js";

/** Opens the configured engine and brings its schema up to date before anything else uses it. */
export async function openDatabase(config: AppConfig): Promise<Database> {
  const db = config.databaseUrl
    ? await openPostgresDatabase(config.databaseUrl)
    : await openPgliteDatabase(config.dataDir === "memory://" ? "memory://" : path.join(config.dataDir, "pglite"));
  await migrate(db);
  return db;
}

@Global()
@Module({
  providers: [{ provide: DATABASE, inject: [APP_CONFIG], useFactory: openDatabase }],
  exports: [DATABASE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
