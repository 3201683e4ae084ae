import type { EntityData } from "../indexer/entity-store.js";
import { ChatError } from "./chat-error.js";

/** The active UsagePolicy, as the chat enforces it (numbers instead of the entity's decimal strings). */
export interface ActivePolicy {
  version: bigint;
  /** Voting power (token units, 18 decimals) a member needs at the latest block. */
  minVotingPower: bigint;
  quotaPeriod: number;
  requestQuota: number;
  tokenQuota: number;
  maxInputTokens: number;
  maxOutputTokens: number;
  /** Model ids members may use; empty: every servable model. */
  allowedModels: string[];
  /** Bitmask of UsagePolicyRegistry.CATEGORY_*. */
  redactCategories: number;
  scanAnswers: boolean;
  restoreOriginals: boolean;
  promptInjection: "Flag" | "Refuse";
  retentionSeconds: number;
}

const integer = (value: unknown, field: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new Error(`UsagePolicy.${field} is not a usable integer: ${String(value)}`);
  return n;
};

/** Reads a stored UsagePolicy entity (subgraph/schema.graphql `UsagePolicy`). */
export function parsePolicy(entity: EntityData | undefined): ActivePolicy {
  if (!entity) {
    throw new ChatError(
      "NO_ACTIVE_POLICY",
      "no usage policy is indexed yet; the backend is still catching up with the chain, try again in a moment",
    );
  }
  return {
    version: BigInt(String(entity.version)),
    minVotingPower: BigInt(String(entity.minVotingPower)),
    quotaPeriod: integer(entity.quotaPeriod, "quotaPeriod"),
    requestQuota: integer(entity.requestQuota, "requestQuota"),
    tokenQuota: integer(entity.tokenQuota, "tokenQuota"),
    maxInputTokens: integer(entity.maxInputTokens, "maxInputTokens"),
    maxOutputTokens: integer(entity.maxOutputTokens, "maxOutputTokens"),
    allowedModels: Array.isArray(entity.allowedModels) ? entity.allowedModels.map(String) : [],
    redactCategories: integer(entity.redactCategories, "redactCategories"),
    scanAnswers: entity.scanAnswers === true,
    restoreOriginals: entity.restoreOriginals === true,
    promptInjection: entity.promptInjection === "Refuse" ? "Refuse" : "Flag",
    retentionSeconds: integer(entity.retentionSeconds, "retentionSeconds"),
  };
}
