// Only approved models: the backend loads the versions the ModelRegistry approves, from files that verify against
// the registered hash, refuses a tampered directory (and /health says why), and stops serving a revoked version
// within seconds, failing the requests in flight with a clear error.
import "reflect-metadata";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { encodeFunctionData } from "viem";
import { IndexerService } from "../../backend/src/indexer/indexer.service.js";
import { ModelServingService } from "../../backend/src/serving/model-serving.service.js";
import { type Deployment, readDeployment } from "../../deployments/index.js";
import { modelRegistryAbi } from "../../generated/contracts.js";
import {
  type GovernanceHistory,
  passProposalAfterHistory,
  runGovernanceHistory,
} from "../helpers/governance-history.js";
import { type RunningChain, startLocalChain } from "../helpers/local-chain.js";
import { startBackend } from "./helpers/backend-app.js";

const root = path.resolve(import.meta.dirname, "../..");
const port = 25_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-serving-"));
const goodModels = mkdtempSync(path.join(tmpdir(), "commons-models-"));
const tamperedModels = mkdtempSync(path.join(tmpdir(), "commons-tampered-"));

let chain: RunningChain;
let deployment: Deployment;
let history: GovernanceHistory;
const apps: NestExpressApplication[] = [];

function copyVersion(to: string, version: string): string {
  const dir = path.join(to, "commons-chat", version);
  cpSync(path.join(root, "models/commons-chat", version), dir, { recursive: true });
  return dir;
}

async function backend(modelsDir: string): Promise<NestExpressApplication> {
  const app = await startBackend({
    RPC_URL: rpcUrl,
    COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
    MODELS_DIR: modelsDir,
    MODELS_SYNC_INTERVAL_MS: "500",
    INDEXER_POLL_INTERVAL_MS: "100",
  });
  apps.push(app);
  await app.get(IndexerService).waitForBlock(history.lastBlock, 60_000);
  return app;
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  chain = await startLocalChain(port, deploymentsDir);
  deployment = readDeployment(31337, deploymentsDir);
  history = await runGovernanceHistory({ rpcUrl, deployment });
  copyVersion(goodModels, "1.0.0");
  copyVersion(goodModels, "1.1.0");
  const tampered = copyVersion(tamperedModels, "1.1.0");
  const weights = path.join(tampered, "onnx/model.onnx");
  const bytes = readFileSync(weights);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
  writeFileSync(weights, bytes);
}, 600_000);

afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
  chain?.signal("SIGINT");
  for (const dir of [deploymentsDir, goodModels, tamperedModels]) rmSync(dir, { recursive: true, force: true });
});

describe("serving only approved models", () => {
  it("loads the approved default version and not the revoked one", async () => {
    const app = await backend(goodModels);
    const serving = app.get(ModelServingService);
    const status = await until("1.1.0 loaded", () => {
      const s = serving.status();
      return s.some((m) => m.state === "loaded") ? s : undefined;
    });
    expect(status).toEqual([
      expect.objectContaining({ modelId: "commons-chat", version: "1.1.0", state: "loaded", isDefault: true }),
    ]);
    expect(serving.get("commons-chat").version.version).toBe("1.1.0");
    expect(() => serving.get("commons-chat", "1.0.0")).toThrow(/commons-chat 1.0.0 is not approved for serving/);
    const health = await fetch(`${await app.getUrl()}/health`);
    expect(health.status).toBe(200);
  });

  it("never loads a directory whose files do not hash to the approved version, and /health says why", async () => {
    const app = await backend(tamperedModels);
    const serving = app.get(ModelServingService);
    const failed = await until("1.1.0 refused", () => serving.status().find((m) => m.state === "failed"));
    expect(failed.error).toMatch(/onnx\/model\.onnx/);
    expect(() => serving.get("commons-chat")).toThrow(/approved but not loaded on this server \(failed/);
    const health = await fetch(`${await app.getUrl()}/health`);
    expect(health.status).toBe(503);
    const body = (await health.json()) as { models: { state: string; error: string }[] };
    expect(body.models[0]?.error).toMatch(/onnx\/model\.onnx/);
  });

  it("stops serving a revoked version within seconds and fails the requests in flight with a clear error", async () => {
    const serving = apps[0]?.get(ModelServingService);
    if (!serving) throw new Error("the first test's backend is missing");
    const outcomes: Promise<string>[] = [];
    const revoke = encodeFunctionData({
      abi: modelRegistryAbi,
      functionName: "revokeModelVersion",
      args: ["commons-chat", "1.1.0", "test: revoked while serving"],
    });
    await passProposalAfterHistory(
      { rpcUrl, deployment },
      [{ contract: "ModelRegistry", data: revoke }],
      "# Revoke commons-chat 1.1.0",
      async () => {
        // Enough queued work (one generation at a time) to still be running when the revocation is indexed.
        const { model } = serving.get("commons-chat");
        for (let i = 0; i < 40; i++) {
          const stream = model.generate([{ role: "user", content: `How do I vote? (${i})` }], { maxNewTokens: 128 });
          outcomes.push(
            stream.result.then(
              () => "completed",
              (error: Error) => error.message,
            ),
          );
        }
      },
    );
    const revokedAt = Date.now();
    await until("1.1.0 unloaded", () => (serving.status().length === 0 ? true : undefined), 10_000);
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    const results = await Promise.all(outcomes);
    const failures = results.filter((r) => r !== "completed");
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toMatch(/unloaded: the registry no longer approves this version/);
    expect(() => serving.get("commons-chat")).toThrow(/not approved for serving/);
  });
});
