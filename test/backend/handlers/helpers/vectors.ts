// Calldata vectors of the subgraph's own tests (test/subgraph/logic.test.ts), shared by the handlers' tests.
import { type Address, keccak256, parseEther, toHex } from "viem";

export const TARGET: Address = "0x1111111111111111111111111111111111111111";
export const ACCOUNT: Address = "0x2222222222222222222222222222222222222222";

export const modelVersion = {
  modelId: "commons-chat",
  version: "1.1.0",
  weightsHash: keccak256(toHex("weights of commons-chat 1.1.0")),
  task: "text-generation",
  uri: "file://models/commons-chat/1.1.0",
  license: "apache-2.0",
  metadataHash: keccak256(toHex("model card")),
};

export const policy = {
  minVotingPower: parseEther("1"),
  quotaPeriod: 86_400,
  requestQuota: 200,
  tokenQuota: 200_000n,
  maxInputTokens: 2_048,
  maxOutputTokens: 512,
  allowedModels: ["commons-chat", "commons-code"],
  redactCategories: (1 << 13) - 1,
  scanAnswers: true,
  restoreOriginals: false,
  promptInjection: 1,
  retentionSeconds: 3_600n,
  contentHash: keccak256(toHex("policy text")),
  textUri: "docs/policies/v2.md",
};
