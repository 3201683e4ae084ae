// networks.json from deployments/, and the whole build (graph codegen + graph build) for a made-up deployment.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { parse as parseYaml } from "yaml";
import { DEPLOYED_CONTRACTS, DeploymentFileError } from "../../deployments/index.js";
import { buildNetworks, deployedChainIds, GRAPH_NETWORKS } from "../../subgraph/scripts/networks.js";
import { ROOT, SUBGRAPH_DIR } from "./helpers/paths.js";

const temp = mkdtempSync(path.join(os.tmpdir(), "subgraph-build-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A deployment file as scripts/deploy.ts writes it, with distinct made-up addresses. */
function deployment(chainId: number, startBlock: number, seed: number) {
  const contracts = Object.fromEntries(
    DEPLOYED_CONTRACTS.map((name, i) => [name, `0x${(seed * 16 + i + 1).toString(16).padStart(40, "0")}`]),
  );
  return { chainId, network: "test", startBlock, deployedAt: "2026-01-01T00:00:00.000Z", contracts };
}

function deploymentsDir(name: string, files: Record<string, unknown>): string {
  const dir = path.join(temp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, file), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

describe("networks.json", () => {
  test("maps each deployment to The Graph's network name, with every data source's address and start block", () => {
    const dir = deploymentsDir("two-chains", {
      "31337.json": deployment(31337, 1, 1),
      "11155111.json": deployment(11155111, 7_000_000, 2),
      "README.md": "not a deployment",
    });
    const networks = buildNetworks(dir, () => {});
    expect(Object.keys(networks).sort()).toEqual(["hardhat", "sepolia"]);
    const sepolia = networks.sepolia;
    expect(Object.keys(sepolia ?? {}).sort()).toEqual([...DEPLOYED_CONTRACTS].sort());
    expect(sepolia?.CommonsGovernor).toEqual({
      address: "0x0000000000000000000000000000000000000023",
      startBlock: 7_000_000,
    });
    expect(networks.hardhat?.GovernanceToken.startBlock).toBe(1);
  });

  test("a chain without a The Graph network name is skipped with a warning", () => {
    const dir = deploymentsDir("unknown-chain", { "424242.json": deployment(424242, 5, 3) });
    const warnings: string[] = [];
    expect(buildNetworks(dir, (m) => warnings.push(m))).toEqual({});
    expect(warnings.join("\n")).toContain("chain 424242");
  });

  test("a malformed deployment file fails, naming the file", () => {
    const dir = deploymentsDir("malformed", { "1.json": { ...deployment(1, 1, 4), startBlock: "latest" } });
    expect(() => buildNetworks(dir, () => {})).toThrow(DeploymentFileError);
    expect(() => buildNetworks(dir, () => {})).toThrow(/1\.json: startBlock/);
  });

  test("a file whose chain id differs from its name fails", () => {
    const dir = deploymentsDir("mismatch", { "10.json": deployment(8453, 1, 5) });
    expect(() => buildNetworks(dir, () => {})).toThrow(/holds chain 8453, not 10/);
  });

  test("chain ids come from file names, in order", () => {
    const dir = deploymentsDir("order", { "10.json": "{}", "1.json": "{}", "x.json": "{}", "31337.json.bak": "{}" });
    expect(deployedChainIds(dir)).toEqual([1, 10]);
  });

  test("network names: the local chain is hardhat, and no two chains share a name", () => {
    expect(GRAPH_NETWORKS[31337]).toBe("hardhat");
    expect(GRAPH_NETWORKS[1]).toBe("mainnet");
    expect(GRAPH_NETWORKS[11155111]).toBe("sepolia");
    const names = Object.values(GRAPH_NETWORKS);
    expect(new Set(names).size).toBe(names.length);
  });
});

/** The part of the WebAssembly JS API used here (tsconfig's lib has no WebAssembly types). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<unknown>;
  Module: { exports(module: unknown): { name: string; kind: string }[] };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface BuiltSource {
  name: string;
  network: string;
  source: { address?: string; startBlock?: number; abi: string };
  mapping: { file: string; eventHandlers: { handler: string }[] };
}

function runBuild(args: string[], deployments: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "subgraph/scripts/build.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, COMMONS_DEPLOYMENTS_DIR: deployments },
  });
}

describe("build (graph codegen + graph build)", () => {
  const deployments = deploymentsDir("build", {
    "31337.json": deployment(31337, 1, 6),
    "11155111.json": deployment(11155111, 6_543_210, 7),
  });
  const networksFile = path.join(temp, "networks.json");
  const outputDir = path.join(temp, "build");
  // The network's copy of the manifest must sit in subgraph/ (relative paths); a test name keeps it apart.
  const manifestCopy = path.join(SUBGRAPH_DIR, `subgraph.test-${process.pid}.yaml`);
  let result: ReturnType<typeof runBuild>;

  beforeAll(() => {
    result = runBuild(
      ["--network", "sepolia", "--networks-file", networksFile, "--manifest", manifestCopy, "--output-dir", outputDir],
      deployments,
    );
  }, 300_000);
  afterAll(() => rmSync(manifestCopy, { force: true }));

  test("succeeds", () => {
    if (result.status !== 0) console.error(result.stdout, result.stderr);
    expect(result.status).toBe(0);
    expect(existsSync(path.join(outputDir, "subgraph.yaml"))).toBe(true);
  });

  test("generates the types the mappings import", () => {
    for (const file of ["schema.ts", "templates.ts", ...DEPLOYED_CONTRACTS.map((n) => `${n}/${n}.ts`)]) {
      expect(existsSync(path.join(SUBGRAPH_DIR, "generated", file))).toBe(true);
    }
  });

  test("the built manifest has the network's addresses and start blocks, templates included", () => {
    const networks = JSON.parse(readFileSync(networksFile, "utf8")) as Record<
      string,
      Record<string, { address: string; startBlock: number }>
    >;
    const built = parseYaml(readFileSync(path.join(outputDir, "subgraph.yaml"), "utf8")) as {
      dataSources: BuiltSource[];
      templates: BuiltSource[];
    };
    expect(built.dataSources.map((d) => d.name).sort()).toEqual([...DEPLOYED_CONTRACTS].sort());
    for (const source of built.dataSources) {
      expect(source.network).toBe("sepolia");
      expect(source.source.address).toBe(networks.sepolia?.[source.name]?.address);
      expect(source.source.startBlock).toBe(6_543_210);
    }
    for (const template of built.templates) expect(template.network).toBe("sepolia");
    // subgraph.yaml itself keeps its placeholders.
    expect(readFileSync(path.join(SUBGRAPH_DIR, "subgraph.yaml"), "utf8")).not.toContain(
      networks.sepolia?.CommonsGovernor?.address,
    );
  });

  test("each compiled mapping is valid WebAssembly exporting every handler its data source names", async () => {
    const built = parseYaml(readFileSync(path.join(outputDir, "subgraph.yaml"), "utf8")) as {
      dataSources: BuiltSource[];
      templates: BuiltSource[];
    };
    for (const source of [...built.dataSources, ...built.templates]) {
      const module = await wasm.compile(readFileSync(path.join(outputDir, source.mapping.file)));
      const exported = wasm.Module.exports(module).map((e) => e.name);
      for (const { handler } of source.mapping.eventHandlers) expect(exported).toContain(handler);
    }
  });

  test("an unknown network fails with a message naming the known ones", () => {
    const failed = runBuild(
      ["--network", "mainnet", "--networks-file", path.join(temp, "networks-2.json"), "--output-dir", outputDir],
      deployments,
    );
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('no deployment for network "mainnet"');
    expect(failed.stderr).toContain("hardhat, sepolia");
  });
});
