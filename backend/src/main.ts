import "reflect-metadata";
import { ConsoleLogger } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { AppModule } from "./app.module.js";
import { APP_CONFIG, type AppConfig, ConfigError, loadAppConfig } from "./config/app-config.js";
import { configureApp } from "./http/configure-app.js";

/** Starts the backend; a bad configuration stops it with the list of what to fix. */
export async function bootstrap() {
  let config: AppConfig;
  try {
    config = loadAppConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = new ConsoleLogger({ json: config.logFormat === "json", logLevels: ["error", "warn", "log"] });
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, bodyParser: false });
  configureApp(app, app.get<AppConfig>(APP_CONFIG));
  stopOnSignals(app, logger);
  await app.listen(config.port, config.host);
  logger.log(
    { message: "backend listening", url: await app.getUrl(), chainId: config.chainId, rpcUrl: config.rpcUrl },
    "Bootstrap",
  );
  return app;
}

/**
 * Graceful shutdown on SIGTERM or SIGINT: stop taking connections, let requests in flight finish, stop the indexer
 * after its current batch (committed or not at all), close the database, then exit 0. A second signal exits at once.
 */
function stopOnSignals(app: NestExpressApplication, logger: ConsoleLogger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log({ message: "shutting down", signal }, "Bootstrap");
    app.close().then(
      () => {
        logger.log({ message: "stopped" }, "Bootstrap");
        process.exit(0);
      },
      (error: Error) => {
        logger.error({ message: "shutdown failed", error: error.message }, "Bootstrap");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await bootstrap();
