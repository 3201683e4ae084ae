import { Inject, Injectable } from "@nestjs/common";
import { createPublicClient, http, type PublicClient, webSocket } from "viem";
import { type Deployment, readDeployment } from "../../../deployments/index.js";
import { APP_CONFIG, type AppConfig } from "../config/app-config.js";

export interface ChainStatus {
  reachable: boolean;
  chainId?: number;
  blockNumber?: string;
  error?: string;
}

/** The chain the backend follows: a viem client on RPC_URL and the deployment of CHAIN_ID. */
@Injectable()
export class ChainService {
  readonly client: PublicClient;
  readonly deployment: Deployment;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const transport = config.rpcUrl.startsWith("ws")
      ? webSocket(config.rpcUrl)
      : // Two quick retries: a node may close a kept-alive connection just as a request is sent on it.
        http(config.rpcUrl, { retryCount: 2, retryDelay: 50 });
    // No caching: viem would otherwise answer getBlockNumber from a 4-second cache, and the indexer would lag by that.
    this.client = createPublicClient({ transport, cacheTime: 0 });
    this.deployment = readDeployment(config.chainId, config.deploymentsDir);
  }

  /** Whether the RPC endpoint answers, and as the configured chain. */
  async status(): Promise<ChainStatus> {
    try {
      const [chainId, blockNumber] = await Promise.all([this.client.getChainId(), this.client.getBlockNumber()]);
      if (chainId !== this.config.chainId) {
        return {
          reachable: false,
          chainId,
          error: `RPC_URL serves chain ${chainId}, but CHAIN_ID is ${this.config.chainId}`,
        };
      }
      return { reachable: true, chainId, blockNumber: blockNumber.toString() };
    } catch (error) {
      return {
        reachable: false,
        error: `cannot reach ${this.config.rpcUrl}: ${(error as Error).message.split("\n")[0]}`,
      };
    }
  }
}
