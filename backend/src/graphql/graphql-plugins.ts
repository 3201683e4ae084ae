import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { MetricsService } from "../metrics/metrics.service.js";
import { checkOperation, measureOperation } from "./query-limits.js";

/** Refuses too-deep and too-large operations before they run (PAGE_SIZE_TOO_LARGE, QUERY_TOO_DEEP, QUERY_TOO_COMPLEX). */
export function queryLimitsPlugin(limits: {
  maxDepth: number;
  maxComplexity: number;
  maxPageSize: number;
}): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = measureOperation(schema as GraphQLSchema, document, operation, request.variables ?? {});
          checkOperation(cost, limits);
        },
      };
    },
  };
}

/** Observes every request's latency into commons_graphql_request_duration_seconds. */
export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      let operation = "unknown";
      return {
        async didResolveOperation({ operation: resolved }) {
          operation = resolved?.operation ?? "unknown";
        },
        async willSendResponse({ errors, response }) {
          const failed =
            (errors?.length ?? 0) > 0 ||
            (response.body.kind === "single" && (response.body.singleResult.errors?.length ?? 0) > 0);
          stop({ operation, outcome: failed ? "error" : "ok" });
        },
      };
    },
  };
}
