import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Address, encodeFunctionData, type Hex, zeroHash } from "viem";
import { readDeployment } from "../../../deployments/index.js";
import { modelRegistryAbi } from "../../../generated/contracts.js";
import { ModelError } from "../errors.js";
import { verifyModelDirectory } from "../manifest/verify-model-directory.js";

/** What `models proposal` prints: everything a governance proposal approving this model version needs. */
export interface ApprovalProposal {
  chainId: number;
  target: Address;
  value: "0";
  calldata: Hex;
  description: string;
  modelVersion: {
    modelId: string;
    version: string;
    weightsHash: Hex;
    task: string;
    uri: string;
    license: string;
    metadataHash: Hex;
  };
}

export interface ApprovalProposalOptions {
  /** Default: the name of the directory's parent (models/<modelId>/<version>). */
  modelId?: string;
  /** Default: the directory's name. */
  version?: string;
  /** Default: text-generation. */
  task?: string;
  /** Where the files can be fetched. Default: the directory's path in this repository (`file:models/...`). */
  uri?: string;
  /** Default: the `license:` of the model card (README.md front matter). */
  license?: string;
  chainId: number;
  /** Where deployment files are; default deployments/. */
  deploymentsDir?: string;
}

// The ModelRegistry's own rules (contracts/libraries/ModelId.sol and SemVer.sol), checked here too so that a bad
// proposal is caught before anyone votes on it.
const MODEL_ID = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Whether the ModelRegistry would accept `modelId` (contracts/libraries/ModelId.sol). */
export function isModelId(modelId: string): boolean {
  return MODEL_ID.test(modelId) && Buffer.byteLength(modelId) <= 64;
}

/** Whether the ModelRegistry would accept `version` (contracts/libraries/SemVer.sol). */
export function isSemVer(version: string): boolean {
  return SEMVER.test(version) && Buffer.byteLength(version) <= 64;
}

function licenseFromModelCard(card: string | undefined): string | undefined {
  const frontMatter = card?.match(/^---\n([\s\S]*?)\n---/);
  return frontMatter?.[1]?.match(/^license:\s*["']?([^"'\n]+?)["']?\s*$/m)?.[1];
}

/** Verifies the model directory and builds the proposal that approves it in the chain's ModelRegistry. */
export async function buildApprovalProposal(dir: string, options: ApprovalProposalOptions): Promise<ApprovalProposal> {
  const absolute = path.resolve(dir);
  const { hash, manifest } = await verifyModelDirectory(absolute);
  const modelId = options.modelId ?? path.basename(path.dirname(absolute));
  const version = options.version ?? path.basename(absolute);
  if (!isModelId(modelId)) {
    throw new ModelError("INVALID_MODEL_ID", `"${modelId}" is not a valid model id`, {
      details:
        "Use 1-64 characters of a-z, 0-9, '-', '.', '_', starting and ending with a letter or digit (--model-id).",
    });
  }
  if (!isSemVer(version)) {
    throw new ModelError("INVALID_VERSION", `"${version}" is not a semantic version`, {
      details: "Use MAJOR.MINOR.PATCH, e.g. 1.1.0 (--version).",
    });
  }
  const card = manifest.files.find((f) => f.path === "README.md");
  const cardText = card ? await readFile(path.join(absolute, "README.md"), "utf8") : undefined;
  const license = options.license ?? licenseFromModelCard(cardText);
  if (!license) {
    throw new ModelError("LICENSE_UNKNOWN", `${dir} has no model card with a license`, {
      details: "Pass --license (an SPDX id such as apache-2.0), or add README.md with `license:` in its front matter.",
    });
  }
  const deployment = readDeployment(options.chainId, options.deploymentsDir);
  const relative = path.relative(process.cwd(), absolute).split(path.sep).join("/");
  const modelVersion = {
    modelId,
    version,
    weightsHash: hash,
    task: options.task ?? "text-generation",
    uri: options.uri ?? `file:${relative}`,
    license,
    metadataHash: card ? (`0x${card.sha256}` as Hex) : zeroHash,
  };
  const size = manifest.files.reduce((s, f) => s + f.size, 0);
  return {
    chainId: options.chainId,
    target: deployment.contracts.ModelRegistry,
    value: "0",
    calldata: encodeFunctionData({ abi: modelRegistryAbi, functionName: "approveModelVersion", args: [modelVersion] }),
    description: [
      `# Approve ${modelId} ${version}`,
      "",
      `Approve ${modelId} ${version} (${modelVersion.task}) for serving.`,
      "",
      `- weightsHash: ${hash} (sha256 of the canonical manifest; verify with \`npm run models -- verify <dir> --expect ${hash}\`)`,
      `- files: ${manifest.files.length}, ${(size / 1e6).toFixed(1)} MB`,
      `- license: ${license}`,
      `- uri: ${modelVersion.uri}`,
      `- model card: ${card ? `sha256 ${card.sha256}` : "none"}`,
    ].join("\n"),
    modelVersion,
  };
}
