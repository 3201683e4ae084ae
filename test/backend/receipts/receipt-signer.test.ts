// The receipt's format without a chain: the content hashes, the JSON shape and its problems, and the server's signing
// key (from the environment, or generated once and kept in DATA_DIR, never logged).
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, jest } from "@jest/globals";
import { Logger } from "@nestjs/common";
import { type Address, getAddress, type PublicClient, recoverTypedDataAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { ConfigError } from "../../../backend/src/config/app-config.js";
import type { IndexerStatus } from "../../../backend/src/indexer/indexer.service.js";
import { parseReceipt } from "../../../backend/src/receipts/parse-receipt.js";
import {
  hashOutput,
  hashPrompt,
  type InferenceReceipt,
  RECEIPT_FORMAT,
  receiptTypedData,
} from "../../../backend/src/receipts/receipt.js";
import { ReceiptError } from "../../../backend/src/receipts/receipt-error.js";
import { type ReceiptContent, ReceiptSigner, SIGNING_KEY_FILE } from "../../../backend/src/receipts/receipt-signer.js";
import { loadReceiptsConfig, type ReceiptsConfig } from "../../../backend/src/receipts/receipts-config.js";
import { RECEIPT_CHECKS, verifyReceipt } from "../../../backend/src/receipts/verify-receipt.js";
import type { Deployment } from "../../../deployments/index.js";

const deployment: Deployment = {
  chainId: 31337,
  network: "localhost",
  startBlock: 1,
  deployedAt: "2025-01-01T00:00:00.000Z",
  contracts: {
    GovernanceToken: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    TimelockController: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
    CommonsGovernor: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
    ModelRegistry: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
    UsagePolicyRegistry: "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9",
  },
};
const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
const CONTENT: ReceiptContent = {
  modelId: "commons-chat",
  modelVersion: "1.1.0",
  weightsHash: `0x${"90".repeat(32)}`,
  policyVersion: 1n,
  promptHash: hashPrompt([{ role: "user", content: "How do I vote? [EMAIL_1]" }]),
  outputHash: hashOutput("Delegate first, then vote."),
  issuedAt: 1_750_000_000,
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  jest.restoreAllMocks();
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "commons-receipts-"));
  dirs.push(dir);
  return dir;
}

function indexedHead(timestamp: bigint | undefined): { status(): IndexerStatus } {
  const head = timestamp === undefined ? null : { number: 10n, hash: `0x${"ab".repeat(32)}` as const, timestamp };
  return { status: () => ({ head, chainHead: null, lag: null, backfilling: false, error: null }) };
}

function signer(config: Partial<ReceiptsConfig>, head?: bigint): ReceiptSigner {
  const full: ReceiptsConfig = { signingKey: undefined, trustedSigners: [], dataDir: "memory://", ...config };
  return new ReceiptSigner(full, { deployment }, indexedHead(head));
}

/** A client that fails the test if anything asks the chain. */
const noChain = new Proxy({} as PublicClient, {
  get: (_, name) => {
    throw new Error(`the chain was asked (${String(name)})`);
  },
});

describe("content hashes", () => {
  it("hashes the prompt as the UTF-8 of JSON.stringify of [{ role, content }], ignoring other properties", () => {
    const messages = [
      { role: "system", content: "Be brief." },
      { role: "user", content: "Écris à [EMAIL_1] 🙂", name: "ignored" },
    ];
    const canonical = '[{"role":"system","content":"Be brief."},{"role":"user","content":"Écris à [EMAIL_1] 🙂"}]';
    expect(hashPrompt(messages)).toBe(`0x${createHash("sha256").update(Buffer.from(canonical, "utf8")).digest("hex")}`);
    expect(hashPrompt([{ content: "Be brief.", role: "system" }])).toBe(hashPrompt([messages[0] as never]));
  });

  it("hashes the output as the UTF-8 of the text as generated, placeholders included", () => {
    const text = "Write to [EMAIL_1] — ça marche.";
    expect(hashOutput(text)).toBe(`0x${createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex")}`);
    expect(hashOutput(text)).not.toBe(hashOutput("Write to ana@example.org — ça marche."));
  });
});

