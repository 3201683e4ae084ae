import "reflect-metadata";
import { NestFactory } from "@nestjs/core";
import { AppModule } from "./app.module.js";
import { APP_CONFIG, type AppConfig, ConfigError, loadAppConfig } from "./config/app-config.js";

/** Starts the backend; a bad configuration stops it with the list of what to fix. */
export async function bootstrap() {
  try {
    loadAppConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await NestFactory.create(AppModule, { logger: ["error", "warn", "log"] });
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, config.host);
  console.log(`Commons AI backend on ${await app.getUrl()} (chain ${config.chainId} at ${config.rpcUrl})`);
  return app;
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) await bootstrap();
