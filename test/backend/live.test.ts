// The backend following a live chain: new blocks within a second, subscriptions over graphql-ws, a reorganisation
// rolled back, the API's limits and error codes, /metrics, JSON logs and a graceful shutdown.
import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { createClient } from "graphql-ws";
import {
  type Address,
  createPublicClient,
  createTestClient,
  createWalletClient,
  type Hex,
  http,
  type PublicClient,
  parseEther,
} from "viem";
import { hardhat } from "viem/chains";
import { IndexerService } from "../../backend/src/indexer/indexer.service.js";
import { type Deployment, readDeployment } from "../../deployments/index.js";
import { commonsGovernorAbi, governanceTokenAbi } from "../../generated/contracts.js";
import { type RunningChain, startLocalChain } from "../helpers/local-chain.js";
import { graphql, startBackend } from "./helpers/backend-app.js";

const port = 22_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-live-"));
const root = path.resolve(import.meta.dirname, "../..");

let chain: RunningChain;
let deployment: Deployment;
let app: NestExpressApplication;
let publicClient: PublicClient;
const wallet = createWalletClient({ chain: hardhat, transport: http(rpcUrl) });
const testClient = createTestClient({ chain: hardhat, mode: "hardhat", transport: http(rpcUrl) });
let accounts: Address[];

/** Waits for a sent transaction; returns its block. */
async function confirm(sent: Promise<Hex>): Promise<bigint> {
  const hash = await sent;
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  expect(receipt.status).toBe("success");
  return receipt.blockNumber;
}

const delegate = (from: Address, to: Address) =>
  confirm(
    wallet.writeContract({
      address: deployment.contracts.GovernanceToken,
      abi: governanceTokenAbi,
      functionName: "delegate",
      args: [to],
      account: from,
    }),
  );

async function votingPower(account: Address): Promise<string | null> {
  const { data } = await graphql<{ delegate: { votingPower: string } | null }>(
    app,
    `{ delegate(id: "${account}") { votingPower } }`,
  );
  return data?.delegate?.votingPower ?? null;
}

beforeAll(async () => {
  chain = await startLocalChain(port, deploymentsDir);
  deployment = readDeployment(31337, deploymentsDir);
  publicClient = createPublicClient({ transport: http(rpcUrl) });
  accounts = await wallet.getAddresses();
  app = await startBackend({
    RPC_URL: rpcUrl,
    COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
    INDEXER_POLL_INTERVAL_MS: "250",
    GRAPHQL_MAX_DEPTH: "6",
    GRAPHQL_MAX_BODY_BYTES: "20000",
  });
  await app.get(IndexerService).waitForBlock(await publicClient.getBlockNumber());
}, 200_000);

afterAll(async () => {
  await app?.close();
  chain?.signal("SIGINT");
  rmSync(deploymentsDir, { recursive: true, force: true });
});