describe("the receipt's shape", () => {
  async function wellFormed(): Promise<InferenceReceipt> {
    return signer({ signingKey: KEY }).sign(CONTENT);
  }

  it("accepts a signed receipt, as an object or as JSON text, and normalises its hex", async () => {
    const receipt = await wellFormed();
    expect(parseReceipt(receipt)).toEqual({ receipt, problems: [] });
    const shouting = { ...receipt, weightsHash: receipt.weightsHash.toUpperCase().replace("0X", "0x") };
    expect(parseReceipt(JSON.stringify(shouting)).receipt).toEqual(receipt);
  });

  it("says when the text is not JSON, or not a JSON object", () => {
    expect(parseReceipt("{ not json").problems).toEqual([expect.stringMatching(/^the receipt is not valid JSON: /)]);
    expect(parseReceipt("[1]").problems).toEqual(["the receipt must be a JSON object, got an array"]);
    expect(parseReceipt(null).problems).toEqual(["the receipt must be a JSON object, got null"]);
    expect(parseReceipt("42").problems).toEqual(["the receipt must be a JSON object, got a number"]);
  });

  it("names every missing field and what it must be", async () => {
    const { signature: _s, issuedAt: _i, weightsHash: _w, ...rest } = await wellFormed();
    expect(parseReceipt(rest).problems).toEqual([
      "weightsHash is missing: it must be a 32-byte hash (0x and 64 hex digits)",
      "issuedAt is missing: it must be unix seconds (a non-negative integer)",
      "signature is missing: it must be a 65-byte signature (0x and 130 hex digits)",
    ]);
  });

  it("names every malformed field with the value found, and unknown fields", async () => {
    const receipt = {
      ...(await wellFormed()),
      format: "commons-ai-receipt/2",
      chainId: "31337",
      signer: "0x1234",
      policyVersion: 1,
      issuedAt: -5,
      outputHash: "0xabc",
      modelId: "",
      note: "not signed",
    };
    expect(parseReceipt(receipt).problems).toEqual([
      'format must be "commons-ai-receipt/1", got "commons-ai-receipt/2"',
      'chainId must be a positive integer, got "31337"',
      'modelId must be a non-empty string, got ""',
      'policyVersion must be a policy version as a decimal string, e.g. "1", got 1',
      'outputHash must be a 32-byte hash (0x and 64 hex digits), got "0xabc"',
      "issuedAt must be unix seconds (a non-negative integer), got -5",
      'signer must be an address (0x and 40 hex digits), got "0x1234"',
      `unknown field "note": ${RECEIPT_FORMAT} has no such field`,
    ]);
  });

  it("fails a malformed receipt on its format alone, without asking the chain", async () => {
    const result = await verifyReceipt('{"format":"commons-ai-receipt/1"}', {
      client: noChain,
      deployment,
      trustedSigners: [],
    });
    expect(result.valid).toBe(false);
    expect(result.receipt).toBeUndefined();
    expect(result.checks.format.status).toBe("failed");
    expect(result.problems).toContain("signature is missing: it must be a 65-byte signature (0x and 130 hex digits)");
    for (const name of RECEIPT_CHECKS.filter((n) => n !== "format")) expect(result.checks[name].status).toBe("skipped");
  });
});

