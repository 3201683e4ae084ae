// The registries' decisions over time, rebuilt from their logs: which status a model version had, and which usage
// policy was active, at any past moment. The contracts keep only the current state; the logs keep every change.
import type { Hex, PublicClient } from "viem";
import type { Deployment } from "../../../deployments/index.js";
import { modelRegistryAbi, usagePolicyRegistryAbi } from "../../../generated/contracts.js";

/** A registered model version's status: Approved and Deprecated are servable, Revoked never again. */
export type ModelVersionStatus = "Approved" | "Deprecated" | "Revoked";

/** A change, at a block's time. */
interface Change {
  /** Block timestamp, unix seconds. */
  at: number;
  blockNumber: bigint;
  logIndex: number;
}

export interface ModelVersionChange extends Change {
  modelId: string;
  version: string;
  status: ModelVersionStatus;
  weightsHash: Hex;
  /** Why it was revoked (revocations only). */
  reason?: string;
}

export interface PolicyChange extends Change {
  /** The version active from this change on; `previous` the one before it (0: none). */
  version: bigint;
  previous: bigint;
}

export interface RegistryHistory {
  /** Status changes of every model version, oldest first. */
  modelVersions: ModelVersionChange[];
  /** Changes of the active usage policy, oldest first. */
  activePolicy: PolicyChange[];
  /** Published policy versions, with their time of publication. */
  publishedPolicies: Map<bigint, number>;
}

/**
 * Reads the ModelRegistry's and the UsagePolicyRegistry's logs from the deployment's start block to `toBlock`, with
 * each log's block timestamp. Registry changes are governance decisions, so there are few: one eth_getLogs call per
 * registry, and one header per block with a change.
 */
export async function readRegistryHistory(
  client: PublicClient,
  deployment: Deployment,
  toBlock: bigint,
): Promise<RegistryHistory> {
  const fromBlock = BigInt(deployment.startBlock);
  const [modelLogs, policyLogs] = await Promise.all([
    client.getContractEvents({
      address: deployment.contracts.ModelRegistry,
      abi: modelRegistryAbi,
      fromBlock,
      toBlock,
      strict: true,
    }),
    client.getContractEvents({
      address: deployment.contracts.UsagePolicyRegistry,
      abi: usagePolicyRegistryAbi,
      fromBlock,
      toBlock,
      strict: true,
    }),
  ]);
  const blocks = new Set<bigint>();
  for (const log of [...modelLogs, ...policyLogs]) blocks.add(log.blockNumber);
  const times = new Map(
    await Promise.all(
      [...blocks].map(async (blockNumber) => {
        const block = await client.getBlock({ blockNumber });
        return [blockNumber, Number(block.timestamp)] as const;
      }),
    ),
  );
  const when = (log: { blockNumber: bigint; logIndex: number }): Change => ({
    at: times.get(log.blockNumber) ?? 0,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
  });

  const modelVersions: ModelVersionChange[] = [];
  for (const log of modelLogs) {
    const status =
      log.eventName === "ModelVersionApproved" || log.eventName === "ModelVersionReinstated"
        ? "Approved"
        : log.eventName === "ModelVersionDeprecated"
          ? "Deprecated"
          : log.eventName === "ModelVersionRevoked"
            ? "Revoked"
            : undefined;
    if (status === undefined || !("version" in log.args) || !("weightsHash" in log.args)) continue;
    const { modelId, version, weightsHash } = log.args;
    const reason = log.eventName === "ModelVersionRevoked" ? { reason: log.args.reason } : {};
    modelVersions.push({ ...when(log), modelId, version, status, weightsHash, ...reason });
  }

  const activePolicy: PolicyChange[] = [];
  const publishedPolicies = new Map<bigint, number>();
  for (const log of policyLogs) {
    if (log.eventName === "PolicyPublished") publishedPolicies.set(log.args.version, when(log).at);
    else if (log.eventName === "ActivePolicyChanged") {
      activePolicy.push({ ...when(log), version: log.args.version, previous: log.args.previousVersion });
    }
  }
  return { modelVersions: byTime(modelVersions), activePolicy: byTime(activePolicy), publishedPolicies };
}

function byTime<T extends Change>(changes: T[]): T[] {
  return changes.sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
}

/** The last of `changes` (oldest first) in effect at `time`: a change applies from its block's timestamp on. */
export function changeAt<T extends Change>(changes: readonly T[], time: number): T | undefined {
  let found: T | undefined;
  for (const change of changes) {
    if (change.at > time) break;
    found = change;
  }
  return found;
}