describe("following the chain", () => {
  it("indexes a new block within a second", async () => {
    const [holder] = accounts as [Address];
    const block = await delegate(holder, holder);
    const mined = Date.now();
    await app.get(IndexerService).waitForBlock(block, 5_000);
    expect(Date.now() - mined).toBeLessThan(1_000);
    expect(await votingPower(holder)).toBe(parseEther("400000").toString());
  });

  it("streams created proposals and cast votes to graphql-ws subscribers", async () => {
    const url = `${(await app.getUrl()).replace("http", "ws")}/graphql`;
    const ws = createClient({ url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
    const received: { kind: string; id: string; state?: string }[] = [];
    const subscribe = (query: string, kind: string) =>
      new Promise<void>((resolve) => {
        ws.subscribe<Record<string, { id: string; state?: string }>>(
          { query },
          {
            next: (value) => {
              const entity = Object.values(value.data ?? {})[0];
              if (entity) received.push({ kind, ...entity });
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
        resolve();
      });
    try {
      await subscribe("subscription { proposalCreated { id state } }", "created");
      await subscribe("subscription { voteCast { id } }", "vote");
      await subscribe("subscription { proposalUpdated { id state } }", "updated");
      await new Promise((r) => setTimeout(r, 300));
      const [proposer] = accounts as [Address];
      const token = deployment.contracts.GovernanceToken;
      const description = `# Live test ${Date.now()}`;
      const args = [[token], [0n], ["0x"], description] as const;
      await confirm(
        wallet.writeContract({
          address: deployment.contracts.CommonsGovernor,
          abi: commonsGovernorAbi,
          functionName: "propose",
          args: [[...args[0]], [...args[1]], [...args[2]], args[3]],
          account: proposer,
        }),
      );
      const deadline = Date.now() + 5_000;
      while (!received.some((r) => r.kind === "created") && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const created = received.find((r) => r.kind === "created");
      expect(created?.state).toBe("Pending");
      await testClient.increaseTime({ seconds: 61 });
      await testClient.mine({ blocks: 1 });
      await confirm(
        wallet.writeContract({
          address: deployment.contracts.CommonsGovernor,
          abi: commonsGovernorAbi,
          functionName: "castVote",
          args: [BigInt(created?.id ?? 0), 1],
          account: proposer,
        }),
      );
      while (!received.some((r) => r.kind === "vote") && Date.now() < deadline + 5_000) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(received.filter((r) => r.kind === "vote")).toHaveLength(1);
      // Pending -> Active with time alone, announced as an update; the vote updates the tallies.
      expect(received.filter((r) => r.kind === "updated" && r.id === created?.id).map((r) => r.state)).toContain(
        "Active",
      );
    } finally {
      await ws.dispose();
    }
  });

  it("rolls back a reorganisation: a delegation on the abandoned branch disappears", async () => {
    const account = accounts[3] as Address;
    const before = await votingPower(account);
    const snapshot = await testClient.snapshot();
    const block = await delegate(account, account);
    await app.get(IndexerService).waitForBlock(block, 5_000);
    expect(await votingPower(account)).toBe(parseEther("150000").toString());

    await testClient.revert({ id: snapshot });
    // The new branch: other blocks at the same heights, and one more, so that it is the longer chain.
    await testClient.mine({ blocks: 2 });
    const head = await publicClient.getBlockNumber();
    const deadline = Date.now() + 10_000;
    while ((await votingPower(account)) !== before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await votingPower(account)).toBe(before);
    await app.get(IndexerService).waitForBlock(head, 5_000);
    const metrics = await (await fetch(`${await app.getUrl()}/metrics`)).text();
    expect(metrics).toMatch(/^commons_indexer_reorgs_total 1$/m);
  });
});

describe("limits and errors", () => {
  const post = async (body: string) => {
    const response = await fetch(`${await app.getUrl()}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    return {
      status: response.status,
      body: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] },
    };
  };

  it("refuses a malformed query with GRAPHQL_PARSE_FAILED", async () => {
    const { status, body } = await post(JSON.stringify({ query: "{ proposals { id " }));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("refuses unknown fields and filters with GRAPHQL_VALIDATION_FAILED, naming them", async () => {
    const { status, body } = await post(JSON.stringify({ query: "{ proposals(where: { colour: 1 }) { id } }" }));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(body.errors?.[0]?.message).toMatch(/colour/);
  });

  it("refuses a query deeper than GRAPHQL_MAX_DEPTH with QUERY_TOO_DEEP", async () => {
    const query = "{ votes { proposal { proposer { votes { proposal { proposer { votes { id } } } } } } } }";
    const { status, body } = await post(JSON.stringify({ query }));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
    expect(body.errors?.[0]?.message).toMatch(/depth 8 exceeds the limit of 6/);
  });

  it("refuses a query that could return too many entities with QUERY_TOO_COMPLEX", async () => {
    const query = "{ proposals(first: 1000) { votes(first: 1000) { id } } }";
    const { status, body } = await post(JSON.stringify({ query }));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("refuses a page larger than GRAPHQL_MAX_PAGE_SIZE with PAGE_SIZE_TOO_LARGE", async () => {
    const { body } = await post(JSON.stringify({ query: "{ delegates(first: 100000) { id } }" }));
    expect(body.errors?.[0]?.extensions?.code).toBe("PAGE_SIZE_TOO_LARGE");
    expect(body.errors?.[0]?.message).toMatch(/first must be from 0 to 1000/);
  });

  it("refuses an oversized body with 413 PAYLOAD_TOO_LARGE", async () => {
    const { status, body } = await post(JSON.stringify({ query: `{ proposals { id } } # ${"x".repeat(30_000)}` }));
    expect(status).toBe(413);
    expect(body.errors?.[0]?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses bad Bytes and unknown cursors with BAD_USER_INPUT", async () => {
    const bytes = await post(JSON.stringify({ query: '{ delegates(where: { id: "0xZZ" }) { id } }' }));
    expect(bytes.body.errors?.[0]?.message).toMatch(/Bytes must be 0x-prefixed hex/);
    const cursor = await post(JSON.stringify({ query: '{ proposals(after: "12345") { id } }' }));
    expect(cursor.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(cursor.body.errors?.[0]?.message).toMatch(/no Proposal has the id 12345/);
  });

  it("exposes Prometheus metrics: indexer lag, events indexed, GraphQL latency", async () => {
    const response = await fetch(`${await app.getUrl()}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^commons_indexer_lag_blocks \d+$/m);
    expect(text).toMatch(/^commons_indexer_events_total\{contract="GovernanceToken",event="DelegateChanged"\} \d+$/m);
    expect(text).toMatch(/^commons_graphql_request_duration_seconds_count\{operation="query",outcome="ok"\} \d+$/m);
  });

  it("reports the indexer in /health", async () => {
    const response = await fetch(`${await app.getUrl()}/health`);
    const body = (await response.json()) as { indexer: { lag: string; error: string | null } };
    expect(response.status).toBe(200);
    expect(body.indexer).toMatchObject({ lag: "0", error: null });
  });
});

describe("the server process", () => {
  it("logs JSON lines and shuts down gracefully on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "backend/src/main.ts"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: "0",
        RPC_URL: rpcUrl,
        COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
        DATA_DIR: "memory://",
        LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const deadline = Date.now() + 60_000;
    while (!out.includes("backend listening") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain("backend listening");
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = out.split("\n").filter((line) => line.trim() !== "");
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.map((line) => JSON.parse(line) as { level: string }).every((l) => typeof l.level === "string")).toBe(
      true,
    );
  }, 90_000);
});