describe("ReceiptSigner", () => {
  it("signs the EIP-712 typed data of the receipt with RECEIPT_SIGNING_KEY, for the deployment", async () => {
    const receipt = await signer({ signingKey: KEY }).sign(CONTENT);
    const address = privateKeyToAccount(KEY).address;
    expect(receipt).toEqual({
      format: RECEIPT_FORMAT,
      chainId: 31337,
      modelRegistry: deployment.contracts.ModelRegistry,
      usagePolicyRegistry: deployment.contracts.UsagePolicyRegistry,
      modelId: "commons-chat",
      modelVersion: "1.1.0",
      weightsHash: CONTENT.weightsHash,
      policyVersion: "1",
      promptHash: CONTENT.promptHash,
      outputHash: CONTENT.outputHash,
      issuedAt: 1_750_000_000,
      signer: address,
      signature: expect.stringMatching(/^0x[0-9a-f]{130}$/),
    });
    expect(await recoverTypedDataAddress({ ...receiptTypedData(receipt), signature: receipt.signature })).toBe(address);
  });

  it("dates a receipt by the wall clock, or by the indexed head block when the chain's clock runs ahead", async () => {
    const now = Math.floor(Date.now() / 1000);
    const { issuedAt: _, ...undated } = CONTENT;
    const byClock = await signer({ signingKey: KEY }, BigInt(now - 100)).sign(undated);
    expect(byClock.issuedAt).toBeGreaterThanOrEqual(now);
    expect(byClock.issuedAt).toBeLessThan(now + 5);
    const byChain = await signer({ signingKey: KEY }, BigInt(now + 86_400)).sign(undated);
    expect(byChain.issuedAt).toBe(now + 86_400);
  });

  it("refuses to sign a malformed field", async () => {
    const bad = signer({ signingKey: KEY }).sign({ ...CONTENT, weightsHash: "0x1234", policyVersion: "one" });
    await expect(bad).rejects.toThrow(ReceiptError);
    await expect(bad).rejects.toThrow(/weightsHash must be a 32-byte hash.*policyVersion must be a policy version/);
  });

  it("generates a key once and keeps it in DATA_DIR (mode 0600): a second signer on the same DATA_DIR has it", async () => {
    const warn = jest.spyOn(Logger.prototype, "warn").mockImplementation(() => undefined);
    const dataDir = path.join(tempDir(), "nested", "data");
    const first = signer({ dataDir });
    const file = path.join(dataDir, SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, "utf8").trim();
    expect(key).toMatch(/^0x[0-9a-f]{64}$/);
    expect(privateKeyToAccount(key as `0x${string}`).address).toBe(first.address);

    const second = signer({ dataDir });
    expect(second.address).toBe(first.address);
    const receipt = await second.sign(CONTENT);
    expect(receipt.signer).toBe(first.address);
    expect(readFileSync(file, "utf8").trim()).toBe(key);

    // One warning for the key, with its address and never the key itself.
    const logged = JSON.stringify(warn.mock.calls);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(logged).toContain(first.address);
    expect(logged).toContain("RECEIPT_SIGNING_KEY is not set");
    expect(logged).not.toContain(key.slice(2));
  });

  it("keeps a generated key in memory only with DATA_DIR=memory://, and uses RECEIPT_SIGNING_KEY as is", () => {
    jest.spyOn(Logger.prototype, "warn").mockImplementation(() => undefined);
    const a = signer({ dataDir: "memory://" });
    const b = signer({ dataDir: "memory://" });
    expect(a.address).not.toBe(b.address);
    const dataDir = tempDir();
    const fromEnv = signer({ dataDir, signingKey: KEY });
    expect(fromEnv.address).toBe(privateKeyToAccount(KEY).address);
    expect(() => statSync(path.join(dataDir, SIGNING_KEY_FILE))).toThrow(/ENOENT/);
  });

  it("refuses a key file that does not hold a key, saying what to do", () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, SIGNING_KEY_FILE), "not a key\n", { mode: 0o600 });
    expect(() => signer({ dataDir })).toThrow(
      /does not hold a 0x-prefixed 32-byte private key; set RECEIPT_SIGNING_KEY/,
    );
  });
});

describe("loadReceiptsConfig", () => {
  it("reads RECEIPT_SIGNING_KEY and RECEIPT_TRUSTED_SIGNERS", () => {
    const other: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    const config = loadReceiptsConfig("/data", {
      RECEIPT_SIGNING_KEY: KEY,
      RECEIPT_TRUSTED_SIGNERS: ` ${other.toLowerCase()}, ${other},,`,
    });
    expect(config).toEqual({ signingKey: KEY, trustedSigners: [getAddress(other)], dataDir: "/data" });
    expect(loadReceiptsConfig("memory://", {})).toEqual({
      signingKey: undefined,
      trustedSigners: [],
      dataDir: "memory://",
    });
  });

  it("lists every bad variable, never echoing a key", () => {
    const typo = `${KEY.slice(0, -1)}z`;
    let error: unknown;
    try {
      loadReceiptsConfig("/data", { RECEIPT_SIGNING_KEY: typo, RECEIPT_TRUSTED_SIGNERS: "0x1234,bob" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      "RECEIPT_SIGNING_KEY must be a 0x-prefixed 32-byte private key (64 hex digits), or unset",
      "RECEIPT_TRUSTED_SIGNERS: 0x1234 is not an address (0x and 40 hex digits)",
      "RECEIPT_TRUSTED_SIGNERS: bob is not an address (0x and 40 hex digits)",
    ]);
    expect((error as Error).message).not.toContain(typo.slice(2, 20));
  });
});
