import type { NestExpressApplication } from "@nestjs/platform-express";
import type { AppConfig } from "../config/app-config.js";

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** The part of express's response this handler uses. */
interface JsonResponse {
  status(code: number): { json(body: unknown): void };
}

/**
 * HTTP settings every instance of the backend shares (main.ts and the tests): which proxies may name the client
 * (TRUST_PROXY), the request body limit, and errors of the body parser answered as JSON with a stable code instead of
 * express's HTML page.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  if (config.trustProxy !== false) app.set("trust proxy", config.trustProxy);
  app.useBodyParser("json", { limit: config.graphql.maxBodyBytes });
  app.use((error: BodyParserError, _req: unknown, res: JsonResponse, next: (error: unknown) => void) => {
    if (error.type === "entity.too.large") {
      res.status(413).json({
        errors: [
          {
            message: `request body exceeds ${config.graphql.maxBodyBytes} bytes (GRAPHQL_MAX_BODY_BYTES); send a smaller query or fewer variables`,
            extensions: { code: "PAYLOAD_TOO_LARGE" },
          },
        ],
      });
      return;
    }
    if (error.type === "entity.parse.failed") {
      res.status(400).json({
        errors: [
          { message: 'request body is not valid JSON; send {"query": "..."}', extensions: { code: "BAD_REQUEST" } },
        ],
      });
      return;
    }
    next(error);
  });
}
