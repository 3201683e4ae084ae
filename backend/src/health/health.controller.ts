import { Controller, Get, Inject, ServiceUnavailableException } from "@nestjs/common";
import { ChainService, type ChainStatus } from "../chain/chain.service.js";
import { DATABASE, type Database } from "../database/database.js";

export interface DatabaseStatus {
  engine: Database["engine"];
  reachable: boolean;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  chain: ChainStatus;
  database: DatabaseStatus;
  contracts: Record<string, string>;
}

/** `GET /health`: 200 with the report when every dependency answers, 503 with the same report otherwise. */
@Controller("health")
export class HealthController {
  constructor(
    private readonly chain: ChainService,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  @Get()
  async health(): Promise<HealthReport> {
    const [chain, database] = await Promise.all([this.chain.status(), this.#database()]);
    const report: HealthReport = {
      status: chain.reachable && database.reachable ? "ok" : "degraded",
      chain,
      database,
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
