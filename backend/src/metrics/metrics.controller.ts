import { Controller, Get, Header, Inject } from "@nestjs/common";
import { MetricsService } from "./metrics.service.js";

/** `GET /metrics`: Prometheus text format. */
@Controller("metrics")
export class MetricsController {
  constructor(@Inject(MetricsService) private readonly metrics: MetricsService) {}

  @Get()
  @Header("content-type", "text/plain; version=0.0.4; charset=utf-8")
  render(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
