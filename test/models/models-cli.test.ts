import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { decodeFunctionData, getAddress } from "viem";
import { writeDeployment } from "../../deployments/index.js";
import { modelRegistryAbi } from "../../generated/contracts.js";
import { main, UsageError } from "../../models/src/cli/models-cli.js";
import { ModelVerificationError } from "../../models/src/index.js";
import { bytes, LocalHub } from "./helpers/local-hub.js";

let root: string;
let modelDir: string;
let deploymentsDir: string;
const REGISTRY = getAddress("0x00000000000000000000000000000000000000aa");

async function run(...argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await main(argv, (line) => lines.push(line));
  return { code, lines };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "commons-cli-"));
  modelDir = path.join(root, "models", "commons-chat", "1.1.0");
  await mkdir(path.join(modelDir, "onnx"), { recursive: true });
  await writeFile(path.join(modelDir, "config.json"), '{"model_type":"llama"}');
  await writeFile(path.join(modelDir, "tokenizer.json"), "{}");
  await writeFile(path.join(modelDir, "tokenizer_config.json"), '{"chat_template":"x"}');
  await writeFile(path.join(modelDir, "README.md"), "---\nlicense: apache-2.0\n---\n# commons-chat\n");
  await writeFile(path.join(modelDir, "onnx", "model.onnx"), bytes(10_000, 1));
  deploymentsDir = path.join(root, "deployments");
  writeDeployment(
    {
      chainId: 31337,
      network: "localhost",
      startBlock: 1,
      deployedAt: new Date().toISOString(),
      contracts: {
        GovernanceToken: "0x0000000000000000000000000000000000000001",
        TimelockController: "0x0000000000000000000000000000000000000002",
        CommonsGovernor: "0x0000000000000000000000000000000000000003",
        ModelRegistry: REGISTRY,
        UsagePolicyRegistry: "0x0000000000000000000000000000000000000005",
      },
    },
    deploymentsDir,
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("models CLI", () => {
  it("hash writes the manifest and prints the hash; verify checks it", async () => {
    const hashed = await run("hash", modelDir);
    expect(hashed.code).toBe(0);
    const hash = hashed.lines[0]?.split(" ")[0] as string;
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    // The model's hash is the sha256 of manifest.json's bytes.
    const manifest = await readFile(path.join(modelDir, "manifest.json"));
    expect(hash).toBe(`0x${createHash("sha256").update(manifest).digest("hex")}`);
    const verified = await run("verify", modelDir, "--expect", hash);
    expect(verified.lines[0]).toBe(`OK ${hash}  ${modelDir}  (5 files verified)`);
  });

  it("verify fails on a tampered file and on another expected hash", async () => {
    await run("hash", modelDir);
    await expect(run("verify", modelDir, "--expect", `0x${"11".repeat(32)}`)).rejects.toThrow(ModelVerificationError);
    await expect(run("verify", modelDir, "--expect", "0x1234")).rejects.toThrow(UsageError);
  });

  it("list shows each local version with its hash and size", async () => {
    await run("hash", modelDir);
    const listed = await run("list", "--root", path.join(root, "models"));
    expect(listed.lines).toHaveLength(1);
    expect(listed.lines[0]).toMatch(/^commons-chat\/1\.1\.0\s+0x[0-9a-f]{64}\s+0\.0 MB$/);
  });

  it("proposal prints the target, calldata and description that approve the version", async () => {
    const { lines } = await run("hash", modelDir);
    const hash = lines[0]?.split(" ")[0];
    const out = await run("proposal", modelDir, "--deployments", deploymentsDir, "--json");
    const proposal = JSON.parse(out.lines.join("\n")) as {
      target: string;
      calldata: `0x${string}`;
      description: string;
    };
    expect(proposal.target).toBe(REGISTRY);
    const decoded = decodeFunctionData({ abi: modelRegistryAbi, data: proposal.calldata });
    expect(decoded.functionName).toBe("approveModelVersion");
    expect(decoded.args[0]).toMatchObject({
      modelId: "commons-chat",
      version: "1.1.0",
      weightsHash: hash,
      task: "text-generation",
      license: "apache-2.0",
    });
    expect(proposal.description).toMatch(/^# Approve commons-chat 1\.1\.0/);
    const human = await run("proposal", modelDir, "--deployments", deploymentsDir);
    expect(human.lines.join("\n")).toContain(`target    ${REGISTRY}`);
  });

  it("proposal refuses ids and versions the registry would reject, and a missing license", async () => {
    await run("hash", modelDir);
    const base = ["proposal", modelDir, "--deployments", deploymentsDir];
    await expect(run(...base, "--model-id", "Commons Chat")).rejects.toThrow(/not a valid model id/);
    await expect(run(...base, "--version", "v1.1")).rejects.toThrow(/not a semantic version/);
    await expect(run(...base, "--chain-id", "5")).rejects.toThrow(/No deployment for chain 5/);
  });

  it("pull downloads from the hub given by --hub", async () => {
    const hub = new LocalHub();
    hub.addRepo("org/Model", {
      "config.json": "{}",
      "tokenizer.json": "{}",
      "tokenizer_config.json": "{}",
      "onnx/model.onnx": bytes(2000, 9),
    });
    const hubUrl = await hub.start();
    try {
      const out = path.join(root, "pulled");
      const pulled = await run("pull", "org/Model", "--hub", hubUrl, "--dtype", "fp32", "--out", out);
      expect(pulled.lines[0]).toMatch(new RegExp(`^0x[0-9a-f]{64}  ${out}  \\(org/Model@[0-9a-f]+, 4 files\\)$`));
    } finally {
      await hub.stop();
    }
  });

  it("exits 2 with the usage on bad usage and 1 on a failed verification, as a process", () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "models/src/cli/models-cli.ts", ...args], { encoding: "utf8" });
    const usage = cli("frobnicate");
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("unknown command frobnicate");
    expect(usage.stderr).toContain("usage: npm run models");
    const failed = cli("verify", path.join(root, "nowhere"));
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^error: .*manifest\.json does not exist/);
  });
});
