import { Controller, Get, Inject, ServiceUnavailableException } from "@nestjs/common";
import { ChainService, type ChainStatus } from "../chain/chain.service.js";
import { DATABASE, type Database } from "../database/database.js";
import { IndexerService } from "../indexer/indexer.service.js";
import { ModelServingService, type ServedModelVersion } from "../serving/model-serving.service.js";

export interface DatabaseStatus {
  engine: Database["engine"];
  reachable: boolean;
  error?: string;
}

export interface IndexerHealth {
  /** Last indexed block, null before the first batch. */
  headBlock: string | null;
  chainHeadBlock: string | null;
  /** Blocks behind the chain. */
  lag: string | null;
  backfilling: boolean;
  /** Why the last indexer step failed (it retries); the report is degraded meanwhile. */
  error: string | null;
}

export interface HealthReport {
  status: "ok" | "degraded";
  chain: ChainStatus;
  database: DatabaseStatus;
  indexer: IndexerHealth;
  /** Every model version the registry lets this server serve, and whether it is loaded (or why not). */
  models: ServedModelVersion[];
  contracts: Record<string, string>;
}

/**
 * `GET /health`: 200 with the report when the chain and the database answer, the indexer's last step succeeded and
 * no approved model version was refused (files that do not verify); 503 with the same report otherwise.
 */
@Controller("health")
export class HealthController {
  constructor(
    @Inject(ChainService) private readonly chain: ChainService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(IndexerService) private readonly indexer: IndexerService,
    @Inject(ModelServingService) private readonly serving: ModelServingService,
  ) {}

  @Get()
  async health(): Promise<HealthReport> {
    const [chain, database] = await Promise.all([this.chain.status(), this.#database()]);
    const status = this.indexer.status();
    const indexer: IndexerHealth = {
      headBlock: status.head?.number.toString() ?? null,
      chainHeadBlock: status.chainHead?.toString() ?? null,
      lag: status.lag?.toString() ?? null,
      backfilling: status.backfilling,
      error: status.error,
    };
    const models = this.serving.status();
    const healthy = chain.reachable && database.reachable && indexer.error === null;
    const report: HealthReport = {
      status: healthy && !models.some((m) => m.state === "failed") ? "ok" : "degraded",
      chain,
      database,
      indexer,
      models,
      contracts: this.chain.deployment.contracts,
    };
    if (report.status !== "ok") throw new ServiceUnavailableException(report);
    return report;
  }

  async #database(): Promise<DatabaseStatus> {
    try {
      await this.db.query("select 1");
      return { engine: this.db.engine, reachable: true };
    } catch (error) {
      return { engine: this.db.engine, reachable: false, error: (error as Error).message };
    }
  }
}
