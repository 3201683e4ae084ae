import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { type Address, type Hex, parseEther, zeroAddress } from "viem";

/** All personal-data categories of the UsagePolicyRegistry (its `ALL_CATEGORIES`). */
export const ALL_REDACTION_CATEGORIES = (1 << 13) - 1;

/** UsagePolicyRegistry.PromptInjectionAction */
export const PromptInjectionAction = { Flag: 0, Refuse: 1 } as const;

export interface GovernorSettings {
  votingDelay: number;
  votingPeriod: number;
  proposalThreshold: bigint;
  quorumNumerator: bigint;
  lateQuorumVoteExtension: number;
  executionGracePeriod: number;
  proposalGuardian: Address;
}

export interface UsagePolicy {
  minVotingPower: bigint;
  quotaPeriod: number;
  requestQuota: number;
  tokenQuota: bigint;
  maxInputTokens: number;
  maxOutputTokens: number;
  allowedModels: string[];
  redactCategories: number;
  scanAnswers: boolean;
  restoreOriginals: boolean;
  promptInjection: number;
  retentionSeconds: bigint;
  contentHash: Hex;
  textUri: string;
}

export interface CommonsParameters {
  tokenName: string;
  tokenSymbol: string;
  recipients: Address[];
  amounts: bigint[];
  timelockMinDelay: bigint;
  governorSettings: GovernorSettings;
  genesisPolicy: UsagePolicy;
}

/** sha256 of a file, as the 0x-prefixed bytes32 a registry stores. */
export function sha256File(path: string | URL): Hex {
  return `0x${createHash("sha256").update(readFileSync(path)).digest("hex")}`;
}

const GENESIS_POLICY_TEXT = new URL("../docs/policies/genesis.md", import.meta.url);

/** The genesis usage policy; its text is docs/policies/genesis.md, pinned by sha256. */
export function genesisPolicy(): UsagePolicy {
  return {
    minVotingPower: parseEther("1"),
    quotaPeriod: 86_400,
    requestQuota: 200,
    tokenQuota: 200_000n,
    maxInputTokens: 2_048,
    maxOutputTokens: 512,
    allowedModels: [],
    redactCategories: ALL_REDACTION_CATEGORIES,
    scanAnswers: true,
    restoreOriginals: true,
    promptInjection: PromptInjectionAction.Refuse,
    retentionSeconds: 0n,
    contentHash: sha256File(GENESIS_POLICY_TEXT),
    textUri: "docs/policies/genesis.md",
  };
}

/**
 * Parameters for a local development chain: the supply is spread over the first five dev accounts (so several people
 * can propose and vote), account #1 is the proposal guardian, and periods are minutes, not days.
 */
export function localParameters(accounts: readonly Address[]): CommonsParameters {
  if (accounts.length < 5) {
    throw new Error(`a local deployment needs at least 5 unlocked accounts, the node has ${accounts.length}`);
  }
  return {
    tokenName: "Commons Governance",
    tokenSymbol: "COMMONS",
    recipients: accounts.slice(0, 5),
    amounts: [
      parseEther("400000"),
      parseEther("150000"),
      parseEther("150000"),
      parseEther("150000"),
      parseEther("150000"),
    ],
    timelockMinDelay: 60n,
    governorSettings: {
      votingDelay: 60,
      votingPeriod: 600,
      proposalThreshold: parseEther("1000"),
      quorumNumerator: 4n,
      lateQuorumVoteExtension: 120,
      executionGracePeriod: 86_400,
      proposalGuardian: accounts[1] ?? zeroAddress,
    },
    genesisPolicy: genesisPolicy(),
  };
}

/**
 * Reads a deployment parameters file for a real network. Same format as Ignition's parameter files: the module's
 * parameters (see {@link CommonsParameters}), with big numbers written as strings of digits ending in `n`
 * (`"1000000000000000000000n"`), which JSON cannot hold as numbers. Either the parameters themselves, or
 * `{ "Commons": { ... } }` as Ignition writes it.
 */
export function readParametersFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"), (_key, value: unknown) =>
      typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
    );
  } catch (error) {
    throw new Error(`Cannot read deployment parameters from ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file} must hold a JSON object with the deployment parameters`);
  }
  const object = parsed as Record<string, unknown>;
  const parameters = (object.Commons ?? object) as Record<string, unknown>;
  const missing = (["recipients", "amounts", "timelockMinDelay", "governorSettings", "genesisPolicy"] as const).filter(
    (name) => parameters[name] === undefined,
  );
  if (missing.length > 0) throw new Error(`${file} is missing the parameters: ${missing.join(", ")}`);
  return parameters;
}
