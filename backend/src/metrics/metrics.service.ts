import { Injectable } from "@nestjs/common";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * The backend's Prometheus metrics, in a registry of its own (several apps in one process, as in tests, do not share
 * counters). Labels never hold request content: only contract and event names, GraphQL operation types and outcomes.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly indexerHead = new Gauge({
    name: "commons_indexer_head_block",
    help: "Last block whose events are stored",
    registers: [this.registry],
  });
  readonly chainHead = new Gauge({
    name: "commons_chain_head_block",
    help: "Latest block of the chain, as last seen by the indexer",
    registers: [this.registry],
  });
  readonly indexerLag = new Gauge({
    name: "commons_indexer_lag_blocks",
    help: "Blocks between the chain head and the indexed head",
    registers: [this.registry],
  });
  readonly eventsIndexed = new Counter({
    name: "commons_indexer_events_total",
    help: "Contract events indexed, by contract and event",
    labelNames: ["contract", "event"] as const,
    registers: [this.registry],
  });
  readonly indexerErrors = new Counter({
    name: "commons_indexer_errors_total",
    help: "Indexer steps that failed (the indexer retries them)",
    registers: [this.registry],
  });
  readonly reorgs = new Counter({
    name: "commons_indexer_reorgs_total",
    help: "Chain reorganisations rolled back",
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: "commons_graphql_request_duration_seconds",
    help: "GraphQL request latency, by operation type and outcome",
    labelNames: ["operation", "outcome"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: "commons_" });
  }
}
