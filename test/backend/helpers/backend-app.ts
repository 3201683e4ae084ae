import "reflect-metadata";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { Test } from "@nestjs/testing";
import { AppModule } from "../../../backend/src/app.module.js";
import { APP_CONFIG, type AppConfig } from "../../../backend/src/config/app-config.js";
import { configureApp } from "../../../backend/src/http/configure-app.js";

/**
 * Starts the backend as main.ts does (same module, same HTTP settings) on a free port, with `env` on top of the
 * process environment while its configuration is read. The embedded database is in memory unless `env` says otherwise.
 */
export async function startBackend(env: Record<string, string>): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, { DATA_DIR: "memory://", LOG_FORMAT: "json" }, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false });
    configureApp(app, app.get<AppConfig>(APP_CONFIG));
    await app.listen(0, "127.0.0.1");
    return app;
  } finally {
    process.env = saved;
  }
}

export interface GraphqlResponse<Data> {
  status: number;
  data?: Data;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POSTs one GraphQL operation to the app. */
export async function graphql<Data = Record<string, unknown>>(
  app: NestExpressApplication,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphqlResponse<Data>> {
  const response = await fetch(`${await app.getUrl()}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphqlResponse<Data>, "status">;
  return { status: response.status, ...body };
}
