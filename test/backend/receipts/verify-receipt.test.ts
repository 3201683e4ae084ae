// Verifying receipts against a real chain after the scripted governance history: commons-chat 1.0.0 and 1.1.0
// approved, 1.0.0 deprecated then revoked, policy 2 published then policy 1 active again. A receipt verifies only if
// its signature holds, its signer is trusted and the registries agreed at issuedAt; by the library, the CLI and the
// Nest service.
import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { Logger } from "@nestjs/common";
import type { NestExpressApplication } from "@nestjs/platform-express";
import { Test } from "@nestjs/testing";
import { type Address, createPublicClient, type Hex, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ConfigModule } from "../../../backend/src/config/config.module.js";
import { DatabaseModule } from "../../../backend/src/database/database.module.js";
import { IndexerService } from "../../../backend/src/indexer/indexer.service.js";
import { MetricsModule } from "../../../backend/src/metrics/metrics.module.js";
import { hashOutput, hashPrompt, type InferenceReceipt } from "../../../backend/src/receipts/receipt.js";
import { type ReceiptContent, ReceiptSigner } from "../../../backend/src/receipts/receipt-signer.js";
import { ReceiptVerifier } from "../../../backend/src/receipts/receipt-verifier.js";
import { ReceiptsModule } from "../../../backend/src/receipts/receipts.module.js";
import { type ReceiptVerification, verifyReceipt } from "../../../backend/src/receipts/verify-receipt.js";
import { type Deployment, readDeployment } from "../../../deployments/index.js";
import { modelRegistryAbi, usagePolicyRegistryAbi } from "../../../generated/contracts.js";
import { type GovernanceHistory, runGovernanceHistory } from "../../helpers/governance-history.js";
import { type RunningChain, startLocalChain } from "../../helpers/local-chain.js";

const root = path.resolve(import.meta.dirname, "../../..");
const port = 29_545 + Math.floor(Math.random() * 1000);
const rpcUrl = `http://127.0.0.1:${port}`;
const deploymentsDir = mkdtempSync(path.join(tmpdir(), "commons-receipts-chain-"));
const receiptsDir = mkdtempSync(path.join(tmpdir(), "commons-receipts-files-"));

// Dev account #1's key: the server key of these tests. #2's: a server nobody trusts.
const SERVER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const OTHER_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
const SERVER = privateKeyToAccount(SERVER_KEY).address;
const OTHER = privateKeyToAccount(OTHER_KEY).address;

let chain: RunningChain;
let deployment: Deployment;
let history: GovernanceHistory;
let client: PublicClient;
let server: ReceiptSigner;
/** Times (block timestamps) of the history's registry changes. */
const at = { head: 0, approved110: 0, deprecated100: 0, revoked100: 0, policy2: 0, policy1Again: 0 };
let hash100: Hex;
let hash110: Hex;

function signerWith(key: Hex, forDeployment = deployment): ReceiptSigner {
  const idle = { status: () => ({ head: null, chainHead: null, lag: null, backfilling: false, error: null }) };
  return new ReceiptSigner(
    { signingKey: key, trustedSigners: [], dataDir: "memory://" },
    { deployment: forDeployment },
    idle,
  );
}

function content(overrides: Partial<ReceiptContent> = {}): ReceiptContent {
  return {
    modelId: "commons-chat",
    modelVersion: "1.1.0",
    weightsHash: hash110,
    policyVersion: "1",
    promptHash: hashPrompt([{ role: "user", content: "Mail [EMAIL_1] how to delegate" }]),
    outputHash: hashOutput("Dear [EMAIL_1], call delegate() on the token."),
    issuedAt: at.head,
    ...overrides,
  };
}

function verify(receipt: unknown, trustedSigners: Address[] = [SERVER]): Promise<ReceiptVerification> {
  return verifyReceipt(receipt, { client, deployment, trustedSigners });
}

async function blockTime(blockNumber: bigint): Promise<number> {
  return Number((await client.getBlock({ blockNumber })).timestamp);
}

