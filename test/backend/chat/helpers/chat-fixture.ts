// What the chat tests under test/backend/chat share: a local chain where the DAO has approved the bundled
// commons-chat 1.1.0 and nothing else (the lightest governance that serves a model, a few seconds instead of the
// full scripted history), and the backend serving it to a member with an API key.
import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LoggerService } from "@nestjs/common";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { createPublicClient, createWalletClient, type Hex, http } from "viem";
import { hardhat } from "viem/chains";
import { IndexerService } from "../../../../backend/src/indexer/indexer.service.js";
import { ModelServingService } from "../../../../backend/src/serving/model-serving.service.js";
import { type Deployment, readDeployment } from "../../../../deployments/index.js";
import { governanceTokenAbi } from "../../../../generated/contracts.js";
import { buildApprovalProposal } from "../../../../models/src/proposal/approval-proposal.js";
import { passProposalAfterHistory } from "../../../helpers/governance-history.js";
import { startLocalChain } from "../../../helpers/local-chain.js";
import { call, DOMAIN, devAccount, signIn } from "../../auth/helpers/auth-fixture.js";
import { startBackend } from "../../helpers/backend-app.js";

const root = path.resolve(import.meta.dirname, "../../../..");

/** The member of these tests: dev account #0, who holds 400,000 COMMONS and delegates them to itself. */
export const member = devAccount(0);

export interface ChatChain {
  rpcUrl: string;
  deployment: Deployment;
  deploymentsDir: string;
  /** The chain's latest block. */
  head(): Promise<bigint>;
  /** Passes one proposal with dev account #0's votes alone: propose, vote, queue, then `beforeExecute`, execute. */
  pass(
    actions: { contract: "ModelRegistry" | "UsagePolicyRegistry"; data: Hex }[],
    description: string,
    beforeExecute?: () => Promise<void>,
  ): Promise<bigint>;
  stop(): void;
}

/**
 * `npm start`'s chain on a port in [portBase, portBase + 1000), where account #0 has activated its votes and the DAO
 * has approved commons-chat 1.1.0 (the first approved version is the default).
 */
export async function startChatChain(portBase: number): Promise<ChatChain> {
  const port = portBase + Math.floor(Math.random() * 1000);
  const rpcUrl = `http://127.0.0.1:${port}`;
  const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-chat-chain-"));
  const running = await startLocalChain(port, deploymentsDir);
  const deployment = readDeployment(31337, deploymentsDir);
  const publicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl, { retryCount: 3 }) });
  const chain: ChatChain = {
    rpcUrl,
    deployment,
    deploymentsDir,
    head: () => publicClient.getBlockNumber({ cacheTime: 0 }),
    pass: (actions, description, beforeExecute) =>
      passProposalAfterHistory({ rpcUrl, deployment }, actions, description, beforeExecute),
    stop: () => {
      running.signal("SIGINT");
      rmSync(deploymentsDir, { recursive: true, force: true });
    },
  };
  try {
    const wallet = createWalletClient({ chain: hardhat, transport: http(rpcUrl) });
    const hash = await wallet.writeContract({
      address: deployment.contracts.GovernanceToken,
      abi: governanceTokenAbi,
      functionName: "delegate",
      args: [member.address],
      account: member.address,
    });
    await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    const approval = await buildApprovalProposal(path.join(root, "models/commons-chat/1.1.0"), {
      chainId: 31337,
      deploymentsDir,
    });
    await chain.pass([{ contract: "ModelRegistry", data: approval.calldata }], approval.description);
  } catch (error) {
    chain.stop();
    throw error;
  }
  return chain;
}

export interface ChatBackend {
  app: NestExpressApplication;
  url: string;
  /** An API key of {@link member}. */
  apiKey: string;
}

/** The backend on `chain`, caught up with it, serving commons-chat 1.1.0, with an API key of {@link member}. */
export async function startChatBackend(chain: ChatChain, logger?: LoggerService): Promise<ChatBackend> {
  const app = await startBackend(
    {
      RPC_URL: chain.rpcUrl,
      COMMONS_DEPLOYMENTS_DIR: chain.deploymentsDir,
      INDEXER_POLL_INTERVAL_MS: "100",
      AUTH_DOMAIN: DOMAIN,
    },
    { logger },
  );
  await app.get(IndexerService).waitForBlock(await chain.head(), 60_000);
  const serving = app.get(ModelServingService);
  const deadline = Date.now() + 60_000;
  while (!serving.status().some((m) => m.state === "loaded")) {
    if (Date.now() > deadline) throw new Error(`no model loaded: ${JSON.stringify(serving.status())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const { token } = await signIn(app, member);
  const created = await call<{ key: string }>(app, "POST", "/auth/api-keys", {
    bearer: token,
    body: { name: "tests" },
  });
  if (created.status !== 201) throw new Error(`could not create an API key: ${created.status}`);
  return { app, url: await app.getUrl(), apiKey: created.body.key };
}
