// The models CLI: `npm run models -- <command>`.
//
//   hash <dir>                      write <dir>/manifest.json and print the model version's hash
//   verify <dir> [--expect 0x...]   check every file against the manifest (and the manifest against the hash)
//   list [--root models]            local model versions with their hashes and sizes
//   pull <owner/name> [--revision R] [--dtype q8|fp32|fp16|q4|...] [--hub URL] [--out DIR]
//   proposal <dir> [--model-id ID] [--version V] [--task T] [--uri U] [--license L] [--chain-id N]
//            [--deployments DIR] [--json]
//
// Exit codes: 0 ok, 1 the command failed (the message says why), 2 bad usage.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Hex } from "viem";
import { ModelError } from "../errors.js";
import { pullModel } from "../hub/pull-model.js";
import { MANIFEST_FILE, manifestHash, writeManifest } from "../manifest/model-manifest.js";
import { parseManifest, verifyModelDirectory } from "../manifest/verify-model-directory.js";
import { buildApprovalProposal } from "../proposal/approval-proposal.js";
import type { ModelDtype } from "../runtime/load-model.js";
import { renderProgress } from "./progress-bar.js";

const USAGE = `usage: npm run models -- <command>
  hash <dir>                      write <dir>/manifest.json and print the model version's hash
  verify <dir> [--expect 0x...]   check every file against the manifest (and the manifest against the hash)
  list [--root models]            local model versions with their hashes and sizes
  pull <owner/name> [--revision R] [--dtype q8|fp32|fp16|q4|...] [--hub URL] [--out DIR]
  proposal <dir> [--model-id ID] [--version V] [--task T] [--uri U] [--license L] [--chain-id N]
                                  [--deployments DIR] [--json]`;

export class UsageError extends Error {}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

async function findModelDirs(root: string, depth = 4): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  if (entries.some((e) => e.isFile() && e.name === MANIFEST_FILE)) return [root];
  if (depth === 0) return found;
  for (const entry of entries) {
    if (
      entry.isDirectory() &&
      !entry.name.startsWith(".") &&
      entry.name !== "node_modules" &&
      !entry.name.endsWith(".partial")
    ) {
      found.push(...(await findModelDirs(path.join(root, entry.name), depth - 1)));
    }
  }
  return found;
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      expect: { type: "string" },
      root: { type: "string", default: "models" },
      revision: { type: "string" },
      dtype: { type: "string" },
      hub: { type: "string" },
      out: { type: "string" },
      "model-id": { type: "string" },
      version: { type: "string" },
      task: { type: "string" },
      uri: { type: "string" },
      license: { type: "string" },
      "chain-id": { type: "string", default: "31337" },
      deployments: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
}

export async function main(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(rest);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const needDir = () => {
    const dir = positionals[0];
    if (!dir) throw new UsageError(`${command} needs a model directory`);
    return dir;
  };

  switch (command) {
    case "hash": {
      const { hash, manifest } = await writeManifest(needDir());
      const size = manifest.files.reduce((s, f) => s + f.size, 0);
      out(`${hash}  ${needDir()}  (${manifest.files.length} files, ${megabytes(size)})`);
      return 0;
    }
    case "verify": {
      if (values.expect !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(values.expect)) {
        throw new UsageError(`--expect must be a 0x-prefixed 32-byte hash, got ${values.expect}`);
      }
      const { hash, manifest } = await verifyModelDirectory(needDir(), {
        expectedHash: values.expect as Hex | undefined,
      });
      out(`OK ${hash}  ${needDir()}  (${manifest.files.length} files verified)`);
      return 0;
    }
    case "list": {
      const dirs = await findModelDirs(values.root as string);
      if (dirs.length === 0) out(`no model versions (directories with ${MANIFEST_FILE}) under ${values.root}`);
      for (const dir of dirs.sort()) {
        try {
          const manifest = parseManifest(await readFile(path.join(dir, MANIFEST_FILE)), dir);
          const size = manifest.files.reduce((s, f) => s + f.size, 0);
          out(
            `${path.relative(values.root as string, dir).padEnd(32)} ${manifestHash(manifest)}  ${megabytes(size).padStart(9)}`,
          );
        } catch (error) {
          out(`${path.relative(values.root as string, dir).padEnd(32)} invalid manifest: ${(error as Error).message}`);
        }
      }
      return 0;
    }
    case "pull": {
      const repo = positionals[0];
      if (!repo) throw new UsageError("pull needs a hub repository, like onnx-community/Qwen2.5-0.5B-Instruct");
      const result = await pullModel({
        repo,
        revision: values.revision,
        dtype: values.dtype as ModelDtype | undefined,
        hubUrl: values.hub,
        dest: values.out,
        onProgress: renderProgress(process.stderr),
      });
      process.stderr.write("\n");
      out(`${result.hash}  ${result.dir}  (${repo}@${result.commit}, ${result.files.length} files)`);
      return 0;
    }
    case "proposal": {
      const dir = needDir();
      const proposal = await buildApprovalProposal(dir, {
        modelId: values["model-id"],
        version: values.version,
        task: values.task,
        uri: values.uri,
        license: values.license,
        chainId: Number(values["chain-id"]),
        deploymentsDir: values.deployments,
      });
      if (values.json) {
        out(JSON.stringify(proposal, null, 2));
      } else {
        out(`To approve ${proposal.modelVersion.modelId} ${proposal.modelVersion.version}, propose to the governor:`);
        out(`  target    ${proposal.target} (ModelRegistry on chain ${proposal.chainId})`);
        out("  value     0");
        out(`  calldata  ${proposal.calldata}`);
        out("  description:");
        for (const line of proposal.description.split("\n")) out(`    ${line}`);
      }
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
      out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname;
if (isEntry) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof ModelError || error instanceof Error) {
      console.error(`error: ${error.message}`);
      process.exitCode = 1;
    }
  }
}
