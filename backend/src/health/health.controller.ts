import { Controller, Get, ServiceUnavailableException } from "@nestjs/common";
import { ChainService, type ChainStatus } from "../chain/chain.service.js";

export interface HealthReport {
  status: "ok" | "degraded";
  chain: ChainStatus;
  contracts: Record<string, string>;
}

/** `GET /health`: 200 with the report when every dependency answers, 503 with the same report otherwise. */
@Controller("health")
export class HealthController {
  constructor(private readonly chain: ChainService) {}

  @Get()
  async health(): Promise<HealthReport> {
    const chain = await this.chain.status();
    const report: HealthReport = {
      status: chain.reachable ? "ok" : "degraded",
      chain,
      contracts: this.chain.deployment.contracts,
    };
    if (!chain.reachable) throw new ServiceUnavailableException(report);
    return report;
  }
}
