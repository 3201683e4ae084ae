// UsagePolicyRegistry.UsagePolicy in entity fields: for a published policy (PolicyPublished) and a proposed one (a
// publishPolicy action).

import type { Hex } from "viem";
import type { UsagePolicyFields } from "../entities.js";
import { sanitize } from "./text.js";

/** UsagePolicyRegistry.UsagePolicy as viem decodes it from an event or from calldata. */
export interface UsagePolicyStruct {
  minVotingPower: bigint;
  quotaPeriod: number;
  requestQuota: number;
  tokenQuota: bigint;
  maxInputTokens: number;
  maxOutputTokens: number;
  allowedModels: readonly string[];
  redactCategories: number;
  scanAnswers: boolean;
  restoreOriginals: boolean;
  promptInjection: number;
  retentionSeconds: bigint;
  contentHash: Hex;
  textUri: string;
}

/**
 * The entity fields of a usage policy. `redactCategories` is an `Int` (i32): a proposed bitmask of 2^31 or more wraps
 * around, as the subgraph's `u32 as i32` does (the registry rejects such a policy anyway).
 */
export function usagePolicyFields(policy: UsagePolicyStruct): UsagePolicyFields {
  return {
    minVotingPower: policy.minVotingPower.toString(),
    quotaPeriod: policy.quotaPeriod.toString(),
    requestQuota: policy.requestQuota.toString(),
    tokenQuota: policy.tokenQuota.toString(),
    maxInputTokens: policy.maxInputTokens.toString(),
    maxOutputTokens: policy.maxOutputTokens.toString(),
    allowedModels: policy.allowedModels.map(sanitize),
    redactCategories: policy.redactCategories | 0,
    scanAnswers: policy.scanAnswers,
    restoreOriginals: policy.restoreOriginals,
    promptInjection: policy.promptInjection === 1 ? "Refuse" : "Flag",
    retentionSeconds: policy.retentionSeconds.toString(),
    contentHash: policy.contentHash.toLowerCase() as Hex,
    textUri: sanitize(policy.textUri),
  };
}