beforeAll(async () => {
  chain = await startLocalChain(port, deploymentsDir);
  deployment = readDeployment(31337, deploymentsDir);
  history = await runGovernanceHistory({ rpcUrl, deployment });
  client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) });
  server = signerWith(SERVER_KEY);
  [hash100, hash110] = ["1.0.0", "1.1.0"].map((version) => {
    const model = history.models.find((m) => m.version === version);
    if (!model) throw new Error(`the history approved no ${version}`);
    return model.weightsHash;
  }) as [Hex, Hex];
  const registry = { address: deployment.contracts.ModelRegistry, abi: modelRegistryAbi, fromBlock: 0n } as const;
  const [deprecated] = await client.getContractEvents({ ...registry, eventName: "ModelVersionDeprecated" });
  const [revoked] = await client.getContractEvents({ ...registry, eventName: "ModelVersionRevoked" });
  const approvals = await client.getContractEvents({ ...registry, eventName: "ModelVersionApproved" });
  const approval110 = approvals.find((log) => log.args.version === "1.1.0");
  const changes = await client.getContractEvents({
    address: deployment.contracts.UsagePolicyRegistry,
    abi: usagePolicyRegistryAbi,
    eventName: "ActivePolicyChanged",
    fromBlock: 0n,
  });
  const toPolicy2 = changes.find((log) => log.args.version === 2n);
  const backTo1 = changes.find((log) => log.args.version === 1n && log.args.previousVersion === 2n);
  if (!approval110 || !deprecated || !revoked || !toPolicy2 || !backTo1) {
    throw new Error("the history's registry events are missing");
  }
  at.head = Number((await client.getBlock({ blockTag: "latest" })).timestamp);
  at.approved110 = await blockTime(approval110.blockNumber);
  at.deprecated100 = await blockTime(deprecated.blockNumber);
  at.revoked100 = await blockTime(revoked.blockNumber);
  at.policy2 = await blockTime(toPolicy2.blockNumber);
  at.policy1Again = await blockTime(backTo1.blockNumber);
  expect(at.deprecated100).toBeLessThan(at.revoked100);
  expect(at.revoked100).toBeLessThan(at.policy2);
  expect(at.policy2).toBeLessThan(at.policy1Again);
}, 900_000);

afterAll(() => {
  chain?.signal("SIGINT");
  for (const dir of [deploymentsDir, receiptsDir]) rmSync(dir, { recursive: true, force: true });
});

