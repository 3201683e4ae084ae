import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { ConfigError, loadAppConfig } from "../../backend/src/config/app-config.js";
import { type RunningChain, startLocalChain } from "../helpers/local-chain.js";
import { startBackend } from "./helpers/backend-app.js";

const port = 20_545 + Math.floor(Math.random() * 1000);
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-backend-"));
let chain: RunningChain;

beforeAll(async () => {
  chain = await startLocalChain(port, deploymentsDir);
}, 200_000);

afterAll(() => {
  chain?.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
});

describe("GET /health", () => {
  it("reports the chain and the deployed contracts", async () => {
    const app = await startBackend({ RPC_URL: `http://127.0.0.1:${port}`, COMMONS_DEPLOYMENTS_DIR: deploymentsDir });
    try {
      const response = await fetch(`${await app.getUrl()}/health`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { status: string; chain: { chainId: number }; contracts: object };
      expect(body.status).toBe("ok");
      expect(body.chain.chainId).toBe(31337);
      expect(Object.keys(body.contracts)).toContain("ModelRegistry");
      expect(body).toMatchObject({ database: { engine: "pglite", reachable: true } });
    } finally {
      await app.close();
    }
  });

  it("refuses to start without a deployment for CHAIN_ID, naming the missing file", async () => {
    const error = await startBackend({
      RPC_URL: `http://127.0.0.1:${port}`,
      CHAIN_ID: "5",
      COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
    }).catch((e: Error) => e);
    expect(String(error)).toMatch(/No deployment for chain 5: .*5\.json does not exist/);
  });

  it("answers 503 and says why when RPC_URL serves another chain than CHAIN_ID", async () => {
    const other = JSON.parse(readFileSync(path.join(deploymentsDir, "31337.json"), "utf8")) as { chainId: number };
    writeFileSync(path.join(deploymentsDir, "5.json"), JSON.stringify({ ...other, chainId: 5 }));
    const app = await startBackend({
      RPC_URL: `http://127.0.0.1:${port}`,
      CHAIN_ID: "5",
      COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
    });
    try {
      const response = await fetch(`${await app.getUrl()}/health`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { chain: { error: string } };
      expect(body.chain.error).toBe("RPC_URL serves chain 31337, but CHAIN_ID is 5");
    } finally {
      await app.close();
    }
  });

  it("answers 503 with the reason when the chain is unreachable", async () => {
    const app = await startBackend({ RPC_URL: "http://127.0.0.1:9", COMMONS_DEPLOYMENTS_DIR: deploymentsDir });
    try {
      const response = await fetch(`${await app.getUrl()}/health`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { status: string; chain: { reachable: boolean; error: string } };
      expect(body.status).toBe("degraded");
      expect(body.chain.reachable).toBe(false);
      expect(body.chain.error).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9/);
    } finally {
      await app.close();
    }
  });
});

describe("configuration", () => {
  it("has defaults for the local chain", () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      port: 4000,
      chainId: 31337,
      rpcUrl: "http://127.0.0.1:8545",
      databaseUrl: undefined,
    });
  });

  it("stops the server process with the list of what to fix", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "backend/src/main.ts"], {
      env: { ...process.env, RPC_URL: "ftp://chain", PORT: "-1" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("Invalid configuration:");
    expect(run.stderr).toContain("PORT=-1 must be an integer from 0 to 65535");
    expect(run.stderr).toContain("RPC_URL=ftp://chain must be an http(s) or ws(s) URL");
  });

  it("lists every bad variable at once, saying what to set", () => {
    let error: unknown;
    try {
      loadAppConfig({ PORT: "70000", CHAIN_ID: "x", RPC_URL: "ftp://chain", DATABASE_URL: "mysql://db" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      "PORT=70000 must be an integer from 0 to 65535",
      "CHAIN_ID=x must be an integer from 1 to 9007199254740991",
      "RPC_URL=ftp://chain must be an http(s) or ws(s) URL of a JSON-RPC endpoint, e.g. http://127.0.0.1:8545",
      "DATABASE_URL must be a postgres:// URL, or unset for the embedded database",
    ]);
  });
});
