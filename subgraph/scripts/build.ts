// Builds the subgraph: networks.json from deployments/, then `graph codegen` and `graph build`.
//
//   tsx subgraph/scripts/build.ts [--network <name>] [--networks-file <file>] [--manifest <file>] [--output-dir <dir>]
//
// --network (or SUBGRAPH_NETWORK) picks the network of networks.json to build for; by default "hardhat" when there
// is a local deployment. graph-cli writes a network's addresses into the manifest it builds, so the build works on a
// copy, subgraph/subgraph.<network>.yaml (gitignored), and subgraph.yaml keeps its placeholders. Deploy that copy
// (docs/DEPLOY.md). Without any network (no deployment yet) the placeholders are built as they are: the mappings
// still compile and validate, but that build is not deployable.
//
// Needs generated/abis/ (`npm run build:contracts`). Output: subgraph/generated/ (types) and subgraph/build/.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_NETWORKS_FILE, SUBGRAPH_DIR, writeNetworks } from "./networks.js";

const ROOT = path.resolve(SUBGRAPH_DIR, "..");
export const MANIFEST = path.join(SUBGRAPH_DIR, "subgraph.yaml");
const GRAPH_CLI = path.join(ROOT, "node_modules", "@graphprotocol", "graph-cli", "bin", "run.js");
const ABIS_DIR = path.join(ROOT, "generated", "abis");
const DEFAULT_NETWORK = "hardhat";

export interface BuildOptions {
  network?: string;
  networksFile: string;
  /** Where the network's copy of the manifest goes; must be in subgraph/ for its relative paths to hold. */
  manifest?: string;
  outputDir: string;
}

export interface BuildResult {
  /** The network built for, or undefined for a placeholder build. */
  network?: string;
  /** The manifest graph build compiled (the network's copy, or subgraph.yaml). */
  manifest: string;
  outputDir: string;
}

function graph(args: string[]): void {
  const result = spawnSync(process.execPath, [GRAPH_CLI, ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, GRAPH_SKIP_NEW_VERSION_CHECK: "true" },
  });
  if (result.status !== 0) {
    throw new Error(`graph ${args[0]} failed (exit code ${result.status ?? result.signal})`);
  }
}

export function build(options: BuildOptions): BuildResult {
  if (!existsSync(ABIS_DIR)) {
    throw new Error(`${path.relative(ROOT, ABIS_DIR)} is missing: run \`npm run build:contracts\` first`);
  }
  const networks = writeNetworks(options.networksFile);
  console.log(
    `[subgraph] ${path.relative(ROOT, options.networksFile)}: ${Object.keys(networks).join(", ") || "no deployment"}`,
  );

  let network = options.network;
  if (network === undefined && networks[DEFAULT_NETWORK]) network = DEFAULT_NETWORK;
  if (network !== undefined && !networks[network]) {
    throw new Error(
      `no deployment for network "${network}" in ${path.relative(ROOT, options.networksFile)} ` +
        `(known: ${Object.keys(networks).join(", ") || "none"}); deploy the contracts to it first`,
    );
  }

  graph(["codegen", path.relative(ROOT, MANIFEST), "--output-dir", "subgraph/generated", "--skip-migrations"]);

  const outputDir = path.relative(ROOT, path.resolve(ROOT, options.outputDir));
  if (network === undefined) {
    console.warn("[subgraph] no deployment: building subgraph.yaml with its placeholder addresses (not deployable)");
    graph(["build", path.relative(ROOT, MANIFEST), "--output-dir", outputDir, "--skip-migrations"]);
    return { manifest: MANIFEST, outputDir };
  }

  const manifest = options.manifest ?? path.join(SUBGRAPH_DIR, `subgraph.${network}.yaml`);
  if (path.dirname(path.resolve(manifest)) !== SUBGRAPH_DIR) {
    throw new Error(`--manifest must be a file in ${SUBGRAPH_DIR}: its paths are relative to that folder`);
  }
  copyFileSync(MANIFEST, manifest);
  graph([
    "build",
    path.relative(ROOT, manifest),
    "--network",
    network,
    "--network-file",
    path.relative(ROOT, options.networksFile),
    "--output-dir",
    outputDir,
    "--skip-migrations",
  ]);
  console.log(`[subgraph] built for ${network}: deploy ${path.relative(ROOT, manifest)} (docs/DEPLOY.md)`);
  return { network, manifest, outputDir };
}

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  try {
    build({
      network: option(args, "--network") ?? (process.env.SUBGRAPH_NETWORK || undefined),
      networksFile: path.resolve(option(args, "--networks-file") ?? DEFAULT_NETWORKS_FILE),
      manifest: option(args, "--manifest"),
      outputDir: option(args, "--output-dir") ?? path.join("subgraph", "build"),
    });
  } catch (error) {
    console.error(`[subgraph] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
