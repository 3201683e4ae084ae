import "reflect-metadata";
import type { LoggerService } from "@nestjs/common";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { Test } from "@nestjs/testing";
import { AppModule } from "../../../backend/src/app.module.js";
import { APP_CONFIG, type AppConfig } from "../../../backend/src/config/app-config.js";
import { configureApp } from "../../../backend/src/http/configure-app.js";

/**
 * Starts the backend as main.ts does (same module, same HTTP settings) on a free port, with `env` on top of the
 * process environment while its configuration is read. The embedded database is in memory unless `env` says otherwise.
 */
export async function startBackend(
  env: Record<string, string>,
  options: { logger?: LoggerService } = {},
): Promise<NestExpressApplication> {
  const saved = { ...process.env };
  Object.assign(process.env, { DATA_DIR: "memory://", LOG_FORMAT: "json" }, env);
  try {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({
      logger: options.logger ?? false,
      bodyParser: false,
    });
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

/** A Nest logger that keeps every line it is given, as JSON text, so that a test can scan all logs. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];

  #keep(level: string, message: unknown, rest: unknown[]): void {
    this.lines.push(
      JSON.stringify({ level, message, rest }, (_key, value: unknown) =>
        typeof value === "bigint"
          ? value.toString()
          : value instanceof Error
            ? { message: value.message, stack: value.stack }
            : value,
      ),
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.#keep("log", message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.#keep("error", message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.#keep("warn", message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.#keep("debug", message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.#keep("verbose", message, rest);
  }
}