describe("verifyReceipt", () => {
  it("accepts a receipt for 1.1.0 under the active policy, signed by a trusted server", async () => {
    const receipt = await server.sign(content());
    const result = await verify(receipt);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    for (const check of Object.values(result.checks)) expect(check.status).toBe("passed");
    expect(result.checks.modelVersion.detail.startsWith(`commons-chat 1.1.0 (${hash110}) was Approved at `)).toBe(true);
    expect(result.checks.policy.detail).toMatch(/^usage policy 1 was the active policy at /);
    expect(result.receipt).toEqual(receipt);
  });

  const tampered: [keyof InferenceReceipt, (r: InferenceReceipt) => unknown, RegExp | undefined][] = [
    ["weightsHash", () => hash100, /commons-chat 1\.1\.0 is registered with weightsHash 0x[0-9a-f]{64}, not /],
    ["outputHash", () => hashOutput("Dear ana@example.org, call delegate() on the token."), undefined],
    ["modelVersion", () => "1.0.0", /commons-chat 1\.0\.0 was revoked at .*\("Leaks training prompts/],
    ["issuedAt", (r) => r.issuedAt - 1, undefined],
    ["policyVersion", () => "2", /usage policy 2 was not the active policy at .*: policy 1 was, active since /],
  ];

  it.each(tampered)("rejects a receipt whose %s was changed after signing", async (field, change, specific) => {
    const receipt = await server.sign(content());
    const result = await verify({ ...receipt, [field]: change(receipt) });
    expect(result.valid).toBe(false);
    expect(result.checks.signature.status).toBe("failed");
    expect(result.problems).toContainEqual(
      expect.stringMatching(
        /^the signature does not match the receipt: it recovers to 0x[0-9a-fA-F]{40}, not to signer/,
      ),
    );
    expect(result.checks.trustedSigner.status).toBe("passed");
    if (specific) expect(result.problems).toContainEqual(expect.stringMatching(specific));
    else expect(result.problems).toHaveLength(1);
  });

  it("rejects a receipt signed by an untrusted key, and one that names a trusted signer it was not signed by", async () => {
    const untrusted = await signerWith(OTHER_KEY).sign(content());
    const result = await verify(untrusted);
    expect(result.valid).toBe(false);
    expect(result.checks.signature.status).toBe("passed");
    expect(result.problems).toEqual([`${OTHER} is not a trusted receipt signer (trusted: ${SERVER})`]);

    const forged = await verify({ ...untrusted, signer: SERVER });
    expect(forged.valid).toBe(false);
    expect(forged.checks.trustedSigner.status).toBe("passed");
    expect(forged.problems).toEqual([expect.stringContaining(`it recovers to ${OTHER}, not to signer ${SERVER}`)]);

    const nobody = await verify(await server.sign(content()), []);
    expect(nobody.problems).toEqual(["no trusted signers were given (RECEIPT_TRUSTED_SIGNERS, or --trust in the CLI)"]);
  });

  it("keeps a receipt for 1.0.0 issued before its revocation valid, and rejects one issued at or after it", async () => {
    const old = content({ modelVersion: "1.0.0", weightsHash: hash100 });
    const approved = await verify(await server.sign({ ...old, issuedAt: at.deprecated100 - 1 }));
    expect(approved.problems).toEqual([]);
    expect(approved.checks.modelVersion.detail).toMatch(/was Approved at .*\(revoked later, at /);

    const deprecated = await verify(await server.sign({ ...old, issuedAt: at.deprecated100 + 1 }));
    expect(deprecated.problems).toEqual([]);
    expect(deprecated.checks.modelVersion.detail).toMatch(/was Deprecated at /);

    const lastMoment = await verify(await server.sign({ ...old, issuedAt: at.revoked100 - 1 }));
    expect(lastMoment.valid).toBe(true);

    for (const issuedAt of [at.revoked100, at.head]) {
      const revoked = await verify(await server.sign({ ...old, issuedAt }));
      expect(revoked.valid).toBe(false);
      expect(revoked.checks.signature.status).toBe("passed");
      expect(revoked.problems).toEqual([
        expect.stringMatching(
          /^commons-chat 1\.0\.0 was revoked at \S+ \("Leaks training prompts verbatim \(advisory CAI-2025-01\)"\), before the receipt was issued at /,
        ),
      ]);
    }
  });

  it("rejects a receipt for a version before its approval, or never approved", async () => {
    const early = await verify(await server.sign(content({ issuedAt: at.approved110 - 1 })));
    expect(early.problems).toEqual([
      expect.stringMatching(/^commons-chat 1\.1\.0 was not approved yet at \S+: it was approved at /),
    ]);
    const unknown = await verify(await server.sign(content({ modelVersion: "1.2.0" })));
    expect(unknown.problems).toEqual(["commons-chat 1.2.0 was never approved in the ModelRegistry"]);
  });

  it("checks the policy that was active at issuedAt, not the one active now", async () => {
    const during2 = at.policy2 + 1;
    const under2 = await verify(await server.sign(content({ policyVersion: "2", issuedAt: during2 })));
    expect(under2.problems).toEqual([]);
    const under1 = await verify(await server.sign(content({ policyVersion: "1", issuedAt: during2 })));
    expect(under1.problems).toEqual([
      expect.stringMatching(/^usage policy 1 was not the active policy at \S+: policy 2 was, active since /),
    ]);
    const back = await verify(await server.sign(content({ policyVersion: "1", issuedAt: at.policy1Again })));
    expect(back.valid).toBe(true);
    const never = await verify(await server.sign(content({ policyVersion: "9" })));
    expect(never.problems).toEqual([
      expect.stringMatching(
        /^usage policy 9 was never published in the UsagePolicyRegistry \(versions 1 to \d+ were\)$/,
      ),
    ]);
  });

  it("rejects a receipt issued in the future", async () => {
    const result = await verify(await server.sign(content({ issuedAt: at.head + 3_600 })));
    expect(result.checks.issuedAt.status).toBe("failed");
    expect(result.problems).toEqual([
      expect.stringMatching(/^issuedAt \S+ is in the future: it is now \S+ \(5 minutes/),
    ]);
    const skewed = await verify(
      await server.sign(content({ issuedAt: Math.floor(Math.max(at.head, Date.now() / 1000)) + 60 })),
    );
    expect(skewed.checks.issuedAt.status).toBe("passed");
  });

  it("rejects a receipt for another deployment without checking its registries", async () => {
    const elsewhere = { ...deployment, chainId: 1 };
    const result = await verify(await signerWith(SERVER_KEY, elsewhere).sign(content()));
    expect(result.checks.signature.status).toBe("passed");
    expect(result.problems).toEqual(["the receipt is for chain 1, but the deployment is on chain 31337"]);
    for (const check of ["modelVersion", "policy", "issuedAt"] as const) {
      expect(result.checks[check]).toEqual({
        status: "skipped",
        detail: "not checked: the receipt names another deployment",
      });
    }
  });

  it("gives clear problems for malformed JSON and missing fields", async () => {
    expect((await verify("{ not json")).problems).toEqual([expect.stringMatching(/^the receipt is not valid JSON: /)]);
    const { promptHash: _, ...missing } = await server.sign(content());
    expect((await verify(missing)).problems).toEqual([
      "promptHash is missing: it must be a 32-byte hash (0x and 64 hex digits)",
    ]);
  });
});

/** Runs the CLI as `npm run receipts --` does (node with tsx), on this test's chain and deployment. */
function cli(
  args: string[],
  options: { stdin?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { RPC_URL: _r, RECEIPT_TRUSTED_SIGNERS: _t, CHAIN_ID: _c, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "backend/src/receipts/receipts-cli.ts", ...args], {
    cwd: root,
    env: { ...env, COMMONS_DEPLOYMENTS_DIR: deploymentsDir, ...options.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(options.stdin ?? "");
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

function receiptFile(name: string, receipt: unknown): string {
  const file = path.join(receiptsDir, name);
  writeFileSync(file, typeof receipt === "string" ? receipt : JSON.stringify(receipt, null, 2));
  return file;
}

describe("npm run receipts -- verify", () => {
  it("prints every check with ✓ and exits 0 for a valid receipt", async () => {
    const file = receiptFile("valid.json", await server.sign(content()));
    const { code, stdout } = await cli(["verify", file, "--rpc-url", rpcUrl, "--trust", OTHER, "--trust", SERVER]);
    expect(stdout).toMatch(/^Receipt .*valid\.json: commons-chat 1\.1\.0, usage policy 1, signed by 0x/);
    for (const label of ["format", "deployment", "signature", "trusted signer", "model version", "usage policy"]) {
      expect(stdout).toMatch(new RegExp(`^  ✓ ${label} +\\S`, "m"));
    }
    expect(stdout).toMatch(/^ {2}✓ issued at +\S/m);
    expect(stdout.trim().split("\n").at(-1)).toBe("✓ valid");
    expect(code).toBe(0);
  }, 60_000);

  it("reads a receipt from standard input, trusts RECEIPT_TRUSTED_SIGNERS, and exits 1 with ✗ for a tampered one", async () => {
    const receipt = await server.sign(content());
    const { code, stdout } = await cli(["verify", "-", "--rpc-url", rpcUrl], {
      stdin: JSON.stringify({ ...receipt, policyVersion: "2" }),
      env: { RECEIPT_TRUSTED_SIGNERS: `${OTHER},${SERVER}` },
    });
    expect(stdout).toMatch(/^ {2}✗ signature +the signature does not match the receipt/m);
    expect(stdout).toMatch(/^ {2}✓ trusted signer /m);
    expect(stdout).toMatch(/^ {2}✗ usage policy +usage policy 2 was not the active policy/m);
    expect(stdout.trim().split("\n").at(-1)).toBe("✗ invalid: 2 problems");
    expect(code).toBe(1);
  }, 60_000);

  it("exits 1 with the problems of a malformed receipt, and prints JSON with --json", async () => {
    const file = receiptFile("broken.json", '{"format": "commons-ai-receipt/1",');
    const broken = await cli(["verify", file, "--rpc-url", rpcUrl, "--trust", SERVER]);
    expect(broken.stdout).toMatch(/^ {2}✗ format +the receipt is not valid JSON: /m);
    expect(broken.stdout).toMatch(/^ {2}- model version +not checked: the receipt is malformed/m);
    expect(broken.code).toBe(1);

    const revoked = receiptFile(
      "revoked.json",
      await server.sign(content({ modelVersion: "1.0.0", weightsHash: hash100 })),
    );
    const json = await cli(["verify", revoked, "--rpc-url", rpcUrl, "--trust", SERVER, "--json"]);
    const result = JSON.parse(json.stdout) as ReceiptVerification;
    expect(result.valid).toBe(false);
    expect(result.checks.modelVersion.status).toBe("failed");
    expect(json.code).toBe(1);
  }, 60_000);

  it("exits 2 on bad usage, saying what is wrong", async () => {
    const file = receiptFile("usage.json", await server.sign(content()));
    const cases: [string[], RegExp][] = [
      [[], /^no command given\nusage: npm run receipts -- verify/],
      [["verify"], /^verify needs a receipt file, or - to read it from standard input/],
      [
        ["verify", file, "--rpc-url", rpcUrl],
        /^no trusted signers: pass --trust 0x<server address> or set RECEIPT_TRUSTED_SIGNERS/,
      ],
      [["verify", file, "--trust", "0x1234"], /^--trust: 0x1234 is not an address/],
      [["verify", file, "--trust", SERVER, "--chain-id", "5"], /^No deployment for chain 5: /],
      [["verify", path.join(receiptsDir, "missing.json"), "--trust", SERVER], /^cannot read .*missing\.json: ENOENT/],
      [["check", file], /^unknown command check; the command is verify/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cli(args);
      expect(stderr).toMatch(message);
      expect(code).toBe(2);
    }
  }, 120_000);
});

describe("ReceiptsModule", () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, "warn").mockImplementation(() => undefined);
    const saved = { ...process.env };
    Object.assign(process.env, {
      RPC_URL: rpcUrl,
      COMMONS_DEPLOYMENTS_DIR: deploymentsDir,
      DATA_DIR: "memory://",
      INDEXER_POLL_INTERVAL_MS: "100",
      RECEIPT_TRUSTED_SIGNERS: OTHER,
    });
    delete process.env.RECEIPT_SIGNING_KEY;
    try {
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule, MetricsModule, DatabaseModule, ReceiptsModule],
      }).compile();
      app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
      await app.init();
    } finally {
      process.env = saved;
    }
    await app.get(IndexerService).waitForBlock(history.lastBlock, 120_000);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    jest.restoreAllMocks();
  });

  it("signs answers dated by the indexed chain, and verifies them trusting its own key", async () => {
    const signer = app.get(ReceiptSigner);
    const verifier = app.get(ReceiptVerifier);
    const { issuedAt: _, ...undated } = content();
    const receipt = await signer.sign(undated);
    expect(receipt.issuedAt).toBeGreaterThanOrEqual(at.head);
    expect(verifier.trustedSigners).toEqual([signer.address, OTHER]);
    const result = await verifier.verify(JSON.stringify(receipt));
    expect(result).toEqual({
      valid: true,
      problems: [],
      signer: signer.address,
      modelId: "commons-chat",
      modelVersion: "1.1.0",
      weightsHash: hash110,
      policyVersion: "1",
      issuedAt: receipt.issuedAt,
      checks: ["format", "deployment", "signature", "trustedSigner", "modelVersion", "policy", "issuedAt"].map(
        (name) => ({ name, status: "passed", detail: expect.any(String) }),
      ),
    });
    expect((await verifier.verify(JSON.stringify(await signerWith(OTHER_KEY).sign(content())))).valid).toBe(true);
  });

  it("answers a malformed receipt with its problems and null fields", async () => {
    const result = await verifier().verify("[]");
    expect(result).toMatchObject({
      valid: false,
      problems: ["the receipt must be a JSON object, got an array"],
      signer: null,
      modelId: null,
      issuedAt: null,
    });
  });

  function verifier(): ReceiptVerifier {
    return app.get(ReceiptVerifier);
  }
});
